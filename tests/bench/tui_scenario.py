"""In-TUI timings on the demo backend with 10,000 repositories and 100,000 tags.

Run as a subprocess (`python -m tests.bench.tui_scenario`): prints JSON with the timings and
its own peak RSS. "Arrival" is when the backend call returns (the worker posts the message
right after); "visible" is when the widget has laid out the rows and renders the first one.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import statistics
import time
from dataclasses import replace
from datetime import datetime, timezone

from textual.app import App, ComposeResult

from ecr_tui.core.models import Repository
from ecr_tui.demo import data
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.ui.app import make_app
from ecr_tui.ui.widgets.image_list import ImageListView
from ecr_tui.ui.widgets.repo_table import RepoTable

REPOS = 10_000
FILTER = "svc-01"
CLOCK = datetime(2026, 5, 1, 12, tzinfo=timezone.utc)


class BigDemo(DemoBackend):
    def __init__(self) -> None:
        super().__init__(clock=lambda: CLOCK)
        self.arrived: dict[str, float] = {}

    def repositories(self, profile: str, region: str) -> list[Repository]:
        repos = super().repositories(profile, region)
        if region == "us-east-1":
            rng = random.Random(1)
            base = repos[0]
            repos = repos + [
                replace(base, name=f"bulk/team-{i % 97:02d}/svc-{i:05d}",
                        uri=f"{base.uri.rsplit('/', 1)[0]}/bulk/svc-{i:05d}",
                        scan_on_push=rng.random() < 0.5)
                for i in range(REPOS - len(repos))
            ]
        self.arrived["repos"] = time.perf_counter()
        return repos

    def tags(self, profile: str, region: str, repository: str):  # noqa: ANN201
        rows = super().tags(profile, region, repository)
        self.arrived["tags"] = time.perf_counter()
        return rows


async def _until(pilot, cond, timeout: float = 60.0) -> float:  # noqa: ANN001
    started = time.perf_counter()
    while not cond():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("state never reached")
        await asyncio.sleep(0.002)
    return time.perf_counter()


def _repos_visible(table: RepoTable) -> bool:
    if len(table.shown) < REPOS:
        return False
    return table.shown[0].name in table.render_line(1).text


async def scenario() -> dict[str, float]:
    backend = BigDemo()
    app = make_app(backend, clock=lambda: CLOCK)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: bool(app.main_screen.query(RepoTable)))  # mounted after frame 1
        table = app.main_screen.query_one(RepoTable)
        done = await _until(pilot, lambda: "repos" in backend.arrived and _repos_visible(table))
        out["repos_visible_s"] = done - backend.arrived["repos"]
        table.focus()
        await pilot.press("slash")
        laps = []
        for ch in FILTER:
            started = time.perf_counter()
            await pilot.press(ch)
            await pilot.pause()
            laps.append(time.perf_counter() - started)
        await _until(pilot, lambda: table.filter_text == FILTER)
        assert table.shown and all(FILTER in r.name for r in table.shown), table.filter_text
        out["repo_key_p50_ms"] = 1000 * statistics.median(laps)
        out["repo_key_p95_ms"] = 1000 * sorted(laps)[max(0, round(0.95 * len(laps)) - 1)]
        await pilot.press("escape")
        await pilot.pause()
    out["peak_rss_repos_mb"] = _peak_rss_mb()
    await _tags(out)
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def _peak_rss_mb() -> float:
    """This process's own peak (VmHWM): ru_maxrss keeps the parent's peak across fork+exec,
    so under `python -m tests.bench` it reported the bench process, not this one."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TagsOnly(App[None]):
    """The tags screen's list alone: one row per image, as the screen shows it."""

    def compose(self) -> ComposeResult:
        yield ImageListView(lambda: CLOCK, id="tag-list")


async def _tags(out: dict[str, float]) -> None:
    rows = data.tags(data.HUGE_REPOSITORY, CLOCK)
    app = TagsOnly()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ImageListView)
        arrived = time.perf_counter()
        view.set_rows(rows)
        done = await _until(
            pilot, lambda: bool(view.rows) and view.rows[0].tag in view.render_line(1).text
        )
        out["tags_visible_s"] = done - arrived
        view.focus()
        started = time.perf_counter()
        await pilot.press("end")
        await pilot.pause()
        assert view.cursor == len(view.rows) - 1
        out["tags_scroll_end_ms"] = 1000 * (time.perf_counter() - started)
        laps = []
        text = ""
        for ch in "pr-12a":
            text += ch
            started = time.perf_counter()
            view.set_filter(text)
            await pilot.pause()
            laps.append(time.perf_counter() - started)
        out["tag_key_p50_ms"] = 1000 * statistics.median(laps)
        out["tag_key_p95_ms"] = 1000 * sorted(laps)[max(0, round(0.95 * len(laps)) - 1)]


if __name__ == "__main__":
    print(json.dumps(asyncio.run(scenario())))
