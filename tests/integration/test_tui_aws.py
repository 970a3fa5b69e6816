"""Pilot on the AWS backend against the stand-ins: login with the real docker CLI, copy."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.models import Target
from ecr_tui.ui.app import make_app
from tests.harness.world import World
from tests.ui.uihelpers import SIZE, notifications, open_tags, repos, settle, wait_for_target

pytestmark = pytest.mark.integration


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed")
def test_login_key_logs_docker_in_and_copy_never_shows_the_password(
    world: World, process_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        backend = AwsBackend(environ=process_env)
        app = make_app(backend)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", world.region))
            await pilot.press("l")
            await settle(pilot, lambda: any("Logged in" in m for m in notifications(app)))
            line = next(m for m in notifications(app) if "Logged in" in m)
            assert line.startswith(f"Logged in docker to {world.registry_host}, expires in 11h")
            config = json.loads((Path(process_env["DOCKER_CONFIG"]) / "config.json").read_text())
            assert config["auths"][world.registry_host]["auth"] == world.authorization_token

            await pilot.press("c")
            await settle(pilot, lambda: app.clipboard == world.password)
            assert all(world.password not in m for m in notifications(app))

            screen = await open_tags(pilot, world.big_repo)
            await settle(pilot, lambda: len(screen.tag_list.rows) >= len(world.big_tags))  # pages
            assert len(screen.tag_list.rows) == len(world.big_tags)
        backend.close()

    asyncio.run(scenario())


def test_switching_profiles_never_shows_another_accounts_repositories(
    world: World, process_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        backend = AwsBackend(environ=process_env)
        app = make_app(backend)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", world.region))
            for _ in range(3):
                app.switch_profile("static-eu")
                app.switch_profile("default")
            app.switch_profile("static-eu")
            await settle(
                pilot,
                lambda: app.session.target is not None
                and app.session.target.profile == "static-eu"
                and app.session.accounts.get(app.session.target) is not None
                and repos(app).target == app.session.target,
            )
            target = app.session.target
            assert app.session.accounts[target] == world.other_account_id
            # The other account owns no repository: none of default's 1,151 may linger.
            assert app.session.repositories == []
            assert not repos(app).shown
        backend.close()

    asyncio.run(scenario())
