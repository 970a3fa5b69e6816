"""A filter key redraws the list, not the screen: no whole-screen layout per key while the
list keeps its scrollbar, and the detail pane is left alone while its image stays highlighted.
(Through Pilot at 100,000 tags: 2.17 layouts a key before, 0.40 after; 10,000 repositories:
1.48 before, none after.)"""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from ecr_tui.core.image_records import ImageGroup
from ecr_tui.core.models import TagRow, Target
from ecr_tui.ui.widgets.detail_tabs.pane import ImageDetailPane
from tests.ui.uihelpers import (
    SIZE,
    demo_app,
    huge_tags,
    settle,
    ten_thousand_repositories,
    wait_for_target,
)


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[Screen[object]]:
    """Every whole-screen layout, by the screen laid out."""
    seen: list[Screen[object]] = []
    lay_out = Screen._refresh_layout

    def counted(self: Screen[object], *args: object, **kwargs: object) -> None:
        seen.append(self)
        lay_out(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return seen


@pytest.fixture
def pane_shown(monkeypatch: pytest.MonkeyPatch) -> list[TagRow | None]:
    """The row of every redraw of the detail pane (`show_pending`)."""
    shown: list[TagRow | None] = []
    show_pending = ImageDetailPane.show_pending

    def record(self: ImageDetailPane, row: TagRow | None, group: ImageGroup | None) -> None:
        shown.append(row)
        show_pending(self, row, group)

    monkeypatch.setattr(ImageDetailPane, "show_pending", record)
    return shown


async def _type(pilot: Pilot, keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def test_repository_filter_keys_lay_nothing_out(layouts: list[Screen[object]]) -> None:
    """Each key changes the count (the list's virtual size) and the filter line's text: both
    asked Textual for a layout of the whole screen, one or two a key."""
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            target = Target("default", "us-east-1")
            await wait_for_target(pilot, target)
            table = ten_thousand_repositories(app, target)
            await pilot.press("slash")
            await settle(pilot)
            layouts.clear()
            await _type(pilot, "svc-0")
            assert table.border_title.startswith("Repositories 10000/")  # every one has svc-0
            await _type(pilot, "4")
            assert table.border_title.startswith("Repositories 1000/")
            await pilot.press("backspace")
            await pilot.pause()
            assert table.border_title.startswith("Repositories 10000/")
            assert table.show_vertical_scrollbar
            assert layouts == []

    asyncio.run(scenario())


def test_a_list_filtered_to_a_few_rows_drops_its_scrollbar_and_gets_it_back() -> None:
    """The virtual size is set without a layout, but a scrollbar shown or hidden still lays
    the list out: its rows are as wide as the room it leaves."""
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            view = (await huge_tags(pilot)).tag_list
            wide = view.scrollable_content_region.width
            assert view.show_vertical_scrollbar
            await pilot.press("slash", *"pr-1234")
            await settle(pilot, lambda: not view.show_vertical_scrollbar)
            assert 0 < len(view.rows) < 10
            assert view.scrollable_content_region.width > wide
            await pilot.press(*["backspace"] * 7)
            await settle(pilot, lambda: view.show_vertical_scrollbar)
            assert len(view.rows) == 99_999
            assert view.vertical_scrollbar.window_virtual_size == 100_000
            assert view.scrollable_content_region.width == wide

    asyncio.run(scenario())


def test_a_filter_key_that_keeps_the_image_leaves_its_details_as_shown(
    pane_shown: list[TagRow | None],
) -> None:
    """The pane is redrawn (a layout of the screen) only when the highlighted image changes."""

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await huge_tags(pilot)
            view = screen.tag_list
            await pilot.press("slash")
            await settle(pilot, lambda: screen.detail.row is view.highlighted)
            highlighted = []
            for key in "pr-12":
                pane_shown.clear()
                before = view.highlighted_group
                await pilot.press(key)
                await settle(pilot, lambda: screen.detail.row is view.highlighted)
                kept = view.highlighted_group is before
                highlighted.append(kept)
                assert pane_shown == ([] if kept else [view.highlighted])
            assert any(highlighted) and not all(highlighted)  # both kinds of key were typed

    asyncio.run(scenario())


def test_a_filter_longer_than_its_line_scrolls_to_the_cursor() -> None:
    """The filter line keeps its text's width without a layout: typing past its edge still
    scrolls the text so the cursor stays in view."""
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("slash")
            await settle(pilot)
            line = app.screen.query_one("#repo-filter")
            text = "x" * (line.size.width + 20)
            await pilot.press(*text)
            await settle(pilot)
            assert line.value == text
            assert line.scroll_x > 0
            x = line.cursor_screen_offset.x
            assert line.region.x <= x < line.region.right

    asyncio.run(scenario())
