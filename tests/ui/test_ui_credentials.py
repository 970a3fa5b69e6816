"""Pilot: login in demo mode, copying the password (OSC 52 fallback), reveal, y/Y/d."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import TagRow, Target
from ecr_tui.ui.screens.reveal import RevealDialog
from tests.ui.uihelpers import (
    SIZE,
    demo_app,
    notifications,
    open_tags,
    repos,
    settle,
    wait_for_target,
)

HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com"


def test_login_in_demo_mode_shows_the_result() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("l")
            await settle(pilot, lambda: any("Logged in" in m for m in notifications(app)))
            line = next(m for m in notifications(app) if "Logged in" in m)
            assert line.startswith(f"Logged in docker to {HOST}, expires in 11h4")
            assert "demo mode" in line
            assert app.session.logins[-1].registry == HOST

    asyncio.run(scenario())


def test_copy_password_falls_back_to_osc52_and_never_shows_it() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await pilot.press("c")
            await settle(pilot, lambda: bool(app.clipboard))
            password = app.backend.token("default", "us-east-1").password
            assert app.clipboard == password and len(password) > 2000
            await settle(pilot, lambda: any("OSC 52" in m for m in notifications(app)))
            assert any("sent to terminal clipboard (OSC 52)" in m for m in notifications(app))
            assert not any("copied" in m for m in notifications(app))
            assert all(password not in m for m in notifications(app))
            assert password not in app.title and password not in str(app.screen.render())

            await pilot.press("v")
            await settle(pilot, lambda: isinstance(app.screen, RevealDialog))
            secret = app.screen.query_one("#reveal-secret")
            assert password not in str(secret.render())
            await pilot.press("space")
            assert password[:40] in str(secret.render()).replace("\n", "")
            await pilot.press("escape")
            assert not isinstance(app.screen, RevealDialog)

    asyncio.run(scenario())


def test_copy_uris_and_pull_command() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            first = repos(app).highlighted_repository
            await pilot.press("y")
            assert app.clipboard == first.uri == f"{HOST}/{first.name}"

            tags = await open_tags(pilot, "platform/api")
            row = tags.tag_list.highlighted
            uri = f"{HOST}/platform/api"
            await pilot.press("y")
            assert app.clipboard == f"{uri}:{row.tag}"
            await pilot.press("Y")
            assert app.clipboard == f"{uri}@{row.digest}" and row.digest.startswith("sha256:")
            await pilot.press("d")
            assert app.clipboard == f"docker pull {uri}:{row.tag}"
            assert any(f"docker pull {uri}:{row.tag}" in m for m in notifications(app))

            # A tag DescribeImages did not describe has no digest: no `uri@` half-reference.
            tags.tag_list.set_rows([TagRow("orphan")])
            await pilot.pause()
            before = app.clipboard
            await pilot.press("Y")
            assert app.clipboard == before
            assert any("No digest known for orphan" in m for m in notifications(app))

    asyncio.run(scenario())
