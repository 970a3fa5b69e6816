"""The help screen lists every binding; the palette switches profiles and runs actions."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.bindings import HELP_SECTIONS
from ecr_tui.ui.screens.help import HelpScreen
from tests.ui.uihelpers import SIZE, demo_app, settle, wait_for_target


def test_help_lists_every_binding() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-text").render())
            for _title, bindings in HELP_SECTIONS:
                for binding in bindings:
                    assert binding.id and binding.id in text
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)

    asyncio.run(scenario())


def test_palette_switches_profile() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("ctrl+p")
            await pilot.press(*"profile: dev-sso")
            await settle(pilot, lambda: "dev-sso" in str(app.screen.query("CommandList").first()
                                                          .get_option_at_index(0).prompt))
            await pilot.press("enter")
            await wait_for_target(pilot, Target("dev-sso", "us-west-2"))

    asyncio.run(scenario())
