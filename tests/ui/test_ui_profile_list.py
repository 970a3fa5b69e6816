"""The profile list keeps OptionList's keys, highlight, click and scrolling, and draws only the
rows in view: no row is measured, only the lines on screen are drawn (issue 16)."""

from __future__ import annotations

import asyncio

import pytest
from textual.content import Content

from ecr_tui.core.models import Target
from ecr_tui.ui.widgets.profile_list import ProfileList
from tests.ui.uihelpers import SIZE, demo_app, settle, wait_for_target


def test_the_keys_move_the_highlight_as_an_option_list_does() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            profiles = app.main_screen.query_one(ProfileList)
            await pilot.press("p")
            assert app.focused is profiles
            await pilot.press("down")  # from no highlight (the rows were set again) to the first
            assert profiles.highlighted == 0
            last = profiles.option_count - 1
            await pilot.press("up")  # wraps to the last row, scrolled into view
            assert profiles.highlighted == last and profiles.scroll_y > 0
            await pilot.press("down")
            assert profiles.highlighted == 0 and profiles.scroll_y == 0
            await pilot.press("end")
            assert profiles.highlighted == last
            await pilot.press("home", "down", "down")
            assert profiles.highlighted == 2
            page = profiles.scrollable_content_region.height
            await pilot.press("pagedown")  # a page of lines on (the demo's rows are one line)
            assert profiles.highlighted == 2 + page
            await pilot.press("pageup")
            assert profiles.highlighted == 2
            profiles.highlight_name("dev-sso")
            assert profiles.highlighted == list(app.session.profiles).index("dev-sso")
            await pilot.press("enter")
            await wait_for_target(pilot, Target("dev-sso", "us-west-2"))

    asyncio.run(scenario())


def test_the_row_under_the_mouse_is_hovered_and_a_click_chooses_it() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            profiles = app.main_screen.query_one(ProfileList)
            row = list(app.session.profiles).index("dev-sso")
            assert profiles.prompt_text("dev-sso").startswith("dev-sso ")
            region = profiles.content_region
            await pilot.hover(offset=(region.x + 2, region.y + row))
            assert profiles._hovering == row  # drawn in the hover style
            await pilot.click(offset=(region.x + 2, region.y + row))
            await wait_for_target(pilot, Target("dev-sso", "us-west-2"))
            assert profiles.highlighted == row

    asyncio.run(scenario())


def test_no_row_is_measured_and_only_the_rows_in_view_are_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OptionList measured every row (~0.35 M instructions each before the first frame)."""
    measured: list[str] = []
    drawn: list[str] = []
    get_height, render = Content.get_height, Content.render
    monkeypatch.setattr(Content, "get_height", lambda self, rules, width: (
        measured.append(self.plain) or get_height(self, rules, width)))
    monkeypatch.setattr(Content, "render", lambda self, *args, **kwargs: (
        drawn.append(self.plain) or render(self, *args, **kwargs)))

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            await settle(pilot)
            profiles = app.main_screen.query_one(ProfileList)
            names = list(app.session.profiles)
            rows = {profiles.prompt_text(name) for name in names}
            height = profiles.scrollable_content_region.height
            assert len(rows) > height  # some out of view
            assert not rows & set(measured)
            shown = {profiles.prompt_text(name) for name in names[:height]}
            assert rows & set(drawn) == shown

    asyncio.run(scenario())


def test_a_row_is_drawn_segment_for_segment_as_the_option_list_drew_it() -> None:
    """The drawing without Content's wrapping gives what Visual.to_strips gave OptionList:
    plain, highlighted and hovered rows, a fix cut with … under its profile, focused or not."""
    from textual.visual import Visual

    from ecr_tui.core.errors import EcrTuiError
    from ecr_tui.ui.widgets.option_lines import HIGHLIGHTED, HOVER, OPTION

    def segments(strips: list) -> list:
        return [[(s.text, s.style) for s in strip] for strip in strips]

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", "us-east-1"))
            profiles = app.main_screen.query_one(ProfileList)
            fix = "run `aws sso login --profile staging-sso` and press r " * 3
            profiles.set_failures({"staging-sso": EcrTuiError("expired", fix)}, app.clock())
            width = profiles.scrollable_content_region.width
            for focused in (False, True):
                if focused:
                    profiles.focus()
                    await pilot.pause()
                for names in ((OPTION,), (OPTION, HIGHLIGHTED), (OPTION, HOVER)):
                    style = profiles.get_visual_style(*names)
                    for row, content in enumerate(profiles.prompts()):
                        meta = {"option": row}
                        drew = [s.extend_cell_length(width, style.rich_style).apply_meta(meta)
                                for s in Visual.to_strips(profiles, content, width, None, style)]
                        assert segments(profiles._draw(row, style, width)) == segments(drew)
            staging = list(app.session.profiles).index("staging-sso")
            fix_line = profiles._draw(staging, profiles.get_visual_style(OPTION), width)[1].text
            assert fix_line.startswith("└✗ run") and fix_line.endswith("…")  # cut, not wrapped

    asyncio.run(scenario())
