"""Pilot: the Fleet screen (rows as they arrive, sort, filter, hide empty, marks, many logins,
login sets, enter to use a pair, leaving cancels) and find across the fleet, on the demo."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from ecr_tui.core.fleet.runner import backend_pairs
from ecr_tui.core.models import ProfileKind, Target
from ecr_tui.core.store.settings import load_settings
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.screens.find import FindScreen
from ecr_tui.ui.screens.fleet import FleetScreen
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.profile_list import ProfileList
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    acting_demo_app,
    demo_app,
    notifications,
    settle,
    wait_for_target,
)

PAIRS = len(backend_pairs(DemoBackend()))


@pytest.fixture(autouse=True)
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("ECR_TUI_CONFIG", str(path))
    return path


def fleet(app) -> FleetScreen:  # noqa: ANN001
    assert isinstance(app.screen, FleetScreen)
    return app.screen


def test_discovered_profiles_join_the_list_with_their_badge() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            discovered = [p for p in app.session.profiles.values()
                          if p.kind is ProfileKind.SSO_DISCOVERED]
            assert len(discovered) == 24 and all(p.account_id for p in discovered)
            profiles = app.main_screen.query_one(ProfileList)
            text = profiles.prompt_text("search-prod/ReadOnlyAccess")
            assert "sso+" in text and text.startswith("search-prod/ReadOnlyAc…")
            # Every row on one line: a long ACCOUNT/ROLE is cut, its time left stays beside it.
            inner = profiles.scrollable_content_region.width
            assert all(len(profiles.prompt_text(p.name)) <= inner for p in discovered)

    asyncio.run(scenario())


def test_fleet_fills_sorts_filters_hides_and_uses_a_pair() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("F")
            screen = fleet(app)
            await settle(pilot, lambda: len(app.session.fleet) == PAIRS)
            assert screen.table.row_count == PAIRS
            # one role per discovered account, the read-only one
            profiles = {t.profile for t in app.session.fleet}
            assert "search-prod/ReadOnlyAccess" in profiles
            assert "search-prod/AdministratorAccess" not in profiles
            roles = {str(screen.table.get_row_at(i)[1]): str(screen.table.get_row_at(i)[2])
                     for i in range(screen.table.row_count)}
            assert roles["search-prod/ReadOnlyAccess"] == "ReadOnlyAccess"  # the ROLE column
            rows = app.session.fleet
            assert rows[Target("staging-sso", "us-east-1")].error
            assert rows[Target("default", "us-east-1")].account_id == "111122223333"

            await pilot.press("o", "o")  # arrival -> profile -> repository count, most first
            counts = [int(str(screen.table.get_row_at(i)[5]) or 0)
                      for i in range(screen.table.row_count)]
            assert counts == sorted(counts, reverse=True)
            await pilot.press("h")  # hide pairs without repositories (errors included)
            assert screen.table.row_count == sum(1 for r in rows.values() if r.repositories)
            await pilot.press("slash", *"eu-west-1", "enter")
            assert screen.table.row_count and all(
                str(screen.table.get_row_at(i)[4]) == "eu-west-1"
                for i in range(screen.table.row_count))
            chosen = screen.highlighted
            assert chosen is not None
            await pilot.press("enter")
            await wait_for_target(pilot, chosen)
            assert app.screen is app.main_screen

    asyncio.run(scenario())


def test_marked_pairs_log_in_with_one_summary_and_save_as_a_set(config_file: Path) -> None:
    async def scenario() -> None:
        app = acting_demo_app()  # the set is written: the demo's own machine writes nothing
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("F")
            screen = fleet(app)
            await settle(pilot, lambda: len(app.session.fleet) == PAIRS)
            await pilot.press("space", "down", "space", "down", "space")
            assert len(app.session.fleet_marked) == 3
            marked = set(app.session.fleet_marked)
            await pilot.press("L")
            await settle(pilot, lambda: any("logged in to" in n for n in notifications(app)))
            summary = next(n for n in notifications(app) if "logged in to" in n)
            assert summary.startswith("logged in to 3 of 3")
            assert {(r.profile, r.region) for r in app.backend.recorded_logins()} >= {
                (t.profile, t.region) for t in marked}
            await pilot.press("W", *"oncall", "enter")
            await settle(pilot, lambda: config_file.exists())
            saved = load_settings().login_sets["oncall"]
            assert {(p.profile, p.region) for p in saved} == {
                (t.profile, t.region) for t in marked}
            assert screen.is_attached

    asyncio.run(scenario())


def test_leaving_cancels_and_coming_back_is_instant() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        from ecr_tui.ui.app import make_app

        app = make_app(DemoBackend(clock=clock, delay=0.5), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("F", "escape")
            await settle(pilot)
            assert app.screen is app.main_screen
            assert len(app.session.fleet) < PAIRS  # the rest was cancelled with the screen
            app.backend._delay = 0.0
            await pilot.press("F")
            await settle(pilot, lambda: len(app.session.fleet) == PAIRS)
            await pilot.press("escape", "F")
            assert fleet(app).table.row_count == PAIRS  # before any worker ran

    asyncio.run(scenario())


def test_find_by_name_and_digest_opens_the_tag() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("f", *"platform/ap*", "enter")
            screen = app.screen
            assert isinstance(screen, FindScreen)
            await settle(pilot, lambda: screen.pairs_done == PAIRS)
            assert screen.hits and all(h.repository.startswith("platform/ap") for h in screen.hits)
            assert "searched" in str(screen.query_one("#find-status").render())

            backend = app.backend
            row = backend.tags("default", "us-east-1", "platform/api")[7]
            await pilot.press("escape", "f", *row.digest, "enter")
            screen = app.screen
            assert isinstance(screen, FindScreen)
            await settle(pilot, lambda: screen.pairs_done == PAIRS)
            hit = next(h for h in screen.hits if h.profile == "default"
                       and h.region == "us-east-1" and h.tag == row.tag)
            screen.table.move_cursor(row=screen.hits.index(hit))
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and bool(app.screen.tag_list.rows))
            tags = app.screen
            assert tags.target == Target("default", "us-east-1")
            assert tags.repository.name == "platform/api"
            group = tags.tag_list.highlighted_group  # one row per image: the tag's image
            assert row.tag in (group.tags if group else (tags.tag_list.highlighted.tag,))

    asyncio.run(scenario())
