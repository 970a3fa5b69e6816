"""Any registry's public image with no credentials at all: the installed `ecr-tui tags` and
`inspect` against Debian's docker-registry behind a bearer-token front
(tests/harness/bearer_front)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from ecr_tui.core.registry.anonymous import AnonymousRegistries
from tests.harness import bearer_front
from tests.harness import inspect_seed as seeded
from tests.harness.bearer_front import BearerWorld
from tests.harness.world import base_env
from tests.integration.test_cli_e2e import ecr_tui, one_line_error

pytestmark = pytest.mark.integration
REPO = seeded.REPO  # "inspect/app": ALIAS/REPO on public.ecr.aws


@pytest.fixture(scope="module")
def bearer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BearerWorld]:
    if not Path(bearer_front.registry.REGISTRY_BIN).exists():
        pytest.skip("docker-registry missing (apt-get install docker-registry)")
    with bearer_front.running(tmp_path_factory.mktemp("bearer")) as world:
        with httpx.Client(timeout=30, trust_env=False) as client:
            seeded.push(client, world.upstream_url)
        yield world


@pytest.fixture
def env(bearer: BearerWorld, tmp_path: Path) -> dict[str, str]:
    """No AWS configuration or credentials of any kind; public.ecr.aws is the front."""
    environ = base_env(tmp_path)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "DOCKER_CONFIG"):
        (tmp_path / name).mkdir()
        environ[name] = str(tmp_path / name)
    environ.update({
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "ECR_TUI_PUBLIC_REGISTRY_URL": bearer.url,
    })
    return environ


def _ok(args: list[str], env: dict[str, str]) -> object:
    result = ecr_tui([*args, "--json"], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _seeded_tags() -> set[str]:
    return {tag for m in seeded.build().manifests for tag in m.tags}


@pytest.mark.parametrize("host", ["public.ecr.aws", "front"])
def test_tags_of_a_public_image_anonymously_and_no_manifest_read(
    bearer: BearerWorld, env: dict[str, str], host: str
) -> None:
    host = bearer.host if host == "front" else host  # any registry speaking the flow
    before = bearer.counts()
    rows = _ok(["tags", f"{host}/{REPO}"], env)
    after = bearer.counts()
    assert {r["tag"] for r in rows} == _seeded_tags()
    assert all(r["digest"] is None and r["pushed_at"] is None for r in rows)
    assert after.get("token", 0) == before.get("token", 0) + 1  # one token, one scope
    # Looking is not changing: no manifest was read (GET or HEAD) to list the tags.
    for kind in ("GET manifest", "HEAD manifest"):
        assert after.get(kind, 0) == before.get(kind, 0)


def test_inspect_of_a_public_image_anonymously(bearer: BearerWorld, env: dict[str, str]) -> None:
    plan = seeded.build()
    result = ecr_tui(["inspect", f"public.ecr.aws/{REPO}:v1", "--json"], env)
    assert result.returncode == 0, result.stderr
    for value in seeded.SECRET_VALUES:
        assert value not in result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["repository"] == f"public.ecr.aws/{REPO}"
    assert data["digest"] == plan.digests["v1"]
    assert sum(1 for layer in data["layers"] if not layer["empty_layer"]) == plan.layers["v1"]
    assert {r["kind"] for r in data["referrers"]} == {"signature", "sbom"}
    assert data["scan"]["status"] == "NOT_SCANNED"
    multi = _ok(["inspect", f"public.ecr.aws/{REPO}:multi", "--platform", "linux/arm64"], env)
    assert {p["digest"] for p in multi["platforms"]} == set(plan.children.values())
    human = ecr_tui(["inspect", f"public.ecr.aws/{REPO}@{plan.digests['v0']}"], env)
    assert human.returncode == 0 and plan.digests["v0"] in human.stdout


def test_a_token_the_registry_refuses_is_fetched_again(bearer: BearerWorld) -> None:
    with ThreadPoolExecutor(2) as pool:
        registries = AnonymousRegistries(pool, environ={})
        try:
            registry = registries.host(bearer.host)
            first = bearer.counts()
            assert set(registry.tags(REPO)) == _seeded_tags()
            assert registry.digest(REPO, "v1") == seeded.build().digests["v1"]  # cached token
            assert bearer.counts()["token"] == first.get("token", 0) + 1
            bearer.expire_tokens()  # the server now refuses the cached token
            assert set(registry.tags(REPO)) == _seeded_tags()
            after = bearer.counts()
            assert after["token"] == first.get("token", 0) + 2
            assert after["refused"] > first.get("refused", 0)
        finally:
            registries.close()


def test_a_registry_that_wants_a_password_is_one_line(
    bearer: BearerWorld, env: dict[str, str]
) -> None:
    bearer.set_auth("basic")
    try:
        line = one_line_error(ecr_tui(["tags", f"public.ecr.aws/{REPO}"], env))
    finally:
        bearer.set_auth("bearer")
    assert "wants a username and password (Basic)" in line
    assert "docker login" in line


def test_an_unknown_public_repository_is_one_line(env: dict[str, str]) -> None:
    line = one_line_error(ecr_tui(["tags", "public.ecr.aws/inspect/nothing-here"], env))
    assert "inspect/nothing-here" in line
