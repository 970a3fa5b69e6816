"""5. The TUI's tags on the harness world, 40 ms a request: the real app in tmux, the repository
opened with Enter, the time until its first screen of tags shows with digests (capture-pane in
a loop), vs `ecr-tui tags REPO --json`, the CLI's whole listing of the same repository, run by
run in the same session. Also the time to the first tag row (names only)."""

from __future__ import annotations

import re
import statistics
import time

from tests.bench.bench_tags_detail import _ours_complete
from tests.bench.timing import Row, console_script, python_env, ratio_row, run_once
from tests.bench.tui_keys_tmux import Tmux
from tests.harness.world import World

LATENCY_MS = 40.0
REPOS = ("bench/tags-2k", "bench/tags-5k", "bench/tags-50k")
SCREEN_ROWS = 10
"""Tag rows with a digest on screen: the first screen of the list is in."""
_ROW = re.compile(r"│ (build-\d{6}|v\d+\.\d+\.0)\s+([0-9a-f]{12})?")


def _rows(screen: str) -> tuple[int, int]:
    """(tag rows shown, of them with a digest) on the tags screen."""
    found = [m for m in (_ROW.search(line) for line in screen.splitlines()) if m]
    return len(found), sum(1 for m in found if m.group(2))


def _open(repo: str, env: dict[str, str]) -> tuple[float, float]:
    """(first tag row, first screen with digests) after Enter on `repo`, in seconds."""
    tmux = Tmux([console_script("ecr-tui")], env)
    try:
        tmux.wait(lambda s: repo in s and "Tokens 1" in s)  # repositories and token are in
        tmux.run("send-keys", "/")
        tmux.wait(lambda s: "filter…" in s)
        tmux.run("send-keys", "-l", repo)
        tmux.wait(lambda s: f"filter: {repo}" in s and "Repositories 1/" in s)
        tmux.run("send-keys", "Enter")
        tmux.wait(lambda s: "y Copy URI" in s)  # the list's keys are back: the filter is left
        started = time.perf_counter()
        tmux.run("send-keys", "Enter")
        first = tmux.wait(lambda s: _rows(s)[0] > 0) - started
        full = tmux.wait(lambda s: _rows(s)[1] >= SCREEN_ROWS) - started
        return first, full
    finally:
        tmux.close()


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    env.setdefault("TERM", "xterm-256color")
    rows = []
    world.set_latency(LATENCY_MS)
    try:
        for repo, count in world.tag_repos.items():
            if repo not in REPOS:
                continue
            samples: dict[str, list[float]] = {"tui": [], "first row": [], "cli listing": []}
            cli = [console_script("ecr-tui"), "tags", repo, "--json"]
            for round_no in range(runs + 1):  # the first round warms up
                first, full = _open(repo, env)
                listing = run_once(cli, env, check=_ours_complete(count))
                if round_no:
                    samples["tui"].append(full)
                    samples["first row"].append(first)
                    samples["cli listing"].append(listing)
            first_row = statistics.median(samples.pop("first row"))
            rows.append(ratio_row(
                f"tui: tags {count / 1000:.1f}k visible, {LATENCY_MS:g} ms, tmux", samples, "tui",
                {"cli listing": 0.4},
                note=f"first {SCREEN_ROWS} rows with digests; first row {first_row:.3f} s",
            ))
    finally:
        world.set_latency(0)
    return rows

