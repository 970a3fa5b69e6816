"""Looking is not pulling (issue 19), against the stand-ins: a listing reads no manifest and no
blob (the registry front counts them), archived and activating images are listed, index
platforms come from the manifest cache after one open, or from `--platforms`."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import boto3
import pytest

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.models import Target
from ecr_tui.ui.app import make_app
from tests.harness import moto_pull_times
from tests.harness.inspect_seed import REPO as INSPECT_REPO
from tests.harness.world import World
from tests.integration.test_cli_e2e import ecr_tui, ok_json
from tests.ui.uihelpers import SIZE, open_tags, settle, wait_for_target

pytestmark = pytest.mark.integration
PLATFORMS = ["linux/amd64", "linux/arm64"]


@pytest.fixture
def env(world_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """The world's environment with a manifest cache of this test's own."""
    cache = tmp_path / "cache"
    cache.mkdir()
    return {**world_env, "XDG_CACHE_HOME": str(cache)}


def gets(world: World, *repositories: str) -> tuple[int, int]:
    """(manifest GETs, blob GETs) the registry served so far for these repositories."""
    counts = world.registry_gets()
    return (sum(counts["manifests"].get(r, 0) for r in repositories),
            sum(counts["blobs"].get(r, 0) for r in repositories))


def test_listing_tags_reads_no_manifest_and_no_blob(world: World, env: dict[str, str]) -> None:
    before = gets(world, world.big_repo, INSPECT_REPO)
    rows = ok_json(["tags", world.big_repo], env)
    table = ecr_tui(["tags", INSPECT_REPO], env)
    assert table.returncode == 0, table.stderr
    assert gets(world, world.big_repo, INSPECT_REPO) == before
    index = next(r for r in rows if r["tag"] == world.index_tag)
    assert "index" in index["media_type"] and index["platforms"] == []
    multi = next(line for line in table.stdout.splitlines() if line.startswith("multi "))
    assert "multi-arch" in multi


def test_platforms_flag_reads_each_index_once_then_the_cache_answers(
    world: World, env: dict[str, str]
) -> None:
    before = gets(world, world.big_repo)
    asked = ecr_tui(["tags", world.big_repo, "--platforms", "--json"], env)
    assert asked.returncode == 0, asked.stderr
    rows = {r["tag"]: r for r in json.loads(asked.stdout)}
    assert rows[world.index_tag]["platforms"] == PLATFORMS
    assert gets(world, world.big_repo) == (before[0] + 1, before[1])  # one index, no blob
    assert "records each manifest read as a pull" in asked.stderr
    again = {r["tag"]: r for r in ok_json(["tags", world.big_repo], env)}
    assert again[world.index_tag]["platforms"] == PLATFORMS
    assert gets(world, world.big_repo) == (before[0] + 1, before[1])


def test_one_open_fills_the_cache_the_listing_reads(world: World, env: dict[str, str]) -> None:
    opened = ecr_tui(["inspect", f"{world.big_repo}:{world.index_tag}", "--json"], env)
    assert opened.returncode == 0, opened.stderr
    before = gets(world, world.big_repo)
    rows = {r["tag"]: r for r in ok_json(["tags", world.big_repo], env)}
    assert rows[world.index_tag]["platforms"] == PLATFORMS
    assert gets(world, world.big_repo) == before


def test_archived_and_activating_images_are_listed_with_their_times(
    world: World, env: dict[str, str]
) -> None:
    rows = {r["tag"]: r for r in ok_json(["tags", INSPECT_REPO], env)}
    assert rows["v0"]["image_status"] == "ARCHIVED"
    assert rows["v0"]["last_archived_at"].startswith("2026-01-31")
    assert rows["v0"]["last_activated_at"] is None
    assert rows["v1"]["image_status"] == "ACTIVE" and rows["v1"]["last_archived_at"] is None
    repo, tag = moto_pull_times.ACTIVATING
    restoring = {r["tag"]: r for r in ok_json(["tags", repo], env)}[tag]
    assert restoring["image_status"] == "ACTIVATING"
    assert restoring["last_archived_at"].startswith("2026-01-21")
    assert restoring["last_activated_at"].startswith("2026-02-10")
    table = ecr_tui(["tags", INSPECT_REPO], env)
    assert any(line.startswith("v0 ") and line.rstrip().endswith("ARCHIVED")
               for line in table.stdout.splitlines())


def test_the_stand_in_hides_archived_images_unless_asked(world: World) -> None:
    ecr = boto3.client("ecr", region_name=world.region, endpoint_url=world.moto_url,
                       aws_access_key_id="seed", aws_secret_access_key="seed")
    plain = ecr.describe_images(repositoryName=INSPECT_REPO)["imageDetails"]
    every = ecr.describe_images(repositoryName=INSPECT_REPO,
                                filter={"imageStatus": "ANY"})["imageDetails"]
    archived = ecr.describe_images(repositoryName=INSPECT_REPO,
                                   filter={"imageStatus": "ARCHIVED"})["imageDetails"]
    assert all(i["imageStatus"] == "ACTIVE" for i in plain)
    assert len(every) == len(plain) + 1
    assert [i["imageTags"] for i in archived] == [["v0"]]


def test_reads_of_an_excluded_principal_are_said_not_to_count(
    world: World, env: dict[str, str], tmp_path: Path
) -> None:
    counted = ecr_tui(["tags", world.big_repo, "--platforms"], env)
    assert counted.returncode == 0, counted.stderr
    assert "records each manifest read as a pull" in counted.stderr
    # The `role` profile assumes the role the stand-in lists in its exclusions.
    own_cache = {**env, "XDG_CACHE_HOME": str(tmp_path / "role-cache")}
    excluded = ecr_tui(["tags", world.big_repo, "--platforms", "--profile", "role"], own_cache)
    assert excluded.returncode == 0, excluded.stderr
    assert "pull-time update exclusions: its reads do not count" in excluded.stderr
    assert "ecr.ListPullTimeUpdateExclusions" in world.audit_lines()


def test_tui_listing_and_cursor_read_no_manifest_until_enter(
    world: World, process_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "tui-cache"))
    environ = {**process_env, "XDG_CACHE_HOME": str(tmp_path / "tui-cache")}

    async def scenario() -> None:
        backend = AwsBackend(environ=environ)
        app = make_app(backend)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", world.region))
            before = gets(world, INSPECT_REPO)
            screen = await open_tags(pilot, INSPECT_REPO)
            view = screen.tag_list
            await settle(pilot, lambda: len(view.rows) >= 4 and all(r.digest for r in view.rows))
            for _ in range(len(view.rows)):  # the cursor over every image, resting on each
                await pilot.press("down")
                await settle(pilot, lambda: screen.detail.key is not None
                             and screen.detail.row is view.highlighted)
            await settle(pilot)
            assert gets(world, INSPECT_REPO) == before
            archived = next(i for i, g in enumerate(view.groups) if g.row.tag == "v0")
            assert "ARCHIVED" in view.render_line(archived - round(view.scroll_y) + 1).text
            view.move_to(next(i for i, g in enumerate(view.groups) if "multi" in g.tags))
            await settle(pilot, lambda: screen.detail.row is view.highlighted)
            await pilot.press("enter")
            await settle(pilot, lambda: screen.detail.shown_tag == "multi")
            assert gets(world, INSPECT_REPO)[0] > before[0]  # opening is a pull
        backend.close()

    asyncio.run(scenario())
