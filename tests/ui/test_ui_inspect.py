"""The images view and the detail tabs on the demo backend: toggles, tabs, cache, staleness."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.lines_view import LinesView
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    demo_app,
    notifications,
    open_tags,
    settle,
    wait_for_detail,
    wait_for_target,
)

SNAP_SIZE = (120, 35)


class CountingBackend(DemoBackend):
    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.calls: list[tuple[str, str]] = []

    def scan_findings(self, profile, region, repository, reference):  # noqa: ANN001, ANN201
        self.calls.append(("scan", reference))
        return super().scan_findings(profile, region, repository, reference)

    def referrers(self, profile, region, repository, digest):  # noqa: ANN001, ANN201
        self.calls.append(("referrers", digest))
        return super().referrers(profile, region, repository, digest)


def body(tags: TagsScreen, selector: str) -> str:
    return str(tags.detail.query_one(selector, Static).render())


async def _open(pilot: Pilot, repository: str = "base/python") -> TagsScreen:
    await wait_for_target(pilot, Target("default", "us-east-1"))
    tags = await open_tags(pilot, repository)
    await wait_for_detail(pilot, tags)
    return tags


async def _tab(pilot: Pilot, tags: TagsScreen, key: str, loaded) -> None:  # noqa: ANN001
    await pilot.press(key)
    await settle(pilot, loaded)


def test_tabs_show_layers_config_referrers_scan() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            tags = await _open(pilot)
            group = tags.tag_list.highlighted_group
            assert group is not None and group.tags[0] == "latest" and len(group.tags) == 2
            assert group.badges == ("signed", "SBOM", "attested")
            layers = tags.detail.query_one("#layers-list", LinesView)
            await _tab(pilot, tags, "2", lambda: layers.item_count > 0)
            assert tags.query_one(TabbedContent).active == "layers"
            await _tab(pilot, tags, "3", lambda: "Env names" in body(tags, "#config-body"))
            assert "API_TOKEN" in body(tags, "#config-body") and "=" not in body(
                tags, "#config-body").split("Env names", 1)[1].split("\n", 1)[0]
            await _tab(pilot, tags, "4", lambda: "signature" in body(tags, "#referrers-body"))
            await _tab(pilot, tags, "5", lambda: "scan" in body(tags, "#scan-summary"))
            findings = tags.detail.query_one("#findings-list", LinesView)
            assert findings.item_count > 0
            total = findings.item_count
            await pilot.press("f", *"CRITICAL")
            assert 0 < findings.item_count < total
            assert f"showing {findings.item_count}/{total}" in body(tags, "#scan-summary")
            await pilot.press("escape")  # out of the findings filter, still on this screen
            assert pilot.app.screen is tags and pilot.app.focused is tags.tag_list

    asyncio.run(scenario())


def test_thousands_of_findings_in_a_virtual_list() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            tags = await _open(pilot, "platform/api")
            findings = tags.detail.query_one("#findings-list", LinesView)
            await _tab(pilot, tags, "5", lambda: findings.item_count > 0)
            assert findings.item_count == 2_400
            assert "CRITICAL 24" in body(tags, "#scan-summary")

    asyncio.run(scenario())


def test_fetched_once_per_digest_and_stale_answers_dropped() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = CountingBackend(clock=clock)
        async with make_app(backend, clock=clock).run_test(size=SIZE) as pilot:
            tags = await _open(pilot)
            await _tab(pilot, tags, "5", lambda: "scan" in body(tags, "#scan-summary"))
            first = tags.detail.key
            await pilot.press("down")
            await wait_for_detail(pilot, tags)
            await settle(pilot, lambda: len(backend.calls) == 2)
            second_summary = body(tags, "#scan-summary")
            await pilot.press("up")
            await wait_for_detail(pilot, tags)
            await settle(pilot)
            assert [c[0] for c in backend.calls] == ["scan", "scan"]  # the first was cached
            # An answer for the image the cursor left is cached, never shown.
            assert tags.detail.key == first
            other = tags.detail.cache[(tags.detail.key, "scan")]
            from dataclasses import replace

            stale_key = replace(first, reference="sha256:" + "0" * 64)
            tags.detail._arrived(stale_key, "scan", replace(other, status="FAILED"))
            assert "failed" not in body(tags, "#scan-summary")
            assert second_summary

    asyncio.run(scenario())


def test_toggles_per_tag_untagged_and_digest_tags() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            tags = await _open(pilot)
            view = tags.tag_list
            images = len(view.rows)
            assert not any(r.tag.startswith("sha256-") for r in view.rows)
            await pilot.press("a")
            assert any(r.tag.startswith("sha256-") for g in view.groups for r in [g.row])
            await pilot.press("a", "i")
            assert not view.grouped and len(view.rows) == images + 1  # latest: a row of its own
            assert view.border_title.startswith("Tags")
            await pilot.press("i", "u")
            await settle(pilot, lambda: any(not g.tags for g in view.groups))
            assert "+untagged" in view.border_title
            untagged = [g for g in view.groups if not g.tags]
            assert untagged and all(g.label == "<untagged>" for g in untagged)

    asyncio.run(scenario())


def test_index_children_fold_under_their_index() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            tags = await _open(pilot, "base/node")
            view = tags.tag_list
            # Children are known from cached index manifests only: `m` reads those on screen.
            await pilot.press("m")
            await settle(pilot, lambda: any("Platforms of" in n for n in notifications(pilot.app)))
            await pilot.press("u")
            await settle(pilot, lambda: any(g.children for g in view.groups))
            folded = {c for g in view.groups for c in g.children}
            assert folded and not folded & {g.digest for g in view.groups}

    asyncio.run(scenario())


def test_archived_image_offers_no_pull() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            tags = await _open(pilot)
            view = tags.tag_list
            index = next(i for i, g in enumerate(view.groups) if g.archived)
            view.move_to(index)
            await pilot.press("d")
            assert any("ARCHIVED" in n for n in notifications(pilot.app))
            await wait_for_detail(pilot, tags)
            assert "ARCHIVED" in body(tags, "#overview-body")
            assert "ARCHIVED" in view.render_line(index - round(view.scroll_y) + 1).text
            await pilot.press("i")  # one row per tag says so too
            archived = next(i for i, r in enumerate(view.rows) if r.image_status == "ARCHIVED")
            view.move_to(archived)
            assert "ARCHIVED" in view.render_line(archived - round(view.scroll_y) + 1).text

    asyncio.run(scenario())


# -- snapshots: one per new tab (frozen clock, demo backend) -----------------------------
def _ready_on(tab_key: str, repository: str, loaded) -> object:  # noqa: ANN001
    async def run_before(pilot: Pilot) -> None:
        tags = await _open(pilot, repository)
        await _tab(pilot, tags, tab_key, lambda: loaded(tags))
        await settle(pilot)

    return run_before


def test_layers_tab_snapshot(snap_compare) -> None:  # noqa: ANN001
    ready = _ready_on("2", "base/python",
                      lambda t: t.detail.query_one("#layers-list", LinesView).item_count > 0)
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=ready)


def test_config_tab_snapshot(snap_compare) -> None:  # noqa: ANN001
    ready = _ready_on("3", "base/python", lambda t: "Env names" in body(t, "#config-body"))
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=ready)


def test_referrers_tab_snapshot(snap_compare) -> None:  # noqa: ANN001
    ready = _ready_on("4", "base/python", lambda t: "signature" in body(t, "#referrers-body"))
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=ready)


def test_scan_tab_snapshot(snap_compare) -> None:  # noqa: ANN001
    ready = _ready_on("5", "platform/api",
                      lambda t: t.detail.query_one("#findings-list", LinesView).item_count > 0)
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=ready)


def test_no_env_value_in_any_snapshot() -> None:
    for path in (Path(__file__).parent / "__snapshots__").rglob("*.svg"):
        text = path.read_text(encoding="utf-8")
        assert "DATABASE_URL=" not in text and "API_TOKEN=" not in text, path
