"""The Lifecycle view (L from the tags) and the repository table's Lifecycle and Mutability
columns, on the demo backend: its platform/api policy archives images demo services run."""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual.widgets import Static

from ecr_tui.core.errors import AccessDeniedError
from ecr_tui.core.models import Target
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.lifecycle_load import LifecycleKey, LifecycleLoaded
from ecr_tui.ui.lifecycle_rows import RISK_MARK, LifecycleTable
from ecr_tui.ui.screens.lifecycle import LifecycleScreen
from tests.ui.uihelpers import (
    FakeClock,
    demo_app,
    open_tags,
    record_notifications,
    repos,
    settle,
    wait_for_target,
)

DEFAULT = Target("default", "us-east-1")
SIZES = [(80, 24), (120, 35), (200, 60)]


class CountingBackend(DemoBackend):
    """Counts GetLifecyclePolicy per repository; denies it for `denied` repositories and the
    preview everywhere when `no_preview`."""

    def __init__(self, denied: tuple[str, ...] = (), no_preview: bool = False,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.asked: list[str] = []
        self.denied = denied
        self.no_preview = no_preview
        self._asked_lock = threading.Lock()

    def lifecycle_policy(self, profile: str, region: str, repository: str) -> str | None:
        with self._asked_lock:
            self.asked.append(repository)
        if repository in self.denied:
            raise AccessDeniedError(f"not authorized to perform: ecr:GetLifecyclePolicy on "
                                    f"resource: {repository}")
        return super().lifecycle_policy(profile, region, repository)

    def lifecycle_preview(self, profile: str, region: str, repository: str):  # noqa: ANN201
        if self.no_preview:
            raise AccessDeniedError("not authorized to perform: ecr:GetLifecyclePolicyPreview")
        return super().lifecycle_preview(profile, region, repository)


def _app(backend: DemoBackend, clock: FakeClock):  # noqa: ANN202
    return make_app(backend, clock=clock)


async def open_lifecycle(pilot, repository: str) -> LifecycleScreen:  # noqa: ANN001
    app = pilot.app
    await wait_for_target(pilot, DEFAULT)
    await open_tags(pilot, repository)
    await pilot.press("L")
    await settle(pilot, lambda: isinstance(app.screen, LifecycleScreen)
                 and app.screen._usage is not None and app.screen._usage.finished)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, LifecycleScreen)
    return screen


def summary_text(screen: LifecycleScreen) -> str:
    return str(screen.query_one("#lifecycle-summary", Static).render())


def test_images_in_use_that_a_rule_archives_are_marked_first_and_counted_at_the_top() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(200, 60)) as pilot:
            screen = await open_lifecycle(pilot, "platform/api")
            report = screen.report
            assert report is not None and report.policy is not None
            images = app.backend.images("default", "us-east-1", "platform/api")
            assert len(report.verdicts) == len(images) == screen.images.item_count
            text = summary_text(screen)
            for priority, _description, words in report.rule_lines():
                assert f"rule {priority}  {words}" in text
            assert "rule 4  archive all but the 6 newest images" in text
            rows = screen.images._items
            marked = [r for r in rows if r.cells["mark"] == RISK_MARK]
            # the demo's services run images rule 4 archives: each is marked, before the rest
            assert marked and list(rows[:len(marked)]) == marked
            assert all(r.cells["action"] == "archive" and r.cells["rule"] == "4"
                       and int(r.cells["in_use"]) > 0 for r in marked)
            unmarked_in_use = [r for r in rows[len(marked):] if r.cells["in_use"]]
            assert unmarked_in_use and all(r.action == "keep" for r in unmarked_in_use)
            workloads = sum(int(r.cells["in_use"]) for r in marked)
            assert (f"rule 4 would archive {len(marked)} images that {workloads} services run"
                    in text)
            assert "In use across the Fleet's" in text and "did not answer" in text
            # ECR's own preview (the demo's, a day old) beside ours
            assert ("preview", 11) in screen.images.shown_columns
            assert all(r.cells["preview"] == "archive (4)" for r in marked)
            assert "ECR preview: expire" in text
            line = screen.images.render_line(1).text
            assert line.split()[:4] == ["!", "archive", "4", marked[0].cells["tags"]]

    asyncio.run(scenario())


def test_a_repository_without_policy_or_preview_says_so() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(120, 35)) as pilot:
            await wait_for_target(pilot, DEFAULT)
            bare = next(r.name for r in repos(app).shown
                        if app.backend.lifecycle_policy("default", "us-east-1", r.name) is None)
            screen = await open_lifecycle(pilot, bare)
            text = summary_text(screen)
            assert f"{bare} has no lifecycle policy: nothing expires or archives" in text
            assert "No ECR preview of this repository" in text
            assert "would archive" not in text and "would expire" not in text
            assert {r.cells["action"] for r in screen.images._items} == {"keep"}
            assert "preview" not in dict(screen.images.shown_columns)

    asyncio.run(scenario())


def test_a_denied_policy_read_is_one_line_and_a_denied_preview_leaves_the_report() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = CountingBackend(denied=("platform/api",), no_preview=True, clock=clock)
        app = _app(backend, clock)
        shown = record_notifications(app)
        async with app.run_test(size=(120, 35)) as pilot:
            await wait_for_target(pilot, DEFAULT)
            await open_tags(pilot, "platform/api")
            await pilot.press("L")
            await settle(pilot, lambda: isinstance(app.screen, LifecycleScreen)
                         and "GetLifecyclePolicy" in summary_text(app.screen))
            text = summary_text(app.screen)
            assert "\n" not in text and "Traceback" not in text
            assert sum("GetLifecyclePolicy" in n for n in shown) == 1
            await pilot.press("escape")
            await settle(pilot, lambda: not isinstance(app.screen, LifecycleScreen))
            await pilot.press("escape")
            screen = await open_lifecycle(pilot, "base/python")
            text = summary_text(screen)
            assert "ECR preview not read: not authorized" in text
            assert "base/python: 3 rules" in text  # our evaluation stands without ECR's

    asyncio.run(scenario())


def test_an_answer_for_another_registry_or_an_earlier_run_is_dropped() -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=(120, 35)) as pilot:
            screen = await open_lifecycle(pilot, "platform/api")
            report, count = screen.report, screen.images.item_count
            assert report is not None
            empty = LifecycleTable((), {}, ())
            key = screen._key
            assert key is not None
            for stale in (LifecycleKey(Target("prod", "us-east-1"), key.repository,
                                       key.registry_id, key.run),
                          LifecycleKey(key.target, key.repository, key.registry_id,
                                       key.run - 1)):
                screen.post_message(LifecycleLoaded(stale, report, empty))
                await pilot.pause()
                assert screen.images.item_count == count and screen.report is report
            await pilot.press("r")  # a new run: its own answers are taken
            await settle(pilot, lambda: screen._key is not None and screen._key.run == 1
                         and screen._usage is not None and screen._usage.finished)
            assert screen.images.item_count == count

    asyncio.run(scenario())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_view_shows_each_column_whole_or_not_at_all(size: tuple[int, int]) -> None:
    async def scenario() -> None:
        app = demo_app()
        async with app.run_test(size=size) as pilot:
            screen = await open_lifecycle(pilot, "platform/api")
            view = screen.images
            keys = [k for k, _w in view.shown_columns]
            assert keys[:4] == ["mark", "action", "rule", "tags"]
            if size[0] >= 120:
                assert "in_use" in keys and "preview" in keys
            header = view.render_line(0).text
            labels = {"action": "Action", "rule": "Rule", "tags": "Tags", "in_use": "In use",
                      "preview": "ECR preview", "pushed": "Pushed", "pulled": "Pulled",
                      "digest": "Digest", "status": "Status"}
            for key in keys[1:]:
                assert labels[key] in header
            assert len(header.rstrip()) <= view.content_region.width
            widths = dict(view.shown_columns)
            for row in view._items[:40]:  # the rows on screen: whole, or cut with `…`
                for key in ("action", "rule", "in_use", "preview", "pushed", "pulled"):
                    if key in widths:
                        assert len(row.cells[key]) <= widths[key], (key, row.cells[key])
            footer = [strip.text for strip in app.screen._compositor.render_strips()][-1]
            assert "esc Back" in footer and "r Read and scan again" in footer

    asyncio.run(scenario())


def test_repository_columns_lifecycle_for_the_rows_on_screen_and_mutability_filters() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = CountingBackend(clock=clock)
        app = _app(backend, clock)
        async with app.run_test(size=(200, 40)) as pilot:
            await wait_for_target(pilot, DEFAULT)
            table = repos(app)
            await settle(pilot, lambda: "…" not in {
                table.lifecycle_of(r) for r in table.shown[:table._viewport_rows()]})
            assert "lifecycle" in table.fitted.keys and "mutability" in table.fitted.keys
            on_screen = {r.name for r in table.shown[:table._viewport_rows()]}
            assert set(backend.asked) == on_screen  # only the rows drawn, each once
            assert len(backend.asked) == len(on_screen) < len(table.shown)
            for r in table.shown[:table._viewport_rows()]:
                text = backend.lifecycle_policy("default", "us-east-1", r.name)
                assert table.lifecycle_of(r) == ("none" if text is None else
                                                 f"{text.count('rulePriority')} rules")
            table.set_filter("platform/api")
            await settle(pilot, lambda: table.lifecycle_of(table.shown[0]) != "…")
            line = table.render_line(1).text
            assert "immutable except latest, main-*" in line and "5 rules" in line
            table.set_filter("base/node")
            await settle(pilot, lambda: table.lifecycle_of(table.shown[0]) != "…")
            assert "mutable except v*" in table.render_line(1).text
            assert "3 rules" in table.render_line(1).text

    asyncio.run(scenario())


def test_hidden_lifecycle_column_reads_no_policy_and_a_denied_one_is_told_once() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        backend = CountingBackend(clock=clock)
        app = _app(backend, clock)
        shown = record_notifications(app)
        async with app.run_test(size=(120, 35)) as pilot:  # no room for the column
            await wait_for_target(pilot, DEFAULT)
            await settle(pilot)
            table = repos(app)
            assert "lifecycle" not in table.fitted.keys and backend.asked == []
            backend.denied = (table.shown[0].name, table.shown[1].name)
            await pilot.resize_terminal(200, 40)
            await settle(pilot, lambda: "lifecycle" in table.fitted.keys
                         and table.lifecycle_of(table.shown[0]) != "…"
                         and table.lifecycle_of(table.shown[1]) != "…")
            assert table.lifecycle_of(table.shown[0]) == "?"
            assert sum("GetLifecyclePolicy" in n for n in shown) == 1

    asyncio.run(scenario())


def test_lifecycle_view_snapshot(snap_compare) -> None:  # noqa: ANN001
    async def ready(pilot) -> None:  # noqa: ANN001
        await open_lifecycle(pilot, "platform/api")

    assert snap_compare(demo_app(), terminal_size=(120, 35), run_before=ready)
