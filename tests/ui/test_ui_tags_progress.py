"""Tags appear at once: names from the first registry page are on screen while their
details are still arriving, and rows fill in (and sort by pushed date) as they come."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.pilot import Pilot

from ecr_tui.core.models import TagBatch, TagListing, TagRow, Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import EcrTuiApp, make_app
from ecr_tui.ui.screens.tags import TagsScreen
from tests.ui.uihelpers import SIZE, FakeClock, until, wait_for_target

DEFAULT = Target("default", "us-east-1")


class SlowDetailsBackend(DemoBackend):
    """Names at once; the details wait until the test lets them through."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.details = threading.Event()

    def early(self, rows: list[TagRow]) -> tuple[TagRow, ...]:
        """Rows whose details come before the wait (none here)."""
        return ()

    def tag_listing(
        self, profile: str, region: str, repository: str,
        on_progress: Callable[[TagBatch], None] | None = None,
    ) -> TagListing:
        rows = self.tags(profile, region, repository)
        assert on_progress is not None
        on_progress(TagBatch(tuple(TagRow(tag=r.tag) for r in rows), "details of 9 tags"))
        early = self.early(rows)
        if early:
            on_progress(TagBatch(early, "details of the rest"))
        self.details.wait(timeout=60)
        half = len(rows) // 2
        on_progress(TagBatch(tuple(rows[:half]), "details of 4 tags"))
        on_progress(TagBatch(tuple(rows[half:])))
        return TagListing(rows)


def _status(screen: TagsScreen) -> str:
    return str(screen.tag_list.border_subtitle)


async def _open_first(pilot: Pilot, *, with_rows: bool) -> tuple[TagsScreen, str]:
    """The first repository's tags screen (once it shows rows, if asked) and its name."""
    app = pilot.app
    assert isinstance(app, EcrTuiApp)
    await wait_for_target(pilot, DEFAULT)
    name = app.session.repositories[0].name
    app.open_repository(name)
    await until(pilot, lambda: isinstance(app.screen, TagsScreen)
                 and (bool(app.screen.tag_list.rows) or not with_rows))
    screen = app.screen
    assert isinstance(screen, TagsScreen)
    return screen, name


def test_names_show_while_details_load_then_fill_in_sorted_by_pushed() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = SlowDetailsBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            screen, name = await _open_first(pilot, with_rows=True)
            expected = backend.tags("default", "us-east-1", name)
            assert {r.tag for r in screen.tag_list.rows} == {r.tag for r in expected}
            assert all(not r.digest for r in screen.tag_list.rows)
            assert not screen.tag_list.loading
            assert "loading details of 9 tags" in _status(screen)
            backend.details.set()
            await until(pilot, lambda: all(r.digest for r in screen.tag_list.rows)
                         and "loading" not in _status(screen))
            pushed = [r.pushed_at for r in screen.tag_list.rows]
            assert pushed == sorted(pushed, reverse=True)
            # One row per image now that digests are known: every tag is in one of them.
            assert len(screen.tag_list.rows) == len({r.digest for r in expected})
            assert sorted(t for g in screen.tag_list.groups for t in g.tags) == sorted(
                r.tag for r in expected)

    asyncio.run(scenario())


def test_the_cursor_keeps_its_tag_while_rows_fill_in() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = SlowDetailsBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.open_repository(app.session.repositories[0].name)
            await until(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and bool(app.screen.tag_list.rows))
            screen = app.screen
            assert isinstance(screen, TagsScreen)
            await pilot.press("down", "down")
            chosen = screen.tag_list.highlighted
            assert chosen is not None
            backend.details.set()
            await until(pilot, lambda: all(r.digest for r in screen.tag_list.rows))
            highlighted, group = screen.tag_list.highlighted, screen.tag_list.highlighted_group
            assert highlighted is not None and group is not None and chosen.tag in group.tags
            assert highlighted.digest and highlighted != replace(chosen)

    asyncio.run(scenario())


class BurstBackend(DemoBackend):
    """Once let go, sends every tag's row as a batch of its own, all in one burst."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.go = threading.Event()
        self.sent = threading.Event()
        self.finish = threading.Event()

    def tag_listing(
        self, profile: str, region: str, repository: str,
        on_progress: Callable[[TagBatch], None] | None = None,
    ) -> TagListing:
        rows = self.tags(profile, region, repository)
        assert on_progress is not None
        self.go.wait(timeout=60)
        for row in rows:
            on_progress(TagBatch((row,), "details of the rest"))
        self.sent.set()
        self.finish.wait(timeout=60)
        return TagListing(rows)


def test_a_burst_of_batches_is_merged_once_not_once_a_batch() -> None:
    """Batches that came while the UI was busy are taken in one merge (each merge regroups
    every row: one a batch kept the first screen from painting until the last)."""

    async def scenario() -> None:
        clock = FakeClock()
        backend = BurstBackend(clock=clock)
        app = make_app(backend, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            screen, name = await _open_first(pilot, with_rows=False)
            merged: list[int] = []
            merge_rows = screen.tag_list.merge_rows
            screen.tag_list.merge_rows = lambda rows: (  # type: ignore[method-assign]
                merged.append(len(list(rows))), merge_rows(rows))
            backend.go.set()
            assert backend.sent.wait(timeout=60)  # the UI is held here: the whole burst waits
            expected = backend.tags("default", "us-east-1", name)
            await until(pilot, lambda: sum(merged) >= len(expected))
            assert merged == [len(expected)]
            assert {r.tag for r in screen.tag_list._source} == {r.tag for r in expected}
            assert "loading details of the rest" in _status(screen)
            backend.finish.set()
            await until(pilot, lambda: "loading" not in _status(screen))

    asyncio.run(scenario())


def test_the_listing_is_under_way_before_the_tags_screen_has_mounted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The registry's first page is asked for while the screen's widgets mount (0.1-0.3 s
    on a loaded machine), not after."""
    started: list[str] = []
    started_at_mount: list[bool] = []
    on_mount, load_tags = TagsScreen.on_mount, TagsScreen.load_tags

    def record_mount(screen: TagsScreen) -> None:
        started_at_mount.append(bool(started))
        on_mount(screen)

    def record_start(screen: TagsScreen, *args: object) -> object:
        started.append(screen.repository.name)
        return load_tags(screen, *args)

    monkeypatch.setattr(TagsScreen, "on_mount", record_mount)
    monkeypatch.setattr(TagsScreen, "load_tags", record_start)

    async def scenario() -> None:
        clock = FakeClock()
        app = make_app(DemoBackend(clock=clock), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, DEFAULT)
            app.open_repository(app.session.repositories[0].name)
            await until(pilot, lambda: isinstance(app.screen, TagsScreen)
                         and bool(app.screen.tag_list.rows))
            assert not app.screen.tag_list.loading

    asyncio.run(scenario())
    assert started_at_mount == [True] and len(started) == 1
