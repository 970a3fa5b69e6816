"""AwsBackend's "looking is not pulling" (issue 19): the manifest cache, index manifests read
from it (or fetched when asked) and whether this caller's pulls are excluded from pull time."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.aws.looking import Looking
    from ecr_tui.core.models import ManifestInfo

T = TypeVar("T")


class AwsLooking:
    """The Backend's manifest-cache calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _environ: Mapping[str, str]
        _lock: threading.Lock
        _looking_now: Looking | None

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def registry(self, profile: str, region: str) -> Any: ...
        def executor(self) -> ThreadPoolExecutor: ...

    @property
    def _looking(self) -> Looking:
        """Made on first use: the first frame pays for no manifest cache."""
        from ecr_tui.core.aws.looking import Looking

        with self._lock:
            if self._looking_now is None:
                self._looking_now = Looking(self._environ)
            return self._looking_now

    def index_manifests(
        self, profile: str, region: str, repository: str, digests: list[str], *,
        fetch: bool = False,
    ) -> dict[str, ManifestInfo]:
        def get(digest: str) -> ManifestInfo:
            return self.registry(profile, region).manifest(repository, digest)

        return self._looking.manifests(digests, get if fetch else None, self.executor())

    def pull_time_excluded(self, profile: str, region: str) -> bool | None:
        from ecr_tui.core.aws.looking import caller_is_excluded

        def ask() -> bool:
            ecr_client, sts = self._client(profile, region), self._client(profile, region, "sts")
            return self._call(profile, region, "ListPullTimeUpdateExclusions",
                              lambda: caller_is_excluded(ecr_client, sts))

        return self._looking.excluded((profile, region), ask)
