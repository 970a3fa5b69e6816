"""DemoBackend's copy (issue 21): the demo's manifests and rows, in memory (demo/copying.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.core.copy_records import CopyPlan, CopyProgressCallback, CopyRequest
    from ecr_tui.demo.writes import DemoWrites


class DemoCopy:
    """The Backend's copy calls, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _writes: DemoWrites

    def copy_plan(self, request: CopyRequest) -> CopyPlan:
        from ecr_tui.demo import copying

        self._writes.require()
        return copying.plan(self, request)

    def copy_image(
        self, plan: CopyPlan, on_progress: CopyProgressCallback | None = None
    ) -> None:
        from ecr_tui.demo import copying

        self._writes.require()
        copying.send(self, plan, on_progress, self._writes.add_row)
