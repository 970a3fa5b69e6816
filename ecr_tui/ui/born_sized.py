"""The breakpoint classes (`-narrow`, `-medium`, `-wide`) a screen is given for the terminal's
size, for a screen to be born with: Textual adds them on the screen's first resize, after its
widgets have mounted, and a class added then restyles every widget of the screen again."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen


def _of(dimension: int, breakpoints: list[tuple[int, str]] | None) -> list[str]:
    """The class of the highest breakpoint the dimension reaches (as Textual picks it)."""
    reached = [(at, name) for at, name in breakpoints or [] if dimension >= at]
    return [max(reached)[1]] if reached else []


def size_classes(app: App[object], screen: type[Screen[object]]) -> str:
    """The classes Textual's resize will give a screen of this type on this app, now."""
    width, height = app.size
    across = screen.HORIZONTAL_BREAKPOINTS
    down = screen.VERTICAL_BREAKPOINTS
    return " ".join([
        *_of(width, app.HORIZONTAL_BREAKPOINTS if across is None else across),
        *_of(height, app.VERTICAL_BREAKPOINTS if down is None else down),
    ])
