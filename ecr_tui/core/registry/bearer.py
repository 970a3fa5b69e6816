"""Anonymous bearer tokens (the Docker registry token flow): a registry answers 401 with
`WWW-Authenticate: Bearer realm=…,service=…`; `GET realm?service=…&scope=repository:NAME:pull`
gives `{"token": …}` (or `access_token`) for an `Authorization: Bearer` header.

Tokens are kept in memory per (registry, scope) until their `expires_in`; they are secrets:
never logged, never in an exception (`scrub` takes every one out of a text).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecr_tui.core.errors import AccessDeniedError, NetworkError, RegistryError
from ecr_tui.core.registry.challenge import Challenge, bearer_challenge, parse_challenges
from ecr_tui.core.registry.manifests import load_json_object, shorten

if TYPE_CHECKING:
    import httpx

DEFAULT_LIFETIME = 60.0
"""Seconds a token lives when the answer gives no expires_in (the token spec's default)."""
EARLY = 5.0
"""Seconds before its expiry a token is no longer handed out (a request in flight needs it)."""


@dataclass(frozen=True, slots=True)
class BearerToken:
    value: str = field(repr=False)
    expires_at: float
    """On the cache's monotonic clock."""


def pull_scope(repository: str) -> str:
    return f"repository:{repository}:pull"


class BearerTokens:
    """The process's anonymous tokens, per (registry host, scope); safe between threads.
    Concurrent misses for one key make one token request."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._tokens: dict[tuple[str, str], BearerToken] = {}
        self._lock = threading.Lock()
        self._key_locks: dict[tuple[str, str], threading.Lock] = {}
        self._secrets: set[str] = set()
        """Every value ever handed out, to scrub from texts even after it expired."""

    def cached(self, registry: str, scope: str) -> str | None:
        with self._lock:
            token = self._tokens.get((registry, scope))
            if token is not None and token.expires_at - EARLY > self._clock():
                return token.value
            return None

    def drop(self, registry: str, scope: str, value: str) -> None:
        """The registry refused `value`: forget it (unless another thread replaced it)."""
        with self._lock:
            token = self._tokens.get((registry, scope))
            if token is not None and token.value == value:
                del self._tokens[(registry, scope)]

    def fetch(
        self, client: httpx.Client, registry: str, registry_scheme: str, challenge: Challenge,
        scope: str,
    ) -> str:
        """A token for `scope` from the challenge's realm (one request per key at a time)."""
        key = (registry, scope)
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            value = self.cached(registry, scope)
            if value is not None:
                return value
            value, lifetime = request_token(client, registry, registry_scheme, challenge, scope)
            with self._lock:
                self._secrets.add(value)
                self._tokens[key] = BearerToken(value, self._clock() + lifetime)
            return value

    def scrub(self, text: str) -> str:
        with self._lock:
            secrets = list(self._secrets)
        for secret in secrets:
            text = text.replace(secret, "***")
        return text


def _realm_url(registry: str, registry_scheme: str, realm: str) -> str:
    """The realm, refused when it is not http(s) or would downgrade an https registry."""
    scheme = realm.partition("://")[0].lower() if "://" in realm else ""
    if scheme not in ("http", "https") or (scheme == "http" and registry_scheme == "https"):
        raise RegistryError(
            f"registry {registry} names a token service ecr-tui will not use "
            f"({shorten(realm, 80)}): only https, or http for an http registry"
        )
    return realm


def request_token(
    client: httpx.Client, registry: str, registry_scheme: str, challenge: Challenge, scope: str,
) -> tuple[str, float]:
    """(token, lifetime in seconds) from `GET realm?service=…&scope=…`, with no credentials."""
    import httpx

    realm = _realm_url(registry, registry_scheme, challenge.params["realm"])
    params = {"service": challenge.params["service"]} if challenge.params.get("service") else {}
    if scope:
        params["scope"] = scope
    where = httpx.URL(realm).host or realm
    try:
        response = client.get(realm, params=params, follow_redirects=True)
    except httpx.TimeoutException:
        raise NetworkError(f"token service {where} of registry {registry} timed out",
                           fix="check network, VPN or HTTPS_PROXY") from None
    except httpx.TransportError as exc:
        reason = shorten(str(exc) or type(exc).__name__, 120)
        raise NetworkError(f"cannot reach token service {where} of registry {registry}: "
                           f"{reason}", fix="check network, VPN or HTTPS_PROXY") from None
    if response.status_code in (401, 403):
        raise AccessDeniedError(
            f"token service {where} of registry {registry} gives no anonymous token for "
            f"{scope or 'the registry'} (HTTP {response.status_code})",
            fix="the repository may be private or not exist; check the name",
        )
    if response.status_code != 200:
        raise RegistryError(
            f"token service {where} of registry {registry} answered HTTP {response.status_code}"
        )
    try:
        data = load_json_object(response.content)
    except ValueError:
        data = {}
    value = data.get("token") or data.get("access_token")
    if not isinstance(value, str) or not value:
        raise RegistryError(f"token service {where} of registry {registry} sent no token")
    lifetime = data.get("expires_in")
    if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)) or lifetime <= 0:
        lifetime = DEFAULT_LIFETIME
    return value, float(lifetime)


def refusal_line(registry: str, response: httpx.Response) -> tuple[Challenge | None, str]:
    """The Bearer challenge of a 401, or (None, one line saying what the registry wants)."""
    header = ", ".join(response.headers.get_list("www-authenticate"))
    challenge = bearer_challenge(header)
    if challenge is not None:
        return challenge, ""
    schemes = [c.scheme for c in parse_challenges(header)]
    if "basic" in schemes:
        return None, (f"registry {registry} wants a username and password (Basic), not an "
                      "anonymous token")
    if schemes:
        return None, (f"registry {registry} asks for {', '.join(schemes)} authentication, "
                      "which ecr-tui does not speak anonymously")
    return None, f"registry {registry} refused access without saying how to authenticate"
