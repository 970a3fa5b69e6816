"""The tokens the agent holds: one long-lived backend (its token cache, its role credentials),
one fetch per registry at a time, and nothing kept into its last five minutes.

A `get` here is the credential helper's own `get` on the agent's backend, so the answer is the
one the helper would give itself. When the AWS config, the credentials file, config.toml or the
SSO token cache change, the backend is made anew (profiles, sessions and tokens dropped).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ecr_tui.core.errors import CredentialsError, EcrTuiError
from ecr_tui.core.login.tokens import REFRESH_MARGIN
from ecr_tui.core.models import utcnow

log = logging.getLogger("ecr_tui")
Reply = dict[str, Any]
FALLBACK: Reply = {"kind": "fallback"}
"""The helper should fetch it itself: after any failure, so that what it says (and an MFA code
it asks on its terminal) is exactly what it says and asks without an agent."""


class NeedsTerminal(CredentialsError):
    """An MFA code is wanted: the agent has no terminal, the helper that asked has."""


_asking = threading.local()


def _no_terminal(profile: str, serial: str) -> str:
    _asking.prompted.append(profile)
    raise NeedsTerminal(f"profile {profile} needs an MFA code ({serial})")


@dataclass(slots=True)
class _Flight:
    """One registry's fetch in progress; those asking meanwhile wait for its reply."""

    done: threading.Event = field(default_factory=threading.Event)
    reply: Reply | None = None


def files_stamp(environ: Mapping[str, str]) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every file whose change must drop what the agent holds."""
    from ecr_tui.core.store.settings import config_path

    home = Path(environ.get("HOME") or os.path.expanduser("~"))
    paths = [
        Path(environ.get("AWS_CONFIG_FILE") or home / ".aws" / "config"),
        Path(environ.get("AWS_SHARED_CREDENTIALS_FILE") or home / ".aws" / "credentials"),
        config_path(environ),
    ]
    sso_cache = home / ".aws" / "sso" / "cache"
    if sso_cache.is_dir():
        paths += sorted(sso_cache.glob("*.json"))
    stamp = []
    for path in paths:
        try:
            st = path.expanduser().stat()
        except OSError:
            stamp.append((str(path), -1, -1))
        else:
            stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


class TokenKeeper:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        self._lock = threading.Lock()
        self._backend: Any = None
        self._stamp: tuple[tuple[str, int, int], ...] = ()
        self._flights: dict[str, _Flight] = {}

    def get(self, server_url: str) -> Reply:
        """The reply for one registry; asked again while it is being fetched, the same one."""
        with self._lock:
            flight = self._flights.get(server_url)
            leading = flight is None
            if flight is None:
                flight = self._flights[server_url] = _Flight()
        if not leading:
            flight.done.wait()
            return flight.reply or FALLBACK
        try:
            flight.reply = self._answer(server_url)
        finally:
            with self._lock:
                del self._flights[server_url]
            flight.done.set()
        return flight.reply

    def _answer(self, server_url: str) -> Reply:
        from ecr_tui.credential_helper import NoRoute, get

        _asking.prompted = []
        backend = self._current()
        try:
            answer = get(server_url, self._environ, backend)
        except NoRoute:
            return {"kind": "not_found"}
        except EcrTuiError:
            for profile in _asking.prompted:
                # botocore's MFA refresher works once: a new session reads the code's credentials
                # from the AWS CLI cache once the helper has asked for it.
                backend.forget_profile(profile)
            return FALLBACK
        except Exception:  # noqa: BLE001 - the helper tries itself; details for --debug
            log.debug("agent get failed", exc_info=True)
            return FALLBACK
        return {"kind": "answer", "answer": answer}

    def _current(self) -> Any:
        stamp = files_stamp(self._environ)
        with self._lock:
            if self._backend is None or stamp != self._stamp:
                self._replace(stamp)
            return self._backend

    def _replace(self, stamp: tuple[tuple[str, int, int], ...]) -> None:
        from ecr_tui.core.aws.backend import AwsBackend

        old = self._backend
        backend = AwsBackend(environ=self._environ, cli_credential_cache=True)
        backend.set_mfa_prompt(_no_terminal)
        self._backend, self._stamp = backend, stamp
        if old is not None:
            old.close()

    def sweep(self, now: datetime | None = None) -> bool:
        """Drop everything held when a token or role credential is in its last five minutes
        (the next `get` fetches anew); True when something was dropped."""
        now = now or utcnow()
        with self._lock:
            backend = self._backend
            if backend is None or self._flights:
                return False
            if not any(e - now < REFRESH_MARGIN for e in backend.held_expiries()):
                return False
            self._backend, self._stamp = None, ()
        backend.close()
        return True

    def held(self) -> list[dict[str, str]]:
        """What it holds, without a secret: registry, profile, region, expiry."""
        with self._lock:
            backend = self._backend
        if backend is None:
            return []
        return [
            {"registry": t.registry, "profile": t.profile, "region": t.region,
             "expires_at": t.expires_at.isoformat()}
            for t in backend.cached_tokens()
        ]
