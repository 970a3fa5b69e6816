"""What the TUI knows of a repository's usage at a moment of its scan, and the words and cells
it shows for it (the IN USE column, the "Used by" tab's summary). Plain data, no Textual."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ecr_tui.core.models import Target
from ecr_tui.core.usage_records import PairFailure, UsageReport, UsageRow, failures_by_cause

SCOPE_FAILURES_SHOWN = 3
"""Causes of failed pairs named in a summary line; the rest are counted."""


@dataclass(frozen=True, slots=True)
class UsageKey:
    """One repository seen from one pair, and one scan of it: answers for another are stale."""

    target: Target
    """The (profile, region) the screen shows."""
    account_id: str
    region: str
    repository: str
    scan: int
    """Bumped by each scan (a refresh): a late answer of the one before is dropped."""


def workload_of(row: UsageRow) -> tuple[str, str, str, str, str]:
    """One workload, however many rows (containers, digests) it has."""
    return (row.account_id, row.region, row.kind, row.cluster, row.name)


@dataclass(frozen=True, slots=True)
class UsageView:
    """The rows found so far (all of them once `finished`), and the scan's progress."""

    rows: tuple[UsageRow, ...] = ()
    failures: tuple[PairFailure, ...] = ()
    pairs_done: int = 0
    pairs_total: int = 0
    scope: str = ""
    """The scope in words: which pairs were scanned, and why those."""
    finished: bool = False
    _by_digest: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict, repr=False,
                                                              compare=False)

    @classmethod
    def of(cls, rows: Iterable[UsageRow], failures: Iterable[PairFailure], pairs_done: int,
           pairs_total: int, scope: str, *, finished: bool = False) -> UsageView:
        rows = tuple(rows)
        by_digest: dict[str, set[tuple[str, ...]]] = {}
        for row in rows:
            by_digest.setdefault(row.digest, set()).add(workload_of(row))
        return cls(rows, tuple(failures), pairs_done, pairs_total, scope, finished,
                   {digest: frozenset(found) for digest, found in by_digest.items()})

    @classmethod
    def of_report(cls, report: UsageReport, scope: str) -> UsageView:
        return cls.of(report.rows, report.failures, report.pairs_scanned, report.pairs_scanned,
                      scope, finished=True)

    @property
    def complete(self) -> bool:
        """Finished and every pair answered: a 0 means unused."""
        return self.finished and not self.failures

    def count(self, digests: Iterable[str]) -> int:
        """How many workloads run (or name by a tag) any of these digests (an image's own, its
        platform images')."""
        found: set[tuple[str, ...]] = set()
        for digest in digests:
            found |= self._by_digest.get(digest, frozenset())
        return len(found)

    def rows_of(self, digests: Sequence[str]) -> list[UsageRow]:
        wanted = set(digests)
        return [row for row in self.rows if row.digest in wanted]

    def progress(self) -> str:
        """`in use: 40/108 pairs scanned` while scanning; after, what could not be read."""
        if not self.finished:
            return f"in use: {self.pairs_done}/{self.pairs_total} pairs scanned…"
        if self.failures:
            return f"in use: {len(self.failures)} of {self.pairs_total} pairs failed"
        return f"in use: {self.pairs_total} pairs scanned"

    def failures_line(self) -> str:
        """The failed pairs, one cause once (a profile's expired session in every region is one
        part): where, and what is missing."""
        named = [f"{profile} {where[0] if len(where) == 1 else f'in {len(where)} regions'}: "
                 f"{message}" for profile, where, message in failures_by_cause(self.failures)]
        more = len(named) - SCOPE_FAILURES_SHOWN
        return "; ".join(named[:SCOPE_FAILURES_SHOWN]) + (f"; and {more} more" if more > 0 else "")


def in_use_cell(view: UsageView | None, digests: Iterable[str]) -> str:
    """The IN USE cell: `?` until known, `3…` while the scan goes on (it only grows), the count
    when done; when some pairs failed, `2+` (there may be more) and `0?` (maybe not unused)."""
    if view is None:
        return "?"
    count = view.count(digests)
    if not view.finished:
        return f"{count}…" if count else "?"
    if view.failures:
        return f"{count}+" if count else "0?"
    return str(count)


def scope_words(pairs: Sequence[Target], source: str) -> str:
    """`108 pairs (18 profiles × 6 regions), the Fleet's scope`."""
    profiles = len({p.profile for p in pairs})
    regions = len({p.region for p in pairs})
    return f"{len(pairs)} pairs ({profiles} profiles × {regions} regions), {source}"
