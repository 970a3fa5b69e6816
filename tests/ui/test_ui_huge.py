"""100,000 tags: the virtual list loads, shows rows, filters."""

from __future__ import annotations

import asyncio
import threading

import pytest

from ecr_tui.core.image_records import ImageGroup
from ecr_tui.ui.widgets import image_list
from ecr_tui.ui.widgets.substring_filter import SubstringFilter
from tests.ui.uihelpers import SIZE, demo_app, huge_tags, settle


def test_hundred_thousand_tags_render_and_filter() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            view = (await huge_tags(pilot)).tag_list
            assert len(view.rows) == 99_999  # latest shares the newest image
            assert view.virtual_size.height == 100_000
            await settle(pilot, lambda: view.rows[0].tag in view.render_line(1).text)
            await pilot.press("end")
            assert view.cursor == 99_998 and view.highlighted is view.rows[-1]
            assert view.rows[-1].tag in "".join(
                view.render_line(y).text for y in range(view.size.height)
            )
            await pilot.press("slash", *"pr-1")
            assert 0 < len(view.rows) < 99_999
            assert all("pr-1" in r.tag or "pr-1" in r.digest for r in view.rows)
            assert view.rows[0].tag in view.render_line(1).text

    asyncio.run(scenario())


def test_image_filter_narrows_the_last_answer_and_backspace_reuses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One row per image (the default): a key that extends the filter searches only the last
    answer, and erasing back to an earlier filter searches nothing (100,000 tags: a scan of
    every image each key was most of a keystroke). What it searches each image by is made in
    the grouping worker, not by the first key on the UI thread (~35 ms of it)."""
    searched: list[str] = []
    search = SubstringFilter._search

    def record(self: SubstringFilter[object], needle: str) -> object:
        searched.append(needle)
        return search(self, needle)

    made_on: list[str] = []
    haystacks_of = image_list.haystacks_of

    def record_haystacks(groups: list[ImageGroup]) -> list[str]:
        made_on.append(threading.current_thread().name)
        return haystacks_of(groups)

    monkeypatch.setattr(SubstringFilter, "_search", record)
    monkeypatch.setattr(image_list, "haystacks_of", record_haystacks)

    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=SIZE) as pilot:
            view = (await huge_tags(pilot)).tag_list
            await settle(pilot, lambda: bool(view.groups))
            await pilot.press("slash", *"pr-1")
            narrowed = [g.tags for g in view.groups]
            await pilot.press("backspace", "1")
            assert [g.tags for g in view.groups] == narrowed
            assert 0 < len(narrowed) < 99_999
            assert all(any("pr-1" in t for t in g.tags) or "pr-1" in g.digest
                       for g in view.groups)

    asyncio.run(scenario())
    assert [n for n in searched if n.startswith("p")] == ["p", "pr", "pr-", "pr-1"]
    assert made_on and threading.main_thread().name not in made_on
