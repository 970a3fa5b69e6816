"""SVG snapshots (frozen clock, fixed seed, 120x35); none may contain a password."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from tests.ui.uihelpers import (
    FakeClock,
    demo_app,
    open_tags,
    settle,
    wait_for_detail,
    wait_for_target,
)

SNAP_SIZE = (120, 35)
ROOT = Path(__file__).resolve().parents[2]


async def _main_ready(pilot: Pilot) -> None:
    await wait_for_target(pilot, Target("default", "us-east-1"))
    await settle(pilot)


async def _tags_ready(pilot: Pilot) -> None:
    await _main_ready(pilot)
    tags = await open_tags(pilot, "platform/api")
    tags.tag_list.move_to(2)
    await wait_for_detail(pilot, tags)
    await settle(pilot)


async def _help_ready(pilot: Pilot) -> None:
    await _main_ready(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


def test_main_screen_snapshot(snap_compare) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=_main_ready)


def test_tags_screen_snapshot(snap_compare) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=_tags_ready)


def test_help_screen_snapshot(snap_compare) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=SNAP_SIZE, run_before=_help_ready)


def test_snapshots_and_screenshots_hold_no_password() -> None:
    backend = DemoBackend(clock=FakeClock())
    secrets = [t.password for t in backend.cached_tokens()]
    secrets.append(backend.token("default", "us-east-1", refresh=True).password)
    files = list((Path(__file__).parent / "__snapshots__").rglob("*.svg"))
    files += list((ROOT / "screenshots").glob("*.svg"))
    assert files, "no snapshot or screenshot found"
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "eyJwYXlsb2FkIjoi" not in text, path
        for secret in secrets:
            assert secret[16:80] not in text, path
