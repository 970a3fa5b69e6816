"""Issue 16: the Find screen searches REPO:TAG in every pair, names the role of each hit, and a
"0 found" says what was searched and the other query forms (demo backend)."""

from __future__ import annotations

import asyncio

from ecr_tui.core.fleet.runner import backend_pairs
from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.screens.find import FindScreen
from tests.ui.uihelpers import SIZE, demo_app, settle, wait_for_target

PAIRS = len(backend_pairs(DemoBackend()))


def test_find_repo_tag_and_a_zero_that_says_what_was_searched() -> None:
    async def scenario() -> None:
        app = demo_app()
        app.backend._delay = 0.0
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            tag = app.backend.tags("default", "us-east-1", "platform/api")[3].tag
            await pilot.press("f", *f"platform/api:{tag}", "enter")
            screen = app.screen
            assert isinstance(screen, FindScreen)
            await settle(pilot, lambda: screen.pairs_done == PAIRS)
            assert screen.hits
            assert {(h.repository, h.tag) for h in screen.hits} == {("platform/api", tag)}
            shown = screen.table.shown_columns
            assert "role" in shown  # the ROLE column is drawn at this width
            role_at = shown.index("role")
            roles = {str(screen.table.full_cell(str(i), "profile")):
                     str(screen.table.get_row_at(i)[role_at])
                     for i in range(screen.table.row_count)}
            assert roles["billing-prod/ReadOnlyAccess"] == "ReadOnlyAccess"  # the ROLE column
            assert "billing-prod/AdministratorAccess" not in roles

            await pilot.press("escape", "f", *"platform/api:no-such-tag", "enter")
            screen = app.screen
            assert isinstance(screen, FindScreen)
            await settle(pilot, lambda: screen.pairs_done == PAIRS)
            status = str(screen.query_one("#find-status").render())
            assert "0 found: no tag no-such-tag of repository platform/api" in status
            assert "try part of its name (api)" in status

    asyncio.run(scenario())
