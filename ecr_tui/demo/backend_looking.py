"""DemoBackend's "looking is not pulling" (issue 19): manifests already read, and the demo's
pull-time exclusion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.demo.profiles import ALIASES

if TYPE_CHECKING:
    import threading

    from ecr_tui.core.models import ManifestInfo

EXCLUDED_PROFILE = "ci-process"
"""The demo's principal in ListPullTimeUpdateExclusions."""


class DemoLooking:
    """The Backend's manifest-cache calls, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _lock: threading.Lock
        _opened: set[str]

        def manifest(
            self, profile: str, region: str, repository: str, reference: str
        ) -> ManifestInfo: ...

    def index_manifests(
        self, profile: str, region: str, repository: str, digests: list[str], *,
        fetch: bool = False,
    ) -> dict[str, ManifestInfo]:
        with self._lock:
            known = [d for d in digests if fetch or d in self._opened]
        found = {}
        for digest in known:
            try:
                found[digest] = self.manifest(profile, region, repository, digest)
            except EcrTuiError:
                continue  # as the AWS backend: a digest that cannot be read is left out
        return found

    def pull_time_excluded(self, profile: str, region: str) -> bool | None:
        """The CI role is registered in the demo's exclusions: its reads do not count."""
        return ALIASES.get(profile, profile) == EXCLUDED_PROFILE
