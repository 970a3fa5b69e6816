"""A repository's tags as they arrive: names from each registry page at once, details from
DescribeImages pages and, for named tags the pages have not covered yet, DescribeImages by
imageIds (100 tags a call), several calls at a time.

DescribeImages pages (1,000 images each) come one after the other by API design and start at
once (they need no registry token); calls by imageIds do not wait on each other, so a tag
named by the registry gets its details without waiting for the page that holds it. Past
BY_ID_BUDGET calls (a big repository) the pages alone bring the rest. The listing ends as soon
as every named tag has its details, or as soon as the last DescribeImages page is in: the
pages name every tag of the repository, so registry pages still to come add nothing. Every
batch goes to `on_progress` from the thread that called `run`, one at a time. Without
`on_progress` (the CLI) the calls by imageIds wait for the registry's last page and are made
only when they can give every tag its details.

A listing shown as it arrives (`on_progress`) also asks DescribeImages for its first
FIRST_SCREEN images in a call of their own, the moment it starts, and shows every tag a
DescribeImages answer names without waiting for the registry to name it too: the first screen
has its digests after one small call, not after a registry page and a call by imageIds. Its
other DescribeImages calls start once that call's batch has been handed to `on_progress`
(which may hold it until the screen has painted it): their answers are parsed under the
interpreter lock, and the first paint waited for them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from typing import Any

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import ImageDetail, TagBatch, TagListing, TagRow
from ecr_tui.core.registry.tag_sources import (
    ListingDone,
    ListingState,
    TagSources,
    as_error,
    final_listing,
    is_index,
    listing_complete,
    value_of,
)
from ecr_tui.core.registry.tags import merge_tags

__all__ = ["ListingDone", "TagSources", "TagStream"]

log = logging.getLogger("ecr_tui")

IDS_PER_CALL = 100
"""DescribeImages takes at most 100 imageIds a call."""
DESCRIBE_IN_FLIGHT = 16
"""DescribeImages calls by imageIds one listing runs at once."""
WATCHED_IN_FLIGHT = 3
"""The same for a listing shown as it arrives (on_progress): each answer is parsed under the
interpreter lock, and with 16 at once the UI thread painted the first rows only near the end
(first screen with digests in tmux, load 2: 0.38 s / 0.68 s at 2.3k / 5k tags, 0.19 / 0.30
with 3)."""
BY_ID_BUDGET = 50
"""DescribeImages calls by imageIds per listing (5,000 tags); past it, pages only."""
MAX_INDEX_MANIFESTS = 500
"""Platforms are looked up (in the manifest cache) for at most this many indexes a listing."""
FIRST_SCREEN = 100
"""Images the first call of a shown listing asks for: more than a screen of rows, and parsed
in a few ms (a page of 1,000 took ~25 ms more to parse, under the interpreter lock)."""


class TagStream:
    def __init__(
        self,
        sources: TagSources,
        executor: Executor,
        on_progress: Callable[[TagBatch], None] | None = None,
        *,
        in_flight: int | None = None,
        by_id_budget: int = BY_ID_BUDGET,
        by_id_when_named: bool | None = None,
    ) -> None:
        """by_id_when_named: calls by imageIds wait until the registry has named every tag, and
        are made only if they can give every tag its details (within the budget); by default
        when nothing is shown as it arrives (the CLI). Past the budget they could not end the
        listing before the last DescribeImages page (which names every tag), and at 50,000 tags
        their 50 calls were a seventh of `tags`' CPU. A listing shown as it arrives (the TUI)
        calls as names come: its first rows want their digests."""
        self._sources = sources
        self._executor = executor
        self._on_progress = on_progress
        if in_flight is None:
            in_flight = DESCRIBE_IN_FLIGHT if on_progress is None else WATCHED_IN_FLIGHT
        self._in_flight = in_flight
        self._by_id_budget = by_id_budget
        self._by_id_when_named = on_progress is None if by_id_when_named is None else (
            by_id_when_named)
        self._events: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._done = threading.Event()
        self._state = ListingState()
        self._first_in = False
        """The first screen's call has answered and its batch has gone to on_progress."""
        self._pages_go = threading.Event()

    def run(self) -> TagListing:
        st = self._state
        first = self._sources.describe_first
        hold = first is not None and self._on_progress is not None
        if hold:  # before any other call
            first_f = self._executor.submit(first, FIRST_SCREEN)
            first_f.add_done_callback(lambda f: self._events.put(("first", value_of(f))))
        else:
            self._pages_go.set()
        names_f = self._executor.submit(self._sources.list_names, self._names_arrived)
        names_f.add_done_callback(lambda f: self._events.put(("names-done", f)))
        st.pending += 1  # the pages: they run beside the in-flight limit, one call at a time
        pages_f = self._executor.submit(self._describe_pages)
        pages_f.add_done_callback(lambda f: self._events.put(("pages", (None, value_of(f)))))
        if self._sources.warm_up is not None:
            self._executor.submit(self._sources.warm_up)
        names_done: Future[list[str]] | None = None
        try:
            while not listing_complete(self._state, names_done):
                if hold and self._first_in:  # its batch has been handed over (shown)
                    hold = False
                    self._pages_go.set()
                    self._start_backlog()
                kind, value = self._events.get()
                if kind == "names":
                    self._names_page(value)
                elif kind == "names-done":
                    names_done = value
                    self._all_named(value)
                elif kind == "page":
                    self._images(value)
                elif kind == "first":  # not pending: the pages bring these images too
                    self._first_images(value)
                    self._first_in = True
                elif kind == "pages":
                    st.pending -= 1
                    self._pages_done(*value)
                else:
                    self._finished()
                    if kind == "images":
                        self._images(value[1])
                    else:
                        st.platform_calls -= 1
                        self._platforms(*value)
        finally:
            self._done.set()  # pages still under way stop at their next page
            self._pages_go.set()
        return final_listing(self._state, names_done, self._emit)

    # -- events, handled on the calling thread -----------------------------------------
    def _names_page(self, page: list[str]) -> None:
        st = self._state
        fresh = list(dict.fromkeys(name for name in page if name not in st.names))
        st.names.update(dict.fromkeys(fresh))
        unknown = [name for name in fresh if name not in st.images]
        st.waiting += len(unknown)
        if not self._by_id_when_named:
            self._describe_by_id(unknown)
        self._emit_tags(unknown)  # the others were shown as DescribeImages named them

    def _all_named(self, names_done: Future[list[str]]) -> None:
        """The registry's last page is in: the tags still without details, by imageIds, if
        the budget covers them all."""
        st = self._state
        if not self._by_id_when_named or names_done.exception() is not None:
            return
        unknown = [name for name in st.names if name not in st.images]
        if len(unknown) <= (self._by_id_budget - st.by_id_calls) * IDS_PER_CALL:
            self._describe_by_id(unknown)

    def _describe_by_id(self, unknown: list[str]) -> None:
        st = self._state
        for start in range(0, len(unknown), IDS_PER_CALL):
            if st.by_id_calls >= self._by_id_budget or st.pages_error is not None:
                break  # the pages under way bring the rest
            st.by_id_calls += 1
            chunk = unknown[start : start + IDS_PER_CALL]
            self._submit("images", self._sources.describe_tags, chunk)

    def _images(self, found: list[ImageDetail] | BaseException) -> None:
        st = self._state
        if isinstance(found, BaseException):
            st.describe_error = st.describe_error or as_error(found)
            return
        changed: dict[str, None] = {}
        images, names = st.images, st.names
        for image in found:
            for tag in image.tags:  # shown before the registry names it: it is a tag
                if tag in names and tag not in images:
                    st.waiting -= 1
                images[tag] = image
                changed[tag] = None
            if is_index(image) and image.digest not in st.indexes:
                if len(st.indexes) < MAX_INDEX_MANIFESTS:
                    st.indexes.add(image.digest)
                    st.platform_calls += 1
                    self._submit("platforms", self._platform_of, image.digest)
        self._emit_tags(changed)

    def _first_images(self, found: list[ImageDetail] | BaseException) -> None:
        if isinstance(found, BaseException):  # the pages ask again, and report a failure
            log.debug("DescribeImages (first screen) failed: %s", found)
            return
        self._images(found)

    def _pages_done(self, _arg: None, found: list[ImageDetail] | BaseException) -> None:
        if isinstance(found, ListingDone):
            return
        if isinstance(found, BaseException):
            self._state.pages_error = as_error(found)
        else:
            self._state.pages_complete = True

    def _platforms(self, digest: str, names: tuple[str, ...] | BaseException | None) -> None:
        st = self._state
        if not names or isinstance(names, BaseException):
            return
        st.platforms[digest] = names
        self._emit_tags(t for t, i in st.images.items() if i.digest == digest)

    # -- helpers ------------------------------------------------------------------------
    def _row(self, tag: str) -> TagRow:
        st = self._state
        image = st.images.get(tag)
        if image is None:
            return TagRow(tag=tag)
        (row,) = merge_tags([tag], [image], st.platforms)
        return row

    def _emit_tags(self, tags: Iterable[str]) -> None:
        """The rows of these tags to on_progress; without one (the CLI) no row is built."""
        if self._on_progress is not None:
            self._emit([self._row(tag) for tag in tags])

    def _emit(self, rows: list[TagRow]) -> None:
        if rows and self._on_progress is not None:
            self._on_progress(TagBatch(tuple(rows), self._loading()))

    def _loading(self) -> str:
        st = self._state
        return f"details of {st.waiting:,} tags" if st.pending and st.waiting else ""

    def _submit(self, kind: str, fn: Callable[[Any], Any], arg: Any) -> None:
        """Run now if fewer than in_flight calls are running, else when one finishes."""
        st = self._state
        st.pending += 1
        if st.running >= self._in_flight or not self._pages_go.is_set():
            st.backlog.append((kind, fn, arg))
            return
        st.running += 1
        future = self._executor.submit(fn, arg)
        future.add_done_callback(lambda f: self._events.put((kind, (arg, value_of(f)))))

    def _finished(self) -> None:
        st = self._state
        st.pending -= 1
        st.running -= 1
        self._start_backlog()

    def _start_backlog(self) -> None:
        """Calls waiting for a free slot (or for the first screen) start, as many as fit."""
        st = self._state
        while st.backlog and st.running < self._in_flight:
            kind, fn, arg = st.backlog.pop(0)
            st.pending -= 1
            self._submit(kind, fn, arg)

    def _names_arrived(self, page: list[str]) -> None:
        if self._done.is_set():
            raise ListingDone("listing complete")  # the registry's pages stop here
        self._events.put(("names", page))

    def _describe_pages(self) -> list[ImageDetail]:
        self._pages_go.wait()
        if self._done.is_set():
            raise ListingDone("listing complete")

        def page(found: list[ImageDetail]) -> None:
            if self._done.is_set():
                raise ListingDone("listing complete")
            self._events.put(("page", found))

        return self._sources.describe_all(page)

    def _platform_of(self, digest: str) -> tuple[str, ...] | None:
        try:
            return self._sources.platforms(digest)
        except EcrTuiError as exc:
            log.debug("manifest %s: %s", digest, exc)
            return None
