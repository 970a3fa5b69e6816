"""6. `docker-credential-ecr-tui get` (whole process, as docker runs it) vs `aws ecr
get-login-password` and the bare boto3 floor; and how many GetAuthorizationToken calls 20
parallel `get`s make (counted from moto's audit file)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.bench.timing import Row, console_script, interleaved, limit_row, python_env, ratio_row
from tests.harness.world import World

HERE = Path(__file__).resolve().parent
PARALLEL = 20


def helper_env(world: World, base: Path) -> tuple[dict[str, str], str, str]:
    """(env, helper command, registry host): the helper as pip installs it (a python script
    that imports its main), the host routed to `default` by config.toml."""
    from tests.integration.test_credential_helper_e2e import write_shim

    env = python_env(world.env)
    write_shim(base / "bin")
    host = f"{world.account_id}.dkr.ecr.{world.region}.amazonaws.com"
    config = base / "config.toml"
    config.write_text(f'[registries]\n"{host}" = "default"\n')
    env["ECR_TUI_CONFIG"] = str(config)
    return env, str(base / "bin" / "docker-credential-ecr-tui"), host


def parallel_gets(world: World, env: dict[str, str], helper: str, host: str) -> int:
    start = len(world.audit_lines())
    procs = [
        subprocess.Popen([helper, "get"], env=env, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(PARALLEL)
    ]
    for proc in procs:
        out, err = proc.communicate(host + "\n", timeout=300)
        if proc.returncode != 0 or json.loads(out)["Secret"] != world.password:
            raise RuntimeError(f"helper failed: {err.strip()[-300:]}")
    return world.audit_lines()[start:].count("ecr.GetAuthorizationToken")


def run(world: World, *, runs: int) -> list[Row]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ecr-tui-bench-helper-") as tmp:
        env, helper, host = helper_env(world, Path(tmp))
        commands = {
            "helper get": [helper, "get"],
            "aws cli": [console_script("aws"), "ecr", "get-login-password"],
            "floor": [sys.executable, str(HERE / "floor_password.py")],
        }
        checks = {
            "helper get": lambda out: json.loads(out)["Secret"] == world.password,
            "aws cli": lambda out: out.strip() == world.password,
            "floor": lambda out: out.strip() == world.password,
        }
        samples = interleaved(commands, env, runs=runs, check=checks,
                              stdin={"helper get": host + "\n"})
        calls = parallel_gets(world, env, helper, host)
    return [
        ratio_row("credential helper get", samples, "helper get",
                  {"aws cli": 0.75, "floor": 1.25}),
        limit_row(f"{PARALLEL} parallel gets: GetAuthorizationToken calls", calls, PARALLEL,
                  "calls", note="the agent (on by default) holds the token between processes"),
    ]
