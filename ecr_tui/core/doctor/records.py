"""The doctor's records: one check's outcome, where a failed line points, the whole report and
its verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CHECK_IDS = ("reference", "profile", "repository", "image", "status", "platform", "policy",
             "client")
"""Every check, in the order they run; each report has all eight."""
Status = Literal["ok", "fail", "warn", "skip"]
Verdict = Literal["pullable", "not-pullable", "unknown"]
PlaceKind = Literal["repository", "tag", "rules"]
PULL_CHECKS = frozenset({"repository", "image", "status", "platform", "policy", "client"})
"""Checks whose failure means the pull fails (a failed reference or profile means the others
could not run: the verdict is then unknown)."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a check's line points in the TUI: a repository, a tag of it, or the pull-through-
    cache rules of the registry."""

    kind: PlaceKind
    profile: str
    region: str
    repository: str = ""
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    status: Status
    detail: str
    fix: str = ""
    """One line on `fail` and `warn`; empty otherwise."""
    could_not_run: bool = False
    """Skipped because an earlier check failed, or AWS would not answer: the verdict is then
    unknown unless a pull check failed."""
    place: Place | None = None


def skipped(check_id: str, why: str, *, could_not_run: bool = True) -> Check:
    return Check(check_id, "skip", why, could_not_run=could_not_run)


@dataclass(frozen=True, slots=True)
class Registry:
    account_id: str
    region: str
    host: str


@dataclass(frozen=True, slots=True)
class DoctorReport:
    reference: str
    registry: Registry | None
    repository: str
    tag: str
    digest: str
    checks: tuple[Check, ...]

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.checks)


def verdict_of(checks: tuple[Check, ...]) -> Verdict:
    """`not-pullable` when a pull check failed; else `unknown` when a check could not run (or
    the reference or profile failed); else `pullable`."""
    if any(c.status == "fail" and c.id in PULL_CHECKS for c in checks):
        return "not-pullable"
    if any(c.could_not_run or c.status == "fail" for c in checks):
        return "unknown"
    return "pullable"


EXIT_CODES: dict[Verdict, int] = {"pullable": 0, "not-pullable": 1, "unknown": 2}
