"""Issue 20: "Why can't it pull?" — D opens it, the palette lists it, the eight lines fill in as
their checks finish, and enter on a failed line goes where it points (demo backend)."""

from __future__ import annotations

import asyncio

from ecr_tui.core.doctor.records import CHECK_IDS
from ecr_tui.core.models import Target
from ecr_tui.ui.screens.doctor import DoctorScreen
from ecr_tui.ui.screens.rules import RulesScreen
from ecr_tui.ui.screens.tags import TagsScreen
from tests.ui.uihelpers import SIZE, demo_app, settle, wait_for_target

HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com"


def test_d_paste_lines_fill_in_and_enter_goes_to_the_near_miss() -> None:
    async def scenario() -> None:
        app = demo_app()
        app.backend._delay = 0.0
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("D")
            screen = app.screen
            assert isinstance(screen, DoctorScreen)
            message = (f'CannotPullContainerError: failed to resolve ref "{HOST}/base/pyton:latest"'
                       ": not found")
            screen.query_one("#doctor-text").value = message  # type: ignore[attr-defined]
            await pilot.press("enter")
            assert screen.table.row_count == len(CHECK_IDS)  # every line, before any answer
            await settle(pilot, lambda: len(screen.checks) == len(CHECK_IDS))
            statuses = {c: screen.checks[c].status for c in CHECK_IDS}
            assert statuses["reference"] == "ok" and statuses["repository"] == "fail"
            assert str(screen.table.get_row("repository")[0]) == "FAIL"
            assert "closest: base/python" in str(screen.table.get_row("repository")[2])
            status = str(screen.query_one("#doctor-status").render())
            assert status == "verdict: not-pullable"
            screen.table.move_cursor(row=CHECK_IDS.index("repository"))
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen))
            assert app.screen.repository.name == "base/python"  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_a_pull_through_prefix_line_goes_to_the_rules_and_the_palette_lists_it() -> None:
    async def scenario() -> None:
        app = demo_app()
        app.backend._delay = 0.0
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            commands = [c.title for c in app.get_system_commands(app.screen)]
            assert "Why can't it pull?" in commands
            rules = app.backend.pull_through_cache_rules("default", "us-east-1")
            prefix = next(r.prefix for r in rules if r.prefix != "ROOT")
            app.push_screen(DoctorScreen(f"{HOST}/{prefix}/never/pulled:1"))
            await settle(pilot, lambda: isinstance(app.screen, DoctorScreen)
                         and len(app.screen.checks) == len(CHECK_IDS))
            screen = app.screen
            assert isinstance(screen, DoctorScreen)
            assert screen.checks["repository"].status == "warn"
            screen.open_line("repository")
            await settle(pilot, lambda: isinstance(app.screen, RulesScreen))

    asyncio.run(scenario())


def test_at_80_columns_each_line_wraps_whole_with_its_status_word() -> None:
    async def scenario() -> None:
        app = demo_app()
        app.backend._delay = 0.0
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.push_screen(DoctorScreen(f"{HOST}/base/pyton:latest"))
            await settle(pilot, lambda: isinstance(app.screen, DoctorScreen)
                         and len(app.screen.checks) == len(CHECK_IDS))
            screen = app.screen
            assert isinstance(screen, DoctorScreen)
            table = screen.table
            mark, _name, detail = table.ordered_columns
            assert mark.get_render_width(table) >= len("FAIL") + 2 * table.cell_padding
            row = next(r for k, r in table.rows.items() if k.value == "repository")
            text = str(table.get_row("repository")[2])
            assert "fix:" in text  # the fix is shown, not pushed off the edge
            # Wrapped into the detail column's width: as many lines as that needs, none cut.
            width = detail.width
            assert table.region.width <= 80 and width < len(text)
            assert row.height >= sum(-(-len(part) // width) for part in text.split("\n"))

    asyncio.run(scenario())
