"""One SSO rate limit for every process of the user: a sliding log of request times in a small
file of the state directory, read and rewritten under an exclusive `flock`.

Thirty credential helpers started at once by `docker compose pull` are thirty processes; a
limiter in each lets them send thirty times its rate to Identity Center (about 20 requests/s
per account, not raisable). The file holds monotonic timestamps only (system-wide on Linux and
macOS), never a secret. When the file cannot be used, the process keeps its own limiter.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Hashable
from pathlib import Path

from ecr_tui.core.login.tokens import RateLimiter

FILE_NAME = "sso-rate"


class SharedRateLimiter(RateLimiter):
    """At most ``calls`` per ``period`` seconds in any window, at least ``period / calls``
    apart, for every process that uses ``path``. The key is ignored: one file, one limit."""

    def __init__(
        self,
        calls: int,
        period: float,
        path: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(calls, period, clock=clock, sleep=sleep)
        self.path = path
        self._own_busiest = 0

    def acquire(self, key: Hashable) -> float:
        waited = 0.0
        while True:
            try:
                delay = self._take_slot()
            except OSError:
                return waited + super().acquire(key)  # an unusable file: this process's own limit
            if delay <= 0:
                return waited
            self._sleep(delay)
            waited += delay

    def busiest_window(self) -> int:
        return max(self._own_busiest, super().busiest_window())

    def _take_slot(self) -> float:
        """Record a request now and return 0, or return how long to wait for a free slot."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            now = self._clock()
            sent = [t for t in _read_times(fd) if 0 <= now - t < self.period]
            if len(sent) >= self.calls:
                return self.period - (now - sent[0])
            gap = self.period / self.calls - (now - sent[-1]) if sent else 0.0
            if gap > 0:
                return gap  # evenly spaced: a burst sent at once arrives bunched with the next
            sent.append(now)
            self._own_busiest = max(self._own_busiest, len(sent))
            data = "".join(f"{t:.6f}\n" for t in sent).encode()
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, data)
            return 0.0
        finally:
            os.close(fd)  # closing releases the lock


def _read_times(fd: int) -> list[float]:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
    times = []
    for line in b"".join(chunks).split():
        try:
            times.append(float(line))
        except ValueError:
            continue  # a torn or foreign line costs nothing but its slot
    return sorted(times)


def shared_limiter(calls: int, period: float, state_dir: Path) -> RateLimiter:
    """The user's shared limiter in ``state_dir``, else (a directory that cannot be made) a
    limiter for this process alone."""
    from ecr_tui.core.store.paths import ensure_private_dir

    try:
        ensure_private_dir(state_dir)
    except OSError:
        return RateLimiter(calls, period)
    return SharedRateLimiter(calls, period, state_dir / FILE_NAME)
