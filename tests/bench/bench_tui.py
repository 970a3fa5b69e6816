"""4. In-TUI on the demo backend: 10,000 repositories and 100,000 tags (a subprocess, for RSS),
and the filter keystroke end to end in tmux, beside a minimal Textual filter app."""

from __future__ import annotations

import json
import shutil
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


TMUX_GOALS = (
    ("repo filter key p95, tmux (10k)", "repo_key_p95_ms", 50.0, "ms"),
    ("tag filter key p95, tmux (100k)", "tag_key_p95_ms", 50.0, "ms"),
)
"""Key sent with tmux send-keys → capture-pane shows the new count (tui_keys_tmux)."""


def _scenario(module: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", module], cwd=REPO_ROOT,
        env=python_env(__import__("os").environ), capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(_world: object, *, runs: int) -> list[Row]:
    results = [_scenario("tests.bench.tui_scenario") for _ in range(runs)]
    rows = [
        limit_row(f"tui: {label}", statistics.median(r[key] for r in results), limit, unit)
        for label, key, limit, unit in GOALS
    ]
    if shutil.which("tmux") is None:
        return rows
    keys = []
    for _ in range(max(runs, 3)):
        try:
            keys.append(_scenario("tests.bench.tui_keys_tmux"))
        except subprocess.CalledProcessError as exc:  # a screen that never showed: say so
            print(f"tui_keys_tmux failed: {exc.stderr.strip()[-300:]}", file=sys.stderr)
    if not keys:
        return rows
    peer = statistics.median(r["peer_key_p95_ms"] for r in keys)
    note = f"minimal Textual filter app p95 {peer:.1f} ms; {len(keys)} runs"
    return rows + [
        limit_row(f"tui: {label}", statistics.median(r[key] for r in keys), limit, unit, note)
        for label, key, limit, unit in TMUX_GOALS
    ]
