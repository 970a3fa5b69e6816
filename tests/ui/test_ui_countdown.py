"""One timer, absolute expiries, a fake clock: the countdown text and colour class change."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.token_panel import TokenPanel
from tests.ui.uihelpers import SIZE, FakeClock, demo_app, wait_for_target


def test_countdown_ticks_and_changes_colour_near_expiry() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        app = demo_app(clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            header = app.main_screen.query_one(HeaderBar)
            panel = app.main_screen.query_one(TokenPanel)
            key = "token|default|us-east-1"
            assert header.token_text == "token 11:42:07" and header.token_level == "ok"
            line = str(header.render())  # what the one-line header draws
            assert line.startswith("ecr-tui  default [static]") and line.endswith("token 11:42:07")
            rows_before = panel.row_count

            clock.advance(seconds=1)
            app.tick()
            assert header.token_text == "token 11:42:06"
            assert str(panel.get_cell(key, "left")) == "11:42:06"

            clock.advance(hours=11, minutes=2)
            app.tick()
            assert header.token_text == "token 00:40:06" and header.token_level == "warn"

            clock.advance(minutes=35)
            app.tick()
            assert header.token_text == "token 00:05:06" and header.token_level == "error"
            assert panel.level_of(key) == "error"

            clock.advance(minutes=6)
            app.tick()
            assert header.token_text == "token expired" and header.token_level == "expired"
            assert panel.row_count == rows_before  # cells updated in place, no rebuild

    asyncio.run(scenario())
