"""The per-credential limiter of GetAuthorizationToken calls: never more than N per window."""

from __future__ import annotations

import threading

from ecr_tui.core.login.tokens import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_calls_within_quota_do_not_wait() -> None:
    t = FakeTime()
    limiter = RateLimiter(15, 1.0, clock=t.clock, sleep=t.sleep)
    assert [limiter.acquire("key") for _ in range(15)] == [0.0] * 15
    assert t.slept == []


def test_no_window_of_one_second_holds_more_than_the_quota() -> None:
    t = FakeTime()
    limiter = RateLimiter(15, 1.0, clock=t.clock, sleep=t.sleep)
    stamps = []
    for _ in range(100):
        limiter.acquire("key")
        stamps.append(t.now)
        t.now += 0.01
    for i, start in enumerate(stamps):
        assert sum(1 for s in stamps[i:] if s - start < 1.0) <= 15
    assert sum(t.slept) > 0


def test_keys_are_independent() -> None:
    t = FakeTime()
    limiter = RateLimiter(2, 1.0, clock=t.clock, sleep=t.sleep)
    for key in ("a", "b", "c"):
        limiter.acquire(key)
        limiter.acquire(key)
    assert t.slept == []
    assert limiter.acquire("a") == 1.0


def test_threads_share_the_quota() -> None:
    t = FakeTime()
    lock = threading.Lock()

    def sleep(seconds: float) -> None:
        with lock:
            t.sleep(seconds)

    limiter = RateLimiter(5, 0.2, clock=t.clock, sleep=sleep)
    start = t.now
    threads = [threading.Thread(target=limiter.acquire, args=("key",)) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 12 calls at 5 per 0.2 s: the last two cannot start before 0.4 s have passed.
    assert t.now - start >= 0.4 - 1e-9
    assert len(limiter._sent["key"]) <= 5
