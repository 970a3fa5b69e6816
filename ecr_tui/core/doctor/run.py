"""The doctor's run: the eight checks in order, each line handed on as soon as it is known
(the TUI fills its lines in as they come); a check whose premise failed is skipped and says
why. Every outside failure becomes that check's one line, never an exception."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from ecr_tui.core.doctor import access, checks
from ecr_tui.core.doctor.extract import extract
from ecr_tui.core.doctor.facts import Facts, Request
from ecr_tui.core.doctor.records import (
    CHECK_IDS,
    Check,
    DoctorReport,
    Registry,
    skipped,
)
from ecr_tui.core.errors import EcrTuiError

CheckFn = Callable[[Any, Facts], Check]
_ORDER: tuple[tuple[str, CheckFn], ...] = (
    ("reference", checks.reference), ("profile", checks.profile),
    ("repository", checks.repository), ("image", checks.image), ("status", checks.status),
    ("platform", checks.platform), ("policy", access.policy), ("client", access.client),
)
_NEEDS = {
    "profile": "reference", "repository": "profile", "image": "repository",
    "status": "image", "platform": "image", "policy": "repository",
}
"""A check runs only when the one it needs is ok or warn (a warn on the repository means it is
not there yet: nothing after it can be read)."""


def _premise_failed(check_id: str, done: dict[str, Check], facts: Facts) -> str:
    """Why CHECK_ID cannot run now; empty when it can."""
    ref = facts.ref
    if ref is None or not ref.is_ecr:
        return "no ECR image reference"
    if ref.is_public and check_id not in ("reference", "client"):
        return "ECR Public: anonymous pulls, nothing of yours to check"
    need = _NEEDS.get(check_id)
    if need is None:
        return ""
    before = done[need]
    if before.status == "skip":
        return before.detail if before.could_not_run else ""
    if before.status == "fail" or (need == "repository" and facts.repository is None):
        return f"the {need} check did not pass"
    return ""


def run_doctor(
    backend: Any, request: Request, *, environ: Mapping[str, str], now: datetime,
    on_check: Callable[[Check], None] | None = None,
) -> DoctorReport:
    facts = Facts(request, extract(request.text), environ, now)
    done: dict[str, Check] = {}
    for check_id, fn in _ORDER:
        why = "" if check_id == "reference" else _premise_failed(check_id, done, facts)
        if why:
            result = skipped(check_id, why)
        else:
            try:
                result = fn(backend, facts)
            except EcrTuiError as exc:
                result = Check(check_id, "warn", f"could not check: {exc.message}",
                               exc.fix or "run again with --debug for details",
                               could_not_run=True)
        done[check_id] = result
        if on_check is not None:
            on_check(result)
    assert tuple(done) == CHECK_IDS
    return _report(facts, tuple(done.values()))


def _report(facts: Facts, results: tuple[Check, ...]) -> DoctorReport:
    ref = facts.ref
    registry = None
    if ref is not None and ref.registry is not None:
        registry = Registry(ref.registry.account_id, ref.registry.region, ref.host)
    digest = (ref.digest if ref else "") or (facts.image.digest if facts.image else "")
    return DoctorReport(
        reference=ref.text() if ref else "", registry=registry,
        repository=ref.repository if ref else "", tag=ref.tag if ref else "", digest=digest,
        checks=results,
    )
