"""Workers taking turns: what must not run on every pytest-xdist worker at once."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def one_worker_at_a_time(factory: pytest.TempPathFactory, name: str) -> Iterator[None]:
    """Workers take turns (a lock file beside their temp dirs): stand-in worlds start one at a
    time, each as fast as in a single process, instead of all at once on two cores."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield
        return
    lock = Path(factory.getbasetemp()).parent / f"{name}.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
