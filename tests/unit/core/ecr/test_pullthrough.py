"""Upstream image references and the pull URI through the pull-through cache."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.ecr.pullthrough import parse_image, pull_uri, rule_for_repository, upstream_host
from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import PullThroughRule

ACCOUNT = "123456789012"
HOST = f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com"
RULES = [
    PullThroughRule("docker-hub", "registry-1.docker.io", "docker-hub", registry_id=ACCOUNT),
    PullThroughRule("ecr-public", "public.ecr.aws", "ecr-public", registry_id=ACCOUNT),
    PullThroughRule("ghcr", "ghcr.io", "github-container-registry", registry_id=ACCOUNT),
    PullThroughRule("quay", "https://quay.io", "quay", registry_id=ACCOUNT),
    PullThroughRule("team", "ghcr.io", "github-container-registry", "my-org", registry_id=ACCOUNT),
    PullThroughRule("ROOT", "444455556666.dkr.ecr.us-west-2.amazonaws.com", "ecr",
                    registry_id=ACCOUNT),
]


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("docker.io/library/nginx:1.27", f"{HOST}/docker-hub/library/nginx:1.27"),
        ("nginx", f"{HOST}/docker-hub/library/nginx"),  # Docker Hub's implied library/
        ("nginx:1.27", f"{HOST}/docker-hub/library/nginx:1.27"),
        ("index.docker.io/grafana/grafana:11", f"{HOST}/docker-hub/grafana/grafana:11"),
        ("grafana/grafana@sha256:ab", f"{HOST}/docker-hub/grafana/grafana@sha256:ab"),
        ("ghcr.io/org/app:tag", f"{HOST}/ghcr/org/app:tag"),
        ("ghcr.io/my-org/app:tag", f"{HOST}/team/app:tag"),  # the upstream prefix rule wins
        ("quay.io/prometheus/node-exporter:v1", f"{HOST}/quay/prometheus/node-exporter:v1"),
        ("public.ecr.aws/docker/library/python:3.12",
         f"{HOST}/ecr-public/docker/library/python:3.12"),
        ("444455556666.dkr.ecr.us-west-2.amazonaws.com/team/api:v1", f"{HOST}/team/api:v1"),
        ("https://quay.io/a/b:1@sha256:cd", f"{HOST}/quay/a/b:1@sha256:cd"),
    ],
)
def test_pull_uri(image: str, expected: str) -> None:
    assert pull_uri(image, RULES, "eu-west-1") == expected


def test_pull_uri_in_china_uses_the_cn_domain() -> None:
    uri = pull_uri("quay.io/a/b", RULES, "cn-north-1")
    assert uri == f"{ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/quay/a/b"


@pytest.mark.parametrize("image", ["gcr.io/a/b:1", "registry.k8s.io/pause", "localhost:5000/x"])
def test_an_image_no_rule_covers_is_one_error_line(image: str) -> None:
    with pytest.raises(EcrTuiError) as caught:
        pull_uri(image, RULES, "eu-west-1")
    assert "no pull-through-cache rule" in str(caught.value) and "\n" not in str(caught.value)


def test_no_rules_at_all() -> None:
    with pytest.raises(EcrTuiError, match="covers docker.io/library/nginx"):
        pull_uri("nginx", [], "eu-west-1")


@pytest.mark.parametrize("text", ["", "  ", "a b", "ghcr.io/", "docker.io/"])
def test_not_an_image(text: str) -> None:
    with pytest.raises(EcrTuiError):
        parse_image(text)


def test_parse_image_registry_detection() -> None:
    assert parse_image("localhost:5000/app:1").registry == "localhost:5000"
    assert parse_image("team/app").registry == "docker.io"
    assert parse_image("team/app").repository == "team/app"
    assert parse_image("registry-1.docker.io/redis").repository == "library/redis"
    assert upstream_host("registry-1.docker.io") == "docker.io"


@given(st.text(max_size=60))
def test_parse_image_never_raises_anything_else(text: str) -> None:
    try:
        ref = parse_image(text)
    except EcrTuiError:
        return
    assert ref.registry and ref.repository


def test_rule_for_repository_marks_the_most_specific_prefix_not_root() -> None:
    rules = [*RULES, PullThroughRule("docker-hub/library", "registry-1.docker.io")]
    assert rule_for_repository("docker-hub/library/nginx", rules).prefix == "docker-hub/library"
    assert rule_for_repository("ghcr/org/app", rules).upstream_registry_url == "ghcr.io"
    assert rule_for_repository("team-x/app", rules) is None  # ROOT marks nothing
    assert rule_for_repository("quay", rules) is None
