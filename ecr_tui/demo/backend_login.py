"""DemoBackend's tokens and logins: the ones it starts with, new ones from one seeded sequence
of secrets, and logins that run no command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ecr_tui.core import models
from ecr_tui.core.errors import LoginError
from ecr_tui.demo.profiles import ALIASES, BY_NAME

if TYPE_CHECKING:
    import random
    import threading

    from ecr_tui.core.models import ClipboardResult, LoginRecord, LoginResult, Token
    from ecr_tui.demo.profiles import DemoProfile

ENGINES = ("docker", "podman", "finch", "nerdctl", "helm", "oras")
TOKEN_LIFETIME = timedelta(hours=12)

# (profile, region, age of the token when the demo starts): one is nearly expired.
_CACHED_AT_START = (
    ("default", "us-east-1", timedelta(minutes=17, seconds=53)),
    ("dev-sso", "us-west-2", timedelta(hours=4, minutes=5)),
    ("prod-admin", "eu-west-1", timedelta(hours=11, minutes=54)),
)
# (profile, region, engine, age of the login when the demo starts)
_RECORDED_AT_START = (
    ("default", "us-east-1", "docker", timedelta(hours=1, minutes=2)),
    ("prod-admin", "us-east-1", "helm", timedelta(hours=11, minutes=15)),
    ("ci-process", "ap-southeast-2", "podman", timedelta(hours=15)),
)


class DemoLogin:
    """The Backend's token and login calls, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _clock: Callable[[], datetime]
        _epoch: datetime
        _lock: threading.Lock
        _secret_rng: random.Random
        _tokens: dict[tuple[str, str], Token]
        _logins: list[LoginRecord]
        _started: bool
        _start_lock: threading.Lock

        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...

    def _start(self) -> None:
        """The tokens and logins the demo starts with: made on first use, after the first frame,
        and before any other token (the secrets come from one seeded sequence)."""
        if self._started:
            return
        with self._start_lock:
            if self._started:
                return
            from ecr_tui.demo import data

            tokens = {(profile, region): self._new_token(profile, region, self._epoch - age)
                      for profile, region, age in _CACHED_AT_START}
            logins: list[LoginRecord] = []
            for profile, region, engine, age in _RECORDED_AT_START:
                at = self._epoch - age
                host = data.registry_host(BY_NAME[profile].account_id, region)
                logins.append(
                    models.LoginRecord(profile, region, host, engine, at + TOKEN_LIFETIME, at)
                )
            with self._lock:
                self._tokens, self._logins = tokens, logins
            self._started = True

    def _new_token(self, profile: str, region: str, fetched_at: datetime) -> Token:
        from ecr_tui.demo import data

        profile = ALIASES.get(profile, profile)
        host = data.registry_host(BY_NAME[profile].account_id, region)
        with self._lock:
            secret = data.password(self._secret_rng)
        return models.Token(
            registry=host,
            endpoint=f"https://{host}",
            username="AWS",
            password=secret,
            expires_at=fetched_at + TOKEN_LIFETIME,
            profile=profile,
            region=region,
            fetched_at=fetched_at,
        )

    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token:
        self._start()
        self._spec(profile, region, "token")
        now = self._clock()
        with self._lock:
            cached = self._tokens.get((profile, region))
        if cached is None or refresh or cached.remaining(now) < timedelta(minutes=5):
            cached = self._new_token(profile, region, now)
            with self._lock:
                self._tokens[(profile, region)] = cached
        return cached

    def cached_tokens(self) -> list[Token]:
        self._start()
        with self._lock:
            return list(self._tokens.values())

    def login(
        self, profile: str, region: str, engine: str | None = None, *,
        registry_id: str | None = None,
    ) -> LoginResult:
        engine = engine or "docker"
        if engine not in ENGINES:
            fix = "use one of " + ", ".join(ENGINES)
            raise LoginError(f"unknown container engine {engine!r}", fix=fix)
        token = self.token(profile, region)
        if registry_id:
            from ecr_tui.core.registry.cross_account import other_registry_token

            token = other_registry_token(token, registry_id, lambda: "")
        now = self._clock()
        record = models.LoginRecord(profile, region, token.registry, engine, token.expires_at, now)
        with self._lock:
            self._logins = [
                r for r in self._logins
                if (r.profile, r.region, r.engine) != (profile, region, engine)
            ] + [record]
        message = f"demo mode: no {engine} command was run"
        return models.LoginResult(record, verified=False, message=message)

    def recorded_logins(self) -> list[LoginRecord]:
        self._start()
        with self._lock:
            return list(self._logins)

    def state_warning(self) -> str | None:
        return None  # the demo keeps no state file

    def copy_password(self, profile: str, region: str) -> ClipboardResult:
        self.token(profile, region)
        return models.ClipboardResult(False, "demo mode: no system clipboard used")
