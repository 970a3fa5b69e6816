"""The one check of a theme name, for the app at start and for `ecr-tui config check`:
Textual's themes are the truth, so core (which never imports textual) cannot hold it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def theme_problem(
    theme: str | None, path: Path, available: Iterable[str] | None = None
) -> str | None:
    """One warning line when Textual has no such theme; None when it has (or none is set).
    `available`: the app's registered themes; by default Textual's built-in ones."""
    if theme is None:
        return None
    if available is None:
        from textual.theme import BUILTIN_THEMES

        available = BUILTIN_THEMES
    known = sorted(available)
    if theme in known:
        return None
    return (f"{path}: theme: unknown theme {theme!r} (known: {', '.join(known)}; or choose one "
            "with ctrl+p, Change theme); using the default")
