"""SVG snapshots of the main screen, the Fleet and help at 80x24 and 200x60 (120x35 main and
help are in test_ui_snapshots.py), frozen clock, demo data; the Fleet sorted by profile, so the
rows do not depend on the order the pairs answered in."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.test_ui_layout import fleet_answered
from tests.ui.test_ui_snapshots import _help_ready, _main_ready
from tests.ui.uihelpers import demo_app, settle

NARROW, WIDE = (80, 24), (200, 60)


async def _fleet_ready(pilot: Pilot) -> None:
    await _main_ready(pilot)
    await fleet_answered(pilot)
    await pilot.press("o")  # profile order
    await settle(pilot)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "200x60"])
def test_main_screen_at_width(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=size, run_before=_main_ready)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "200x60"])
def test_help_at_width(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=size, run_before=_help_ready)


@pytest.mark.parametrize("size", [NARROW, (120, 35), WIDE], ids=["80x24", "120x35", "200x60"])
def test_fleet_at_width(snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=size, run_before=_fleet_ready)
