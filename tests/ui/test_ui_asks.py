"""Screens ask, the app answers: what a screen wants done on the main screen (reload the rules,
show re-discovered profiles) reaches it through a message to the app (Pilot, demo backend)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from ecr_tui.core.models import Profile, ProfileKind, Target
from ecr_tui.core.records import DiscoveryReport
from ecr_tui.ui.screens.fleet import FleetScreen
from ecr_tui.ui.screens.rules import RulesScreen
from tests.ui.uihelpers import SIZE, demo_app, notifications, settle, wait_for_target

DEFAULT = Target("default", "us-east-1")


@pytest.fixture(autouse=True)
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("ECR_TUI_CONFIG", str(path))
    return path


def test_refreshing_the_rules_screen_reloads_its_registrys_rules() -> None:
    async def scenario() -> None:
        app = demo_app()
        asked: list[tuple[str, str]] = []
        rules_of = app.backend.pull_through_cache_rules

        def counting(profile: str, region: str) -> list:  # type: ignore[type-arg]
            asked.append((profile, region))
            return rules_of(profile, region)

        app.backend.pull_through_cache_rules = counting  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("u")
            await settle(pilot, lambda: isinstance(app.screen, RulesScreen)
                         and app.screen.query_one(DataTable).row_count > 0)
            before = len(asked)
            await pilot.press("r")
            status = app.screen.query_one("#rules-status", Static)
            await settle(pilot, lambda: len(asked) > before
                         and "5 rule(s)" in str(status.render()))
            assert asked[before:] == [("default", "us-east-1")]
            assert isinstance(app.screen, RulesScreen)

    asyncio.run(scenario())


def test_listing_accounts_again_in_the_fleet_updates_the_main_screens_profiles() -> None:
    async def scenario() -> None:
        app = demo_app()
        backend = app.backend
        fresh = Profile("fresh-prod/ReadOnlyAccess", ProfileKind.SSO_DISCOVERED,
                        region="us-east-1", account_id="999988887777",
                        account_name="fresh-prod", role="ReadOnlyAccess", sso_session="corp")
        listed = backend.profiles
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("F")
            await settle(pilot, lambda: isinstance(app.screen, FleetScreen)
                         and bool(app.session.fleet))
            problem = "corp: one account could not be listed; run aws sso login"
            backend.discover_profiles = (  # type: ignore[method-assign]
                lambda refresh=False: DiscoveryReport((fresh,), (problem,)))
            backend.profiles = lambda: [*listed(), fresh]  # type: ignore[method-assign]
            await pilot.press("r")
            await settle(pilot, lambda: fresh.name in app.session.profiles
                         and problem in notifications(app))
            assert isinstance(app.screen, FleetScreen)  # the main screen was told, not shown

    asyncio.run(scenario())
