"""The region list keeps the selected region in view, whatever the panel's height does."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.app import EcrTuiApp
from tests.ui.uihelpers import demo_app, settle, wait_for_target


def _selected_visible(app: EcrTuiApp) -> bool:
    regions = app.main_screen.regions
    index = regions.highlighted
    top = round(regions.scroll_y)
    return index is not None and top <= index < top + regions.scrollable_content_region.height


def test_the_selected_region_stays_visible_when_the_list_shrinks() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(110, 34)) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.switch_region("sa-east-1")
            await wait_for_target(pilot, Target("default", "sa-east-1"))
            assert _selected_visible(app)
            for height in (28, 22, 18):
                await pilot.resize_terminal(110, height)
                await settle(pilot)
                assert _selected_visible(app), f"sa-east-1 scrolled away at height {height}"

    asyncio.run(scenario())
