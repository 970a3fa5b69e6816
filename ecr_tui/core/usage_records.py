"""The records of "In use where": workloads as one pair's scan found them, and usage rows of
an image (a workload matched to an image of a registry).

Other packages (lifecycle, writes, doctor, the UI) read only these records and
`UsageReport`'s methods, never the scan's internals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

WorkloadKind = Literal["ecs-service", "ecs-task", "lambda"]
MatchedBy = Literal["digest", "tag"]


@dataclass(frozen=True, slots=True)
class WorkloadImage:
    """One container (or function) of one workload naming one image, as a pair's scan read it.

    `image` is the reference as the task definition or function names it; `running_digest` is
    the digest ECS resolved for the running tasks or Lambda's ResolvedImageUri, "" when the
    service reports none. A service whose tasks run several digests gives one record per digest.
    """

    profile: str
    account_id: str
    """The account the workload lives in (not necessarily the image registry's)."""
    region: str
    kind: WorkloadKind
    cluster: str
    """The cluster's name; "" for Lambda."""
    name: str
    """Service name, task id, or function name."""
    task_definition: str
    """`family:revision`; "" for Lambda."""
    container: str
    """"" for Lambda."""
    image: str
    running_digest: str
    running: int | None
    desired: int | None
    """None for Lambda."""


@dataclass(frozen=True, slots=True)
class UsageRow:
    """A workload matched to an image: the `usage --json` row (profile aside)."""

    profile: str
    account_id: str
    region: str
    kind: WorkloadKind
    cluster: str
    name: str
    task_definition: str
    container: str
    image: str
    digest: str
    """What runs: the running digest, else the tag's current digest (matched_by "tag")."""
    matched_by: MatchedBy
    running: int | None
    desired: int | None
    tag_moved: bool
    """A tag the workload names now points at another digest than the one running."""

    def as_json(self) -> dict[str, object]:
        return {
            "account_id": self.account_id, "region": self.region, "kind": self.kind,
            "cluster": self.cluster, "name": self.name,
            "task_definition": self.task_definition, "container": self.container,
            "image": self.image, "digest": self.digest, "matched_by": self.matched_by,
            "running": self.running, "desired": self.desired, "tag_moved": self.tag_moved,
        }


@dataclass(frozen=True, slots=True)
class PairFailure:
    """A pair whose scan failed: one line saying what is missing and how to fix it."""

    profile: str
    region: str
    message: str


@dataclass(frozen=True, slots=True)
class UsageReport:
    """Usage rows of one repository (account, region, repository) over a scope of pairs."""

    account_id: str
    region: str
    repository: str
    rows: tuple[UsageRow, ...]
    failures: tuple[PairFailure, ...]
    pairs_scanned: int
    scanned_at: datetime

    @property
    def complete(self) -> bool:
        """Every pair of the scope answered: "unused" can be trusted."""
        return not self.failures

    def by_digest(self) -> dict[str, tuple[UsageRow, ...]]:
        out: dict[str, list[UsageRow]] = {}
        for row in self.rows:
            out.setdefault(row.digest, []).append(row)
        return {digest: tuple(rows) for digest, rows in out.items()}

    def in_use(self, digest: str) -> int:
        """How many workloads run (or name by tag) this digest."""
        return len({(r.account_id, r.region, r.kind, r.cluster, r.name)
                    for r in self.rows if r.digest == digest})


def failures_by_cause(failures: Iterable[PairFailure]) -> list[tuple[str, list[str], str]]:
    """(profile, its regions, message) per cause, in order: a profile's expired session in
    every region is said once, naming the regions."""
    regions: dict[tuple[str, str], list[str]] = {}
    for failure in failures:
        regions.setdefault((failure.profile, failure.message), []).append(failure.region)
    return [(profile, where, message) for (profile, message), where in regions.items()]
