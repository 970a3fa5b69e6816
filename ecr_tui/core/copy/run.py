"""Running a copy once its preview is confirmed: refused when the preflight says so, else
the Backend's copy; audited whatever came of it (as `core.writes.run` does for the others)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.writes.audit import entry_of, result_of

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend
    from ecr_tui.core.copy_records import CopyPlan, CopyProgressCallback
    from ecr_tui.core.write_records import WritePlan, WriteResult


def run_copy(
    backend: Backend, plan: CopyPlan, write: WritePlan, *, force: bool = False,
    on_progress: CopyProgressCallback | None = None,
) -> WriteResult:
    blocking = write.blocking(force=force)
    if blocking:
        result = result_of(write, "refused", "; ".join(r.text for r in blocking))
    elif plan.nothing_to_do:
        result = result_of(write, "unchanged")
    else:
        try:
            backend.copy_image(plan, on_progress)
            result = result_of(write, "done", forced=write.forced(force=force))
        except EcrTuiError as exc:
            result = result_of(write, "failed", str(exc))  # the fix with it: said once, here
    backend.audit_log().append(entry_of(write.profile, result))
    return result
