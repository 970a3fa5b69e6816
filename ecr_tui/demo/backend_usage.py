"""DemoBackend's "In use where": the demo's workloads (demo/workloads.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core import models

if TYPE_CHECKING:
    from ecr_tui.core.models import Repository, TagRow
    from ecr_tui.core.usage_records import WorkloadImage
    from ecr_tui.demo.profiles import DemoProfile


class DemoUsage:
    """The Backend's workloads call, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...
        def _repositories(self, spec: DemoProfile, region: str) -> list[Repository]: ...
        def _tag_rows(self, repository: str) -> list[TagRow]: ...

    def workloads(self, profile: str, region: str, *, refresh: bool = False) -> list[WorkloadImage]:
        from ecr_tui.demo import workloads

        spec = self._spec(profile, region, "workloads")
        return workloads.workloads(
            spec.name, spec.account_id, region, spec.region,
            spec.kind is models.ProfileKind.SSO_DISCOVERED,
            lambda: [r.name for r in self._repositories(spec, region)], self._tag_rows,
        )
