"""Futures handed back in the order they finish, each with the key it was submitted under.

Each future reports to a queue when it is done: waiting on the whole pending set for every
answer (`wait(FIRST_COMPLETED)`) re-arms every pending future each time, O(pending) an answer;
a fleet of 600 pairs re-armed 1,200 futures for each of its rows. Shared by the fleet and find.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from queue import SimpleQueue
from typing import Any, Generic, TypeVar

K = TypeVar("K")


class Completions(Generic[K]):
    def __init__(self, pool: Executor) -> None:
        self._pool = pool
        self._finished: SimpleQueue[Future[Any]] = SimpleQueue()
        self._pending: dict[Future[Any], K] = {}

    def submit(self, key: K, fn: Callable[..., Any], *args: Any) -> None:
        future = self._pool.submit(fn, *args)
        self._pending[future] = key
        future.add_done_callback(self._finished.put)

    def __bool__(self) -> bool:
        """Something submitted has not been handed back yet."""
        return bool(self._pending)

    def next(self) -> tuple[K, Future[Any]]:
        """The next finished future and its key (blocks until one finishes)."""
        future = self._finished.get()
        return self._pending.pop(future), future

    def cancel(self) -> None:
        """Cancel what has not started yet (a running call finishes on its own)."""
        for future in self._pending:
            future.cancel()
