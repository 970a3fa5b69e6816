"""3. `ecr-tui tags REPO --json` (names and details) vs the naive two-loop floor (tags/list
pages and DescribeImages pages side by side, PageSize 1000) at 0 and 40 ms a request, for
2.3k, 5k and 50k tags; at 40 ms also vs `aws ecr describe-images --repository-name REPO`,
what users run for the same details (the CLI pages at ECR's default, 100 images a call), and,
without a goal, the same with `--page-size 1000` (the pages ours and the floor read)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness.world import World

HERE = Path(__file__).resolve().parent
REPOS = ("bench/tags-2k", "bench/tags-5k", "bench/tags-50k")
LATENCIES = (40.0, 0.0)
AWS_CLI_LATENCY = 40.0


def _ours_complete(count: int):  # noqa: ANN202 - a checker
    def check(out: str) -> bool:
        rows = json.loads(out)
        return len(rows) == count and all(r["digest"] and r["pushed_at"] for r in rows)

    return check


def _aws_complete(count: int):  # noqa: ANN202 - a checker
    def check(out: str) -> bool:
        images = json.loads(out)["imageDetails"]
        return sum(len(i.get("imageTags", ())) for i in images) == count

    return check


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    rows = []
    try:
        for latency in LATENCIES:
            world.set_latency(latency)
            for repo, count in world.tag_repos.items():
                if repo not in REPOS:
                    continue
                commands = {
                    "ecr-tui": [console_script("ecr-tui"), "tags", repo, "--json"],
                    "two-loop floor": [
                        sys.executable, str(HERE / "floor_tags_two_loop.py"), repo
                    ],
                }
                checks = {
                    "ecr-tui": _ours_complete(count),
                    "two-loop floor": lambda out, n=count: out.strip() == str(n),
                }
                goals = {"two-loop floor": 0.8}
                if latency == AWS_CLI_LATENCY:
                    aws = [console_script("aws"), "ecr", "describe-images", "--repository-name",
                           repo, "--output", "json"]
                    commands["aws ecr describe-images"] = aws
                    commands["aws … --page-size 1000"] = [*aws, "--page-size", "1000"]
                    checks["aws ecr describe-images"] = _aws_complete(count)
                    checks["aws … --page-size 1000"] = _aws_complete(count)
                    goals["aws ecr describe-images"] = 0.5
                samples = interleaved(commands, env, runs=runs, check=checks)
                label = f"tags {count / 1000:.1f}k, {latency:g} ms, details"
                rows.append(ratio_row(label, samples, "ecr-tui", goals))
    finally:
        world.set_latency(0)
    return rows
