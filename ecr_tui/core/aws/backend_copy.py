"""AwsBackend's copy (issue 21): the plan and the send are in core/aws/copying.py and core/copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.copy_records import CopyPlan, CopyProgressCallback, CopyRequest


class AwsCopy:
    """The Backend's copy calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        def executor(self) -> ThreadPoolExecutor: ...

    def copy_plan(self, request: CopyRequest) -> CopyPlan:
        from ecr_tui.core.aws.copying import plan_copy

        return plan_copy(self, request, self.executor())

    def copy_image(
        self, plan: CopyPlan, on_progress: CopyProgressCallback | None = None
    ) -> None:
        from ecr_tui.core.aws.copying import send_copy

        send_copy(self, plan, on_progress)
