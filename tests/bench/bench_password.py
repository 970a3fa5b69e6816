"""1. `ecr-tui password` vs `aws ecr get-login-password` vs a bare boto3 script (the floor)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness.world import World

HERE = Path(__file__).resolve().parent


def run(world: World, *, runs: int) -> list[Row]:
    env = python_env(world.env)
    commands = {
        "ecr-tui": [console_script("ecr-tui"), "password"],
        "aws cli": [console_script("aws"), "ecr", "get-login-password"],
        "floor": [sys.executable, str(HERE / "floor_password.py")],
    }
    password_ok = {name: (lambda out: out.strip() == world.password) for name in commands}
    samples = interleaved(commands, env, runs=runs, check=password_ok)
    return [ratio_row("password", samples, "ecr-tui", {"floor": 0.85, "aws cli": 0.65})]
