"""The demo's writes: tag, untag and delete change its own in-memory tag rows only (no file,
no command), checked against the same switch as the AWS backend."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError, WritesOff

if TYPE_CHECKING:
    from ecr_tui.core.models import TagRow

Rows = Callable[[str], list["TagRow"]]
"""A repository's tag rows as the demo made them."""


class DemoWrites:
    """Rows changed by writes, per repository; `changed` tells the image store to forget."""

    def __init__(self, enabled: bool, rows: Rows, changed: Callable[[str], None]) -> None:
        self.enabled = enabled
        self._rows = rows
        self._changed = changed
        self._lock = threading.Lock()
        self.deleted: set[str] = set()
        """Digests deleted in this run (untagged ones included)."""

    def require(self) -> None:
        if not self.enabled:
            # imported here: write_records' classes are not for the first frame
            from ecr_tui.core.write_records import WRITES_OFF

            raise WritesOff(WRITES_OFF)

    def _replace_rows(self, repository: str, rows: list[TagRow]) -> None:
        current = self._rows(repository)
        with self._lock:
            current[:] = rows
        self._changed(repository)

    def put_tag(self, repository: str, digest: str, tag: str) -> bool:
        self.require()
        rows = self._rows(repository)
        source = next((r for r in rows if r.digest == digest), None)
        if source is None:
            raise EcrTuiError(f"{repository} has no tagged image {digest}")
        if any(r.tag == tag and r.digest == digest for r in rows):
            return False
        kept = [r for r in rows if r.tag != tag]
        self._replace_rows(repository, [replace(source, tag=tag), *kept])
        return True

    def remove_tag(self, repository: str, tag: str) -> None:
        self.require()
        rows = self._rows(repository)
        if all(r.tag != tag for r in rows):
            raise EcrTuiError(f"ECR did not delete {tag}: ImageNotFound")
        self._replace_rows(repository, [r for r in rows if r.tag != tag])

    def delete_images(self, repository: str, digests: Sequence[str]) -> None:
        self.require()
        gone = set(digests)
        with self._lock:
            self.deleted |= gone
        self._replace_rows(repository, [r for r in self._rows(repository)
                                        if r.digest not in gone])

    def add_row(self, repository: str, row: TagRow) -> None:
        """A copy's tag row in its destination repository (the tag moves there if it was)."""
        self.require()
        kept = [r for r in self._rows(repository) if r.tag != row.tag]
        self._replace_rows(repository, [row, *kept])
