"""Futures come back in the order they finish, each with its key; cancel stops the rest."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ecr_tui.core.fleet.completions import Completions


def test_answers_come_back_as_they_finish_with_their_keys() -> None:
    gates = {name: threading.Event() for name in ("slow", "fast")}
    with ThreadPoolExecutor(2) as pool:
        calls: Completions[str] = Completions(pool)
        for name in ("slow", "fast"):
            calls.submit(name, lambda n: gates[n].wait(10) and n.upper(), name)
        gates["fast"].set()
        key, future = calls.next()
        assert (key, future.result()) == ("fast", "FAST") and calls
        gates["slow"].set()
        assert calls.next()[0] == "slow" and not calls


def test_cancel_leaves_queued_calls_unrun() -> None:
    started, release, ran = threading.Event(), threading.Event(), []
    with ThreadPoolExecutor(1) as pool:
        calls: Completions[int] = Completions(pool)
        calls.submit(0, lambda: (started.set(), release.wait(10)))
        for n in range(1, 4):
            calls.submit(n, ran.append, n)
        started.wait(10)
        calls.cancel()
        release.set()
    assert ran == []
