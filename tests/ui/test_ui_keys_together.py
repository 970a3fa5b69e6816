"""Keys that arrive together (one terminal read: typed fast, pasted, sent by a script) each go
where the key before them left the focus: enter in the filter keeps it, and an enter right
behind it opens the row; esc clears the filter, and an esc right behind it goes back."""

from __future__ import annotations

import asyncio

from textual import events

from ecr_tui.core.models import Target
from ecr_tui.ui.screens.main import MainScreen
from ecr_tui.ui.screens.tags import TagsScreen
from tests.ui.uihelpers import SIZE, demo_app, open_tags, repos, settle, wait_for_target


def _together(app: object, *keys: tuple[str, str | None]) -> None:
    """Post the keys back to back, as the driver does for one read of the terminal."""
    for key, character in keys:
        app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


ENTER = ("enter", "\r")
ESCAPE = ("escape", "\x1b")


def test_enter_enter_keeps_the_filter_and_opens_the_repository() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("slash", *"platform/api")
            assert [r.name for r in repos(app).shown] == ["platform/api"]
            _together(app, ENTER, ENTER)
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and app.screen.detail.tabs_ready)
            assert app.screen.repository.name == "platform/api"
            assert repos(app).filter_text == "platform/api"  # kept for the way back

    asyncio.run(scenario())


def test_escape_escape_clears_the_tag_filter_and_goes_back() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            tags = await open_tags(pilot, "platform/api")
            await pilot.press("slash", *"latest")
            assert [r.tag for r in tags.tag_list.rows] == ["latest"]
            _together(app, ESCAPE, ESCAPE)
            await settle(pilot, lambda: isinstance(app.screen, MainScreen))
            assert not tags.is_attached  # dismissed, not left with a second "clear filter"

    asyncio.run(scenario())


def test_down_enter_opens_the_image_the_cursor_moved_to() -> None:
    """The detail pane takes the new highlight with the key that moved it: an enter right
    behind the move opens that image (a pane updated a frame later ignored it)."""
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            tags = await open_tags(pilot, "platform/api")
            await settle(pilot, lambda: tags.detail.row is tags.tag_list.highlighted)
            _together(app, ("down", None), ENTER)
            await settle(pilot, lambda: tags.detail.shown_tag is not None)
            moved_to = tags.tag_list.rows[1]
            assert tags.tag_list.highlighted is moved_to
            assert tags.detail.shown_tag == moved_to.tag

    asyncio.run(scenario())
