"""Errors become one line: expired SSO shows its fix; AccessDenied and network errors stay calm."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.widgets.profile_list import ProfileList
from tests.ui.uihelpers import SIZE, demo_app, notifications, repos, settle, wait_for_target


def test_expired_sso_profile_shows_the_fix_and_the_rest_stays_usable() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.switch_profile("staging-sso")
            fix = "aws sso login --profile staging-sso"
            profiles = app.main_screen.query_one(ProfileList)
            await settle(pilot, lambda: fix in profiles.prompt_text("staging-sso"))
            assert any(fix in m for m in notifications(app))
            assert fix in str(repos(app).border_subtitle) and not repos(app).shown
            app.switch_profile("default")
            await wait_for_target(pilot, Target("default", "us-east-1"))

    asyncio.run(scenario())


def test_access_denied_with_brackets_and_network_error_hint() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.switch_profile("ci-process")
            await wait_for_target(pilot, Target("ci-process", "ap-southeast-2"))
            app.switch_region("eu-west-1")
            await settle(pilot, lambda: any("not authorized" in m for m in notifications(app)))
            assert "[eu-west-1/*]" in str(repos(app).border_subtitle)
            app.switch_region("me-central-1")
            await settle(pilot, lambda: any("press r to retry" in m for m in notifications(app)))
            assert app.is_running
            app.switch_region("ap-southeast-2")
            await wait_for_target(pilot, Target("ci-process", "ap-southeast-2"))

    asyncio.run(scenario())


def test_one_failure_one_line_when_every_call_fails_alike() -> None:
    """Repositories and the account lookup fail for the same cause: the user reads it once."""

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.switch_profile("staging-sso")
            fix = "aws sso login --profile staging-sso"
            await settle(pilot, lambda: fix in str(repos(app).border_subtitle))
            await settle(pilot)
            assert [m for m in notifications(app) if fix in m] == [
                f"The SSO session for profile staging-sso has expired (fix: {fix})"
            ]
            app.switch_profile("default")
            await wait_for_target(pilot, Target("default", "us-east-1"))
            app.switch_region("me-central-1")
            await settle(pilot, lambda: "retry" in str(repos(app).border_subtitle))
            await settle(pilot)
            assert len([m for m in notifications(app) if "press r to retry" in m]) == 1

    asyncio.run(scenario())


def test_unreachable_sts_never_notifies_and_the_header_shows_the_account() -> None:
    from ecr_tui.core.errors import NetworkError
    from ecr_tui.demo.backend import DemoBackend
    from ecr_tui.ui.app import make_app
    from ecr_tui.ui.widgets.header_bar import HeaderBar
    from tests.ui.uihelpers import FakeClock

    class NoStsBackend(DemoBackend):
        def account_id(self, profile: str, region: str) -> str:
            raise NetworkError("Could not connect to the endpoint URL: https://sts.amazonaws.com/")

    async def scenario() -> None:
        clock = FakeClock()
        app = make_app(NoStsBackend(clock=clock), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await settle(pilot)
            assert not [m for m in notifications(app) if "sts" in m]
            header = app.main_screen.query_one(HeaderBar)
            assert "account 111122223333" in header.context_text

    asyncio.run(scenario())
