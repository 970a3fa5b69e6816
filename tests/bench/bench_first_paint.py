"""3. First paint in tmux: spawn until the profile list is on screen (capture-pane every 10 ms),
for `ecr-tui --demo`, `ecr-tui` on the harness world, and a minimal Textual app."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.bench.timing import Row, console_script, python_env, ratio_row
from tests.harness.world import World

HERE = Path(__file__).resolve().parent
POLL = 0.01
GOAL = 1.10
_ids = itertools.count()


def first_paint(argv: Sequence[str], marker: str, env: Mapping[str, str]) -> float:
    socket = f"ecr-tui-bench-{os.getpid()}-{next(_ids)}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    command = " ".join(f"'{a}'" for a in argv)
    started = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "120", "-y", "35", command], env=dict(env), check=True
    )
    try:
        while time.perf_counter() - started < 30:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if marker in screen:
                return time.perf_counter() - started
            time.sleep(POLL)
        raise RuntimeError(f"{argv[0]}: {marker!r} never appeared:\n{screen}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def settled_in(home: Path, favourites: int = 200, login_sets: int = 20) -> dict[str, str]:
    """A config.toml with `login_sets` sets and a remembered.json with `favourites` favourites
    (and a full list of recents): a user who has lived in the app for months."""
    from ecr_tui.core.store.memory import Favourite, MemoryStore, Recent, Remembered
    from ecr_tui.core.store.settings import ProfileRegion, save_login_set

    env = {"XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CACHE_HOME": str(home / "cache"), "HOME": str(home)}
    for n in range(login_sets):
        pairs = [ProfileRegion(p, r) for p in ("default", "prod-admin", "dev-sso")
                 for r in ("us-east-1", "eu-west-1")]
        save_login_set(f"set-{n}", pairs, env)
    store = MemoryStore(Remembered(
        theme="nord",
        favourites=tuple(Favourite("111122223333", "us-east-1", f"team-{n}/api", "default")
                         for n in range(favourites)),
        recents=tuple(Recent("default", "us-east-1", f"team-{n}/api") for n in range(20)),
    ), persist=True, environ=env)
    store.add_recent(Recent("default", "us-east-1", "platform/api"))
    return env


def run(world: World | None, *, runs: int) -> list[Row]:
    env = python_env(world.env if world else os.environ)
    env.setdefault("TERM", "xterm-256color")
    settled_home = Path(tempfile.mkdtemp(prefix="ecr-tui-bench-settled-"))
    settled = {**env, **settled_in(settled_home)}
    cases: dict[str, tuple[list[str], str, Mapping[str, str]]] = {
        "ecr-tui --demo": ([console_script("ecr-tui"), "--demo"], "prod-admin", env),
        "minimal Textual": (
            [sys.executable, str(HERE / "minimal_app.py")], "profiles: default", env
        ),
        "ecr-tui --demo (settled)": ([console_script("ecr-tui"), "--demo"], "prod-admin", settled),
    }
    if world is not None:
        cases["ecr-tui (world)"] = ([console_script("ecr-tui")], "static-eu", env)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for round_no in range(runs + 1):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed = first_paint(*cases[name])
            if round_no:
                samples[name].append(elapsed)
    rows = [ratio_row(
        "first paint, demo",
        {k: samples[k] for k in ("ecr-tui --demo", "minimal Textual")},
        "ecr-tui --demo", {"minimal Textual": GOAL},
    ), ratio_row(
        "first paint, demo, 200 favourites + 20 login sets",
        {k: samples[k] for k in ("ecr-tui --demo (settled)", "minimal Textual")},
        "ecr-tui --demo (settled)", {"minimal Textual": GOAL},
    )]
    if world is not None:
        rows.append(ratio_row(
            "first paint, world",
            {k: samples[k] for k in ("ecr-tui (world)", "minimal Textual")},
            "ecr-tui (world)", {"minimal Textual": GOAL},
        ))
    shutil.rmtree(settled_home, ignore_errors=True)
    return rows
