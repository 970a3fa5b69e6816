"""Garbage-collector settings while the TUI runs: short, rare pauses.

With Python's defaults (a young collection every 700 allocations) the objects of each
frame get promoted, and a full collection (60-70 ms once a big repository's tags and an
image's findings are in memory) lands on a key press every few seconds. A larger young
generation lets a frame's objects die young, and what is alive once the first screen is
painted (modules, classes, the theme, the main screen) is frozen: full collections skip it.
Everything is undone when the app stops (tests run many apps in one process).

Before that, from the start of the `ecr-tui` process to its first frame, the collector is
off (`pause_until_first_frame`): importing Textual and building the first screen allocate
hundreds of thousands of objects that live for good, and the young and middle collections
they trigger cost 8-10 ms of a 150 ms start, measured here.

A command that prints one answer and leaves with `os._exit` (`ecr-tui password`) runs with
the collector off from its start (`collector_for`): nothing it makes is worth a scan, and the
scans were ~48 M of its ~920 M instructions (callgrind). The console script pauses the TUI's
collector there too, before the settings are read (~10 M of collections before).
"""

from __future__ import annotations

import gc

from ecr_tui.core.gc_pause import gc_paused

YOUNG_THRESHOLD = 20_000
"""Allocations between young collections (Python's default: 700); each stays a few ms."""


_paused_for_start: list[bool] = []
"""Holds True while the collector is off for the start (`pause_until_first_frame`)."""


def pause_until_first_frame() -> None:
    """No collection until the app's first frame is painted; `GcTuning.freeze` (or `stop`,
    if the app ends before it) turns the collector back on."""
    if gc.isenabled() and not _paused_for_start:
        gc.disable()
        _paused_for_start.append(True)


def _resume_after_start() -> None:
    if _paused_for_start:
        _paused_for_start.clear()
        gc.enable()


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
        here: asyncio holds tasks weakly, and a forced one mid-startup lost pending mounts.
        The collector, off since the process started, runs again from here."""
        gc.freeze()
        _resume_after_start()

    def stop(self) -> None:
        """When the app unmounts: frozen objects become collectable again; defaults back."""
        _resume_after_start()
        gc.unfreeze()
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None


ONE_ANSWER_COMMANDS = frozenset({"password"})
"""Commands that write one answer and leave: the collector stays off in them."""


def collector_for(command: str | None) -> None:
    """The `ecr-tui` console script's collector, set once its arguments are read (before the
    settings are): off to the first frame for the TUI, off for good for a one-answer command
    (it leaves with os._exit, cli/leave.py)."""
    if command is None:
        pause_until_first_frame()
    elif command in ONE_ANSWER_COMMANDS:
        gc.disable()


__all__ = ["GcTuning", "gc_paused", "pause_until_first_frame"]
