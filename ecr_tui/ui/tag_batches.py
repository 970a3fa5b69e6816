"""TagBatches: a listing's batches, kept by its thread until the UI takes them all at once.

A listing sends dozens of batches in its first second. Posted one message each, they queued
ahead of the screen's refresh, and the screen painted only once it had merged (and regrouped)
the last one (5,000 tags: ~2 s after Enter on a loaded machine). Here one message is out at a
time: the UI takes every batch that came meanwhile in one merge, paints, then takes again.
"""

from __future__ import annotations

import threading

from ecr_tui.core.models import TagBatch, TagRow

FIRST_PAINT_WAIT = 0.5
"""Seconds a listing waits at most for the screen to paint its first batch."""


class TagBatches:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[str, TagRow] = {}
        """Rows not taken yet, by tag: a later row of a tag replaces the earlier one."""
        self._loading = ""
        self._told = False
        """The UI has been told and has not released: a batch now just waits to be taken."""
        self._details_shown = threading.Event()
        """The UI has painted rows with details (a digest): the first screen is in."""
        self._details_taken = False
        self._waited = False

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

    def wait_first_paint(self, batch: TagBatch) -> None:
        """After putting the first batch with details (listing thread): wait until the UI has
        painted details, at most FIRST_PAINT_WAIT s. The listing's calls wait meanwhile: their
        answers are parsed under the interpreter lock the screen's first paint needs."""
        if not self._waited and any(row.digest for row in batch.rows):
            self._waited = True
            self._details_shown.wait(FIRST_PAINT_WAIT)

    def waiting(self) -> bool:
        """Rows are kept that the UI has not taken (UI thread)."""
        with self._lock:
            return bool(self._rows)

    def take(self) -> tuple[list[TagRow], str]:
        """Every row kept since the last take (in first-arrival order) and what is still
        loading, as the latest batch said (UI thread)."""
        with self._lock:
            rows, self._rows = list(self._rows.values()), {}
            if not self._details_taken:
                self._details_taken = any(row.digest for row in rows)
            return rows, self._loading

    def release(self) -> bool:
        """The UI has painted what it took. True when more has come meanwhile (take it);
        otherwise the next put tells the UI."""
        if self._details_taken:
            self._details_shown.set()
        with self._lock:
            self._told = bool(self._rows)
            return self._told
