"""2. `ecr-tui tags REPO --json` vs the skopeo pipeline users run today vs the floor
(boto3 token + httpx tags/list pages), at 0 and 80 ms of latency on every request."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness.world import World

HERE = Path(__file__).resolve().parent
LATENCIES = (0.0, 80.0)
REPOS = ("bench/tags-5k", "bench/tags-50k")


def _full_rows(count: int):  # noqa: ANN202 - a checker
    def check(out: str) -> bool:
        rows = json.loads(out)
        return len(rows) == count and all(r["digest"] and r["pushed_at"] for r in rows)

    return check


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    rows = []
    for latency in LATENCIES:
        world.set_latency(latency)
        try:
            for repo, count in world.tag_repos.items():
                if repo not in REPOS:
                    continue  # 2.3k: measured against the two-loop floor in bench_tags_detail
                aws, skopeo = shlex.quote(console_script("aws")), "skopeo"
                pipeline = (
                    f'{skopeo} list-tags --tls-verify=false --creds "AWS:$({aws} ecr '
                    f'get-login-password)" docker://{world.registry_host}/{repo}'
                )
                commands = {
                    "ecr-tui": [console_script("ecr-tui"), "tags", repo, "--json"],
                    "skopeo pipeline": ["bash", "-c", pipeline],
                    "floor": [sys.executable, str(HERE / "floor_tags.py"), repo],
                }
                checks = {
                    "ecr-tui": _full_rows(count),
                    "skopeo pipeline": lambda out, n=count: len(json.loads(out)["Tags"]) == n,
                    "floor": lambda out, n=count: out.strip() == str(n),
                }
                samples = interleaved(commands, env, runs=runs, check=checks)
                rows.append(ratio_row(
                    f"tags {count // 1000}k, {latency:g} ms", samples, "ecr-tui",
                    {"skopeo pipeline": 0.9, "floor": 1.15},
                ))
        finally:
            world.set_latency(0)
    return rows
