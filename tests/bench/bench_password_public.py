"""`ecr-tui password --public` vs `aws ecr-public get-login-password --region us-east-1`
(the profile's region is eu-west-1: ours asks us-east-1 by itself), against the ECR Public
stand-in of tests/harness/public_world.py on loopback (no added latency: a bare
ThreadingHTTPServer answering from memory, ~1 ms a call)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness.public_world import running_public_world


def run(_world: Any, *, runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="ecr-tui-bench-public-") as base:
        with running_public_world(Path(base)) as world:
            env = python_env(world.env)
            commands = {
                "ecr-tui": [console_script("ecr-tui"), "password", "--public"],
                "aws cli": [console_script("aws"), "ecr-public", "get-login-password",
                            "--region", "us-east-1"],
            }
            ok = {name: (lambda out: out.strip() == world.password) for name in commands}
            samples = interleaved(commands, env, runs=runs, check=ok)
    return [ratio_row("password --public", samples, "ecr-tui", {"aws cli": 0.75})]
