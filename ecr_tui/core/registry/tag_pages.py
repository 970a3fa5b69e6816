"""RegistryClient's tag listing (mixed into it): `GET /v2/NAME/tags/list`, page by page,
following the registry's rel="next" links on the same origin only."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ecr_tui.core.errors import RegistryError
from ecr_tui.core.registry.client_calls import ClientCalls
from ecr_tui.core.registry.links import next_link
from ecr_tui.core.registry.manifests import parse_tags, shorten


class TagPages(ClientCalls):
    """The tag listing, RegistryClient's own (kept apart)."""

    if TYPE_CHECKING:  # RegistryClient's, used here
        endpoint: str
        _max_pages: int

    def list_tags(
        self,
        repository: str,
        page_size: int = 1000,
        on_page: Callable[[list[str]], None] | None = None,
    ) -> list[str]:
        """Every tag of a repository, following rel="next" links on the same origin;
        on_page sees each page's names as it arrives."""
        import httpx

        origin = httpx.URL(self.endpoint)
        page_size = max(1, min(page_size, 1000))  # ECR answers 400 above 1000
        url = str(httpx.URL(f"{self._repo_url(repository)}/tags/list?n={page_size}"))
        seen: set[str] = set()
        tags: list[str] = []
        while True:
            if len(seen) >= self._max_pages:
                raise RegistryError(
                    f"registry {self.host} returned more than {self._max_pages} pages of tags "
                    f"for {repository}; stopped"
                )
            seen.add(url)
            response = self._get(url, not_found=f"repository or tag not found: {repository}")
            page = self._parse(parse_tags, response, f"tag list of {repository}")
            tags.extend(page)
            if on_page is not None:
                on_page(page)
            link = next_link(response.headers.get("link"), str(response.url))
            if link is None:
                return list(dict.fromkeys(tags))
            try:
                nxt = httpx.URL(link)
            except httpx.InvalidURL:
                nxt = None
            if nxt is None or (nxt.scheme, nxt.host, nxt.port) != (
                origin.scheme,
                origin.host,
                origin.port,
            ):
                raise RegistryError(
                    f"registry {self.host} sent a next-page link to another host "
                    f"({shorten(link, 80)}); refusing to follow it"
                )
            url = str(nxt)
            if url in seen:
                raise RegistryError(
                    f"registry {self.host} sent a next-page link that loops back to a page "
                    f"already read, for {repository}; stopped"
                )
