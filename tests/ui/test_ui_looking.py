"""Looking is not pulling, in the TUI on the demo backend: the cursor reads no manifest, enter
and the Layers tab do, `m` reads the visible images' platforms, `P` sorts the stalest first,
archived and activating images say so and how they come back."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from rich.text import Text
from textual.widgets import Static

from ecr_tui.core.images.status import is_index
from ecr_tui.core.models import TagRow, Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.screens.tags import TagsScreen
from ecr_tui.ui.widgets.detail_tabs import render
from tests.ui.uihelpers import (
    SIZE,
    FakeClock,
    demo_app,
    notifications,
    open_tags,
    settle,
    wait_for_target,
)


class ManifestCounting(DemoBackend):
    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.read: list[str] = []

    def manifest(self, profile, region, repository, reference):  # noqa: ANN001, ANN201
        self.read.append(reference)
        return super().manifest(profile, region, repository, reference)


async def _tags(pilot, repository: str) -> TagsScreen:  # noqa: ANN001
    await wait_for_target(pilot, Target("default", "us-east-1"))
    return await open_tags(pilot, repository)


def _overview(screen: TagsScreen) -> str:
    return str(screen.detail.query_one("#overview-body", Static).render())


async def _rest(pilot, screen: TagsScreen) -> None:  # noqa: ANN001
    """Until the detail pane has taken the highlighted image (its timer fired)."""
    await settle(pilot, lambda: screen.detail.row is screen.tag_list.highlighted
                 and screen.detail.key is not None)
    await settle(pilot)


def test_the_cursor_reads_no_manifest_enter_and_the_layers_tab_do() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = ManifestCounting(clock=clock)
        async with make_app(backend, clock=clock).run_test(size=SIZE) as pilot:
            screen = await _tags(pilot, "platform/api")
            for _ in range(6):
                await pilot.press("down")
                await _rest(pilot, screen)
            assert backend.read == []
            assert "Not opened" in _overview(screen)
            await pilot.press("enter")
            await settle(pilot, lambda: screen.detail.shown_tag == screen.tag_list.highlighted.tag)
            assert backend.read and "Media type" in _overview(screen)
            await pilot.press("down")
            await _rest(pilot, screen)
            opened = len(backend.read)
            await pilot.press("2")  # a tab that needs the manifest opens the image
            await settle(pilot, lambda: screen.detail.shown_tag == screen.tag_list.highlighted.tag)
            assert len(backend.read) > opened
            await pilot.press("up")  # back to an image opened before: shown from the pane's cache
            await _rest(pilot, screen)
            assert screen.detail.shown_tag == screen.tag_list.highlighted.tag

    asyncio.run(scenario())


def test_m_reads_the_platforms_of_the_visible_multi_arch_images() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = ManifestCounting(clock=clock)
        async with make_app(backend, clock=clock).run_test(size=SIZE) as pilot:
            screen = await _tags(pilot, "platform/api")
            view = screen.tag_list
            await settle(pilot, lambda: len(view.rows) == 3499)
            await settle(pilot)
            every = {r.digest for r in view.rows if is_index(r.media_type)}
            assert every and all(not r.platforms for r in view.rows if r.digest in every)
            await pilot.press("m")
            await settle(pilot, lambda: any("Platforms of" in n for n in notifications(pilot.app)))
            top = round(view.scroll_y)
            shown = view.rows[top : top + view.size.height - 1]
            indexes = {r.digest for r in shown if is_index(r.media_type)}
            assert indexes and set(backend.read) == indexes  # the visible ones, no other
            assert len(indexes) < len(every)
            assert all(len(r.platforms) > 1 for r in shown if r.digest in indexes)
            note = next(n for n in notifications(pilot.app) if "Platforms of" in n)
            assert "recorded each manifest read as a pull" in note

    asyncio.run(scenario())


def test_p_sorts_the_stalest_first_and_pulled_reads_never_or_an_age() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            screen = await _tags(pilot, "platform/api")
            view = screen.tag_list
            await pilot.press("P")
            assert "sort pulled ↑" in view.border_title
            pulls = [r.last_pull for r in view.rows]
            never = sum(p is None for p in pulls)
            assert 0 < never < len(pulls) and all(p is None for p in pulls[:never])
            dated = [p for p in pulls[never:] if p is not None]
            assert dated == sorted(dated)
            view.move_to(0)
            assert "never" in view.render_line(1 + view.cursor - round(view.scroll_y)).text
            await pilot.press("P")
            assert "sort pulled ↓" in view.border_title
            assert view.rows[0].last_pull == max(dated)

    asyncio.run(scenario())


def test_archived_and_activating_images_say_so_and_how_they_come_back() -> None:
    async def scenario() -> None:
        async with demo_app().run_test(size=SIZE) as pilot:
            screen = await _tags(pilot, "base/python")
            view = screen.tag_list
            await settle(pilot)
            archived = next(i for i, g in enumerate(view.groups)
                            if g.row.image_status == "ARCHIVED")
            view.move_to(archived)
            await _rest(pilot, screen)
            digest = view.highlighted.digest
            restore = ("aws ecr update-image-storage-class --repository-name base/python "
                       f"--image-id imageDigest={digest} --target-storage-class STANDARD")
            assert restore in _overview(screen).replace("\n", "")
            assert "ARCHIVED since" in _overview(screen)
            await pilot.press("d")
            assert any(restore in n for n in notifications(pilot.app))
            activating = next(i for i, g in enumerate(view.groups)
                              if g.row.image_status == "ACTIVATING")
            view.move_to(activating)
            await _rest(pilot, screen)
            assert "being restored" in _overview(screen)
            assert "ACTIVATING" in view.render_line(activating - round(view.scroll_y) + 1).text
            await pilot.press("d")
            assert any("ACTIVATING" in n for n in notifications(pilot.app))

    asyncio.run(scenario())


def test_an_excluded_principal_is_told_its_reads_do_not_count() -> None:
    row = TagRow(tag="v1", digest="sha256:" + "a" * 64)
    now = datetime(2026, 12, 7, tzinfo=timezone.utc)
    told = render.overview(row, None, None, [], now, opened=False, excluded=True)
    assert isinstance(told, Text) and "do not count as pulls" in told.plain
    assert "do not count" not in render.overview(row, None, None, [], now, opened=False).plain
    assert DemoBackend().pull_time_excluded("ci-process", "ap-southeast-2") is True
    assert DemoBackend().pull_time_excluded("default", "us-east-1") is False
