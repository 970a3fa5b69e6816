"""ECR authorization tokens: decoding, and an in-memory cache that never hands out an
expired one nor asks ECR again in a loop for a token that arrives expired."""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from ecr_tui.core.errors import CredentialsError, EcrTuiError
from ecr_tui.core.models import utcnow

if TYPE_CHECKING:
    from ecr_tui.core.auth_token import Token

REFRESH_MARGIN = timedelta(minutes=5)
"""Fetch anew when less than this is left: a login must outlive the command that uses it."""
EXPIRED_RETRY_AFTER = timedelta(seconds=60)
"""After a token arrived already expired, do not ask again before this."""


def decode_authorization(
    data: Mapping[str, Any], *, profile: str, region: str, now: datetime | None = None,
    endpoint: str = "",
) -> Token:
    """One `authorizationData` item → Token. The token is base64("AWS:" + password).
    ``endpoint``: the registry URL when the item has no proxyEndpoint (ECR Public's)."""
    try:
        raw = base64.b64decode(data["authorizationToken"], validate=True).decode("utf-8")
    except (KeyError, binascii.Error, UnicodeDecodeError, ValueError):
        raise EcrTuiError("ECR returned an authorization token that cannot be decoded") from None
    username, sep, password = raw.partition(":")
    if not sep or not username or not password:
        raise EcrTuiError("ECR returned an authorization token without user and password")
    endpoint = str(data.get("proxyEndpoint") or endpoint)
    if not endpoint:
        raise EcrTuiError("ECR returned an authorization token without a proxyEndpoint")
    expires = data.get("expiresAt")
    if isinstance(expires, (int, float)):
        expires = datetime.fromtimestamp(expires, timezone.utc)
    if not isinstance(expires, datetime):
        raise EcrTuiError("ECR returned an authorization token without an expiry")
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=timezone.utc)
    from ecr_tui.core.auth_token import Token  # not models': that builds every record
    from ecr_tui.core.hosts import host_from_endpoint  # with the first token, not at start

    return Token(
        registry=host_from_endpoint(endpoint),
        endpoint=endpoint.rstrip("/"),
        username=username,
        password=password,
        expires_at=expires,
        profile=profile,
        region=region,
        fetched_at=now or utcnow(),
    )


def expired_on_arrival(token: Token) -> CredentialsError:
    return CredentialsError(
        f"ECR returned a token for {token.registry} that expired at "
        f"{token.expires_at:%Y-%m-%d %H:%M:%S} UTC, before it arrived",
        fix="check this machine's clock (timedatectl) and retry in a minute",
    )


class _Entry:
    """A cached token (a plain class: a dataclass compiles ~2 M instructions of methods at
    import, before the TUI's first frame)."""

    __slots__ = ("arrived_expired", "token")

    def __init__(self, token: Token, arrived_expired: bool) -> None:
        self.token = token
        self.arrived_expired = arrived_expired


class TokenCache:
    """Tokens keyed by (credential identity, region); thread-safe; one fetch at a time per key."""

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._key_locks: dict[tuple[str, str], threading.Lock] = {}

    def get(
        self, identity: str, region: str, fetch: Callable[[], Token], *, refresh: bool = False
    ) -> Token:
        key = (identity, region)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            now = self._clock()
            entry = self._entries.get(key)
            if (
                entry
                and entry.arrived_expired
                and now - entry.token.fetched_at < EXPIRED_RETRY_AFTER
            ):
                raise expired_on_arrival(entry.token)
            if entry and not refresh and entry.token.remaining(now) > REFRESH_MARGIN:
                return entry.token
            token = fetch()
            arrived_expired = token.is_expired(self._clock())
            with self._lock:
                self._entries[key] = _Entry(token, arrived_expired)
            if arrived_expired:
                raise expired_on_arrival(token)
            return token

    def tokens(self) -> list[Token]:
        with self._lock:
            return [entry.token for entry in self._entries.values()]


class RateLimiter:
    """At most ``calls`` per ``period`` seconds per key, in any window (a sliding log, stricter
    than a token bucket whose burst plus refill could exceed the quota). Thread-safe; callers
    of a key over its quota sleep, other keys are never held up."""

    def __init__(
        self,
        calls: int,
        period: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls = calls
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._sent: dict[Hashable, deque[float]] = {}
        self._busiest = 0

    def acquire(self, key: Hashable) -> float:
        """Wait for a slot of ``key``; returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                sent = self._sent.setdefault(key, deque())
                while sent and now - sent[0] >= self.period:
                    sent.popleft()
                if len(sent) < self.calls:
                    sent.append(now)
                    self._busiest = max(self._busiest, len(sent))
                    return waited
                delay = self.period - (now - sent[0])
            self._sleep(delay)
            waited += delay

    def busiest_window(self) -> int:
        """The most calls any key made within one period so far."""
        with self._lock:
            return self._busiest
