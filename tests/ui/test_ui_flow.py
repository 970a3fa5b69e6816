"""Pilot: profile -> region -> repository -> tags -> detail; filters and sorting."""

from __future__ import annotations

import asyncio

from ecr_tui.core.models import Target
from ecr_tui.ui.screens.main import MainScreen
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.header_bar import HeaderBar
from ecr_tui.ui.widgets.profile_list import ProfileList
from ecr_tui.ui.widgets.region_list import RegionList
from ecr_tui.ui.widgets.tag_list import TagListView
from tests.ui.uihelpers import (
    SIZE,
    demo_app,
    open_tags,
    repos,
    settle,
    wait_for_detail,
    wait_for_target,
)


def header_text(screen: MainScreen | TagsScreen) -> str:
    return screen.query_one(HeaderBar).context_text


def test_profile_region_repository_tags_detail() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            main = app.main_screen
            assert "111122223333" in header_text(main) and "DEMO" in header_text(main)

            await pilot.press("p")
            assert isinstance(app.focused, ProfileList)
            main.query_one(ProfileList).highlight_name("dev-sso")
            await pilot.press("enter")
            await wait_for_target(pilot, Target("dev-sso", "us-west-2"))
            regions = main.query_one(RegionList)
            assert regions.get_option_at_index(0).id == "us-west-2"  # the default comes first

            await pilot.press("g")
            regions.highlight_name("eu-west-1")
            await pilot.press("enter")
            await wait_for_target(pilot, Target("dev-sso", "eu-west-1"))
            await settle(pilot, lambda: "777788889999" in header_text(main))
            prefix = "777788889999.dkr.ecr.eu-west-1."
            assert all(r.uri.startswith(prefix) for r in repos(app).shown)

            repos(app).focus()
            await pilot.press("slash", *"platform/api")
            assert all("platform/api" in r.name for r in repos(app).shown)
            assert repos(app).border_title.startswith(f"Repositories {len(repos(app).shown)}/")
            await pilot.press("enter")  # leaves the filter for the table
            assert app.focused is repos(app)
            assert repos(app).highlighted_repository.name == "platform/api"
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and len(app.screen.tag_list.rows) == 3499)  # latest shares an image
            tags = app.screen
            assert isinstance(tags, TagsScreen)
            assert "platform/api" in header_text(tags)
            await wait_for_detail(pilot, tags)
            body = str(tags.detail.query_one("#overview-body").render())
            assert "Media type" in body and "Digest" in body
            first = tags.tag_list.highlighted
            assert app.focused is tags.tag_list
            await pilot.press("down")
            await wait_for_detail(pilot, tags)
            assert tags.detail.shown_tag == tags.tag_list.rows[1].tag != first.tag

            await pilot.press("escape")
            assert app.screen is main

    asyncio.run(scenario())


def test_multi_arch_detail_lists_platform_digests() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            tags = await open_tags(pilot, "platform/api")
            view = tags.tag_list
            index = next(i for i, r in enumerate(view.rows) if "index" in r.media_type)
            view.move_to(index)
            # Listing read no manifest: the index says `multi-arch` until it is opened.
            assert "multi-arch" in view.render_line(index - round(view.scroll_y) + 1).text
            await wait_for_detail(pilot, tags)
            body = str(tags.detail.query_one("#overview-body").render())
            assert "Platforms" in body and "linux/arm64" in body and "Labels" in body
            assert body.count("sha256:") >= 3
            # Opened: the row now names the platforms it read.
            line = view.render_line(view.cursor - round(view.scroll_y) + 1).text
            assert "linux/" in line and "multi-arch" not in line

    asyncio.run(scenario())


def test_tag_filter_and_sorts() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            tags = await open_tags(pilot, "platform/api")
            view = tags.query_one(TagListView)
            pushed = [r.pushed_at for r in view.rows]
            assert pushed == sorted(pushed, reverse=True)  # newest first by default

            await pilot.press("N")
            assert [r.tag for r in view.rows] == sorted(r.tag for r in view.rows)
            await pilot.press("S")
            sizes = [r.size_bytes for r in view.rows]
            assert sizes == sorted(sizes, reverse=True)
            await pilot.press("V")
            assert view.rows[0].tag.lstrip("v").split(".")[0].isdigit()
            from ecr_tui.core.registry.tags import semver_key

            keys = [semver_key(r.tag) for r in view.rows]
            assert keys == sorted(keys, reverse=True)
            await pilot.press("A")
            assert view.sort_key == "pushed"

            await pilot.press("slash", *"latest")
            assert [r.tag for r in view.rows] == ["latest"]
            assert view.highlighted_group.tags[0] == "latest"
            assert view.border_title.startswith("Images 1/3499")
            await pilot.press("escape")  # clears the filter
            assert len(view.rows) == 3499 and isinstance(app.screen, TagsScreen)
            await pilot.press("escape")  # back
            assert isinstance(app.screen, MainScreen)

    asyncio.run(scenario())


def test_repository_sort_and_filter_clear() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            table = repos(app)
            names = [r.name for r in table.shown]
            assert names == sorted(names)
            await pilot.press("A")
            created = [r.created_at for r in table.shown]
            assert created == sorted(created, reverse=True)
            await pilot.press("N")
            await pilot.press("N")
            assert [r.name for r in table.shown] == sorted(names, reverse=True)
            total = len(table.shown)
            await pilot.press("slash", *"base/")
            assert {r.name for r in table.shown} >= {"base/python", "base/node"}
            assert len(table.shown) < total
            await pilot.press("escape")
            assert len(table.shown) == total and table.filter_text == ""
            assert table.row_count == total

    asyncio.run(scenario())
