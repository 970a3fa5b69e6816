"""The tags screen tells the truth in little space: cut cells say so, the semver sort of images,
undated rows while details load, one image size, and esc in the findings filter."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.pilot import Pilot
from textual.widgets import Input, Static

from ecr_tui.core.models import ScanSummary, TagRow, Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.lines_view import LinesView
from tests.ui.test_ui_tags_progress import SlowDetailsBackend
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

DEFAULT = Target("default", "us-east-1")
MANY = ScanSummary("COMPLETE", (("CRITICAL", 37), ("HIGH", 412), ("MEDIUM", 1189),
                                ("LOW", 598), ("INFORMATIONAL", 164)))


def _lines(screen: TagsScreen) -> list[str]:
    view = screen.tag_list
    return [view.render_line(y).text for y in range(1, min(len(view.rows), view.size.height - 1)
                                                    + 1)]


class ManyFindingsBackend(DemoBackend):
    """The demo's tags, the newest image with thousands of findings."""

    def tags(self, profile: str, region: str, repository: str) -> list[TagRow]:
        rows = super().tags(profile, region, repository)
        newest = max(rows, key=lambda r: r.pushed_at or 0)  # type: ignore[arg-type, return-value]
        return [replace(r, scan=MANY) if r.digest == newest.digest else r for r in rows]


def test_scan_cell_drops_whole_counts_and_says_so() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        async with make_app(ManyFindingsBackend(clock=clock), clock=clock).run_test(
                size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            screen = await open_tags(pilot, "base/python")
            await settle(pilot)
            top = _lines(screen)[0]
            assert "C37 H412 …" in top and "M11" not in top
            await pilot.press("i")  # one row per tag: the same cell
            assert "C37 H412 …" in _lines(screen)[0]

    asyncio.run(scenario())


def test_digest_named_tags_stay_told_apart_in_the_a_view() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            screen = await open_tags(pilot, "base/python")
            await settle(pilot)
            await pilot.press("a")
            width = screen.tag_list._label_width()
            cells = [line[1:width + 1] for line in _lines(screen)
                     if line.startswith(" sha256-")]
            assert len(cells) >= 3 and len(set(cells)) == len(cells)
            assert all("…" in cell and cell.rstrip().endswith((".sig", ".att", ".sbom"))
                       for cell in cells)

    asyncio.run(scenario())


def test_a_line_the_view_cuts_ends_with_an_ellipsis() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            screen = await open_tags(pilot, "base/python")
            await settle(pilot)
            view, now = screen.tag_list, pilot.app.clock()
            width = view.scrollable_content_region.width
            cut = [(view._format(row, now).rstrip(), line)
                   for row, line in zip(view.rows, _lines(screen), strict=False)
                   if len(view._format(row, now).rstrip()) > width]
            assert cut and all(line.endswith("…") and full.startswith(line[:-1])
                               for full, line in cut)

    asyncio.run(scenario())


async def _findings_of_platform_api(pilot: Pilot) -> tuple[TagsScreen, LinesView]:
    """The Scan tab of platform/api's newest image (thousands of findings), loaded."""
    await wait_for_target(pilot, DEFAULT)
    screen = await open_tags(pilot, "platform/api")
    await wait_for_detail(pilot, screen)
    findings = screen.detail.query_one("#findings-list", LinesView)
    await pilot.press("5")
    await settle(pilot, lambda: findings.item_count > 0)
    return screen, findings


def test_detail_lines_cut_by_the_edge_end_with_an_ellipsis() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            screen, findings = await _findings_of_platform_api(pilot)
            width = findings.scrollable_content_region.width
            items = findings._items[:findings.size.height - 1]
            cut = [y for y, item in enumerate(items, 1)
                   if findings._format(item).cell_len > width]
            assert cut and all(findings.render_line(y).text.endswith("…") for y in cut)

    asyncio.run(scenario())


def test_semver_sort_of_images_leads_with_the_highest_version_and_y_copies_it() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.switch_profile("prod-admin")
            await settle(pilot, lambda: app.session.target.profile == "prod-admin")
            app.switch_region("us-east-1")
            await wait_for_target(pilot, Target("prod-admin", "us-east-1"))
            screen = await open_tags(pilot, "billing/consumer")
            await settle(pilot)
            view = screen.tag_list
            assert view.groups[0].tags[0] == "latest"  # newest first: latest leads
            await pilot.press("V")
            assert [g.tags[0] for g in view.groups[:4]] == ["v0.1.4", "0.1.3", "v0.1.2",
                                                            "v0.1.1"]
            assert view.groups[0].tags == ("v0.1.4", "latest")
            assert _lines(screen)[0].startswith(" v0.1.4, latest ")
            await pilot.press("y")
            assert app.clipboard.endswith("/billing/consumer:v0.1.4")
            assert "tag v0.1.4, the first of its 2 tags" in notifications(app)[-1]
            await pilot.press("A")  # newest first again: latest leads and is copied
            await pilot.press("y")
            assert app.clipboard.endswith(":latest")

    asyncio.run(scenario())


class HalfDetailsBackend(SlowDetailsBackend):
    """Names at once, details of three of the oldest images next; the rest wait for the test."""

    def early(self, rows: list[TagRow]) -> tuple[TagRow, ...]:
        by_digest = {r.digest: r for r in rows if not r.tag.startswith("sha256-")}
        return tuple(list(by_digest.values())[-3:])


def test_while_details_load_the_sort_says_what_it_cannot_place_yet() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = HalfDetailsBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            name = "base/python"
            rows = backend.tags("default", "us-east-1", name)
            total = sum(1 for r in rows if not r.tag.startswith("sha256-"))
            app.open_repository(name)
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and sum(1 for r in app.screen.tag_list._source if r.digest) == 3)
            screen = app.screen
            assert isinstance(screen, TagsScreen)
            title = str(screen.tag_list.border_title)
            assert f"sort pushed ↓ ({total - 3:,} not dated yet, last)" in title
            assert all(r.pushed_at is not None for r in screen.tag_list.rows[:2])
            backend.details.set()
            await settle(pilot, lambda: "loading" not in str(screen.tag_list.border_subtitle))
            assert str(screen.tag_list.border_title).endswith("sort pushed ↓")

    asyncio.run(scenario())


def test_overview_and_layers_tab_give_one_size() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            screen = await open_tags(pilot, "base/python")
            await pilot.press("down")  # a single-platform image
            await wait_for_detail(pilot, screen)
            overview = str(screen.detail.query_one("#overview-body", Static).render())
            layers_line = next(line for line in overview.splitlines()
                               if line.startswith("Layers"))
            size = layers_line.split(", ", 1)[1]
            assert size.endswith("(layers only, compressed)")
            await pilot.press("2")
            view = screen.detail.query_one("#layers-list", LinesView)
            await settle(pilot, lambda: view.item_count > 0)
            heading = view.render_line(1).text
            assert f"empty, {size}" in heading

    asyncio.run(scenario())


def test_esc_in_the_findings_filter_clears_it() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            screen, findings = await _findings_of_platform_api(pilot)
            total = findings.item_count
            await pilot.press("f", *"CRITICAL")
            await settle(pilot, lambda: 0 < findings.item_count < total)
            await pilot.press("escape")
            await settle(pilot, lambda: findings.item_count == total)
            assert screen.detail.query_one("#findings-filter", Input).value == ""
            assert pilot.app.focused is screen.tag_list and pilot.app.screen is screen

    asyncio.run(scenario())
