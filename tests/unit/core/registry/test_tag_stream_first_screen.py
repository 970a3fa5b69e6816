"""A listing shown as it arrives gets its first screen painted before its other DescribeImages
calls start: their answers are parsed under the interpreter lock the first paint needs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from ecr_tui.core.models import ImageDetail, TagBatch
from ecr_tui.core.registry.tag_stream import TagStream
from tests.unit.core.registry.test_tag_stream import World, _image, _pages


def test_a_shown_listing_holds_its_other_describe_calls_until_the_first_screen_is_handed_over(
) -> None:
    world = World(_pages(2345), pages_open=True)
    names_listed, handed = threading.Event(), threading.Event()
    early: list[str] = []

    def list_names(on_page: Callable[[list[str]], None]) -> list[str]:
        try:
            return world.list_names(on_page)
        finally:
            names_listed.set()

    def first(count: int) -> list[ImageDetail]:
        names_listed.wait(timeout=10)  # every name is in before the first screen's answer
        return [_image(i, f"v{i}") for i in range(count)]

    def describe_all(on_page: Callable[[list[ImageDetail]], None]) -> list[ImageDetail]:
        if not handed.is_set():
            early.append("page")
        return world.describe_all(on_page)

    def describe_tags(tags: list[str]) -> list[ImageDetail]:
        if not handed.is_set():
            early.append("by id")
        return world.describe_tags(tags)

    batches: list[TagBatch] = []

    def show(batch: TagBatch) -> None:  # the screen: it returns once it has painted details
        batches.append(batch)
        if any(r.digest for r in batch.rows):
            handed.set()

    sources = world.sources(list_names=list_names, describe_first=first,
                            describe_all=describe_all, describe_tags=describe_tags)
    with ThreadPoolExecutor(16) as pool:
        listing = TagStream(sources, pool, show).run()
    assert early == []
    assert len(listing.rows) == 2345 and all(r.digest for r in listing.rows)
    assert world.by_id_calls or world.paged  # the rest came after the first screen


def test_the_cli_starts_every_call_at_once() -> None:
    """Nothing is shown: nothing to wait for (the pages start with the listing)."""
    world = World(_pages(2345), names_after_pages=True, pages_open=True)
    with ThreadPoolExecutor(16) as pool:
        listing = TagStream(world.sources(), pool).run()
    assert world.paged == 3 and len(listing.rows) == 2345
