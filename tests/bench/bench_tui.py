"""4. In-TUI on the demo backend: 10,000 repositories and 100,000 tags (a subprocess, for RSS)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

from tests.bench.timing import REPO_ROOT, Row, limit_row, python_env

GOALS = (
    ("repos visible (10k)", "repos_visible_s", 0.3, "s"),
    ("repo filter key p95", "repo_key_p95_ms", 50.0, "ms"),
    ("tags visible (100k)", "tags_visible_s", 0.3, "s"),
    ("tag filter key p95", "tag_key_p95_ms", 50.0, "ms"),
    ("tags scroll to end", "tags_scroll_end_ms", 300.0, "ms"),
    ("peak RSS (100k tags)", "peak_rss_mb", 250.0, "MB"),
)


def run(_world: object, *, runs: int) -> list[Row]:
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.tui_scenario"], cwd=REPO_ROOT,
            env=python_env(__import__("os").environ), capture_output=True, text=True, check=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return [
        limit_row(f"tui: {label}", statistics.median(r[key] for r in results), limit, unit)
        for label, key, limit, unit in GOALS
    ]
