"""Whole-process timings, peers interleaved run by run, medians, and the result rows."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def console_script(name: str) -> str:
    """The real entry point next to this interpreter (a pyenv shim would add ~50 ms of bash)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


@dataclass
class Row:
    benchmark: str
    ours: float
    peers: dict[str, float]
    ratios: dict[str, float]  # ours / peer, for the peers that have a goal
    goals: dict[str, float]  # peer -> highest allowed ratio (absolute goals use "limit")
    unit: str = "s"
    note: str = ""
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        return all(self.ratios[name] <= bound for name, bound in self.goals.items())

    def goal_text(self) -> str:
        return ", ".join(
            f"≤ {bound:g} {self.unit}" if name == "limit" else f"≤ {bound:.2f}x {name}"
            for name, bound in self.goals.items()
        )


def ratio_row(
    benchmark: str, samples: Mapping[str, list[float]], ours: str, goals: Mapping[str, float],
    note: str = "",
) -> Row:
    medians = {name: statistics.median(values) for name, values in samples.items()}
    peers = {name: value for name, value in medians.items() if name != ours}
    return Row(
        benchmark, medians[ours], peers,
        {name: medians[ours] / medians[name] for name in goals},
        dict(goals), note=note, samples={k: list(v) for k, v in samples.items()},
    )


def limit_row(benchmark: str, value: float, limit: float, unit: str, note: str = "") -> Row:
    return Row(benchmark, value, {}, {"limit": value}, {"limit": limit}, unit=unit, note=note)


def run_once(
    argv: Sequence[str], env: Mapping[str, str], *, check: Callable[[str], bool],
    stdin: str | None = None,
) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        list(argv), env=dict(env), cwd="/", capture_output=True, text=True, timeout=600,
        **({"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}),
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not check(done.stdout):
        raise RuntimeError(
            f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()[-400:]}"
            f" / stdout {done.stdout[:200]!r}"
        )
    return elapsed


def interleaved(
    commands: Mapping[str, Sequence[str]], env: Mapping[str, str], *, runs: int, warmup: int = 1,
    check: Mapping[str, Callable[[str], bool]] | None = None,
    stdin: Mapping[str, str] | None = None,
) -> dict[str, list[float]]:
    """Each round runs every command once, in a rotated order; warm-up rounds are dropped."""
    names = list(commands)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(warmup + runs):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            ok = (check or {}).get(name, lambda _out: True)
            elapsed = run_once(commands[name], env, check=ok, stdin=(stdin or {}).get(name))
            if round_no >= warmup:
                samples[name].append(elapsed)
    return samples


def python_env(env: Mapping[str, str]) -> dict[str, str]:
    """The world's env plus PYTHONPATH for this checkout (bench helper scripts)."""
    out = dict(env)
    out["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    return out
