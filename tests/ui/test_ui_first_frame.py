"""The main screen's first frame is as few widgets as it can be: every container costs
styling, layout and paint before anything shows (tests/bench/bench_first_paint.py)."""

from __future__ import annotations

import asyncio

import pytest
from textual.containers import Vertical
from textual.screen import Screen

from ecr_tui.core.models import Target
from ecr_tui.ui.app import EcrTuiApp
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.key_footer import KeyFooter
from tests.ui.uihelpers import SIZE, demo_app, wait_for_target


def test_the_screen_lays_out_header_sidebar_and_content_without_a_body_container() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            main = app.main_screen
            kinds = [(type(w), w.id) for w in main.children]
            assert kinds == [(HeaderBar, "header"), (Vertical, "sidebar"),
                             (Vertical, "content"), (KeyFooter, None)]
            header, sidebar, content = (main.query_one(f"#{n}") for n in
                                        ("header", "sidebar", "content"))
            assert header.region.y == 0 and header.region.width == SIZE[0]
            assert sidebar.region.y == content.region.y == 1  # under the header
            assert (sidebar.region.width, content.region.x) == (44, 44)  # side by side
            assert content.region.right == SIZE[0]

    asyncio.run(scenario())


def test_the_start_builds_the_profile_rows_once_and_a_return_catches_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The main screen's first resume comes as its rows were just built with the time: no
    catch-up rebuilds them before the first frame. Coming back on top still catches up."""
    caught_up: list[Screen[None]] = []
    real = EcrTuiApp.catch_up
    monkeypatch.setattr(EcrTuiApp, "tick", lambda self: None)  # only resumes catch up here
    monkeypatch.setattr(EcrTuiApp, "catch_up",
                        lambda self, screen, now=None: caught_up.append(screen)
                        or real(self, screen, now))

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            assert caught_up == []
            await app.push_screen(Screen())
            await app.pop_screen()
            await pilot.pause()
            assert caught_up == [app.main_screen]

    asyncio.run(scenario())


def test_the_profile_rows_are_built_as_content_and_counted_without_measuring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every profile row is built before the first frame: as Textual Content (not Rich Text
    converted row by row), its height counted from its lines; each row shows
    what Rich Text appended part by part shows (its text and styles)."""
    from rich.text import Text
    from textual.content import Content

    from ecr_tui.ui.widgets.profile_list import ProfileList

    converted: list[Text] = []
    real = Content.from_rich_text.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Content, "from_rich_text", classmethod(
        lambda cls, text, console=None: converted.append(text) or real(cls, text, console)))

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            profiles = app.main_screen.query_one(ProfileList)
            parts = [("default".ljust(14), "bold"), (" key ", "dim"), ("\n└", "dim"),
                     ("✗ ", "bold red"), ("run x\x07", "red")]
            text = Text()
            for part, style in parts:
                text.append(part, style)
            built = profiles._content(parts)
            assert built.plain == text.plain and "\x07" not in built.plain
            assert list(built.spans) == list(Content.from_rich_text(text, app.console).spans)
            rows = profiles.prompts()
            assert len(rows) == profiles.option_count == len(app.session.profiles)
            assert all(isinstance(row, Content) for row in rows)
            shown = {row.plain for row in rows}
            assert not [t for t in converted if t.plain in shown]  # none through Rich Text
            expected = sum(row.plain.count("\n") + 1 for row in rows)
            size = profiles.size
            assert profiles.get_content_height(size, size, size.width) == expected

    asyncio.run(scenario())
