"""Garbage-collector settings while the TUI runs: short, rare pauses.

With Python's defaults (a young collection every 700 allocations) the objects of each
frame get promoted, and a full collection (60-70 ms once a big repository's tags and an
image's findings are in memory) lands on a key press every few seconds. A larger young
generation lets a frame's objects die young, and what is alive once the first screen is
painted (modules, classes, the theme, the main screen) is frozen: full collections skip it.
Everything is undone when the app stops (tests run many apps in one process).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 20_000
"""Allocations between young collections (Python's default: 700); each stays a few ms."""


class GcTuning:
    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        """When the app mounts: a larger young generation."""
        self._saved = gc.get_threshold()
        young, middle, old = self._saved
        gc.set_threshold(max(YOUNG_THRESHOLD, young), middle, old)

    def freeze(self) -> None:
        """After the first frame: what lives now is left out of full scans. No collection
        here: asyncio holds tasks weakly, and a forced one mid-startup lost pending mounts."""
        gc.freeze()

    def stop(self) -> None:
        """When the app unmounts: frozen objects become collectable again; defaults back."""
        gc.unfreeze()
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic collection while a worker builds a big structure of acyclic objects
    (the young generation's count is kept: the next collection comes right after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
