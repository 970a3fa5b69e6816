"""DemoBackend's lifecycle reads: a policy and its preview from demo/lifecycle.py (read only)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle_records import LifecyclePreview
    from ecr_tui.core.models import ImageDetail
    from ecr_tui.demo.profiles import DemoProfile


class DemoLifecycle:
    """The Backend's lifecycle calls, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _epoch: datetime

        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...
        def _require_repository(self, spec: DemoProfile, region: str, repository: str) -> None:
            ...
        def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]: ...

    def lifecycle_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.demo import lifecycle

        self._require_repository(self._spec(profile, region, "lifecycle"), region, repository)
        return lifecycle.policy_text(repository)

    def lifecycle_preview(
        self, profile: str, region: str, repository: str
    ) -> LifecyclePreview | None:
        from ecr_tui.demo import lifecycle

        images = self.images(profile, region, repository)
        return lifecycle.preview(repository, images, self._epoch)
