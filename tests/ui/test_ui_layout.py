"""Laid out by the terminal's width (80x24, 120x35, 200x60), asserted on what is drawn: every
column whole or hidden (a cut cell ends with `…`), nothing scrolls sideways, the header, the
footer, the Fleet's title and status line and the help dialog stay on screen."""

from __future__ import annotations

import asyncio
import re

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from ecr_tui.core.models import Target
from ecr_tui.ui.app import EcrTuiApp
from ecr_tui.ui.column_layout import CELL_PAD
from ecr_tui.ui.screens.find import FindScreen
from ecr_tui.ui.screens.fleet import FleetScreen
from ecr_tui.ui.screens.help import HelpScreen
from ecr_tui.ui.widgets.fitted_table import FittedTable
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.profile_list import ProfileList
from ecr_tui.ui.widgets.token_panel import TokenPanel
from tests.ui.uihelpers import demo_app, repos, settle, wait_for_target

SIZES = [(80, 24), (120, 35), (200, 60)]
DEFAULT = Target("default", "us-east-1")
TOKEN = "token 11:42:07"  # the demo's default token at the frozen clock


def drawn(app: EcrTuiApp) -> list[str]:
    """The screen as the terminal gets it, one string per line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def inside(lines: list[str], region: Region) -> list[str]:
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]


async def fleet_answered(pilot: Pilot) -> FleetScreen:
    """From the main screen: the Fleet, once every pair has answered."""
    app = pilot.app
    assert isinstance(app, EcrTuiApp)
    await wait_for_target(pilot, DEFAULT)
    await pilot.press("F")
    screen = app.screen
    assert isinstance(screen, FleetScreen)
    await settle(pilot, lambda: bool(screen.pairs)
                 and all(p in app.session.fleet for p in screen.pairs))
    return screen


def assert_whole_or_cut(shown: str, full: str) -> None:
    shown, full = shown.strip(), full.strip()
    assert shown == full or (
        shown.endswith("…") and len(shown) > 1 and full.startswith(shown[:-1])
    ), f"{full!r} drawn as {shown!r}"


def assert_on_screen(widget: Widget, size: tuple[int, int]) -> None:
    region = widget.region
    assert region.x >= 0 and region.y >= 0, widget
    assert region.right <= size[0] and region.bottom <= size[1], (widget, region)


def check_fitted_table(app: EcrTuiApp, table: FittedTable) -> None:
    """Every drawn cell of a FittedTable is its whole text or a cut one ending with `…`."""
    assert table.max_scroll_x == 0  # nothing to scroll sideways to
    lines = inside(drawn(app), table.content_region)
    top = round(table.scroll_y)
    for y, line in enumerate(lines[1:table.row_count - top + 1]):
        row = table.coordinate_to_cell_key((top + y, 0)).row_key.value or ""
        x = 0
        for column in table.ordered_columns:
            width = column.get_render_width(table)
            full = table.full_cell(row, str(column.key.value)).plain
            assert_whole_or_cut(line[x:x + width], full)
            x += width
    header = lines[0]
    for column in table.ordered_columns:
        assert str(column.label) in header  # headers are never cut


def check_repo_table(app: EcrTuiApp) -> list[str]:
    table = repos(app)
    assert table.max_scroll_x == 0
    lines = inside(drawn(app), table.content_region)
    columns = table.fitted.shown
    x = 0
    for key, label, width in columns:
        assert lines[0][x:x + width + 2 * CELL_PAD].strip() == label, key
        x += width + 2 * CELL_PAD
    for y, line in enumerate(lines[1:]):
        index = round(table.scroll_y) + y
        if index >= len(table.shown):
            break
        x = 0
        for key, _label, width in columns:
            full, _style = table.cell(key, table.shown[index])
            assert_whole_or_cut(line[x:x + width + 2 * CELL_PAD], full)
            x += width + 2 * CELL_PAD
    return [key for key, _label, _width in columns]


def check_header_and_footer(app: EcrTuiApp, size: tuple[int, int]) -> None:
    lines = drawn(app)
    header = app.screen.query_one(HeaderBar)
    assert "DEMO" in lines[header.region.y]
    assert lines[header.region.y].rstrip().endswith(header.token_text)
    keys = list(app.screen.query(FooterKey))
    assert keys[0].description == "Help" and "? Help" in lines[-1]
    palette = next(k for k in keys if k.has_class("-command-palette"))
    for key in keys:
        assert_on_screen(key, size)
        if key is not palette:  # a key is drawn whole, never under the palette's
            assert key.region.right <= palette.region.x, key.description


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_lays_out_by_width(size: tuple[int, int]) -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=size) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot)
            check_header_and_footer(app, size)
            assert app.main_screen.query_one(HeaderBar).token_text == TOKEN
            shown = check_repo_table(app)
            assert len(shown) >= 2 and shown[:2] == ["name", "created"]
            if size[0] >= 120:
                assert "upstream" in shown and "mutability" in shown
            tokens = app.main_screen.query_one(TokenPanel)
            check_fitted_table(app, tokens)
            if size[0] >= 200:
                assert "registry" in tokens.shown_columns
                assert all(tokens.get_cell(k, "registry").plain == tokens.full_cell(
                    k, "registry").plain for k in tokens.rows)  # whole, not "…amazonaws.co"
            profiles = inside(drawn(app), app.main_screen.query_one(ProfileList).content_region)
            rows = [line.split("  ")[0] for line in profiles if line.strip()]
            assert len(rows) == len(set(rows))  # two roles of one account never look alike

    asyncio.run(scenario())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_fleet_keeps_its_title_status_and_sort_in_view(size: tuple[int, int]) -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=size) as pilot:
            screen = await fleet_answered(pilot)
            await settle(pilot)
            check_header_and_footer(app, size)
            table = screen.table
            status = screen.query_one("#fleet-status")
            assert_on_screen(status, size)
            lines = drawn(app)
            assert "pairs answered" in lines[status.region.y]
            assert "sort: arrival" in lines[status.region.y]
            assert "Fleet" in lines[table.region.y]  # the title, on the table's top border
            assert "sort: arrival" in lines[table.region.bottom - 1]
            check_fitted_table(app, table)
            assert {"profile", "region", "repos", "token", "error"} <= set(table.shown_columns)

    asyncio.run(scenario())


def test_fleet_resort_goes_to_the_top_and_home_end_go_to_first_and_last_row() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(120, 35)) as pilot:
            screen = await fleet_answered(pilot)
            table = screen.table
            table.move_cursor(row=60, animate=False)
            await pilot.pause()
            await pilot.press("o")
            assert table.cursor_row == 0 and table.scroll_y == 0
            assert table.border_subtitle is not None and "profile" in str(table.border_subtitle)
            await pilot.press("end")
            assert table.cursor_row == table.row_count - 1 and table.scroll_x == 0
            status = screen.query_one("#fleet-status")  # the last pair failed: its error first
            assert drawn(app)[status.region.y].strip().startswith("staging-sso us-west-2: The SSO")
            await pilot.press("home")
            assert table.cursor_row == 0 and table.scroll_x == 0

    asyncio.run(scenario())


def test_fleet_and_find_headers_show_the_current_token() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(120, 35)) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("F")
            assert isinstance(app.screen, FleetScreen)
            header = app.screen.query_one(HeaderBar)
            assert header.token_text == TOKEN
            assert "111122223333" in header.context_text
            await pilot.press("escape", "f")
            assert isinstance(app.screen, FindScreen)
            assert app.screen.query_one(HeaderBar).token_text == TOKEN

    asyncio.run(scenario())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_fits_the_screen_and_its_columns_stay_apart(size: tuple[int, int]) -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=size) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.pause()
            assert_on_screen(app.screen.query_one("#help-box"), size)
            text = app.screen.query_one("#help-text")
            lines = str(text.render()).splitlines()
            assert max(len(line) for line in lines) <= text.content_region.width
            fleet = next(line for line in lines if line.rstrip().endswith(" fleet"))
            assert re.search(r"\S {2,}fleet$", fleet.rstrip()), fleet  # not "regionfleet"
            whole = "Fleet: every account and region" in fleet
            assert whole if size[0] >= 120 else whole or "…" in fleet, fleet  # cut only if narrow

    asyncio.run(scenario())


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_expired_sso_fix_is_one_line_under_its_profile(size: tuple[int, int]) -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=size) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.main_screen.choose_profile("staging-sso")
            await settle(pilot, lambda: "staging-sso" in app.session.failures)
            await settle(pilot)
            profiles = app.main_screen.query_one(ProfileList)
            lines = [line.strip() for line in inside(drawn(app), profiles.content_region)]
            rows = [i for i, line in enumerate(lines) if line.startswith("staging-sso")]
            assert len(rows) == 1, lines  # a wrapped fix would read as another profile
            fix = lines[rows[0] + 1]
            assert fix.startswith("└✗ aws sso login")
            if size[0] >= 120:
                assert fix.endswith("aws sso login --profile staging-sso")  # whole
            assert lines[rows[0] + 2].startswith("analytics")

    asyncio.run(scenario())
