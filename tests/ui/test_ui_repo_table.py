"""The repository list: keys move the cursor, headers sort, enter/click open, y copies the URI."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.screens.tags import TagsScreen
from tests.ui.uihelpers import (
    SIZE,
    demo_app,
    repos,
    settle,
    ten_thousand_repositories,
    wait_for_target,
)


def test_cursor_keys_copy_and_open() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            table = repos(app)
            assert app.focused is table and table.cursor == 0
            await pilot.press("down", "j")
            assert table.highlighted_repository is table.shown[2]
            await pilot.press("end")
            assert table.highlighted_repository is table.shown[-1]
            visible = "".join(table.render_line(y).text for y in range(table.size.height))
            assert table.shown[-1].name in visible
            await pilot.press("home", "down", "y")
            assert app.clipboard == table.shown[1].uri
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen))
            assert app.screen.repository == table.shown[1]

    asyncio.run(scenario())


def test_header_click_sorts_and_row_click_opens() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            table = repos(app)
            first = table.highlighted_repository
            await pilot.click(table, offset=(3, 1))  # the Name header, inside the border
            assert table.sort_key == "name" and table.sort_reverse
            assert [r.name for r in table.shown] == sorted((r.name for r in table.shown),
                                                           reverse=True)
            await pilot.click(table, offset=(40, 1))  # Created
            assert table.sort_key == "created"
            assert table.highlighted_repository is first  # sorting keeps the highlighted one
            await pilot.press("home")
            await pilot.click(table, offset=(3, 4))  # the third row
            assert table.cursor == 2
            await pilot.click(table, offset=(3, 4))  # again: open it
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen))
            assert app.screen.repository == table.shown[2]

    asyncio.run(scenario())


def test_ten_thousand_repositories_filter_keeps_the_cursor() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            target = Target("default", "us-east-1")
            await wait_for_target(pilot, target)
            table = ten_thousand_repositories(app, target)
            assert table.border_title.startswith("Repositories 10000/10000")
            assert table.virtual_size.height == 10_001
            table.move_to(4_321)
            await pilot.press("slash", *"svc-04")
            assert len(table.shown) == 1000 and table.border_title.startswith("Repositories 1000/")
            assert table.highlighted_repository.name == "bulk/svc-04321"
            await pilot.press("escape")
            assert len(table.shown) == 10_000
            assert table.highlighted_repository.name == "bulk/svc-04321"

    asyncio.run(scenario())


def test_the_mutability_column_is_named_for_what_it_shows() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            header = repos(app).render_line(0).text
            assert "Mutability" in header and "Tags" not in header
            cells = repos(app).render_line(1).text
            assert "mutable" in cells  # what the column holds: mutable / immutable

    asyncio.run(scenario())
