"""`gc_paused`: no automatic garbage collection while a big structure of acyclic objects is built.

Python's collector runs a full collection once the objects that survived younger ones reach a
quarter of those already old: building 50,000 tag rows (and the images, dicts and strings
behind them) set off four, each scanning everything alive, ~0.4 s of `ecr-tui tags`' CPU at
50,000 tags. The TUI's image list and the CLI's tag listing build such structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
