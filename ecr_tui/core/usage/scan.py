"""In use where: every pair of a scope scanned for the workloads that run an image.

API (what the UI, the CLI, lifecycle and writes call; all block, call them from a worker):

- `usage_of(backend, pairs, account_id, region, repository, *, images=None, refresh=False,
  on_pair=None, read_images=None) -> UsageReport`: the rows of every workload, in any pair,
  running an image of ACCOUNT_ID's REPOSITORY in REGION. `images` are the repository's
  DescribeImages (read through a profile of that account among the pairs when not given); or
  `read_images()` reads them, only once a workload names the repository (the TUI: its own
  listing pages them meanwhile). `on_pair(pair, rows | PairFailure)` is called from the calling
  thread as each pair answers (rows of that pair only, never one already given by another
  profile of the same account). A pair that failed is a PairFailure in the report (and
  `report.complete` is False): "unused" is then not to be trusted.
- `select_rows(report.rows, images, tag=..., digest=...)` (from `matching`): what
  `usage REPO:TAG` / `usage REPO@DIGEST` shows; `report.by_digest()` / `report.in_use(digest)`:
  the IN USE column and the "Used by" tab.
- `unused(report, images) -> list[ImageDetail]`: the images no workload in scope uses.
- `in_use_by_repository(backend, pairs, *, refresh=False, on_pair=None) -> ScopeUsage`: the
  whole scope at once, for the Fleet and Find counts: per (registry account, region, repository)
  the digests workloads run and the tags they name without a known digest;
  `ScopeUsage.count(account, region, repo, images=None)` is how many images of it are in use.

Each pair's workloads come from `backend.workloads`, cached per (account, region) for
`usage_ttl_seconds` unless `refresh`; pairs run on the backend's one bounded pool
(`backend.executor()`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Protocol

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.fleet.completions import MAX_WORKERS, Completions
from ecr_tui.core.fleet.find import reference_pair
from ecr_tui.core.fleet.find_query import FindQuery, QueryKind
from ecr_tui.core.models import ImageDetail, Profile, ProfileRegion, Target, utcnow
from ecr_tui.core.usage.matching import (
    match_repository,
    named_tag,
    registry_reference,
    repository_workloads,
    tag_digests,
    unused_images,
)
from ecr_tui.core.usage_records import PairFailure, UsageReport, UsageRow, WorkloadImage

Pair = ProfileRegion | Target
PairResult = list[UsageRow] | PairFailure
OnPair = Callable[[Pair, PairResult], None]
RepositoryKey = tuple[str, str, str]
"""(registry account id, region, repository)."""
PAIRS_AT_ONCE = MAX_WORKERS // 2
"""Pairs scanning at once: the pool's other threads serve their calls side by side."""


class UsageSource(Protocol):
    """What a scan needs of a backend (the Backend protocol has all of it)."""

    def workloads(
        self, profile: str, region: str, *, refresh: bool = False
    ) -> list[WorkloadImage]: ...
    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]: ...
    def profiles(self, *, discovered: bool = True) -> list[Profile]: ...
    def profile(self, name: str) -> Profile: ...
    def account_id(self, profile: str, region: str) -> str: ...
    def executor(self) -> Executor: ...


def _identity(row: UsageRow) -> tuple[object, ...]:
    # The same workload seen through two profiles of one account is one row.
    return (row.account_id, row.region, row.kind, row.cluster, row.name, row.task_definition,
            row.container, row.digest, row.image)


def scan_pairs(
    backend: UsageSource, pairs: Sequence[Pair], *, refresh: bool = False
) -> Iterator[tuple[Pair, list[WorkloadImage] | PairFailure]]:
    """Each pair's workloads (or its failure) as soon as it answers, on the backend's pool."""
    calls: Completions[Pair] = Completions(backend.executor(), width=PAIRS_AT_ONCE)
    for pair in dict.fromkeys(pairs):
        calls.submit(pair, _workloads, backend, pair, refresh)
    try:
        while calls:
            pair, future = calls.next()
            yield pair, future.result()
    finally:
        calls.cancel()


def _workloads(
    backend: UsageSource, pair: Pair, refresh: bool
) -> list[WorkloadImage] | PairFailure:
    try:
        return backend.workloads(pair.profile, pair.region, refresh=refresh)
    except EcrTuiError as exc:
        return PairFailure(pair.profile, pair.region, exc.message)


def repository_images(
    backend: UsageSource, pairs: Sequence[Pair], account_id: str, region: str, repository: str
) -> list[ImageDetail]:
    """The repository's images, read through a profile of its account (those of the scope
    first)."""
    names = list(dict.fromkeys(p.profile for p in pairs))
    query = FindQuery(repository, QueryKind.REFERENCE, repository=repository,
                      account_id=account_id, region=region)
    try:
        target = reference_pair(backend, query, names)
    except EcrTuiError:
        target = reference_pair(backend, query)
    return backend.images(target.profile, region, repository)


def usage_of(
    backend: UsageSource, pairs: Sequence[Pair], account_id: str, region: str, repository: str,
    *, images: Sequence[ImageDetail] | None = None, refresh: bool = False,
    on_pair: OnPair | None = None,
    read_images: Callable[[], Sequence[ImageDetail]] | None = None,
) -> UsageReport:
    """Every workload of the scope running an image of the repository (see the top)."""
    # The repository's images are read beside the first pairs' scans, not before them.
    reading = None if images is not None or read_images is not None else (
        backend.executor().submit(
            repository_images, backend, pairs, account_id, region, repository))
    seen: set[tuple[object, ...]] = set()
    rows: list[UsageRow] = []
    failures: list[PairFailure] = []
    for pair, found in scan_pairs(backend, pairs, refresh=refresh):
        if isinstance(found, PairFailure):
            failures.append(found)
            if on_pair is not None:
                on_pair(pair, found)
            continue
        if reading is not None:
            images, reading = reading.result(), None
        if images is None and read_images is not None and any(
            repository_workloads(found, account_id, region, repository)
        ):
            images = read_images()
        new = []
        for row in match_repository(found, account_id, region, repository, images or ()):
            if _identity(row) not in seen:
                seen.add(_identity(row))
                new.append(row)
        rows += new
        if on_pair is not None:
            on_pair(pair, new)
    if reading is not None:  # every pair failed: the images are still wanted for `unused`
        reading.result()
    rows.sort(key=lambda r: (r.account_id, r.region, r.kind, r.cluster, r.name, r.container,
                             r.digest))
    return UsageReport(account_id, region, repository, tuple(rows), tuple(failures),
                       len(dict.fromkeys(pairs)), utcnow())


def unused(report: UsageReport, images: Sequence[ImageDetail]) -> list[ImageDetail]:
    """The images of the report's repository that no workload in its scope uses."""
    return unused_images(report.rows, images)


@dataclass(frozen=True, slots=True)
class RepositoryUse:
    """What the workloads of a scope run of one repository."""

    digests: frozenset[str] = frozenset()
    """Digests known to run (reported by the workload or pinned by its reference)."""
    tags: frozenset[str] = frozenset()
    """Tags named by workloads that report no digest (resolved against images by `count`)."""

    def count(self, images: Sequence[ImageDetail] | None = None) -> int:
        """How many images are in use; without the images, tags count as one image each."""
        if images is None:
            return len(self.digests) + len(self.tags)
        current = tag_digests(images)
        resolved = {current[t] for t in self.tags if t in current}
        return len({i.digest for i in images} & (self.digests | resolved))


@dataclass(frozen=True, slots=True)
class ScopeUsage:
    """Every repository the workloads of a scope use, and the pairs that failed."""

    repositories: dict[RepositoryKey, RepositoryUse] = field(default_factory=dict)
    failures: tuple[PairFailure, ...] = ()
    pairs_scanned: int = 0

    def count(
        self, account_id: str, region: str, repository: str,
        images: Sequence[ImageDetail] | None = None,
    ) -> int:
        """How many images of the repository are in use (0 when none is)."""
        use = self.repositories.get((account_id, region, repository))
        return use.count(images) if use else 0

    @property
    def complete(self) -> bool:
        return not self.failures


def in_use_by_repository(
    backend: UsageSource, pairs: Sequence[Pair], *, refresh: bool = False,
    on_pair: Callable[[Pair, list[WorkloadImage] | PairFailure], None] | None = None,
) -> ScopeUsage:
    """Per repository of any ECR registry, what the scope's workloads run (see the top)."""
    digests: dict[RepositoryKey, set[str]] = {}
    tags: dict[RepositoryKey, set[str]] = {}
    failures: list[PairFailure] = []
    for pair, found in scan_pairs(backend, pairs, refresh=refresh):
        if on_pair is not None:
            on_pair(pair, found)
        if isinstance(found, PairFailure):
            failures.append(found)
            continue
        for workload in found:
            ref = registry_reference(workload.image)
            if ref is None or ref.registry is None:
                continue
            key = (ref.registry.account_id, ref.registry.region, ref.repository)
            running = workload.running_digest or ref.digest
            if running:
                digests.setdefault(key, set()).add(running)
            else:
                tags.setdefault(key, set()).add(named_tag(ref))
    repositories = {
        key: RepositoryUse(frozenset(digests.get(key, ())), frozenset(tags.get(key, ())))
        for key in digests.keys() | tags.keys()
    }
    return ScopeUsage(repositories, tuple(failures), len(dict.fromkeys(pairs)))
