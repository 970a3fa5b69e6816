"""The detail pane's tabs come after the screen's first paint (the tag rows first); what the
screen asks of the pane before then (cursor, tab keys, usage) is shown once they are in."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import Static, TabbedContent

from ecr_tui.core.models import TagRow
from ecr_tui.ui.app import make_app
from ecr_tui.ui.widgets.detail_tabs.pane import ImageDetailPane
from tests.ui.test_ui_tags_progress import SlowDetailsBackend, _open_first
from tests.ui.uihelpers import SIZE, FakeClock, until

ROW = TagRow("v1.2.3", digest="sha256:" + "ab" * 32)


class PaneApp(App[None]):
    """The pane alone; at mount it is asked what a tags screen asks as its first rows come."""

    def __init__(self) -> None:
        super().__init__()
        self.tabs_at_mount = -1
        self.row_at_mount: TagRow | None = None

    def compose(self) -> ComposeResult:
        yield ImageDetailPane(FakeClock(), repository="team/app")

    def on_mount(self) -> None:
        pane = self.query_one(ImageDetailPane)
        self.tabs_at_mount = len(pane.query(TabbedContent))
        pane.show_pending(ROW, None)
        pane.show_tab("config")  # the key `3` pressed before the tabs are in
        pane.show_usage(None)
        self.row_at_mount = pane.row  # a screen checks it at once (the cursor's row shown?)


def test_tabs_mount_after_the_first_paint_and_calls_before_are_applied() -> None:
    async def scenario() -> None:
        app = PaneApp()
        async with app.run_test(size=SIZE) as pilot:
            pane = app.query_one(ImageDetailPane)
            assert app.tabs_at_mount == 0  # the first frame has no tabs to compose and style
            assert app.row_at_mount is ROW
            await until(pilot, lambda: bool(pane.query(TabbedContent)))
            await pilot.pause()
            assert pane.query_one(TabbedContent).active == "config"
            assert pane.active_tab == "config"
            assert "v1.2.3" in str(pane.query_one("#overview-body", Static).render())
            assert "Details v1.2.3" in str(pane.border_title)
            assert not pane.query("#tabs-placeholder")

    asyncio.run(scenario())


def test_a_row_left_before_the_tabs_are_in_is_not_shown() -> None:
    """Two cursor moves before the tabs mount: the pane shows the last one only."""

    async def scenario() -> None:
        app = PaneApp()
        async with app.run_test(size=SIZE) as pilot:
            pane = app.query_one(ImageDetailPane)
            other = TagRow("v9.9.9", digest="sha256:" + "cd" * 32)
            assert not pane.query(TabbedContent)
            pane.show_pending(other, None)
            await until(pilot, lambda: bool(pane.query(TabbedContent)))
            await pilot.pause()
            overview = str(pane.query_one("#overview-body", Static).render())
            assert "v9.9.9" in overview and "v1.2.3" not in overview
            assert pane.row is other and pane.key is None

    asyncio.run(scenario())


def test_the_tags_screen_mounts_the_tabs_once_rows_with_details_are_painted() -> None:
    """Names alone on screen: the tabs wait (the details' merge and paint come first); a tab
    key pressed meanwhile is applied once they are in, on the row the cursor is on."""

    async def scenario() -> None:
        clock = FakeClock()
        backend = SlowDetailsBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            screen, _name = await _open_first(pilot, with_rows=True)
            for _ in range(5):  # paints of the names-only rows come and go
                await pilot.pause()
            assert not screen.detail.query(TabbedContent)
            await pilot.press("4")  # Referrers
            backend.details.set()
            await until(pilot, lambda: bool(screen.detail.query(TabbedContent))
                         and screen.detail.row is screen.tag_list.highlighted)
            await pilot.pause()
            assert screen.detail.query_one(TabbedContent).active == "referrers"
            row = screen.tag_list.highlighted
            assert row is not None and row.digest
            await until(pilot, lambda: row.tag in str(
                screen.detail.query_one("#overview-body", Static).render()))

    asyncio.run(scenario())


class LeavingApp(PaneApp):
    """The pane is asked for a tab, then removed (the screen popped, the app quit) before its
    tabs come in."""

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ImageDetailPane).remove()


def test_a_pane_gone_before_its_tabs_drops_what_was_asked() -> None:
    """Quitting right after opening a repository: the waiting calls find no tabs and must not
    raise (NoMatches) out of the worker that mounts them."""

    async def scenario() -> None:
        app = LeavingApp()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert not app.query(ImageDetailPane)
        assert app.return_code in (None, 0)

    asyncio.run(scenario())
