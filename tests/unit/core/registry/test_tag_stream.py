"""Tags arrive in batches: names from each registry page first, then the details of each
100 of them from DescribeImages by imageIds, several calls at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from botocore.stub import Stubber

from ecr_tui.core.ecr import api as ecr
from ecr_tui.core.errors import AccessDeniedError, RegistryError
from ecr_tui.core.models import ImageDetail, TagBatch
from ecr_tui.core.registry.tag_stream import WATCHED_IN_FLIGHT, TagSources, TagStream

T0 = datetime(2026, 5, 1, tzinfo=timezone.utc)


def _image(i: int, tag: str) -> ImageDetail:
    return ImageDetail(f"sha256:{i:064x}", (tag,), T0 + timedelta(minutes=i), 1000 + i)


class World:
    """pages_open: DescribeImages pages wait for it (closed: details come by imageIds)."""

    def __init__(
        self, pages: list[list[str]], barrier: threading.Barrier | None = None,
        *, pages_open: bool = False, names_after_pages: bool = False,
    ) -> None:
        self.pages = pages
        self.number = {t: i for i, t in enumerate(t for p in pages for t in p)}
        self.barrier = barrier
        self.by_id_calls: list[list[str]] = []
        self.paged = 0
        self.lock = threading.Lock()
        self.pages_open = threading.Event()
        self.pages_done = threading.Event()
        self.names_after_pages = names_after_pages
        if pages_open:
            self.pages_open.set()

    def list_names(self, on_page: Callable[[list[str]], None]) -> list[str]:
        if self.names_after_pages:
            self.pages_done.wait(timeout=30)
        for page in self.pages:
            on_page(page)
        return [t for p in self.pages for t in p]

    def describe_tags(self, tags: list[str]) -> list[ImageDetail]:
        with self.lock:
            self.by_id_calls.append(tags)
        if self.barrier is not None:
            self.barrier.wait(timeout=30)  # breaks unless the calls run side by side
        return [_image(self.number[t], t) for t in tags]

    def describe_all(self, on_page: Callable[[list[ImageDetail]], None]) -> list[ImageDetail]:
        images = [_image(i, t) for t, i in self.number.items()]
        for start in range(0, len(images), 1000):
            self.pages_open.wait(timeout=30)
            self.paged += 1
            on_page(images[start : start + 1000])
        self.pages_done.set()
        return images

    def sources(self, **overrides: object) -> TagSources:
        calls = {
            "list_names": self.list_names, "describe_tags": self.describe_tags,
            "describe_all": self.describe_all, "platforms": lambda digest: ("linux/amd64",),
        }
        calls.update(overrides)
        return TagSources(**calls)  # type: ignore[arg-type]


def _run(world: World, **kwargs: object) -> tuple[list[TagBatch], object]:
    batches: list[TagBatch] = []
    sources = kwargs.pop("sources", None) or world.sources()
    with ThreadPoolExecutor(16) as pool:
        try:
            listing = TagStream(sources, pool, batches.append, **kwargs).run()  # type: ignore[arg-type]
        finally:
            world.pages_open.set()  # pages still waiting see the listing is over, and stop
    return batches, listing


def _pages(total: int, size: int = 1000) -> list[list[str]]:
    names = [f"v{i}" for i in range(total)]
    return [names[i : i + size] for i in range(0, total, size)]


def test_names_first_then_details_in_calls_of_at_most_100_ids() -> None:
    world = World(_pages(2345))
    batches, listing = _run(world)
    first = batches[0]
    assert len(first.rows) == 1000 and all(not r.digest for r in first.rows)
    assert first.loading == "details of 1,000 tags"
    assert all(len(call) <= 100 for call in world.by_id_calls)
    assert sum(len(call) for call in world.by_id_calls) == 2345
    assert batches[-1].loading == ""
    assert len(listing.rows) == 2345 and all(r.digest for r in listing.rows)
    assert listing.rows[0].tag == "v2344"  # newest pushed first
    assert listing.warnings == ()


def test_describe_calls_run_several_at_a_time() -> None:
    world = World(_pages(400, size=400), barrier=threading.Barrier(4))
    _batches, listing = _run(world, in_flight=4)
    assert len(world.by_id_calls) == 4
    assert all(r.digest for r in listing.rows)


def test_never_more_calls_in_flight_than_allowed() -> None:
    running, most = 0, 0
    lock = threading.Lock()
    world = World(_pages(3000))

    def counted(tags: list[str]) -> list[ImageDetail]:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            return world.describe_tags(tags)
        finally:
            with lock:
                running -= 1

    _run(world, sources=world.sources(describe_tags=counted), in_flight=3)
    assert 1 <= most <= 3 and len(world.by_id_calls) == 30


def test_a_big_repository_leaves_the_rest_to_the_pages_after_the_budget() -> None:
    world = World(_pages(12000), pages_open=True)
    batches, listing = _run(world, by_id_budget=5)
    assert len(world.by_id_calls) <= 5
    assert len(listing.rows) == 12000 and all(r.digest for r in listing.rows)


def test_tags_the_pages_already_described_need_no_call_by_id() -> None:
    world = World(_pages(2345), pages_open=True, names_after_pages=True)
    batches, listing = _run(world)
    assert world.by_id_calls == [] and world.paged == 3
    assert all(r.digest for r in batches[0].rows)  # named with their details at once
    assert len(listing.rows) == 2345 and all(r.digest for r in listing.rows)


def test_the_last_describe_page_ends_the_listing_without_the_registry_pages_still_to_come() -> None:
    world = World(_pages(2345), pages_open=True)
    release, stopped = threading.Event(), []

    def slow_registry(on_page: Callable[[list[str]], None]) -> list[str]:
        on_page(world.pages[0])
        release.wait(timeout=10)  # the registry's second page takes its time
        try:
            on_page(world.pages[1])
        except Exception as exc:  # noqa: BLE001 - recorded for the assert
            stopped.append(type(exc).__name__)
            raise
        return []

    def describe_nothing_by_id(tags: list[str]) -> list[ImageDetail]:
        world.pages_done.wait(timeout=10)
        return []

    sources = world.sources(list_names=slow_registry, describe_tags=describe_nothing_by_id)
    with ThreadPoolExecutor(16) as pool:
        listing = TagStream(sources, pool).run()
        assert not release.is_set()  # ended while the registry was still on its first page
        release.set()
    assert stopped == ["ListingDone"]  # and the registry's paging stopped there
    assert len(listing.rows) == 2345 and all(r.digest for r in listing.rows)
    assert listing.warnings == ()


def test_describe_denied_leaves_the_names_with_a_warning() -> None:
    def denied(tags: list[str]) -> list[ImageDetail]:
        raise AccessDeniedError("access denied: ecr:DescribeImages")

    def denied_pages(on_page: object) -> list[ImageDetail]:
        raise AccessDeniedError("access denied: ecr:DescribeImages")

    world = World(_pages(250))
    sources = world.sources(describe_tags=denied, describe_all=denied_pages)
    _batches, listing = _run(world, sources=sources)
    assert {r.tag for r in listing.rows} == {f"v{i}" for i in range(250)}
    assert listing.warnings == ("no digests, dates or sizes: access denied: ecr:DescribeImages",)


def test_registry_failure_falls_back_to_describe_images_pages() -> None:
    def broken(on_page: Callable[[list[str]], None]) -> list[str]:
        raise RegistryError("registry down")

    world = World(_pages(1500), pages_open=True)
    batches, listing = _run(world, sources=world.sources(list_names=broken))
    assert len(listing.rows) == 1500 and listing.warnings[0].startswith("tags from DescribeImages")
    assert batches and all(r.digest for r in batches[-1].rows)


def test_both_failing_raise_the_registry_error() -> None:
    def broken(on_page: Callable[[list[str]], None]) -> list[str]:
        raise RegistryError("registry down")

    def denied(on_page: object) -> list[ImageDetail]:
        raise AccessDeniedError("denied")

    world = World(_pages(10))
    with pytest.raises(RegistryError):
        _run(world, sources=world.sources(list_names=broken, describe_all=denied))


def test_an_unexpected_exception_in_a_call_never_hangs_the_listing() -> None:
    def crash(tags: list[str]) -> list[ImageDetail]:
        raise KeyError("boom")

    def crash_pages(on_page: object) -> list[ImageDetail]:
        raise KeyError("boom")

    world = World(_pages(150))
    sources = world.sources(describe_tags=crash, describe_all=crash_pages)
    _batches, listing = _run(world, sources=sources)
    assert len(listing.rows) == 150 and "unexpected KeyError" in listing.warnings[0]


def test_pages_fill_in_what_a_failed_call_by_id_left_out() -> None:
    def crash(tags: list[str]) -> list[ImageDetail]:
        raise KeyError("boom")

    world = World(_pages(150), pages_open=True)
    _batches, listing = _run(world, sources=world.sources(describe_tags=crash))
    assert all(r.digest for r in listing.rows) and listing.warnings == ()


def test_describe_by_tags_skips_a_tag_deleted_since_it_was_listed() -> None:
    client = boto3.client("ecr", region_name="us-east-1", aws_access_key_id="a",
                          aws_secret_access_key="b")
    stubber = Stubber(client)

    def expect(tags: list[str], found: list[str] | None) -> None:
        params = {"repositoryName": "app", "imageIds": [{"imageTag": t} for t in tags],
                  "filter": {"imageStatus": "ANY"}}
        if found is None:
            stubber.add_client_error("describe_images", "ImageNotFoundException",
                                     expected_params=params)
        else:
            details = [{"imageDigest": f"sha256:{t}", "imageTags": [t]} for t in found]
            stubber.add_response("describe_images", {"imageDetails": details}, params)

    expect(["a", "b", "c", "d"], None)
    expect(["a", "b"], ["a", "b"])
    expect(["c", "d"], None)
    expect(["c"], None)
    expect(["d"], ["d"])
    with stubber:
        found = ecr.describe_images_by_tags(client, "app", ["a", "b", "c", "d"])
    assert [i.tags for i in found] == [("a",), ("b",), ("d",)]


def test_without_on_progress_no_row_is_built_per_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI prints the listing once: building a row per tag and batch (merge_tags each)
    was a third of `tags --json`'s CPU at 50,000 tags."""
    from ecr_tui.core.registry import tag_sources, tag_stream

    calls: list[int] = []
    real = tag_stream.merge_tags

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    for module in (tag_stream, tag_sources):  # rows per tag, and the listing's own
        monkeypatch.setattr(module, "merge_tags", counting)
    world = World(_pages(2500), pages_open=True)
    with ThreadPoolExecutor(8) as pool:
        listing = TagStream(world.sources(), pool).run()
    assert len(listing.rows) == 2500
    assert len(calls) == 1  # the listing itself


def _most_at_once(on_progress: Callable[[TagBatch], None] | None) -> int:
    """The most calls by imageIds running at once for 400 named tags (4 calls): each call
    waits (at most a second) for a fourth to be running beside it."""
    running, most = 0, 0
    lock, four = threading.Lock(), threading.Event()
    world = World(_pages(400, size=400))

    def counted(tags: list[str]) -> list[ImageDetail]:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
            if running > WATCHED_IN_FLIGHT:
                four.set()
        try:
            four.wait(timeout=1)
            return world.describe_tags(tags)
        finally:
            with lock:
                running -= 1

    with ThreadPoolExecutor(16) as pool:
        try:
            TagStream(world.sources(describe_tags=counted), pool, on_progress).run()
        finally:
            world.pages_open.set()
    return most


def test_a_listing_shown_as_it_arrives_runs_few_calls_by_id_at_once() -> None:
    """The UI thread needs the interpreter lock to paint the first rows; the CLI, which
    shows nothing until the end, runs more at once."""
    assert _most_at_once(lambda batch: None) <= WATCHED_IN_FLIGHT
    assert _most_at_once(None) > WATCHED_IN_FLIGHT


def test_a_shown_listing_asks_for_a_first_screen_of_details_before_anything_else() -> None:
    """The first screen's digests come from one small DescribeImages call, not after a
    registry page and then a call by imageIds (40 ms each at the service)."""
    world = World(_pages(2345))
    shown = threading.Event()
    asked: list[int] = []
    named_before_shown: list[bool] = []

    def first(count: int) -> list[ImageDetail]:
        asked.append(count)
        return [_image(i, f"v{i}") for i in range(count)]

    def registry_after_first_rows(on_page: Callable[[list[str]], None]) -> list[str]:
        named_before_shown.append(shown.is_set())
        shown.wait(timeout=10)
        return world.list_names(on_page)

    def show(batch: TagBatch) -> None:
        batches.append(batch)
        shown.set()

    batches: list[TagBatch] = []
    sources = world.sources(describe_first=first, list_names=registry_after_first_rows)
    with ThreadPoolExecutor(16) as pool:
        try:
            listing = TagStream(sources, pool, show).run()
        finally:
            world.pages_open.set()  # the pages, still waiting, see the listing is over
    assert asked == [100]
    first_rows = batches[0].rows
    assert len(first_rows) == 100 and all(r.digest and r.pushed_at for r in first_rows)
    named = batches[1].rows  # the registry's first page: only the tags not shown yet
    assert len(named) == 900 and not any(r.digest for r in named)
    assert named_before_shown == [False]
    assert len(listing.rows) == 2345 and all(r.digest for r in listing.rows)


def test_a_page_shows_its_tags_before_the_registry_names_them() -> None:
    world = World(_pages(2345), pages_open=True)
    shown = threading.Event()
    named: list[str] = []

    def registry_after_first_rows(on_page: Callable[[list[str]], None]) -> list[str]:
        shown.wait(timeout=10)
        named.append("named")
        return world.list_names(on_page)

    def show(batch: TagBatch) -> None:
        batches.append((list(named), batch))
        shown.set()

    batches: list[tuple[list[str], TagBatch]] = []
    sources = world.sources(list_names=registry_after_first_rows)
    with ThreadPoolExecutor(16) as pool:
        listing = TagStream(sources, pool, show).run()
    named_then, first = batches[0]
    assert named_then == [] and len(first.rows) == 1000 and all(r.digest for r in first.rows)
    assert len(listing.rows) == 2345 and all(r.digest for r in listing.rows)


def test_the_cli_makes_no_first_screen_call_and_a_failed_one_is_not_a_warning() -> None:
    asked: list[int] = []

    def first(count: int) -> list[ImageDetail]:
        asked.append(count)
        raise AccessDeniedError("access denied: ecr:DescribeImages")

    world = World(_pages(250), pages_open=True)
    with ThreadPoolExecutor(8) as pool:
        listing = TagStream(world.sources(describe_first=first), pool).run()
    assert asked == [] and len(listing.rows) == 250
    batches, listing = _run(world, sources=world.sources(describe_first=first))
    assert asked == [100] and listing.warnings == ()
    assert len(listing.rows) == 250 and all(r.digest for r in listing.rows)


def test_a_name_twice_in_a_page_still_ends_the_listing_once_it_has_details() -> None:
    # Names without details are counted as they come: a repeated one must be counted once,
    # or the listing waits for details that already came (pages closed: by imageIds only).
    world = World([["v0", "v1", "v0"], ["v2", "v1"]])
    world.number = {"v0": 0, "v1": 1, "v2": 2}
    batches, listing = _run(world)
    assert sorted(r.tag for r in listing.rows) == ["v0", "v1", "v2"]
    assert all(r.digest for r in listing.rows) and batches[-1].loading == ""


def _cli_run(world: World, **kwargs: object) -> object:
    """A listing nobody watches as it arrives (the CLI's)."""
    with ThreadPoolExecutor(16) as pool:
        try:
            return TagStream(world.sources(), pool, **kwargs).run()  # type: ignore[arg-type]
        finally:
            world.pages_open.set()


def test_the_cli_asks_by_id_once_every_tag_is_named() -> None:
    # Pages of 150 names: called as they came, the ids would go 100 + 50 a page; once all
    # are named, 100 a call (pages closed: details by imageIds only).
    world = World(_pages(300, size=150))
    listing = _cli_run(world)
    assert sorted(len(call) for call in world.by_id_calls) == [100, 100, 100]
    assert len(listing.rows) == 300 and all(r.digest for r in listing.rows)  # type: ignore[attr-defined]


def test_the_cli_makes_no_call_by_id_the_budget_cannot_finish() -> None:
    # 12,000 tags, a budget of 500: the last DescribeImages page ends the listing whatever the
    # calls by imageIds bring, so none is made.
    world = World(_pages(12000), pages_open=True)
    listing = _cli_run(world, by_id_budget=5)
    assert world.by_id_calls == [] and world.paged == 12
    assert len(listing.rows) == 12000 and all(r.digest for r in listing.rows)  # type: ignore[attr-defined]
