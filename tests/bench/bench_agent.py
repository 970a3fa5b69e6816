"""13. The credential helper's token agent, stand-ins at 20 ms a request (moto, the registry
front and the SSO portal): 30 parallel `docker-credential-ecr-tui get` for 3 registries (the
main account in 3 regions, through the SSO profile sso-dev, agent cold) — GetAuthorizationToken
calls (goal 3) and SSO requests in the busiest second (goal ≤ 20) counted at the stand-ins, all
30 answered; the same without the agent for reference; then the p95 of one `get` with the agent
warm vs `aws ecr get-login-password` (goal ≤ 0.2x)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx

from tests.bench.timing import Row, console_script, interleaved, limit_row, python_env
from tests.harness.world import World, fresh_env
from tests.integration.test_credential_helper_e2e import helper_env
from tests.integration.test_token_agent_e2e import PARALLEL, hosts, parallel_gets

LATENCY_MS = 20


def _portal_latency(world: World, ms: float) -> None:
    with httpx.Client(timeout=10, trust_env=False) as client:
        client.put(f"{world.sso_url}/_harness/latency", params={"ms": ms}).raise_for_status()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _burst(world: World, env: dict[str, str]) -> tuple[int, int, int, int]:
    """(answered, GetAuthorizationToken calls, GetRoleCredentials calls, busiest SSO second)."""
    start, before = len(world.audit_lines()), world.sso_counts()["per_second"]
    done = parallel_gets(env, hosts(world))
    answered = sum(
        1 for r in done if r.returncode == 0 and json.loads(r.stdout)["Secret"] == world.password
    )
    calls = Counter(world.audit_lines()[start:])
    after = world.sso_counts()["per_second"]
    busiest = max((n - before.get(s, 0) for s, n in after.items()), default=0)
    return answered, calls["ecr.GetAuthorizationToken"], calls["sso.GetRoleCredentials"], busiest


def _env(world: World, base: Path, *, agent: bool) -> dict[str, str]:
    env = helper_env(world, fresh_env(world, base / "client"), base, "sso-dev")
    lines = "".join(f'"{h}" = "sso-dev"\n' for h in hosts(world))
    Path(env["ECR_TUI_CONFIG"]).write_text(f"agent = {str(agent).lower()}\n[registries]\n{lines}")
    runtime = base / "run"
    runtime.mkdir(mode=0o700)
    env.update(python_env(env), XDG_RUNTIME_DIR=str(runtime), ECR_TUI_AGENT_IDLE_SECONDS="600")
    return env


def run(world: World, *, runs: int) -> list[Row]:
    world.set_latency(LATENCY_MS)
    _portal_latency(world, LATENCY_MS)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-agent-", dir="/tmp") as tmp:
            alone = _burst(world, _env(world, Path(tmp) / "alone", agent=False))
            env = _env(world, Path(tmp) / "agent", agent=True)
            try:
                answered, token_calls, role_calls, busiest = _burst(world, env)
                host = hosts(world)[0]
                samples = interleaved(
                    {"warm get": [str(Path(tmp) / "agent" / "bin" / "docker-credential-ecr-tui"),
                                  "get"],
                     "aws cli": [console_script("aws"), "ecr", "get-login-password"]},
                    env, runs=runs,
                    check={"warm get": lambda out: json.loads(out)["Secret"] == world.password,
                           "aws cli": lambda out: out.strip() == world.password},
                    stdin={"warm get": host + "\n"},
                )
            finally:
                subprocess.run([sys.executable, "-m", "ecr_tui", "agent", "stop"], env=env,
                               capture_output=True, timeout=60)
    finally:
        world.set_latency(0)
        _portal_latency(world, 0)
    ours, peer = _p95(samples["warm get"]), _p95(samples["aws cli"])
    no_agent = f"without the agent: {alone[1]}"
    return [
        limit_row(f"agent: {PARALLEL} parallel gets, 3 registries, {LATENCY_MS} ms: "
                  "GetAuthorizationToken calls", token_calls, 3, "calls",
                  note=f"{no_agent}; GetRoleCredentials {role_calls} (without: {alone[2]})"),
        limit_row("agent: SSO requests in the busiest second", busiest, 20, "req/s",
                  note=f"without the agent: {alone[3]} (the shared limiter's 15/s as sent)"),
        limit_row(f"agent: gets not answered, of {PARALLEL}", PARALLEL - answered, 0, "gets",
                  note=f"without the agent: {PARALLEL - alone[0]}"),
        Row(f"agent: p95 of one get, agent warm ({runs} runs)", ours, {"aws cli p95": peer},
            {"aws cli p95": ours / peer}, {"aws cli p95": 0.2},
            samples={k: list(v) for k, v in samples.items()}),
    ]
