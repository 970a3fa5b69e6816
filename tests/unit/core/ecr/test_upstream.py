"""Upstream moved? A cached tag's digest (DescribeImages) against the upstream's, from one HEAD
of its manifest through the anonymous token flow (MockTransport), and on the demo's caches."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import httpx
import pytest

from ecr_tui.core.anonymous_registry import AnonymousRegistry
from ecr_tui.core.ecr import upstream as up
from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import ImageDetail, PullThroughRule
from ecr_tui.core.registry.anonymous import AnonymousRegistries
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.demo.pullthrough import CACHED

OLD, NEW = "sha256:" + "0" * 64, "sha256:" + "1" * 64
RULES = [
    PullThroughRule("docker-hub", "registry-1.docker.io", "docker-hub", "ROOT", "arn", None, None,
                    "123456789012"),
    PullThroughRule("ghcr-my-org", "ghcr.io", "github-container-registry", "my-org", None, None,
                    None, "123456789012"),
]


class CacheBackend:
    """What check_upstream asks of a Backend: rules, DescribeImages of one tag, the upstream."""

    def __init__(self, registries: AnonymousRegistries, cached: dict[str, str]) -> None:
        self._registries = registries
        self._cached = cached

    def pull_through_cache_rules(self, profile: str, region: str) -> list[PullThroughRule]:
        return RULES

    def image(self, profile: str, region: str, repository: str, tag: str) -> ImageDetail | None:
        digest = self._cached.get(f"{repository}:{tag}")
        return ImageDetail(digest, (tag,)) if digest else None

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        return self._registries.host(host)


@pytest.fixture
def upstream() -> Iterator[tuple[list[httpx.Request], AnonymousRegistries]]:
    seen: list[httpx.Request] = []
    digests = {"/v2/library/nginx/manifests/1.27": NEW, "/v2/library/nginx/manifests/1.26": OLD,
               "/v2/my-org/app/manifests/v1": OLD}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "auth.docker.io" or request.url.path == "/token":
            return httpx.Response(200, json={"token": "anon-" + "t" * 30})
        if not request.headers.get("authorization"):
            realm = ("https://auth.docker.io/token" if request.url.host == "registry-1.docker.io"
                     else "https://ghcr.io/token")
            return httpx.Response(401, headers={
                "WWW-Authenticate": f'Bearer realm="{realm}",service="svc"'})
        digest = digests.get(request.url.path)
        if digest is None:
            return httpx.Response(404)
        return httpx.Response(200, headers={"Docker-Content-Digest": digest})

    with ThreadPoolExecutor(2) as pool, AnonymousRegistries(
        pool, environ={}, transport=httpx.MockTransport(handler)
    ) as registries:
        yield seen, registries


def test_moved_same_not_cached_and_not_upstream(upstream) -> None:  # noqa: ANN001
    seen, registries = upstream
    backend = CacheBackend(registries, {"docker-hub/library/nginx:1.27": OLD,
                                        "docker-hub/library/nginx:1.26": OLD,
                                        "ghcr-my-org/app:v1": OLD})

    def check(repository: str, tag: str) -> up.UpstreamCheck:
        return up.check_upstream(backend, "p", "us-east-1", repository, tag)  # type: ignore[arg-type]

    moved = check("docker-hub/library/nginx", "1.27")
    assert (moved.status, moved.upstream) == (up.MOVED, "docker.io/library/nginx:1.27")
    assert (moved.cached_digest, moved.upstream_digest) == (OLD, NEW)
    assert check("docker-hub/library/nginx", "1.26").status == up.SAME
    # An upstream repository prefix is put back: ghcr-my-org/app is ghcr.io/my-org/app.
    assert check("ghcr-my-org/app", "v1").upstream == "ghcr.io/my-org/app:v1"
    assert check("ghcr-my-org/app", "v1").status == up.SAME
    assert check("docker-hub/library/nginx", "1.25").status == up.NOT_UPSTREAM
    fresh = check("docker-hub/library/redis", "7")
    assert fresh.status == up.NOT_UPSTREAM and fresh.cached_digest == ""
    # The upstream's manifests were only ever HEADed: not a pull on Docker Hub or ECR Public.
    assert {r.method for r in seen if "/manifests/" in r.url.path} == {"HEAD"}
    assert all(r.url.host != "registry-1.docker.io" or r.method == "HEAD" for r in seen)


def test_a_repository_no_rule_made_is_one_line(upstream) -> None:  # noqa: ANN001
    backend = CacheBackend(upstream[1], {})
    with pytest.raises(EcrTuiError, match="team/api is not a pull-through-cache repository"):
        up.check_upstream(backend, "p", "us-east-1", "team/api", "v1")  # type: ignore[arg-type]


def test_the_demo_shows_an_upstream_that_moved() -> None:
    demo = DemoBackend(clock=lambda: datetime(2026, 5, 1, tzinfo=timezone.utc))
    profile = demo.default_profile()
    region = demo.require_region(profile)
    repository = f"docker-hub/{CACHED['docker-hub'][0]}"
    tags = [r.tag for r in demo.tags(profile, region, repository)]
    assert up.check_upstream(demo, profile, region, repository, "latest").status == up.MOVED
    other = next(t for t in tags if t != "latest")
    assert up.check_upstream(demo, profile, region, repository, other).status == up.SAME


def test_each_answer_is_one_line_naming_the_cached_tag_and_the_upstream() -> None:
    def check(status: str, **kw: str) -> str:
        return up.UpstreamCheck("docker-hub/library/nginx", "1.27", "docker.io/library/nginx:1.27",
                                status, **kw).line()

    assert check(up.SAME, cached_digest=OLD, upstream_digest=OLD) == (
        "docker-hub/library/nginx:1.27 matches upstream docker.io/library/nginx:1.27 "
        f"({OLD[:19]})")
    assert check(up.MOVED, cached_digest=OLD, upstream_digest=NEW) == (
        f"docker-hub/library/nginx:1.27: upstream moved — cached {OLD[:19]}, "
        f"docker.io/library/nginx:1.27 is now {NEW[:19]}")
    assert "not cached yet" in check(up.NOT_CACHED, upstream_digest=NEW)
    assert "has no such tag (manifest unknown)" in check(up.NOT_UPSTREAM,
                                                         reason="manifest unknown")
    assert check(up.UNREACHABLE, reason="timed out").endswith(
        "unreachable anonymously: timed out")
    for status in (up.SAME, up.MOVED, up.NOT_CACHED, up.NOT_UPSTREAM, up.UNREACHABLE):
        assert "\n" not in check(status, cached_digest=OLD, upstream_digest=NEW, reason="x")
