"""TagBatches: a listing's batches, kept by its thread until the UI takes them all at once.

A listing sends dozens of batches in its first second. Posted one message each, they queued
ahead of the screen's refresh, and the screen painted only once it had merged (and regrouped)
the last one (5,000 tags: ~2 s after Enter on a loaded machine). Here one message is out at a
time: the UI takes every batch that came meanwhile in one merge, paints, then takes again.
"""

from __future__ import annotations

import threading

from ecr_tui.core.models import TagBatch, TagRow


class TagBatches:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[str, TagRow] = {}
        """Rows not taken yet, by tag: a later row of a tag replaces the earlier one."""
        self._loading = ""
        self._told = False
        """The UI has been told and has not released: a batch now just waits to be taken."""

    def put(self, batch: TagBatch) -> bool:
        """Keep the batch (listing thread). True when the UI must be told: it is not
        already going to take."""
        with self._lock:
            for row in batch.rows:
                self._rows[row.tag] = row
            self._loading = batch.loading
            if self._told or not self._rows:
                return False
            self._told = True
            return True

    def take(self) -> tuple[list[TagRow], str]:
        """Every row kept since the last take (in first-arrival order) and what is still
        loading, as the latest batch said (UI thread)."""
        with self._lock:
            rows, self._rows = list(self._rows.values()), {}
            return rows, self._loading

    def release(self) -> bool:
        """The UI has painted what it took. True when more has come meanwhile (take it);
        otherwise the next put tells the UI."""
        with self._lock:
            self._told = bool(self._rows)
            return self._told
