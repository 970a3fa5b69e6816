"""Upstream moved, end to end, in a world of its own (tests/harness/upstream_world): moto with a
pull-through-cache rule whose upstream is the bearer-token front before Debian's docker-registry.
The installed `ecr-tui upstream` and the TUI's M on the AWS backend: each check is one
DescribeImages and one anonymous HEAD upstream — never a manifest GET there, never a write."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.models import Target
from ecr_tui.ui.app import make_app
from tests.harness import bearer_front, readonly_audit
from tests.harness import inspect_seed as seeded
from tests.harness import upstream_world as uw
from tests.harness.upstream_world import UpstreamWorld
from tests.integration.test_cli_e2e import ecr_tui
from tests.ui.uihelpers import SIZE, open_tags, record_notifications, settle, wait_for_target

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UpstreamWorld]:
    if not Path(bearer_front.registry.REGISTRY_BIN).exists():
        pytest.skip("docker-registry missing (apt-get install docker-registry)")
    with uw.running(tmp_path_factory.mktemp("upstream")) as world:
        yield world


def _manifest_reads(world: UpstreamWorld) -> tuple[int, int]:
    counts = world.bearer.counts()
    return counts.get("HEAD manifest", 0), counts.get("GET manifest", 0)


def _audit(world: UpstreamWorld) -> list[str]:
    return [line for line in world.audit_file.read_text("utf-8").splitlines() if line]


def test_the_cli_says_same_moved_not_cached_and_not_upstream(upstream: UpstreamWorld) -> None:
    digests = seeded.build().digests
    heads, gets = _manifest_reads(upstream)
    images = [f"{uw.CACHED}:{tag}" for tag in ("v1", "v0", "multi", "gone")]
    result = ecr_tui(["upstream", *images, "--json"], upstream.env)
    assert result.returncode == 0, result.stderr
    found = {c["tag"]: c for c in json.loads(result.stdout)}
    assert {t: c["status"] for t, c in found.items()} == {
        "v1": "same", "v0": "upstream moved", "multi": "not cached", "gone": "not upstream"}
    front = f"{upstream.bearer.host}/{seeded.REPO}"
    assert found["v0"]["upstream"] == f"{front}:v0"
    assert (found["v0"]["cached_digest"], found["v0"]["upstream_digest"]) == (
        digests["v1"], digests["v0"])
    assert found["multi"]["upstream_digest"] == digests["multi"]
    # One HEAD per tag upstream, no GET of a manifest; towards AWS, reads only.
    assert _manifest_reads(upstream) == (heads + 4, gets)
    assert readonly_audit.violations(_audit(upstream)) == []
    assert "ecr.DescribePullThroughCacheRules" in _audit(upstream)


def test_the_tui_m_key_says_upstream_moved_with_one_head(
    upstream: UpstreamWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in list(os.environ):  # boto3 reads os.environ: this world's, for this test only
        if key not in upstream.env:
            monkeypatch.delenv(key)
    for key, value in upstream.env.items():
        monkeypatch.setenv(key, value)
    digests = seeded.build().digests

    async def scenario() -> None:
        backend = AwsBackend(environ=dict(upstream.env))
        app = make_app(backend)
        async with app.run_test(size=SIZE) as pilot:
            shown = record_notifications(app)
            target = Target("default", seeded.REGION)
            await wait_for_target(pilot, target)
            await settle(pilot, lambda: target in app.session.rules)
            screen = await open_tags(pilot, uw.CACHED)
            await pilot.press("i")  # one row per tag: v0 and v1 are one image in the cache
            await settle(pilot, lambda: not screen.tag_list.grouped
                         and any(r.tag == "v0" for r in screen.tag_list.rows))
            heads, gets = _manifest_reads(upstream)
            screen.tag_list.move_to(
                next(i for i, r in enumerate(screen.tag_list.rows) if r.tag == "v0"))
            await pilot.press("M")
            await settle(pilot, lambda: any("upstream" in m for m in shown))
            line = next(m for m in shown if "upstream" in m)
            assert line == (f"{uw.CACHED}:v0: upstream moved — cached {digests['v1'][:19]}, "
                            f"{upstream.bearer.host}/{seeded.REPO}:v0 is now "
                            f"{digests['v0'][:19]}")
            assert _manifest_reads(upstream) == (heads + 1, gets)
        backend.close()

    asyncio.run(scenario())
    assert readonly_audit.violations(_audit(upstream)) == []
