"""Docker Registry HTTP API v2 client for one ECR (or ECR-like) registry endpoint.

httpx is imported lazily: first paint and `ecr-tui password` must not pay for it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ecr_tui.core.errors import (
    NetworkError,
    NotFoundError,
    RegistryError,
    WritesOff,
)
from ecr_tui.core.hosts import host_from_endpoint
from ecr_tui.core.registry.auth import Authorizer, EcrTokenAuth, TokenProvider, basic_auth
from ecr_tui.core.registry.http_setup import import_httpx, registry_tls
from ecr_tui.core.registry.manifest_reads import ManifestReads
from ecr_tui.core.registry.manifest_store import ManifestStore
from ecr_tui.core.registry.manifests import (
    shorten,
    summarise_error_body,
)
from ecr_tui.core.registry.reach import NETWORK_FIX, unreachable
from ecr_tui.core.registry.retry_after import retry_delay
from ecr_tui.core.registry.tag_pages import TagPages

if TYPE_CHECKING:
    import ssl

    import httpx

__all__ = ["RegistryClient", "TokenProvider", "basic_auth"]

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REPOSITORY_RE = re.compile(rf"{_COMPONENT}(?:/{_COMPONENT})*")


class RegistryClient(ManifestReads, TagPages):
    """One per registry endpoint. Safe to share between worker threads."""

    def __init__(
        self,
        endpoint: str,
        token_provider: TokenProvider | None,
        *,
        authorizer: Callable[[httpx.Client], Authorizer] | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        max_retries: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        max_pages: int = 10_000,
        manifests: ManifestStore | None = None,
        writes: bool = False,
    ) -> None:
        """manifests: where manifests read by digest come from first, and go after a GET."""
        import_httpx()
        import httpx

        scheme = endpoint.strip().partition("://")[0].lower() if "://" in endpoint else "https"
        self.host = host_from_endpoint(endpoint)
        self.endpoint = f"{scheme}://{self.host}"
        self._max_retries = max_retries
        self._sleep = sleep
        self._max_pages = max_pages
        self._manifests = manifests
        self.writes = writes
        """PUT/POST/PATCH/DELETE leave only when True (the write switch, issue 21)."""
        tls = registry_tls() if transport is None else None
        self._client = httpx.Client(
            timeout=timeout,
            transport=transport,
            trust_env=True,
            verify=tls if tls is not None else True,
            headers={"User-Agent": "ecr-tui"},
        )
        self._direct = (tls, timeout) if tls is not None and not proxied(os.environ) else None
        # An ECR token's Basic auth, unless made with another way in (anonymous: `authorizer`).
        self._auth: Authorizer = (
            authorizer(self._client) if authorizer is not None
            else EcrTokenAuth(self.host, _required(token_provider))
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def ping(self) -> None:
        """An authenticated GET /v2/: proves the token works against this registry."""
        self._get(f"{self.endpoint}/v2/", not_found="no registry API at /v2/")

    def repository_url(self, repository: str) -> str:
        """`ENDPOINT/v2/NAME`, the name checked."""
        return self._repo_url(repository)

    def request(
        self, method: str, url: str, *, not_found: str, headers: dict[str, str] | None = None,
        content: bytes | None = None,
    ) -> httpx.Response:
        """One request authorised, renewed and retried as the reads are (its body is bytes,
        so it can be sent again); a write method only with writes on."""
        return self._get(url, not_found=not_found, headers=headers, method=method,
                         content=content)

    @contextmanager
    def stream(
        self, method: str, url: str, *, headers: dict[str, str] | None = None,
        content: Iterable[bytes] | None = None, follow_redirects: bool = False,
    ) -> Iterator[httpx.Response]:
        """One request whose body (sent or received) is streamed, never whole in memory. A
        streamed body cannot be sent twice: no retry; the caller checks the status."""
        import httpx

        self._refuse_write(method)
        authorization = self._auth.header(url)
        request_headers = {**(headers or {}),
                           **({"Authorization": authorization} if authorization else {})}
        try:
            with self._client.stream(method, url, headers=request_headers, content=content,
                                     follow_redirects=follow_redirects) as response:
                yield response
                return
        except httpx.TimeoutException:
            message, fix = f"cannot reach registry {self.host}: timed out", NETWORK_FIX
        except httpx.TransportError as exc:
            message, fix = unreachable(self.host, exc)
        # outside the except block: the httpx error holds the header
        raise NetworkError(self._auth.scrub(message), fix=fix)

    def failure(self, response: httpx.Response, what: str) -> RegistryError:
        """The one line for an unexpected answer to `what` (the body read, secrets out)."""
        return self.answer_error(response.status_code, response.read(), what)

    def answer_error(self, status: int, body: bytes, what: str) -> RegistryError:
        """The one line for HTTP `status` with `body` in answer to `what`, secrets out."""
        kind = NotFoundError if status == 404 else RegistryError
        return kind(self._auth.scrub(
            f"registry {self.host} answered HTTP {status} to {what}: "
            f"{summarise_error_body(body)}"))

    def _refuse_write(self, method: str) -> None:
        if method not in ("GET", "HEAD") and not self.writes:
            from ecr_tui.core.write_records import WRITES_OFF

            raise WritesOff(WRITES_OFF)

    def _repo_url(self, repository: str) -> str:
        if not _REPOSITORY_RE.fullmatch(repository):
            raise RegistryError(f"invalid repository name: {shorten(repository, 80)}")
        return f"{self.endpoint}/v2/{quote(repository, safe='/')}"

    def _parse(self, parse: Callable[[bytes], Any], response: httpx.Response, what: str) -> Any:
        try:
            return parse(response.content)
        except (ValueError, RecursionError):
            pass
        raise RegistryError(f"registry {self.host} returned an unreadable {what}")

    def _get(
        self,
        url: str,
        *,
        not_found: str,
        headers: dict[str, str] | None = None,
        follow_redirects: bool = False,
        method: str = "GET",
        content: bytes | None = None,
    ) -> httpx.Response:
        self._refuse_write(method)
        authorization = self._auth.header(url)
        refreshed = False
        attempt = 0
        while True:
            response = self._send(method, url, authorization, headers or {}, follow_redirects,
                                  content)
            status = response.status_code
            if status in (401, 403):
                if not refreshed:
                    refreshed = True
                    authorization = self._auth.renew(response, authorization)
                    continue
                raise self._auth.refused(response)
            if status == 429 or status >= 500:
                if attempt < self._max_retries:
                    self._sleep(retry_delay(attempt, response.headers.get("retry-after")))
                    attempt += 1
                    continue
                prefix = f"registry {self.host} answered HTTP {status} after {attempt + 1} tries"
            elif status == 404:
                summary = summarise_error_body(response.content)
                raise NotFoundError(self._auth.scrub(f"{not_found} on {self.host}: {summary}"))
            elif status >= 300:
                prefix = f"registry {self.host} answered HTTP {status}"
            else:
                return response
            summary = summarise_error_body(response.content)
            raise RegistryError(self._auth.scrub(f"{prefix}: {summary}"))

    def _send(
        self, method: str, url: str, authorization: str | None, headers: dict[str, str],
        follow_redirects: bool, content: bytes | None = None,
    ) -> httpx.Response:
        import httpx

        request_headers = {**headers, **({"Authorization": authorization} if authorization else {})}
        try:
            return self._client.request(
                method, url, headers=request_headers, follow_redirects=follow_redirects,
                content=content,
            )
        except httpx.TimeoutException:
            message, fix = f"cannot reach registry {self.host}: timed out", NETWORK_FIX
        except httpx.TransportError as exc:
            message, fix = unreachable(self.host, exc)
        # Raised outside the except block: the httpx error holds the request and its
        # Authorization header, which must never travel with our exception.
        raise NetworkError(self._auth.scrub(message), fix=fix)

    # -- what core/registry/blob_pipe.py needs to send blob bytes over its own sockets ------
    @property
    def direct(self) -> tuple[ssl.SSLContext, float] | None:
        """(trust store, timeout) where httpx would talk straight to the registry; None with
        a test transport or a proxy in the environment (httpx honours those)."""
        return self._direct

    def authorization(self, url: str) -> str | None:
        """The Authorization header a request to `url` carries now (None: none)."""
        return self._auth.header(url)

    def scrub(self, text: str) -> str:
        """`text` with this registry's secrets taken out."""
        return self._auth.scrub(text)


def proxied(environ: Mapping[str, str]) -> bool:
    """Whether the environment names a proxy (httpx's trust_env reads every `*_proxy`)."""
    return any(v and k.lower().endswith("_proxy") and k.lower() != "no_proxy"
               for k, v in environ.items())


def _required(provider: TokenProvider | None) -> TokenProvider:
    if provider is None:
        raise TypeError("RegistryClient needs a token provider or an authorizer")
    return provider
