"""Shared helpers for the UI tests: a fake clock, a demo app, a settle loop, pilot steps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import EcrTuiApp, make_app
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.repo_table import RepoTable

FROZEN = datetime(2026, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
SIZE = (120, 40)


class FakeClock:
    def __init__(self, now: datetime = FROZEN) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def demo_app(
    clock: FakeClock | None = None, delay: float | tuple[float, float] = 0.0, **kwargs: str
) -> EcrTuiApp:
    clock = clock or FakeClock()
    return make_app(DemoBackend(clock=clock, delay=delay), clock=clock, **kwargs)


def acting_demo_app(clock: FakeClock | None = None) -> EcrTuiApp:
    """The demo's data on a backend that acts on this machine (writes files, runs commands), for
    the tests of those actions themselves: paths in a temp dir, the terminal runner injected."""
    from ecr_tui.core.aws.workstation import LocalWorkstation

    clock = clock or FakeClock()
    return make_app(DemoBackend(clock=clock, workstation=LocalWorkstation()), clock=clock)


async def settle(pilot: Pilot, until: Callable[[], bool] | None = None, rounds: int = 200) -> None:
    """Let workers finish and messages drain until `until()` holds (no timing asserts)."""
    app = pilot.app
    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()
        except (WorkerFailed, WorkerCancelled):
            pass  # failures are the app's business: it reports them
        await pilot.pause()
        if until is None:
            if not any(w.is_running for w in app.workers):
                await pilot.pause()
                return
        elif until():
            return
    raise AssertionError("the UI never reached the expected state")


async def until(pilot: Pilot, check: Callable[[], bool]) -> None:
    """Pause until `check()` holds, without waiting for workers (one may be held)."""
    for _ in range(400):
        await pilot.pause()
        if check():
            return
        await asyncio.sleep(0)
    raise AssertionError("the UI never reached the expected state")


def notifications(app: EcrTuiApp) -> list[str]:
    return [n.message for n in app._notifications]


def record_notifications(app: EcrTuiApp) -> list[str]:
    """Every message the app notifies from now on, kept after its toast times out (a loaded
    machine may take longer than a toast's timeout to get through a test)."""
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, *args: object, **kwargs: object) -> None:
        shown.append(message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return shown


def repos(app: EcrTuiApp) -> RepoTable:
    return app.main_screen.query_one(RepoTable)


def ten_thousand_repositories(app: EcrTuiApp, target: Target) -> RepoTable:
    """The repository list given 10,000 repositories named bulk/svc-00000 … bulk/svc-09999."""
    table = repos(app)
    base = table.shown[0]
    table.set_repositories(target, [
        replace(base, name=f"bulk/svc-{i:05d}", uri=f"{base.uri}-{i:05d}") for i in range(10_000)
    ])
    return table


async def wait_for_target(pilot: Pilot, target: Target) -> None:
    app = pilot.app
    assert isinstance(app, EcrTuiApp)
    await settle(
        pilot,
        lambda: app.session.target == target and repos(app).target == target
        and bool(repos(app).shown),
    )


async def open_tags(pilot: Pilot, name: str) -> TagsScreen:
    app = pilot.app
    assert isinstance(app, EcrTuiApp)
    app.open_repository(name)
    await settle(
        pilot, lambda: isinstance(app.screen, TagsScreen) and bool(app.screen.tag_list.rows)
    )
    screen = app.screen
    assert isinstance(screen, TagsScreen)
    return screen


async def wait_for_detail(pilot: Pilot, screen: TagsScreen) -> None:
    """Open the highlighted image as enter does (its manifest is read: a pull in ECR; the
    cursor alone reads none) and wait until the detail pane shows it."""
    await settle(pilot, lambda: screen.tag_list.highlighted is not None
                 and screen.detail.row is screen.tag_list.highlighted)
    screen.action_open_image()
    await settle(
        pilot,
        lambda: screen.tag_list.highlighted is not None
        and screen.detail.shown_tag == screen.tag_list.highlighted.tag,
    )


async def huge_tags(pilot: Pilot) -> TagsScreen:
    """The tags screen of the demo's 100,000-tag repository, every image listed."""
    await wait_for_target(pilot, Target("default", "us-east-1"))
    screen = await open_tags(pilot, "bench/huge")
    await settle(pilot, lambda: len(screen.tag_list.rows) == 99_999)
    return screen
