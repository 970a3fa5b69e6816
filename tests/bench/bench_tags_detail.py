"""3. `ecr-tui tags REPO --json` (names and details) vs the naive two-loop floor
(tags/list pages and DescribeImages pages side by side, PageSize 1000), 40 ms a request."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness.world import World

HERE = Path(__file__).resolve().parent
REPOS = ("bench/tags-2k",)
LATENCY_MS = 40.0


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    rows = []
    world.set_latency(LATENCY_MS)
    try:
        for repo, count in world.tag_repos.items():
            if repo not in REPOS and count > 5000:
                continue
            commands = {
                "ecr-tui": [console_script("ecr-tui"), "tags", repo, "--json"],
                "two-loop floor": [sys.executable, str(HERE / "floor_tags_two_loop.py"), repo],
            }
            checks = {
                "ecr-tui": lambda out, n=count: len(rows_ := json.loads(out)) == n
                and all(r["digest"] and r["pushed_at"] for r in rows_),
                "two-loop floor": lambda out, n=count: out.strip() == str(n),
            }
            samples = interleaved(commands, env, runs=runs, check=checks)
            label = f"tags {count / 1000:.1f}k, {LATENCY_MS:g} ms, details"
            rows.append(ratio_row(label, samples, "ecr-tui", {"two-loop floor": 0.8}))
    finally:
        world.set_latency(0)
    return rows
