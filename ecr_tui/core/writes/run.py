"""Running a write once its plan is previewed and confirmed: refused when the preflight says
so (forceable findings only without force), else the Backend's calls; audited either way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.write_records import WRITES_OFF, WriteResult
from ecr_tui.core.writes.audit import entry_of, result_of

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend
    from ecr_tui.core.write_records import Operation, WritePlan


def run_plan(backend: Backend, plan: WritePlan, *, force: bool = False) -> WriteResult:
    blocking = plan.blocking(force=force)
    forced = plan.forced(force=force)
    if blocking:
        result = result_of(plan, "refused", "; ".join(r.text for r in blocking))
    else:
        try:
            result = result_of(plan, _write(backend, plan), forced=forced)
        except EcrTuiError as exc:
            result = result_of(plan, "failed", str(exc), forced)  # the fix with it
    backend.audit_log().append(entry_of(plan.profile, result))
    return result


def _write(backend: Backend, plan: WritePlan) -> str:
    where = (plan.profile, plan.region, plan.repository)
    if plan.operation == "tag":
        return "done" if backend.put_tag(*where, plan.digest, plan.tag) else "unchanged"
    if plan.operation == "untag":
        backend.remove_tag(*where, plan.tag)
    else:  # referrers first: none is left pointing at a subject that is gone
        backend.delete_images(*where, (*plan.referrers, plan.digest))
    return "done"


def decline(backend: Backend, plan: WritePlan, why: str) -> WriteResult:
    """Not confirmed (the user said no, or no terminal to ask and no --yes): audited."""
    result = result_of(plan, "declined", why)
    backend.audit_log().append(entry_of(plan.profile, result))
    return result


def refuse_writes_off(
    backend: Backend, profile: str, region: str, operation: Operation, repository: str,
    tag: str = "", digest: str = "",
) -> WriteResult:
    """The switch is off: audited with what is known without asking AWS anything."""
    result = WriteResult(operation, "", region, repository, tag, digest, "refused", WRITES_OFF)
    backend.audit_log().append(entry_of(profile, result))
    return result
