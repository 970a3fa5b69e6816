"""AwsBackend's reads for "why can't it pull?" (issue 20): the repository and registry policies."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")


class AwsDoctor:
    """The Backend's policy reads, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...

    def repository_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.core.ecr.policies import repository_policy

        client = self._client(profile, region)
        return self._call(profile, region, "GetRepositoryPolicy",
                          lambda: repository_policy(client, repository))

    def registry_policy(self, profile: str, region: str) -> str | None:
        from ecr_tui.core.ecr.policies import registry_policy

        client = self._client(profile, region)
        return self._call(profile, region, "GetRegistryPolicy", lambda: registry_policy(client))
