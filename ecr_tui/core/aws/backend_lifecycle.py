"""AwsBackend's lifecycle reads: the policy and ECR's own preview of it (read only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle_records import LifecyclePreview

T = TypeVar("T")


class AwsLifecycle:
    """The Backend's lifecycle calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...

    def lifecycle_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.core.lifecycle.ecr_calls import get_policy

        client = self._client(profile, region)
        return self._call(profile, region, "GetLifecyclePolicy",
                          lambda: get_policy(client, repository))

    def lifecycle_preview(
        self, profile: str, region: str, repository: str
    ) -> LifecyclePreview | None:
        from ecr_tui.core.lifecycle.ecr_calls import get_preview

        client = self._client(profile, region)
        return self._call(profile, region, "GetLifecyclePolicyPreview",
                          lambda: get_preview(client, repository))
