"""The filter keystroke end to end, as a user feels it: the real app in tmux, a key sent with
`tmux send-keys`, the screen read with `capture-pane` until it shows the new filter's result
(the list's count for that filter). 10,000 repositories, then 100,000 tags.

Usage: python -m tests.bench.tui_keys_tmux (prints JSON: p50/p95 per list, in ms).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping

from ecr_tui.core.images.groups import group_images
from tests.bench.timing import REPO_ROOT, python_env
from tests.bench.tui_scenario import BigDemo

WIDTH, HEIGHT = 160, 45
REPO_TEXTS = ("s", "sv", "svc", "svc-", "svc-0", "svc-01")
TAG_TEXTS = ("p", "pr", "pr-", "pr-1", "pr-12", "pr-12a")
ROUNDS = 4


class Tmux:
    def __init__(self, argv: list[str], env: Mapping[str, str]) -> None:
        self.socket = f"ecr-tui-keys-{uuid.uuid4().hex[:8]}"
        command = " ".join(f"'{a}'" for a in argv)
        self.run("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), command, env=env)

    def run(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
            text=True, check=True, env=dict(env) if env else None,
        ).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait(self, shown: Callable[[str], bool], timeout: float = 60.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if shown(self.screen()):
                return time.perf_counter()
        raise TimeoutError(f"never shown; screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _steps(texts: tuple[str, ...]) -> list[tuple[str, str]]:
    """(key, filter after it): type the filter, then erase it, ROUNDS times."""
    steps = []
    for _ in range(ROUNDS):
        steps += [(text[-1], text) for text in texts]
        steps += [("BSpace", text) for text in reversed(texts[:-1])]
        steps.append(("BSpace", ""))
    return steps


def _laps(tmux: Tmux, steps: list[tuple[str, str]], title: Callable[[str], str]) -> list[float]:
    laps = []
    for key, text in steps:
        marker = title(text)
        started = time.perf_counter()
        tmux.run("send-keys", key)
        laps.append(tmux.wait(lambda screen, m=marker: m in screen) - started)
    return laps


def _p(laps: list[float], q: float) -> float:
    return 1000 * sorted(laps)[max(0, round(q * len(laps)) - 1)]


def measure() -> dict[str, float]:
    backend = BigDemo()
    repos = [r.name.lower() for r in backend.repositories("default", "us-east-1")]
    huge = backend.tags("default", "us-east-1", "bench/huge")
    env = python_env(os.environ)
    env.setdefault("TERM", "xterm-256color")
    tmux = Tmux([sys.executable, "-m", "tests.bench.tui_big_app"], {**env, "PWD": str(REPO_ROOT)})
    out: dict[str, float] = {}
    try:
        total = len(repos)
        tmux.wait(lambda s: f"Repositories {total}/{total}" in s)

        def repo_title(text: str) -> str:
            count = sum(1 for name in repos if text in name) if text else total
            return f"Repositories {count}/{total}"

        tmux.run("send-keys", "/")
        tmux.wait(lambda s: "filter…" in s)
        laps = _laps(tmux, _steps(REPO_TEXTS), repo_title)
        out["repo_key_p50_ms"], out["repo_key_p95_ms"] = _p(laps, 0.5), _p(laps, 0.95)
        # Open the huge repository: filter to it, keep the filter, enter.
        for ch in "bench/huge":
            tmux.run("send-keys", ch)
        tmux.wait(lambda s: "filter: bench/huge" in s)
        tmux.run("send-keys", "Enter")
        tmux.wait(lambda s: "filter: bench/huge" in s and "filter…" not in s)
        tmux.run("send-keys", "Enter")
        # The tags screen lists one row per image (all its tags): count what it shows.
        images = [" ".join(g.tags).lower() + " " + g.digest for g in group_images(huge, [], {})]
        total_images = len(images)
        tmux.wait(lambda s: f"Images {total_images}/{total_images}" in s)

        def tag_title(text: str) -> str:
            count = sum(1 for hay in images if text in hay) if text else total_images
            return f"Images {count}/{total_images}"

        tmux.run("send-keys", "/")
        tmux.wait(lambda s: "filter…" in s)
        laps = _laps(tmux, _steps(TAG_TEXTS), tag_title)
        out["tag_key_p50_ms"], out["tag_key_p95_ms"] = _p(laps, 0.5), _p(laps, 0.95)
        out["keys_measured"] = float(len(laps))
    finally:
        tmux.close()
    return out


def measure_peer() -> dict[str, float]:
    """The same keystrokes in minimal_filter_app: what any Textual app pays for a key."""
    from tests.bench.minimal_filter_app import NAMES

    env = python_env(os.environ)
    env.setdefault("TERM", "xterm-256color")
    tmux = Tmux([sys.executable, "-m", "tests.bench.minimal_filter_app"], env)
    try:
        tmux.wait(lambda s: f"Items {len(NAMES)}/" in s)

        def title(text: str) -> str:
            return f"Items {sum(1 for name in NAMES if text in name)}/{len(NAMES)}"

        laps = _laps(tmux, _steps(REPO_TEXTS), title)
    finally:
        tmux.close()
    return {"peer_key_p50_ms": _p(laps, 0.5), "peer_key_p95_ms": _p(laps, 0.95)}


if __name__ == "__main__":
    print(json.dumps({**measure(), **measure_peer()}))
