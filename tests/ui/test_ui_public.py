"""Pilot on the demo: the Public place beside the regions (repositories, catalog data, tags),
`l` there and on the public.ecr.aws row of the tokens panel, and that row's countdown."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static

from ecr_tui.core.models import Target
from ecr_tui.core.public_ecr import PUBLIC_HOST, PUBLIC_SCOPE
from ecr_tui.ui.screens.public import PublicScreen
from ecr_tui.ui.widgets.region_list import PUBLIC_PLACE, RegionList
from ecr_tui.ui.widgets.token_panel import TokenPanel
from tests.ui.uihelpers import SIZE, demo_app, notifications, settle, wait_for_target


async def open_public(pilot, app) -> PublicScreen:  # type: ignore[no-untyped-def]
    await wait_for_target(pilot, Target("default", "us-east-1"))
    regions = app.screen.query_one(RegionList)
    regions.focus()
    regions.highlighted = regions.get_option_index(PUBLIC_PLACE)
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, PublicScreen))
    screen = app.screen
    await settle(pilot, lambda: screen.query_one("#public-repos", DataTable).row_count > 0)
    return screen


def test_the_public_place_lists_repositories_catalog_and_tags() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_public(pilot, app)
            names = [k.value for k in screen.query_one("#public-repos", DataTable).rows]
            assert names == ["base/python", "cli/ecr-tui", "samples/hello-windows",
                             "tools/kubectl"]
            catalog = str(screen.query_one("#public-catalog", Static).render())
            assert f"{PUBLIC_HOST}/demo-3333/base/python" in catalog
            assert "architectures x86-64, ARM 64" in catalog
            await pilot.press("enter")
            tags = screen.query_one("#public-tags", DataTable)
            await settle(pilot, lambda: tags.row_count == 24)
            assert "base/python" in str(tags.border_title)
            await settle(pilot, lambda: any(
                (t.profile, t.region) == ("default", PUBLIC_SCOPE) for t in app.session.tokens))
            assert screen.query_one("#public-header").token_text == "token 12:00:00"

    asyncio.run(scenario())


def test_l_in_the_public_place_logs_in_to_public_ecr_aws() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_public(pilot, app)
            await pilot.press("l")
            await settle(pilot, lambda: any("Logged in" in m for m in notifications(app)))
            line = next(m for m in notifications(app) if "Logged in" in m)
            assert line.startswith(f"Logged in docker to {PUBLIC_HOST}, expires in 12h00m")
            assert (app.session.logins[-1].region, app.session.logins[-1].registry) == (
                PUBLIC_SCOPE, PUBLIC_HOST)

    asyncio.run(scenario())


def test_the_tokens_panel_has_a_public_row_and_l_on_it_logs_in_there() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_public(pilot, app)
            await settle(pilot, lambda: any(t.region == PUBLIC_SCOPE for t in app.session.tokens))
            await pilot.press("escape")
            panel = app.screen.query_one(TokenPanel)
            await settle(pilot, lambda: f"token|default|{PUBLIC_SCOPE}" in panel.rows)
            panel.focus()
            panel.move_cursor(row=panel.get_row_index(f"token|default|{PUBLIC_SCOPE}"))
            assert panel.highlighted_public_profile() == "default"
            assert panel.level_of(f"token|default|{PUBLIC_SCOPE}") == "ok"
            await pilot.press("l")
            await settle(pilot, lambda: any("Logged in" in m for m in notifications(app)))
            assert any(m.startswith(f"Logged in docker to {PUBLIC_HOST}")
                       for m in notifications(app))
            # A private row: `l` is the app's again, the current registry's login.
            panel.move_cursor(row=panel.get_row_index("token|default|us-east-1"))
            assert panel.highlighted_public_profile() is None
            await pilot.press("l")
            await settle(pilot, lambda: any("111122223333.dkr.ecr" in m
                                            for m in notifications(app)))

    asyncio.run(scenario())


def test_a_public_token_refused_is_one_line_and_the_place_stays() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.push_screen(PublicScreen("ci-process"))
            await settle(pilot, lambda: any("GetServiceBearerToken" in m
                                            for m in notifications(app)))
            assert isinstance(app.screen, PublicScreen)
            lines = [m for m in notifications(app) if "GetServiceBearerToken" in m]
            assert len(lines) == 1 and "AmazonElasticContainerRegistryPublicReadOnly" in lines[0]

    asyncio.run(scenario())


def test_the_jump_reaches_the_public_place_of_a_named_profile() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("colon", *"prod-admin public", "enter")
            await settle(pilot, lambda: isinstance(app.screen, PublicScreen))
            assert app.screen.profile == "prod-admin"
            await pilot.press("escape")
            await pilot.press("colon", *"public", "enter")
            await settle(pilot, lambda: isinstance(app.screen, PublicScreen)
                         and app.screen.profile == "default")

    asyncio.run(scenario())
