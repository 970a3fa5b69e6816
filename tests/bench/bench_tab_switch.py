"""6. Detail tab switch, end to end: the real program in tmux on the demo backend, from the
key sent to the tab's content on screen (platform/api's newest image: 2,400 findings)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

from tests.bench.timing import REPO_ROOT, Row, console_script, limit_row

LIMIT_MS = 50.0
TABS = (("2", "CREATED BY"), ("3", "Env names"), ("4", "ARTIFACT TYPE"), ("5", "showing"),
        ("1", "Media type"))


class Pane:
    def __init__(self, env: dict[str, str], program: str = "") -> None:
        self.socket = f"ecr-tui-bench-{uuid.uuid4().hex[:8]}"
        command = f"{program or console_script('ecr-tui') + ' --demo'}; sleep 30"
        self.tmux("new-session", "-d", "-x", "140", "-y", "45", "bash", "-c", command, env=env)

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=True, env=env).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.tmux("capture-pane", "-p"):
                return time.perf_counter()
        raise RuntimeError(f"{text!r} never appeared:\n{self.tmux('capture-pane', '-p')}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _detail_shows(pane: Pane, text: str) -> float:
    """Wait until `text` is in the lower half of the screen (the detail pane)."""
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        screen = pane.tmux("capture-pane", "-p").splitlines()
        if any(text in line for line in screen[len(screen) // 2:]):
            return time.perf_counter()
    raise RuntimeError(f"{text!r} never appeared in the detail pane")


def _env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "TMUX"))}
    env.update(HOME=home, XDG_STATE_HOME=home, XDG_CONFIG_HOME=home, TERM="xterm-256color",
               PYTHONPATH=str(REPO_ROOT))
    return env


def _switch(pane: Pane, rounds: int, per_key: dict[str, list[float]] | None) -> list[float]:
    samples = []
    for _ in range(rounds):
        for key, marker in TABS:
            sent = time.perf_counter()
            pane.tmux("send-keys", key)
            samples.append((_detail_shows(pane, marker) - sent) * 1000)
            if per_key is not None:
                per_key.setdefault(key, []).append(samples[-1])
    return samples


def measure_minimal(rounds: int) -> list[float]:
    """The same keys and markers on a bare Textual app with five static tabs."""
    with tempfile.TemporaryDirectory(prefix="ecr-tui-tabs-") as home:
        pane = Pane(_env(home), f"{sys.executable} -m tests.bench.minimal_tabs")
        try:
            pane.wait_for("Tab 5")
            for key, marker in TABS:
                pane.tmux("send-keys", key)
                _detail_shows(pane, marker)
            return _switch(pane, rounds, None)
        finally:
            pane.close()


def measure(rounds: int, per_key: dict[str, list[float]] | None = None) -> list[float]:
    if shutil.which("tmux") is None:
        raise RuntimeError("tmux is not installed")
    with tempfile.TemporaryDirectory(prefix="ecr-tui-tabs-") as home:
        pane = Pane(_env(home))
        try:
            pane.wait_for("Repositories")
            pane.wait_for("Tokens")
            pane.tmux("send-keys", "/")
            pane.wait_for("filter…")
            pane.tmux("send-keys", *"platform/api")
            pane.wait_for("platform/api ")
            pane.tmux("send-keys", "Enter")
            time.sleep(0.5)  # the filter hands focus to the table first
            pane.tmux("send-keys", "Enter")
            pane.wait_for("Images 3499")
            for key, marker in TABS:  # first visits fetch; the timed rounds switch
                pane.tmux("send-keys", key)
                _detail_shows(pane, marker)
            return _switch(pane, rounds, per_key)
        finally:
            pane.close()


def run(_world: object, *, runs: int) -> list[Row]:
    rounds = max(4, runs * 4)
    samples, floor = measure(rounds), measure_minimal(rounds)
    p95 = statistics.quantiles(samples, n=20)[-1]
    floor_p95 = statistics.quantiles(floor, n=20)[-1]
    note = (f"{len(samples)} switches, median {statistics.median(samples):.1f} ms; a bare "
            f"5-tab Textual app, same keys: p95 {floor_p95:.1f} ms, "
            f"median {statistics.median(floor):.1f} ms")
    return [limit_row("tui: detail tab switch p95", p95, LIMIT_MS, "ms", note)]
