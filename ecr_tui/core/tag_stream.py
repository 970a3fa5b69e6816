"""A repository's tags as they arrive: names from each registry page at once, then the
details of each 100 of them from DescribeImages by imageIds, several calls at a time.

Sequential DescribeImages pages (1,000 images each, by API design) wait on each other;
calls by imageIds do not, so details land while later tag pages are still on their way.
Past BY_ID_BUDGET calls (a big repository) the rest comes from DescribeImages pages, which
need ten times fewer calls. Every batch goes to `on_progress` from the thread that called
`run`, one at a time.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import ImageDetail, TagBatch, TagListing, TagRow
from ecr_tui.core.tags import merge_tags

log = logging.getLogger("ecr_tui")

IDS_PER_CALL = 100
"""DescribeImages takes at most 100 imageIds a call."""
DESCRIBE_IN_FLIGHT = 8
"""DescribeImages calls one listing runs at once."""
BY_ID_BUDGET = 30
"""DescribeImages calls by imageIds per listing (3,000 tags); the rest by pages."""
MAX_INDEX_MANIFESTS = 500
"""Platforms are read from at most this many multi-arch indexes per listing."""


@dataclass(frozen=True, slots=True)
class TagSources:
    """The calls a listing is made of; each raises EcrTuiError when it fails."""

    list_names: Callable[[Callable[[list[str]], None]], list[str]]
    """Registry tags/list, every page; calls its argument with each page's names."""
    describe_tags: Callable[[list[str]], list[ImageDetail]]
    """DescribeImages by imageIds (at most 100 tags)."""
    describe_all: Callable[[Callable[[list[ImageDetail]], None]], list[ImageDetail]]
    """DescribeImages pages (each page to its argument): for big repositories, and when the
    registry cannot list the names."""
    platforms: Callable[[str], tuple[str, ...]]
    """The platforms of a multi-arch index, by its digest."""


@dataclass
class _State:
    names: dict[str, None] = field(default_factory=dict)
    by_tag: dict[str, ImageDetail] = field(default_factory=dict)
    platforms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    indexes: set[str] = field(default_factory=set)
    pending: int = 0
    running: int = 0
    backlog: list[tuple[str, Callable[[Any], Any], Any]] = field(default_factory=list)
    by_id_calls: int = 0
    paging: bool = False
    describe_error: EcrTuiError | None = None


class TagStream:
    def __init__(
        self,
        sources: TagSources,
        executor: Executor,
        on_progress: Callable[[TagBatch], None] | None = None,
        *,
        in_flight: int = DESCRIBE_IN_FLIGHT,
        by_id_budget: int = BY_ID_BUDGET,
    ) -> None:
        self._sources = sources
        self._executor = executor
        self._on_progress = on_progress
        self._in_flight = in_flight
        self._by_id_budget = by_id_budget
        self._events: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._state = _State()

    def run(self) -> TagListing:
        names_f = self._executor.submit(
            self._sources.list_names, lambda page: self._events.put(("names", page))
        )
        names_f.add_done_callback(lambda f: self._events.put(("names-done", f)))
        st = self._state
        names_done: Future[list[str]] | None = None
        while names_done is None or st.pending:
            kind, value = self._events.get()
            if kind == "names":
                self._names_page(value)
            elif kind == "names-done":
                names_done = value
            elif kind == "page":
                self._images(None, value)
            else:
                self._finished()
                handler = self._images if kind == "images" else self._platforms
                if kind == "pages":
                    handler = self._paged
                handler(*value)
        try:
            names_done.result()
        except EcrTuiError as exc:
            return self._fallback(exc)
        warnings = ()
        if st.describe_error is not None:
            warnings = (f"no digests, dates or sizes: {st.describe_error}",)
        images = list({i.digest: i for i in st.by_tag.values()}.values())
        return TagListing(merge_tags(list(st.names), images, st.platforms), warnings)

    # -- events, handled on the calling thread -----------------------------------------
    def _names_page(self, page: list[str]) -> None:
        st = self._state
        fresh = [name for name in page if name not in st.names]
        st.names.update(dict.fromkeys(fresh))
        for start in range(0, len(fresh), IDS_PER_CALL):
            if st.paging:
                break  # the pages under way bring these too
            if st.by_id_calls >= self._by_id_budget:
                st.paging = True
                self._submit("pages", self._describe_pages, None)
                break
            st.by_id_calls += 1
            self._submit("images", self._sources.describe_tags, fresh[start : start + IDS_PER_CALL])
        self._emit([TagRow(tag=name) for name in fresh])

    def _images(self, chunk: list[str] | None, found: list[ImageDetail] | BaseException) -> None:
        st = self._state
        if isinstance(found, BaseException):
            st.describe_error = st.describe_error or _as_error(found)
            return
        changed: dict[str, None] = {}
        for image in found:
            for tag in image.tags:
                if tag in st.names:
                    st.by_tag[tag] = image
                    changed[tag] = None
            if _is_index(image) and image.digest not in st.indexes:
                if len(st.indexes) < MAX_INDEX_MANIFESTS:
                    st.indexes.add(image.digest)
                    self._submit("platforms", self._platform_of, image.digest)
        self._emit([self._row(tag) for tag in changed])

    def _paged(self, _arg: None, found: list[ImageDetail] | BaseException) -> None:
        if isinstance(found, BaseException):
            self._images(None, found)

    def _platforms(self, digest: str, names: tuple[str, ...] | BaseException | None) -> None:
        st = self._state
        if not names or isinstance(names, BaseException):
            return
        st.platforms[digest] = names
        self._emit([self._row(t) for t, i in st.by_tag.items() if i.digest == digest])

    def _fallback(self, names_err: EcrTuiError) -> TagListing:
        """No names from the registry: DescribeImages pages alone say the tags."""
        try:
            images = self._sources.describe_all(lambda _page: None)
        except EcrTuiError:
            raise names_err from None
        rows = merge_tags(None, images)
        self._emit(rows)
        return TagListing(rows, (f"tags from DescribeImages only: {names_err}",))

    # -- helpers ------------------------------------------------------------------------
    def _row(self, tag: str) -> TagRow:
        st = self._state
        image = st.by_tag[tag]
        (row,) = merge_tags([tag], [image], st.platforms)
        return row

    def _emit(self, rows: list[TagRow]) -> None:
        if rows and self._on_progress is not None:
            self._on_progress(TagBatch(tuple(rows), self._loading()))

    def _loading(self) -> str:
        st = self._state
        waiting = len(st.names) - len(st.by_tag)
        return f"details of {waiting:,} tags" if st.pending and waiting > 0 else ""

    def _submit(self, kind: str, fn: Callable[[Any], Any], arg: Any) -> None:
        """Run now if fewer than in_flight calls are running, else when one finishes."""
        st = self._state
        st.pending += 1
        if st.running >= self._in_flight:
            st.backlog.append((kind, fn, arg))
            return
        st.running += 1
        future = self._executor.submit(fn, arg)
        future.add_done_callback(lambda f: self._events.put((kind, (arg, _value(f)))))

    def _finished(self) -> None:
        st = self._state
        st.pending -= 1
        st.running -= 1
        if st.backlog:
            kind, fn, arg = st.backlog.pop(0)
            st.pending -= 1
            self._submit(kind, fn, arg)

    def _describe_pages(self, _arg: None) -> list[ImageDetail]:
        return self._sources.describe_all(lambda page: self._events.put(("page", page)))

    def _platform_of(self, digest: str) -> tuple[str, ...] | None:
        try:
            return self._sources.platforms(digest)
        except EcrTuiError as exc:
            log.debug("manifest %s: %s", digest, exc)
            return None


def _value(future: Future[Any]) -> Any:
    try:
        return future.result()
    except BaseException as exc:  # noqa: BLE001 - handed to the listing's thread, never lost
        return exc


def _as_error(exc: BaseException) -> EcrTuiError:
    if isinstance(exc, EcrTuiError):
        return exc
    log.debug("DescribeImages failed", exc_info=exc)
    return EcrTuiError(f"unexpected {type(exc).__name__}")


def _is_index(image: ImageDetail) -> bool:
    return "index" in image.media_type or "manifest.list" in image.media_type
