"""What a tag listing (tag_stream.TagStream) is made of: its sources, its state between events,
the small helpers on their results, and when it is complete and what it then returns."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import ImageDetail, TagListing, TagRow
from ecr_tui.core.registry.tags import merge_tags

log = logging.getLogger("ecr_tui")


@dataclass(frozen=True, slots=True)
class TagSources:
    """The calls a listing is made of; each raises EcrTuiError when it fails."""

    list_names: Callable[[Callable[[list[str]], None]], list[str]]
    """Registry tags/list, every page; calls its argument with each page's names."""
    describe_tags: Callable[[list[str]], list[ImageDetail]]
    """DescribeImages by imageIds (at most 100 tags)."""
    describe_all: Callable[[Callable[[list[ImageDetail]], None]], list[ImageDetail]]
    """DescribeImages pages, each page to its argument (which may raise to stop them)."""
    platforms: Callable[[str], tuple[str, ...]]
    """The platforms of a multi-arch index, by its digest, from what is known without a
    request (the manifest cache): a manifest GET is a pull in ECR, and listing is not one."""
    warm_up: Callable[[], None] | None = None
    """Work for a spare worker once the first calls are on their way (imports, TLS)."""
    describe_first: Callable[[int], list[ImageDetail]] | None = None
    """DescribeImages' first images, at most the count given (one call, no paging)."""


class ListingDone(EcrTuiError):
    """Raised into the DescribeImages pages once every tag has its details: stop paging."""


@dataclass
class ListingState:
    """A listing's state, changed only on the thread that runs it."""

    names: dict[str, None] = field(default_factory=dict)
    images: dict[str, ImageDetail] = field(default_factory=dict)
    """Every tag any DescribeImages answer named, named by the registry yet or not."""
    waiting: int = 0
    """Names without details yet: counted as they come (every event recounting 50,000 names
    was a tenth of a big listing's CPU)."""
    platforms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    indexes: set[str] = field(default_factory=set)
    pending: int = 0
    running: int = 0
    backlog: list[tuple[str, Callable[[Any], Any], Any]] = field(default_factory=list)
    by_id_calls: int = 0
    platform_calls: int = 0
    """Manifests still to read for platforms: the listing waits for them."""
    pages_error: EcrTuiError | None = None
    pages_complete: bool = False
    """Every DescribeImages page is in: every tag of the repository has its details."""
    describe_error: EcrTuiError | None = None


def value_of(future: Future[Any]) -> Any:
    try:
        return future.result()
    except BaseException as exc:  # noqa: BLE001 - handed to the listing's thread, never lost
        return exc


def names_error(names_done: Future[list[str]] | None) -> EcrTuiError | None:
    """How the registry's listing failed, if it has ended and failed."""
    if names_done is None:
        return None
    exc = names_done.exception()
    if exc is None or isinstance(exc, ListingDone):
        return None
    return as_error(exc)


def as_error(exc: BaseException) -> EcrTuiError:
    if isinstance(exc, EcrTuiError):
        return exc
    log.debug("DescribeImages failed", exc_info=exc)
    return EcrTuiError(f"unexpected {type(exc).__name__}")


def distinct(images: dict[str, ImageDetail]) -> list[ImageDetail]:
    return list({image.digest: image for image in images.values()}.values())


def is_index(image: ImageDetail) -> bool:
    return "index" in image.media_type or "manifest.list" in image.media_type


def listing_complete(st: ListingState, names_done: Future[list[str]] | None) -> bool:
    """The last DescribeImages page is in, or every tag the registry named has its details
    (the pages need not run to their end); and the platforms asked for have come."""
    if st.platform_calls:
        return False
    if st.pages_complete:
        return True
    if names_done is None:
        return False
    if not st.pending:
        return True  # nothing more is coming
    if names_done.exception() is not None:
        return False  # the pages are all there is
    return not st.waiting


def final_listing(
    st: ListingState, names_done: Future[list[str]] | None, emit: Callable[[list[TagRow]], None]
) -> TagListing:
    """The listing's rows once it is complete, and what failed alone."""
    names_err = names_error(names_done)
    if st.pages_complete:  # tags the registry has not named (yet) come from the pages
        unnamed = [tag for tag in st.images if tag not in st.names]  # shown as they came
        warnings = (f"tags from DescribeImages only: {names_err}",) if names_err else ()
        rows = merge_tags([*st.names, *unnamed], distinct(st.images), st.platforms)
        return TagListing(rows, warnings)
    assert names_done is not None  # the loop ends on the last page or on the names
    if names_err is not None:
        if st.pages_error is not None:
            raise names_err from None
        rows = merge_tags(None, distinct(st.images), st.platforms)
        emit(rows)
        return TagListing(rows, (f"tags from DescribeImages only: {names_err}",))
    warnings = ()
    error = st.describe_error or st.pages_error
    if error is not None and st.waiting:
        warnings = (f"no digests, dates or sizes: {error}",)
    return TagListing(merge_tags(list(st.names), distinct(st.images), st.platforms), warnings)
