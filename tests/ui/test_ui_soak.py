"""Soak: 500 random switches with slow answers in flight end on the last choice, leak-free."""

from __future__ import annotations

import asyncio
import gc
import random
import tracemalloc

from ecr_tui.core.models import Target
from ecr_tui.demo.data import HUGE_REPOSITORY
from ecr_tui.demo.profiles import BY_NAME
from ecr_tui.ui.widgets.header_bar import HeaderBar
from tests.ui.uihelpers import SIZE, demo_app, repos, settle, wait_for_target

PROFILES = ["default", "prod-admin", "dev-sso", "analytics", "(env)"]
REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1", "eu-central-1"]
SWITCHES = 500
WARM_UP = 400
"""Switches before memory is traced: tracing is slow, and the warm-up fills bounded caches."""
MEMORY_BOUND = 8 * 1024 * 1024
"""Bytes the heap may keep after the traced switches (Textual's and Rich's bounded caches)."""


async def _soak(app, pilot, rng: random.Random, switches: int) -> Target:  # noqa: ANN001
    main = app.main_screen
    profile, region = app.session.profile, app.session.region
    for step in range(switches):
        kind = rng.random()
        if kind < 0.48:
            profile = rng.choice(PROFILES)
            region = BY_NAME[profile].region
            main.choose_profile(profile)
        elif kind < 0.98:
            region = rng.choice(REGIONS)
            main.choose_region(region)
        else:
            shown = [r for r in repos(app).shown if r.name != HUGE_REPOSITORY]
            if shown and repos(app).target == app.session.target:
                main.open_repository(shown[rng.randrange(len(shown))])
                await pilot.pause()
                app._to_main()
        if step % 10 == 0:
            await pilot.pause()
    return Target(profile, region)


def test_soak_of_random_switches_ends_on_the_last_selection() -> None:
    async def scenario() -> None:
        app = demo_app(delay=(0.0, 0.02))
        rng = random.Random(1234)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            # A warm-up round fills the demo's caches, so the measured round shows leaks only.
            final = await _soak(app, pilot, rng, WARM_UP)
            await wait_for_target(pilot, final)
            await settle(pilot)
            gc.collect()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            final = await _soak(app, pilot, rng, SWITCHES - WARM_UP)
            await wait_for_target(pilot, final)
            await settle(pilot)
            gc.collect()
            after = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()

            assert not [w for w in app.workers if w.is_running]
            assert app.session.target == final and repos(app).target == final
            account = BY_NAME[final.profile].account_id
            assert repos(app).shown
            assert all(r.uri.startswith(f"{account}.dkr.ecr.{final.region}.")
                       for r in repos(app).shown)
            context = app.main_screen.query_one(HeaderBar).context_text
            assert final.profile in context and final.region in context
            assert after - before < MEMORY_BOUND, f"heap grew by {after - before} bytes"
            assert len(app.worker_context) < 10  # finished workers are forgotten

    asyncio.run(scenario())
