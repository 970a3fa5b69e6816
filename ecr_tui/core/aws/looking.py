"""Looking that is not pulling, for the AWS backend: index platforms from the on-disk manifest
cache (a manifest GET only when the user asks), and whether the caller's reads count as pulls
(ListPullTimeUpdateExclusions, asked once per profile and region)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.registry.manifest_store import stored_manifest
from ecr_tui.core.store.manifest_cache import ManifestCache, manifest_cache

if TYPE_CHECKING:
    from ecr_tui.core.models import ManifestInfo

log = logging.getLogger("ecr_tui")
FETCH_IN_FLIGHT = 8
"""Manifest GETs at once when the user asks for the platforms of many images."""


class Looking:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        self._cache: ManifestCache | None = None
        self._lock = threading.Lock()
        self._excluded: dict[tuple[str, str], bool | None] = {}

    @property
    def cache(self) -> ManifestCache:
        with self._lock:
            if self._cache is None:
                self._cache = manifest_cache(self._environ)
            return self._cache

    def platforms(self, digest: str) -> tuple[str, ...]:
        """An index's platform names from the cache alone; () when it is not there."""
        info = stored_manifest(self.cache, digest)
        return tuple(p.name for p in info.platforms) if info is not None else ()

    def manifests(
        self, digests: list[str], fetch: Callable[[str], ManifestInfo] | None,
        executor: Executor,
    ) -> dict[str, ManifestInfo]:
        """From the cache; with `fetch`, the rest through it (each failure left out, logged)."""
        found: dict[str, ManifestInfo] = {}
        missing = []
        for digest in dict.fromkeys(digests):
            info = stored_manifest(self.cache, digest)
            if info is not None:
                found[digest] = info
            else:
                missing.append(digest)
        if fetch is None or not missing:
            return found
        semaphore = threading.BoundedSemaphore(FETCH_IN_FLIGHT)

        def one(digest: str) -> ManifestInfo | None:
            with semaphore:
                try:
                    return fetch(digest)
                except EcrTuiError as exc:
                    log.debug("manifest %s: %s", digest, exc)
                    return None

        futures = {d: executor.submit(one, d) for d in missing}
        for digest, future in futures.items():
            info = future.result()
            if info is not None:
                found[digest] = info
        return found

    def excluded(self, key: tuple[str, str], ask: Callable[[], bool]) -> bool | None:
        """`ask` once per key (profile, region); None when it could not be told."""
        with self._lock:
            if key in self._excluded:
                return self._excluded[key]
        try:
            answer: bool | None = ask()
        except EcrTuiError as exc:
            log.debug("pull time exclusions for %s: %s", key, exc)
            answer = None
        with self._lock:
            return self._excluded.setdefault(key, answer)


def caller_is_excluded(ecr_client: Any, sts_client: Any) -> bool:
    from ecr_tui.core.ecr.pull_times import is_excluded, list_exclusions

    arn = str(sts_client.get_caller_identity()["Arn"])
    return is_excluded(arn, list_exclusions(ecr_client))
