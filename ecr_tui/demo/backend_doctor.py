"""DemoBackend's reads for "why can't it pull?" (issue 20): the policies of demo/policies.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.demo.profiles import DemoProfile


class DemoDoctor:
    """The Backend's policy reads, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...
        def _require_repository(self, spec: DemoProfile, region: str, repository: str) -> None:
            ...

    def repository_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.demo import policies

        spec = self._spec(profile, region, "repository_policy")
        self._require_repository(spec, region, repository)
        return policies.repository_policy(spec.account_id, repository)

    def registry_policy(self, profile: str, region: str) -> str | None:
        from ecr_tui.demo import policies

        return policies.registry_policy(self._spec(profile, region, "registry_policy").account_id,
                                        region)
