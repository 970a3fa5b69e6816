"""The footer recomposes once for the binding changes and resize that come before a refresh
(opening a screen brings two or three, each recompose ~20 ms of the UI thread)."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from ecr_tui.ui.widgets.key_footer import KeyFooter
from tests.ui.uihelpers import SIZE, until


class CountingFooter(KeyFooter):
    composed = 0

    def compose(self) -> ComposeResult:
        CountingFooter.composed += 1
        yield from super().compose()


class FooterApp(App[None]):
    BINDINGS = [("x", "bell", "Ring")]

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield CountingFooter()


async def _ready(pilot: Pilot, app: FooterApp) -> CountingFooter:
    """The footer once its first keys are in (its own first compose and resize are done)."""
    footer = app.query_one(CountingFooter)
    await until(pilot, lambda: footer._bindings_ready and bool(footer.children))
    await pilot.pause()
    return footer


def test_changes_before_a_refresh_share_one_recompose() -> None:
    async def scenario() -> None:
        app = FooterApp()
        async with app.run_test(size=SIZE) as pilot:
            footer = await _ready(pilot, app)
            before = CountingFooter.composed

            def changes() -> None:  # run as the footer, as the screen's signal does
                footer.bindings_changed(app.screen)
                footer.bindings_changed(app.screen)
                footer.on_resize()

            footer.call_next(changes)
            await until(pilot, lambda: CountingFooter.composed > before)
            for _ in range(5):
                await pilot.pause()
            assert CountingFooter.composed == before + 1
            assert "Ring" in " ".join(str(k.description) for k in footer.query("FooterKey"))
            footer.call_next(footer.bindings_changed, app.screen)  # a later one still does
            await until(pilot, lambda: CountingFooter.composed == before + 2)

    asyncio.run(scenario())


def test_a_covered_screens_footer_recomposes_on_its_return_only() -> None:
    async def scenario() -> None:
        app = FooterApp()
        async with app.run_test(size=SIZE) as pilot:
            footer = await _ready(pilot, app)
            await app.push_screen(Screen())
            before = CountingFooter.composed
            footer.call_next(footer.bindings_changed, footer.screen)
            for _ in range(5):
                await pilot.pause()
            assert CountingFooter.composed == before  # nobody sees it: no work now
            await app.pop_screen()
            await until(pilot, lambda: CountingFooter.composed == before + 1)
            assert "Ring" in " ".join(str(k.description) for k in footer.query("FooterKey"))

    asyncio.run(scenario())
