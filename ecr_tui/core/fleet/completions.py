"""Futures handed back in the order they finish, each with the key it was submitted under.

Each future reports to a queue when it is done: waiting on the whole pending set for every
answer (`wait(FIRST_COMPLETED)`) re-arms every pending future each time, O(pending) an answer;
a fleet of 600 pairs re-armed 1,200 futures for each of its rows. Shared by the fleet and find.

With a ``width``, at most that many calls are in the pool at once and the rest wait here in
two lanes, ``urgent`` first: a pool's own queue is first come, first served, so a follow-up
call (find's DescribeImages of a pair whose list is in) would wait behind every pair's first
call, and those wait in turn for role credentials at the SSO portal's rate.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from queue import SimpleQueue
from typing import Any, Generic, TypeVar

K = TypeVar("K")
Call = tuple[K, Callable[..., Any], tuple[Any, ...]]


MAX_WORKERS = 32
"""The backend's one bounded pool: at most this many calls in flight."""


class Completions(Generic[K]):
    def __init__(self, pool: Executor, width: int | None = None) -> None:
        self._pool = pool
        self._width = width
        self._finished: SimpleQueue[Future[Any]] = SimpleQueue()
        self._pending: dict[Future[Any], K] = {}
        self._lanes: tuple[deque[Call[K]], deque[Call[K]]] = (deque(), deque())

    def submit(self, key: K, fn: Callable[..., Any], *args: Any, urgent: bool = False) -> None:
        """Into the pool now, or (with a width) into a lane until `next` has room for it."""
        if self._width is None:
            self._start(key, fn, args)
        else:
            self._lanes[0 if urgent else 1].append((key, fn, args))

    def _start(self, key: K, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        future = self._pool.submit(fn, *args)
        self._pending[future] = key
        future.add_done_callback(self._finished.put)

    def _feed(self) -> None:
        width = self._width or 0
        for lane in self._lanes:
            while lane and len(self._pending) < width:
                self._start(*lane.popleft())

    def __bool__(self) -> bool:
        """Something submitted has not been handed back yet."""
        return bool(self._pending) or any(self._lanes)

    def next(self) -> tuple[K, Future[Any]]:
        """The next finished future and its key (blocks until one finishes). Waiting calls
        are started first, so what the caller submitted since the last answer goes in now."""
        self._feed()
        future = self._finished.get()
        return self._pending.pop(future), future

    def cancel(self) -> None:
        """Cancel what has not started yet (a running call finishes on its own)."""
        for lane in self._lanes:
            lane.clear()
        for future in self._pending:
            future.cancel()
