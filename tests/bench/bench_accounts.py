"""5. Many accounts: token + repository count for 30 profiles x 4 regions at 80 ms latency,
through the fleet runner (ecr_tui.core.fleet.runner), vs the slowest single (profile, region)
measured alone."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

from tests.bench.timing import REPO_ROOT, Row, python_env
from tests.harness.world import World

LATENCY_MS = 80.0


def _probe(pairs: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.accounts_probe", *pairs], cwd=REPO_ROOT, env=env,
        capture_output=True, text=True, check=True,
    )
    result = json.loads(done.stdout)
    if result["errors"]:
        raise RuntimeError(f"survey errors: {result['errors']}")
    return result


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    pairs = [f"{p}:{r}" for p in world.bench_profiles for r in world.bench_regions]
    world.set_latency(LATENCY_MS)
    try:
        totals, slowest, max_rate = [], [], 0
        for _ in range(runs):
            result = _probe(pairs, env)
            totals.append(result["seconds"])
            max_rate = max(max_rate, result["token_calls_per_credential_max"])
            singles = [_probe([pair], env)["seconds"] for pair in pairs[:: max(1, len(pairs) // 8)]]
            slowest.append(max(singles))
    finally:
        world.set_latency(0)
    total, single = statistics.median(totals), statistics.median(slowest)
    return [Row(
        f"{len(pairs)} pairs, {LATENCY_MS:g} ms", total, {"slowest single pair": single},
        {"slowest single pair": total / single}, {"slowest single pair": 2.0},
        note=f"max {max_rate} token calls/s per credential (limit 15)",
        samples={"ours": totals, "slowest single pair": slowest},
    )]
