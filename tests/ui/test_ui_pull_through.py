"""Pull-through cache in the TUI: upstream marks in the repository list, the rules screen (key
and palette), and the pull-URI dialog."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Static

from ecr_tui.core.models import Target
from ecr_tui.ui.screens.rules import PullUriDialog, RulesScreen
from tests.ui.uihelpers import SIZE, demo_app, notifications, repos, settle, wait_for_target

DEFAULT = Target("default", "us-east-1")


def test_repositories_created_by_a_rule_show_their_upstream() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot, lambda: DEFAULT in app.session.rules)
            table = repos(app)
            by_name = {r.name: r for r in table.shown}
            assert table.upstream_of(by_name["docker-hub/library/nginx"]) == "docker.io"
            assert table.upstream_of(by_name["quay/prometheus/node-exporter"]) == "quay.io"
            assert table.upstream_of(by_name["platform/api"]) == ""
            table.set_filter("docker-hub/library/nginx")
            await pilot.pause()
            line = table.render_line(1).text
            assert "docker-hub/library/nginx" in line and "docker.io" in line

    asyncio.run(scenario())


def test_rules_screen_by_key_and_pull_uri_dialog() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("u")
            await settle(pilot, lambda: isinstance(app.screen, RulesScreen)
                         and app.screen.query_one(DataTable).row_count > 0)
            screen = app.screen
            table = screen.query_one(DataTable)
            assert table.row_count == 5
            assert "5 rule(s)" in str(screen.query_one("#rules-status", Static).render())
            await pilot.press("i")
            await settle(pilot, lambda: isinstance(app.screen, PullUriDialog))
            await pilot.press(*"nginx:1.27", "enter")
            await pilot.pause()
            account = app.backend.account_id("default", "us-east-1")
            expected = f"{account}.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27"
            result = app.screen.query_one("#pull-uri-result", Static)
            assert str(result.render()) == expected
            assert any(expected in n for n in notifications(app))
            app.screen.query_one(Input).value = ""
            await pilot.press(*"gcr.io/x/y", "enter")
            await pilot.pause()
            assert "no pull-through-cache rule" in str(result.render())
            await pilot.press("escape")
            await pilot.press("escape")
            await settle(pilot, lambda: not isinstance(app.screen, RulesScreen))

    asyncio.run(scenario())


def test_palette_opens_the_rules_screen() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("ctrl+p")
            await pilot.press(*"Pull-through cache")
            await settle(pilot, lambda: "Pull-through cache" in str(
                app.screen.query("CommandList").first().get_option_at_index(0).prompt))
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, RulesScreen))

    asyncio.run(scenario())
