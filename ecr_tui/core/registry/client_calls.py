"""What RegistryClient's mixins (manifest reads, tag pages) call on it, declared once for the
type checker: the client's host and its request helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx


class ClientCalls:
    """A base of RegistryClient's mixins: nothing at run time."""

    if TYPE_CHECKING:  # RegistryClient's, used by the mixins
        host: str

        def _repo_url(self, repository: str) -> str: ...
        def _parse(self, parse: Callable[[bytes], Any], response: httpx.Response,
                   what: str) -> Any: ...
        def _get(self, url: str, *, not_found: str, headers: dict[str, str] | None = None,
                 follow_redirects: bool = False, method: str = "GET",
                 content: bytes | None = None) -> httpx.Response: ...
