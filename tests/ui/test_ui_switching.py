"""Rapid profile/region switching with random backend delays ends on the last selection."""

from __future__ import annotations

import asyncio
import random

from ecr_tui.core.models import Target
from ecr_tui.demo.profiles import BY_NAME
from ecr_tui.ui.widgets.header_bar import HeaderBar
from tests.ui.uihelpers import SIZE, demo_app, repos, settle, wait_for_target

PROFILES = ["default", "prod-admin", "dev-sso", "analytics", "(env)"]
REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1", "eu-central-1"]


def test_rapid_switching_never_mixes_accounts() -> None:
    async def scenario() -> None:
        app = demo_app(delay=(0.0, 0.03))
        rng = random.Random(42)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            main = app.main_screen
            profile, region = "default", "us-east-1"
            for step in range(40):
                if rng.random() < 0.5:
                    profile = rng.choice(PROFILES)
                    region = BY_NAME[profile].region
                    main.choose_profile(profile)
                else:
                    region = rng.choice(REGIONS)
                    main.choose_region(region)
                if step % 3:
                    await pilot.pause()
                # whatever is on screen right now must belong to the header's selection
                shown = repos(app)
                if shown.shown and app.session.target is not None:
                    account = BY_NAME[shown.target.profile].account_id
                    assert shown.target == app.session.target
                    assert all(r.registry_id == account for r in shown.shown)
            final = Target(profile, region)
            await wait_for_target(pilot, final)
            await settle(pilot)
            account = BY_NAME[profile].account_id
            assert app.session.target == final and repos(app).target == final
            assert all(r.uri.startswith(f"{account}.dkr.ecr.{region}.") for r in repos(app).shown)
            context = main.query_one(HeaderBar).context_text
            assert profile in context and region in context and account in context

    asyncio.run(scenario())
