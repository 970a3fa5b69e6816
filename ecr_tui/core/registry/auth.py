"""How a registry client authenticates its requests: with an ECR token (`Basic`, refreshed
once when refused) or anonymously (the Bearer token flow, `bearer`).

An authorizer gives the header for a request, a new one after a 401/403 (once), the error
when that one is refused too, and takes its secrets out of any text.
"""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ecr_tui.core.errors import AccessDeniedError
from ecr_tui.core.models import Token
from ecr_tui.core.registry.bearer import BearerTokens, pull_scope, refusal_line
from ecr_tui.core.registry.manifests import summarise_error_body

if TYPE_CHECKING:
    import httpx

TokenProvider = Callable[[bool], Token]

_REPOSITORY_PATH = re.compile(r"/v2/(?P<name>.+?)/(?:tags|manifests|blobs|referrers)/")


class Authorizer(Protocol):
    def header(self, url: str) -> str | None:
        """The Authorization header for a request to `url` (None: send none)."""
        ...

    def renew(self, response: httpx.Response, sent: str | None) -> str | None:
        """After a 401/403 to a request that carried `sent`: the header to try once more."""
        ...

    def refused(self, response: httpx.Response) -> AccessDeniedError:
        """The error when the renewed header was refused too."""
        ...

    def scrub(self, text: str) -> str: ...


def _refusal(
    auth: Authorizer, what: str, response: httpx.Response, fix: str
) -> AccessDeniedError:
    """`what (HTTP status: the registry's words)`, with the authorizer's secrets taken out."""
    body = summarise_error_body(response.content)
    return AccessDeniedError(auth.scrub(f"{what} (HTTP {response.status_code}: {body})"), fix=fix)


def basic_auth(token: Token) -> str:
    raw = f"{token.username}:{token.password}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


class EcrTokenAuth:
    """`Basic` with an ECR token; on refusal a fresh token, once (403 is ECR's expired)."""

    def __init__(self, registry: str, provider: TokenProvider) -> None:
        self._registry = registry
        self._provider = provider
        self._token: Token | None = None
        self._lock = threading.Lock()

    def _current(self, stale: Token | None = None) -> Token:
        # Several threads may hit 401 together: only the first one asks for a new token.
        with self._lock:
            if self._token is None or (stale is not None and self._token is stale):
                self._token = self._provider(stale is not None)
            return self._token

    def header(self, url: str) -> str | None:
        return basic_auth(self._current())

    def renew(self, response: httpx.Response, sent: str | None) -> str | None:
        with self._lock:
            stale = self._token if self._token and basic_auth(self._token) == sent else None
        return basic_auth(self._current(stale=stale))

    def refused(self, response: httpx.Response) -> AccessDeniedError:
        return _refusal(self, f"registry {self._registry} rejected the token", response,
                        "fetch a new token for this registry's account and region")

    def scrub(self, text: str) -> str:
        token = self._token
        if token is not None:
            for secret in (token.password, basic_auth(token).removeprefix("Basic ")):
                if secret:
                    text = text.replace(secret, "***")
        return text


class AnonymousAuth:
    """No credentials: a Bearer token per repository from the registry's token service,
    fetched on its 401 and kept in `tokens` until it expires; a refused one is fetched again."""

    def __init__(
        self, registry: str, scheme: str, tokens: BearerTokens, client: httpx.Client
    ) -> None:
        self._registry = registry
        self._scheme = scheme
        self._tokens = tokens
        self._client = client

    @staticmethod
    def scope(url: str) -> str:
        """`repository:NAME:pull` for a repository's URL; '' for /v2/ (the challenge's own)."""
        import httpx

        found = _REPOSITORY_PATH.match(httpx.URL(url).path)
        return pull_scope(found["name"]) if found else ""

    def header(self, url: str) -> str | None:
        value = self._tokens.cached(self._registry, self.scope(url))
        return f"Bearer {value}" if value else None

    def renew(self, response: httpx.Response, sent: str | None) -> str | None:
        scope = self.scope(str(response.request.url))
        if sent and sent.startswith("Bearer "):
            self._tokens.drop(self._registry, scope, sent.removeprefix("Bearer "))
        challenge, line = refusal_line(self._registry, response)
        if challenge is None:
            raise AccessDeniedError(
                line, fix="log in to it (docker login), or use an ECR profile for an ECR registry"
            )
        scope = scope or challenge.params.get("scope", "")
        value = self._tokens.fetch(self._client, self._registry, self._scheme, challenge, scope)
        return f"Bearer {value}"

    def refused(self, response: httpx.Response) -> AccessDeniedError:
        scope = self.scope(str(response.request.url)) or "the registry"
        return _refusal(
            self, f"registry {self._registry} refused its own anonymous token for {scope}",
            response, "the repository may be private or not exist; check the name",
        )

    def scrub(self, text: str) -> str:
        return self._tokens.scrub(text)
