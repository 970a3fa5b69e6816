"""Pilot: "In use where" on the demo: the image list's IN USE column (`?`, a running count while
the scan goes on, the count), the "Used by" tab (6), stale answers dropped, `r` rescanning past
the cache, the Fleet's and Find's counts; and a snapshot of the tab."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace

from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from ecr_tui.core.models import Target
from ecr_tui.core.usage_records import WorkloadImage
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.demo.workloads import DEFAULT, DENIED_PAIR
from ecr_tui.ui.app import make_app
from ecr_tui.ui.screens.find import FindScreen
from ecr_tui.ui.screens.fleet import FleetScreen
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.usage_scan import UsageUpdated
from ecr_tui.ui.usage_view import UsageView
from ecr_tui.ui.widgets.detail_tabs.used_by import UsedByView
from ecr_tui.ui.widgets.fitted_table import FittedTable
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    demo_app,
    open_tags,
    settle,
    until,
    wait_for_detail,
    wait_for_target,
)

HOME = Target("default", "us-east-1")
API = "platform/api"


class HeldBackend(DemoBackend):
    """The demo, with the prod-admin pair's workloads held until the test lets them through,
    and every workloads call recorded (with its refresh flag)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.release = threading.Event()
        self.calls: list[tuple[str, str, bool]] = []
        self._calls_lock = threading.Lock()

    def workloads(self, profile: str, region: str, *, refresh: bool = False
                  ) -> list[WorkloadImage]:
        with self._calls_lock:
            self.calls.append((profile, region, refresh))
        if (profile, region) == ("prod-admin", "eu-west-1"):
            self.release.wait(30)
        return super().workloads(profile, region, refresh=refresh)


def _usage(tags: TagsScreen) -> UsageView | None:
    return tags.tag_list.usage


def _in_use_cells(tags: TagsScreen) -> list[str]:
    """The IN USE cell of each image row, as drawn."""
    view = tags.tag_list
    header = view._header()
    start = header.index("IN USE")
    return [view._format(row, view._clock())[start:start + 6].strip() for row in view.rows]


def _summary(tags: TagsScreen) -> str:
    return str(tags.detail.query_one("#used-by-summary", Static).render())


def _used_by(tags: TagsScreen) -> FittedTable:
    return tags.detail.query_one(UsedByView).query_one(FittedTable)


def _column(table: FittedTable, column: str) -> list[str]:
    return [table.full_cell(str(n), column).plain for n in range(table.row_count)]


async def _scanned(pilot: Pilot, tags: TagsScreen) -> UsageView:
    await settle(pilot, lambda: _usage(tags) is not None and _usage(tags).finished)
    usage = _usage(tags)
    assert usage is not None
    return usage


def test_in_use_column_counts_while_scanning_then_the_whole_count() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = HeldBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, HOME)
            app.open_repository(API)
            tags = app.screen
            assert isinstance(tags, TagsScreen)
            # Every pair but the held one has answered: the cells count what came so far.
            # Many rounds: the pairs answer on worker threads, which a loaded machine slows
            # (the scan starts once the first tags are painted).
            await settle(pilot, lambda: bool(tags.tag_list.rows) and _usage(tags) is not None
                         and _usage(tags).pairs_done == _usage(tags).pairs_total - 1,
                         rounds=3000)
            cells = _in_use_cells(tags)
            assert cells[0] == "3…"  # api, api-worker, web in us-east-1; api-eu is held
            assert "?" in cells  # an image nothing runs so far is not known yet
            total = _usage(tags).pairs_total
            assert f"in use: {total - 1}/{total} pairs scanned…" in str(
                tags.detail.border_subtitle)
            backend.release.set()
            usage = await _scanned(pilot, tags)
            cells = _in_use_cells(tags)
            # Done, with failed pairs (an expired SSO profile, the AccessDenied pair): a count
            # is a floor ("+"), a 0 may not be one ("0?").
            assert usage.failures and cells[:5] == ["4+", "3+", "2+", "1+", "1+"]
            assert cells[5] == "0?"
            assert any((f.profile, f.region) == DENIED_PAIR and "ecs:ListClusters" in f.message
                       for f in usage.failures)

    asyncio.run(scenario())


def test_used_by_tab_rows_drift_and_the_failed_pairs() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, HOME)
            tags = await open_tags(pilot, API)
            await _scanned(pilot, tags)
            await pilot.press("6")
            assert tags.query_one(TabbedContent).active == "used-by"
            table = _used_by(tags)
            await settle(pilot, lambda: table.row_count == 4)
            assert sorted(_column(table, "name")) == ["api", "api-eu", "api-worker", "web"]
            assert "444455556666" in _column(table, "account")  # another account runs it
            assert _column(table, "drift") == ["", "", "", ""]
            assert "4 workloads run this image" in _summary(tags)
            assert "ci-process ap-southeast-2" in _summary(tags)  # the AccessDenied pair
            await pilot.press("down")  # the image `latest` has moved away from
            await wait_for_detail(pilot, tags)
            await settle(pilot, lambda: "3 workloads" in _summary(tags))
            assert _column(table, "drift").count("tag moved") == 3
            assert "drift" in _summary(tags)
            web = _column(table, "name").index("web")
            assert _column(table, "running")[web] == "1/4"  # the old tasks of a rollout
            # The image a service scaled to 0 names by tag: matched by its tag's digest.
            index = next(i for i, g in enumerate(tags.tag_list.groups) if "9e2f467" in g.tags)
            tags.tag_list.move_to(index)
            await wait_for_detail(pilot, tags)
            await settle(pilot, lambda: table.row_count == 1)
            assert _column(table, "matched_by") == ["tag"]
            assert _column(table, "running") == ["0/0"]

    asyncio.run(scenario())


def test_stale_usage_is_dropped_and_r_rescans_past_the_cache() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = HeldBackend(clock=clock)
        backend.release.set()
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, HOME)
            tags = await open_tags(pilot, API)
            usage = await _scanned(pilot, tags)
            key = tags._usage_key
            assert key is not None and not any(refresh for *_pair, refresh in backend.calls)
            # Another pair's answer, and an earlier scan's, are never shown.
            other = replace(key, target=Target("prod-admin", "eu-west-1"))
            earlier = replace(key, scan=key.scan - 1)
            empty = UsageView.of((), (), 1, 1, "", finished=True)
            for stale in (other, earlier):
                tags.post_message(UsageUpdated(stale, empty))
                await pilot.pause()
                assert _usage(tags) is usage
            backend.calls.clear()
            await pilot.press("r")
            await settle(pilot, lambda: bool(backend.calls) and _usage(tags) is not None
                         and _usage(tags).finished and tags._usage_key != key)
            assert backend.calls and all(refresh for *_pair, refresh in backend.calls)
            assert _in_use_cells(tags)[0] == "4+"

    asyncio.run(scenario())


def test_fleet_and_find_say_how_many_images_are_in_use() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(200, 50)) as pilot:
            await wait_for_target(pilot, HOME)
            await pilot.press("F")
            fleet = app.screen
            assert isinstance(fleet, FleetScreen)
            await settle(pilot, lambda: fleet.usage.usage is not None
                         and bool(fleet.pairs) and all(p in app.session.fleet for p in fleet.pairs))
            await pilot.press("o")  # by profile: default's first pair
            await settle(pilot)
            key = f"{HOME.profile}\0{HOME.region}"
            # platform/api 5 images; base/python 1 (thumbnailer, and shared-services' sidecar
            # in another account); base/node 1.
            assert fleet.table.full_cell(key, "in_use").plain == "7+ in 3 repos"
            fleet.table.move_cursor(row=fleet.table.get_row_index(key))
            await settle(pilot)
            status = str(fleet.query_one("#fleet-status", Static).render())
            assert "images in use: platform/api 5, base/node 1, base/python 1" in status
            await pilot.press("escape", "f")
            find = app.screen
            assert isinstance(find, FindScreen)
            assert find.usage.usage is app.session.scope_usage  # scanned once, kept
            await pilot.press(*API, "enter")
            await settle(pilot, lambda: find.pairs_total and find.pairs_done >= find.pairs_total)
            cells = {(find.hits[n].account_id, find.hits[n].region):
                     find.table.full_cell(str(n), "in_use").plain for n in range(len(find.hits))}
            assert cells[(DEFAULT, "us-east-1")] == "5+"
            assert "0?" in cells.values()

    asyncio.run(scenario())


# -- snapshot (frozen clock, demo data) ------------------------------------------------------
async def _used_by_ready(pilot: Pilot) -> None:
    await wait_for_target(pilot, HOME)
    tags = await open_tags(pilot, API)
    await _scanned(pilot, tags)
    tags.tag_list.move_to(1)  # the image `latest` moved away from: drift and a rollout
    await wait_for_detail(pilot, tags)
    await pilot.press("6")
    await settle(pilot, lambda: _used_by(tags).row_count == 3)
    await settle(pilot)


def test_used_by_tab_snapshot(snap_compare) -> None:  # noqa: ANN001
    assert snap_compare(demo_app(), terminal_size=(120, 35), run_before=_used_by_ready)


class ImagesCounted(DemoBackend):
    """The demo, counting DescribeImages reads of whole repositories (`images`)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.images_read: list[str] = []

    def images(self, profile: str, region: str, repository: str) -> list:
        self.images_read.append(repository)
        return super().images(profile, region, repository)


def test_the_scan_reads_the_images_only_for_a_repository_a_workload_runs() -> None:
    """The tags screen's listing pages DescribeImages itself: a second paging beside it, by the
    usage scan, doubled the CPU of the first second (its images only match workloads)."""

    async def scenario() -> None:
        clock = FakeClock()
        backend = ImagesCounted(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, HOME)
            for repository in ("billing/cron", API):
                tags = await open_tags(pilot, repository)
                usage = await _scanned(pilot, tags)
                assert not usage.rows if repository == "billing/cron" else usage.rows
                tags.dismiss()
                await pilot.pause()
        assert backend.images_read == [API]

    asyncio.run(scenario())


class ListingHeld(DemoBackend):
    """The demo, with every tag listing held until the test lets it through."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.listing = threading.Event()
        self.listing_asked = threading.Event()

    def tag_listing(self, *args: object, **kwargs: object):  # noqa: ANN201
        self.listing_asked.set()
        self.listing.wait(30)
        return super().tag_listing(*args, **kwargs)  # type: ignore[arg-type]


def test_the_usage_scan_starts_once_the_tags_are_on_screen() -> None:
    """Its ECS and Lambda clients and calls ran beside the first paint of the tags."""

    async def scenario() -> None:
        clock = FakeClock()
        backend = ListingHeld(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, HOME)
            app.open_repository(API)
            tags = app.screen
            assert isinstance(tags, TagsScreen)
            try:
                await until(pilot, lambda: tags.is_mounted and backend.listing_asked.is_set())
                assert tags._usage_key is None  # no scan started while no tag is shown
            finally:
                backend.listing.set()
            usage = await _scanned(pilot, tags)
            assert usage.rows and tags.tag_list.rows

    asyncio.run(scenario())
