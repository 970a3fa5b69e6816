"""The header's busy spinner turns while a login runs and stops after."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.widgets.header_bar import SPINNER, HeaderBar
from tests.ui.uihelpers import SIZE, demo_app, wait_for_target


def test_spinner_turns_and_stops() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            header = app.main_screen.query_one(HeaderBar)
            header.show_busy("logging in docker…")
            first = header.busy_text
            header._spin()
            second = header.busy_text
            assert first != second and "logging in docker…" in second
            assert first[0] in SPINNER and second[0] in SPINNER
            assert header._spinner is not None
            header.show_busy(None)
            assert header._spinner is None and header.busy_text == ""

    asyncio.run(scenario())
