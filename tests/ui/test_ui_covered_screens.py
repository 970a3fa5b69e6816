"""A screen covered by another is not updated each second (Textual would repaint the whole
top screen for it); it catches up when it is back on top. The collector is tuned while the
app runs and restored when it stops."""

from __future__ import annotations

import asyncio
import gc

from ecr_tui.core.models import Target
from ecr_tui.ui.gc_tuning import gc_paused, pause_until_first_frame
from ecr_tui.ui.widgets.header_bar import HeaderBar
from tests.ui.uihelpers import SIZE, FakeClock, demo_app, open_tags, settle, wait_for_target


def test_covered_main_screen_waits_then_catches_up() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        app = demo_app(clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            main_header = app.main_screen.query_one(HeaderBar)
            assert main_header.token_text == "token 11:42:07"
            tags = await open_tags(pilot, "base/python")
            tags_header = tags.query_one(HeaderBar)

            clock.advance(seconds=5)
            app.tick()
            assert tags_header.token_text == "token 11:42:02"  # the top screen ticks
            assert main_header.token_text == "token 11:42:07"  # the covered one waits

            tags.dismiss()
            await settle(pilot, lambda: app.screen is app.main_screen)
            await settle(pilot, lambda: main_header.token_text == "token 11:42:02")

    asyncio.run(scenario())


def test_collector_tuned_while_running_and_restored() -> None:
    before = gc.get_threshold()

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            assert gc.get_threshold()[0] >= 20_000
            assert gc.get_freeze_count() > 0

    asyncio.run(scenario())
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_gc_paused_restores_the_collector() -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_off_from_the_start_until_the_first_frame() -> None:
    pause_until_first_frame()  # what `ecr-tui` does before it imports Textual
    assert not gc.isenabled()

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            assert gc.isenabled() and gc.get_freeze_count() > 0

    try:
        asyncio.run(scenario())
    finally:
        gc.enable()
    assert gc.get_freeze_count() == 0
