"""The configured theme is applied before the stylesheet is first parsed: the screen is the one
Textual draws when the theme is chosen in the palette, and the styles are parsed only once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from ecr_tui.core.models import Target
from ecr_tui.core.store.settings import parse_settings
from tests.ui.uihelpers import SIZE, demo_app, settle, wait_for_target

DEFAULT = Target("default", "us-east-1")


async def _screen(theme_at_start: str | None, theme_later: str | None) -> tuple[str, set[str], str]:
    text = f'theme = "{theme_at_start}"\n' if theme_at_start else ""
    app = demo_app(settings=parse_settings(text, Path("/c.toml")))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_target(pilot, DEFAULT)
        if theme_later:
            app.theme = theme_later  # what the palette's "Change theme" does
        await settle(pilot)
        return app.theme, set(app.classes), app.export_screenshot()


@pytest.mark.parametrize("theme", ["gruvbox", "textual-light"])
def test_a_start_theme_draws_as_a_theme_chosen_later(theme: str) -> None:
    at_start = asyncio.run(_screen(theme, None))
    later = asyncio.run(_screen(None, theme))
    assert at_start[0] == later[0] == theme
    assert f"-theme-{theme}" in at_start[1]
    assert at_start[1] == later[1]
    assert at_start[2] == later[2]


def test_a_start_theme_parses_the_styles_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reparsed: list[int] = []
    original = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        reparsed.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    theme, _classes, _screenshot = asyncio.run(_screen("nord", None))
    assert theme == "nord"
    assert not reparsed


def test_the_app_and_config_check_say_the_same_line_for_an_unknown_theme() -> None:
    from ecr_tui.cli.config import problems
    from tests.ui.uihelpers import notifications

    settings = parse_settings('theme = "nope"\n', Path("/c.toml"))

    async def shown() -> list[str]:
        app = demo_app(settings=settings)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            return [n for n in notifications(app) if "'nope'" in n]

    assert asyncio.run(shown()) == problems(settings)
