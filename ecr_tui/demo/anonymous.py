"""The demo's public images, read "anonymously": the upstreams of the demo's pull-through
caches (their tags are the cached repository's, except `latest`, which moved upstream since
it was cached) and one image no cache holds."""

from __future__ import annotations

from collections.abc import Callable

from ecr_tui.core.ecr.pullthrough import upstream_host
from ecr_tui.core.errors import NotFoundError
from ecr_tui.core.image_records import Referrer
from ecr_tui.core.models import ImageConfig, ManifestInfo, TagRow
from ecr_tui.demo import inspect_data
from ecr_tui.demo.data import digest_of
from ecr_tui.demo.image_store import ImageStore
from ecr_tui.demo.pullthrough import CACHED, RULES

MOVED_TAG = "latest"
"""Upstream, this tag points at a newer image than the one cached."""
UNCACHED = ("public.ecr.aws", "nginx/nginx")
"""A public image no demo cache holds."""


def _catalog() -> dict[tuple[str, str], str]:
    """(upstream host, upstream repository) -> the name its rows are made from."""
    urls = {prefix: url for prefix, url, *_rest in RULES}
    found = {(upstream_host(urls[prefix]), name): f"{prefix}/{name}"
             for prefix, names in CACHED.items() for name in names}
    found[UNCACHED] = "/".join(UNCACHED)
    return found


class DemoAnonymousRegistry:
    """`AnonymousRegistry` for one host, on the demo's generated tags."""

    def __init__(self, host: str, rows_of: Callable[[str], list[TagRow]],
                 store: ImageStore) -> None:
        self.host = host
        self._key = upstream_host(host)
        self._rows_of = rows_of
        self._store = store

    def _rows(self, repository: str) -> list[TagRow]:
        name = _catalog().get((self._key, repository))
        if name is None:
            raise NotFoundError(f"repository not found: {self.host}/{repository} (NAME_UNKNOWN)")
        return [TagRow(**{**{k: getattr(r, k) for k in TagRow.__slots__},
                          "digest": digest_of(r.digest, "upstream")})
                if r.tag == MOVED_TAG else r for r in self._rows_of(name)]

    def tags(self, repository: str) -> list[str]:
        return [r.tag for r in self._rows(repository)]

    def manifest(self, repository: str, reference: str) -> ManifestInfo:
        return self._store.manifest(repository, self._rows(repository), reference)

    def image_config(self, repository: str, config_digest: str) -> ImageConfig:
        return self._store.config(repository, config_digest)

    def referrers(self, repository: str, digest: str) -> list[Referrer]:
        return inspect_data.referrers_for(digest, set(self.tags(repository)))

    def digest(self, repository: str, reference: str) -> str:
        for row in self._rows(repository):
            if reference in (row.tag, row.digest):
                return row.digest
        raise NotFoundError(f"manifest unknown: {self.host}/{repository}:{reference}")
