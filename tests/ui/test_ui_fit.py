"""Fit the hand: the user's keys in footer and help, the palette theme, favourites and recents
remembered across two runs, the `:` jump, and regions that matter first (Pilot, demo backend)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets._footer import FooterKey

from ecr_tui.core.models import Target
from ecr_tui.core.store.memory import MemoryStore
from ecr_tui.core.store.settings import parse_settings
from ecr_tui.ui.screens.help import HelpScreen
from ecr_tui.ui.screens.jump import JumpScreen
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.region_list import OTHER_REGIONS, PUBLIC_PLACE, RegionList
from tests.ui.uihelpers import (
    SIZE,
    demo_app,
    notifications,
    record_notifications,
    repos,
    settle,
    wait_for_target,
)

DEFAULT = Target("default", "us-east-1")


def memory(tmp_path: Path) -> MemoryStore:
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    return MemoryStore(persist=True, environ=env)


def footer_keys(app) -> dict[str, str]:  # noqa: ANN001
    return {k.description: k.key_display or k.key for k in app.screen.query(FooterKey)}


def test_keymap_override_shows_in_footer_and_help_and_works() -> None:
    settings = parse_settings('[keys]\nopen-repository = "o"\nrefresh-repositories = "R"\n'
                              'nope = "x"\n', Path("/c.toml"))

    async def scenario() -> None:
        app = demo_app(settings=settings)
        shown = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot, lambda: "Open" in footer_keys(app))  # the footer is redrawn later
            keys = footer_keys(app)
            assert keys["Open"] == "o" and keys["Refresh"] == "R"
            assert [n for n in shown if "unknown binding id 'nope'" in n] != []
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            help_text = str(app.screen.query_one("#help-text").render())
            line = next(x for x in help_text.splitlines() if x.rstrip().endswith("open-repository"))
            assert line.split()[0] == "o"
            await pilot.press("escape")
            await pilot.press("o")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen))
            assert len([n for n in shown if "nope" in n]) == 1  # once

    asyncio.run(scenario())


def test_palette_theme_is_remembered_for_the_next_run(tmp_path: Path) -> None:
    async def first_run() -> None:
        app = demo_app(memory=memory(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            assert app.theme != "nord"
            app.theme = "nord"  # what the palette's "Change theme" does

    async def second_run() -> str:
        app = demo_app(memory=memory(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            return app.theme

    asyncio.run(first_run())
    assert asyncio.run(second_run()) == "nord"


def test_favourites_and_recents_are_remembered_for_the_next_run(tmp_path: Path) -> None:
    async def first_run() -> str:
        app = demo_app(memory=memory(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            table = repos(app)
            table.move_to(5)
            starred = table.highlighted_repository.name
            await pilot.press("asterisk")
            assert table.shown[0].name == starred
            table.move_to(7)
            opened = table.highlighted_repository.name
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen))
            return f"{starred} {opened}"

    async def second_run(starred: str, opened: str) -> None:
        app = demo_app(memory=memory(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            assert repos(app).shown[0].name == starred  # favourites sort first
            await pilot.press("colon")
            assert isinstance(app.screen, JumpScreen)
            shown = [str(o.prompt) for o in app.screen.query_one("#jump-matches").options]
            assert shown[0].startswith("recent") and opened in shown[0]
            assert any(s.startswith("favourite") and starred in s for s in shown)
            await pilot.press("escape")
            await pilot.press("ctrl+p", *f"favourite: {starred}")
            await settle(pilot, lambda: starred in str(
                app.screen.query("CommandList").first().get_option_at_index(0).prompt))
            await pilot.press("escape")
            await pilot.press("ctrl+p", *f"recent: {opened}")
            await settle(pilot, lambda: opened in str(
                app.screen.query("CommandList").first().get_option_at_index(0).prompt))
            await pilot.press("enter")  # a recent opens its repository again
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and app.screen.repository.name == opened)

    names = asyncio.run(first_run())
    asyncio.run(second_run(*names.split()))


def test_jump_switches_profile_and_region_and_opens_the_newest_tag() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await pilot.press("colon", *"prod-admin eu-west-1", "enter")
            await wait_for_target(pilot, Target("prod-admin", "eu-west-1"))
            await pilot.press("colon", *"platform/api", "enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and bool(app.screen.tag_list.rows))
            tags = app.screen
            newest = max(tags.tag_list.rows, key=lambda r: r.pushed_at)
            assert tags.tag_list.highlighted == newest
            assert tags.target == Target("prod-admin", "eu-west-1")

    asyncio.run(scenario())


def test_regions_that_matter_come_first_and_the_rest_fold() -> None:
    settings = parse_settings('regions = ["sa-east-1"]\n', Path("/c.toml"))

    async def scenario() -> None:
        app = demo_app(settings=settings)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            regions = app.main_screen.query_one(RegionList)
            await settle(pilot, lambda: regions.option_count < 10)
            ids = [regions.get_option_at_index(i).id for i in range(regions.option_count)]
            assert ids == ["us-east-1", "sa-east-1", "ap-southeast-2", "eu-west-1", PUBLIC_PLACE,
                           OTHER_REGIONS]
            app.switch_region("eu-north-1")  # a folded region, chosen: it is shown
            await wait_for_target(pilot, Target("default", "eu-north-1"))
            ids = [regions.get_option_at_index(i).id for i in range(regions.option_count)]
            assert "eu-north-1" in ids[: ids.index(OTHER_REGIONS)]
            regions.focus()
            regions.highlighted = ids.index(OTHER_REGIONS)
            await pilot.press("enter")
            assert regions.unfolded and regions.option_count > 20

    asyncio.run(scenario())


def test_palette_shows_the_users_keys() -> None:
    # not L: the tags screen's Lifecycle view has it
    settings = parse_settings('[keys]\nrefresh-repositories = "R"\nlogin = "O"\n', Path("/c.toml"))

    async def scenario() -> None:
        app = demo_app(settings=settings)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
            assert commands["Refresh"] == "key R" and commands["Log in"] == "key O"

    asyncio.run(scenario())


def test_a_copied_tag_is_a_recent_and_the_jump_puts_the_cursor_on_it() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            name = repos(app).shown[2].name
            app.open_repository(name)
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and len(app.screen.tag_list.rows) > 3)
            tags = app.screen
            tags.tag_list.move_to(3)
            tag = tags.tag_list.highlighted.tag
            await pilot.press("y")
            await pilot.press("escape")
            await pilot.press("colon")
            first = app.screen.query_one("#jump-matches").get_option_at_index(0)
            assert f"{name}:{tag}" in str(first.prompt)
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and app.screen is not tags and bool(app.screen.tag_list.rows))
            view = app.screen.tag_list  # one row per image: the cursor is on the tag's image
            group = view.highlighted_group
            assert tag in (group.tags if group else (view.highlighted.tag,))

    asyncio.run(scenario())


def test_config_theme_and_engine_reach_the_app_and_a_bad_theme_is_one_warning() -> None:
    good = parse_settings('theme = "gruvbox"\nengine = "podman"\n', Path("/c.toml"))
    bad = parse_settings('theme = "no-such-theme"\n', Path("/c.toml"))

    async def scenario() -> None:
        app = demo_app(settings=good)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            assert app.theme == "gruvbox"
            await pilot.press("l")
            await settle(pilot, lambda: any("podman" in n for n in notifications(app)))
        app = demo_app(settings=bad)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            lines = [n for n in notifications(app) if "no-such-theme" in n]
            assert len(lines) == 1 and lines[0].startswith("/c.toml: theme: unknown theme")

    asyncio.run(scenario())


def test_no_theme_chosen_writes_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        app = demo_app(memory=memory(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)

    asyncio.run(scenario())
    assert not (tmp_path / "state").exists()
