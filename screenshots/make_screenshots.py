"""Make the README's SVG screenshots from demo mode with a frozen clock.

Run from the repository root: `python3 screenshots/make_screenshots.py`.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from textual.pilot import Pilot  # noqa: E402
from textual.worker import WorkerFailed  # noqa: E402

from ecr_tui.demo.backend import DemoBackend  # noqa: E402
from ecr_tui.ui.app import EcrTuiApp, make_app  # noqa: E402
from ecr_tui.ui.screens.tags import TagsScreen  # noqa: E402

FROZEN = datetime(2026, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
SIZE = (120, 35)


async def settle(pilot: Pilot, until=lambda: True, rounds: int = 300) -> None:  # noqa: ANN001
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerFailed:
            pass
        await pilot.pause()
        if until():
            return
    raise RuntimeError("demo never reached the expected state")


def loaded(app: EcrTuiApp) -> bool:
    return bool(app.session.repositories) and app.main_screen.repos.target == app.session.target


async def shoot(name: str, steps) -> None:  # noqa: ANN001
    app = make_app(DemoBackend(clock=lambda: FROZEN), clock=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await steps(pilot, app)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(HERE))
        print(HERE / f"{name}.svg")


async def main_screen(pilot: Pilot, app: EcrTuiApp) -> None:
    pass


async def tags_with_details(
    pilot: Pilot, app: EcrTuiApp, repository: str = "platform/api", row: int = 2
) -> None:
    app.open_repository(repository)
    await settle(
        pilot, lambda: isinstance(app.screen, TagsScreen) and bool(app.screen.tag_list.rows)
    )
    screen = app.screen
    assert isinstance(screen, TagsScreen)
    screen.tag_list.move_to(row)
    await settle(pilot, lambda: screen.detail.row is screen.tag_list.highlighted)
    screen.action_open_image()  # opening reads the manifest (a pull in ECR); the cursor reads none
    await settle(pilot, lambda: screen.detail.shown_tag == screen.tag_list.highlighted.tag)


async def image_tabs(pilot: Pilot, app: EcrTuiApp, repository: str, key: str) -> None:
    await tags_with_details(pilot, app, repository, 0)
    screen = app.screen
    assert isinstance(screen, TagsScreen)
    await pilot.press(key)
    await settle(pilot, lambda: not any(w.is_running for w in app.workers))


async def scan_findings(pilot: Pilot, app: EcrTuiApp) -> None:
    await image_tabs(pilot, app, "platform/api", "5")


async def image_layers(pilot: Pilot, app: EcrTuiApp) -> None:
    await image_tabs(pilot, app, "base/python", "2")


async def tokens_panel(pilot: Pilot, app: EcrTuiApp) -> None:
    app.switch_profile("dev-sso")
    await settle(pilot, lambda: loaded(app) and app.session.profile == "dev-sso")
    await pilot.press("l")
    await settle(pilot, lambda: len(app.session.logins) == 4)
    await pilot.press("t")


async def fleet_screen(pilot: Pilot, app: EcrTuiApp) -> None:
    from ecr_tui.ui.screens.fleet import FleetScreen

    await pilot.press("F")
    await settle(pilot, lambda: isinstance(app.screen, FleetScreen) and bool(app.screen.pairs)
                 and all(p in app.session.fleet for p in app.screen.pairs))
    await pilot.press("o", "space", "down", "down", "space", "down", "space")


async def help_screen(pilot: Pilot, app: EcrTuiApp) -> None:
    await pilot.press("question_mark")


async def run() -> None:
    await shoot("main-screen", main_screen)
    await shoot("tags-with-details", tags_with_details)
    await shoot("tokens-panel", tokens_panel)
    await shoot("help-screen", help_screen)
    await shoot("fleet-screen", fleet_screen)
    await shoot("image-layers", image_layers)
    await shoot("scan-findings", scan_findings)


if __name__ == "__main__":
    asyncio.run(run())
