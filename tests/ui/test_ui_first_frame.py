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
