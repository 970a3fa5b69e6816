"""The scope-wide in-use counts as the Fleet and Find show them: how many images of a repository
(or of a pair's registry) workloads run, and the scan's progress. Plain data, no Textual."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ecr_tui.core.usage.scan import ScopeUsage

REPOSITORIES_NAMED = 3
"""Repositories a status line names for the highlighted pair; the rest are counted."""


@dataclass
class ScopeUsageState:
    """One screen's view of the scope scan: answers of an earlier scan are dropped."""

    scan: int = 0
    done: int = 0
    total: int = 0
    usage: ScopeUsage | None = None

    def next_scan(self) -> int:
        self.scan += 1
        self.done = self.total = 0
        self.usage = None
        return self.scan

    def update(self, scan: int, done: int, total: int, usage: ScopeUsage | None) -> bool:
        """Take a scan's progress; False when it is an earlier scan's (stale)."""
        if scan != self.scan:
            return False
        self.done, self.total = done, total
        if usage is not None:
            self.usage = usage
        return True

    def progress(self) -> str:
        if self.usage is None:
            return f"in use: {self.done}/{self.total} pairs scanned…" if self.total else ""
        failed = len(self.usage.failures)
        if failed:
            return f"in use: {failed} of {self.usage.pairs_scanned} pairs failed"
        return f"in use: {self.usage.pairs_scanned} pairs scanned"

    def _mark(self, count: int) -> str:
        """`+` where failed pairs may hide more; `?` on a 0 that may not be one."""
        if self.usage is None or self.usage.complete:
            return str(count)
        return f"{count}+" if count else "0?"

    def repository_cell(self, account_id: str, region: str, repository: str) -> Text:
        """How many images of the repository are in use (`?` until known)."""
        if self.usage is None:
            return Text("?", "dim", justify="right")
        count = self.usage.count(account_id, region, repository)
        return Text(self._mark(count), "bold" if count else "dim", justify="right")

    def registry_counts(self, account_id: str | None, region: str) -> list[tuple[str, int]]:
        """(repository, images in use) of one registry, most used first."""
        if self.usage is None or not account_id:
            return []
        counts = [(repo, self.usage.count(account, where, repo))
                  for account, where, repo in self.usage.repositories
                  if (account, where) == (account_id, region)]
        return sorted((c for c in counts if c[1]), key=lambda c: (-c[1], c[0]))

    def registry_cell(self, account_id: str | None, region: str) -> Text:
        """`5 in 2 repos`: images of the pair's registry that workloads of the scope run."""
        if self.usage is None or not account_id:
            return Text("?", "dim")
        counts = self.registry_counts(account_id, region)
        if not counts:
            return Text(self._mark(0), "dim")
        images = self._mark(sum(c for _repo, c in counts))
        return Text(f"{images} in {len(counts)} repo{'s' if len(counts) != 1 else ''}")

    def registry_line(self, account_id: str | None, region: str) -> str:
        """`in use: platform/api 5, base/python 2 and 1 more` for the status line."""
        counts = self.registry_counts(account_id, region)
        if not counts:
            return ""
        named = ", ".join(f"{repo} {count}" for repo, count in counts[:REPOSITORIES_NAMED])
        more = len(counts) - REPOSITORIES_NAMED
        return "images in use: " + named + (f" and {more} more" if more > 0 else "")
