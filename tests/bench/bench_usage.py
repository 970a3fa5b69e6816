"""9. In use where: the usage scan of the many-account world — 40 SSO accounts x 3 regions (120
pairs), 308 workloads (tests/harness/workload_world.py: per pair an ECS service with a task and
an image Lambda function, every other pair a standalone task, plus the issue's cases) — every
row, through ecr_tui.core.usage.scan (tests/bench/usage_probe.py), vs a bare boto3 script making
the same calls with a 32-thread pool, one pair a task (tests/bench/floor_usage.py). Goals: all
rows <= 0.7x the bare script; first row <= 1 s; peak RSS reported.

How the stand-in charges a call: 40 ms of sleep in every request of moto (ECS, Lambda, ECR,
STS) and of the SSO portal (`running_world(latency_ms=40)`); moto's own CPU per call is what it
is (~2-5 ms through its dispatch, served on the same 2 cores). Both probes are handed a warm
account cache (one unmeasured `ecr-tui profiles` first) and pay the same role credentials
(GetRoleCredentials, ours at the SSO limiter's 15/s). One pair (account 2, eu-west-1) answers
AccessDenied to ECS in both."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.timing import REPO_ROOT, Row, python_env
from tests.harness.sso_world import SSO_REGIONS
from tests.harness.workload_world import REPO, UsageWorld
from tests.harness.world import fresh_env, running_world

LATENCY_MS = 40.0
ACCOUNTS = 40
GOAL = 0.7


def _probe(module: str, args: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, check=True, timeout=900)
    return json.loads(done.stdout)


def measure(runs: int) -> tuple[dict[str, list[dict]], int]:
    regions = ",".join(SSO_REGIONS)
    with tempfile.TemporaryDirectory(prefix="ecr-tui-usage-") as base:
        with running_world(Path(base), sso_accounts=ACCOUNTS, latency_ms=LATENCY_MS) as world:
            truth = UsageWorld(world.sso_accounts)
            env = python_env(fresh_env(world, Path(base) / "client"))
            ids = Path(base) / "accounts.txt"
            ids.write_text("\n".join(a.account_id for a in world.sso_accounts))
            subprocess.run([sys.executable, "-m", "ecr_tui", "profiles"], env=env, check=True,
                           capture_output=True, timeout=600)
            samples: dict[str, list[dict]] = {"ours": [], "bare": []}
            probes = {"ours": ("tests.bench.usage_probe", [truth.owner.account_id, REPO,
                                                           regions]),
                      "bare": ("tests.bench.floor_usage", [str(ids), REPO, regions])}
            for i in range(runs):
                for name in (["ours", "bare"] if i % 2 == 0 else ["bare", "ours"]):
                    samples[name].append(_probe(*probes[name], env))
            return samples, truth.workload_count()


def run(_world: object, *, runs: int) -> list[Row]:
    s, workloads = measure(runs)
    med = {k: {f: statistics.median(x[f] for x in s[k]) for f in ("first", "all", "rss_mb")}
           for k in s}
    label = f"usage {ACCOUNTS}x3, {workloads} workloads, {LATENCY_MS:g} ms"
    note = (f"first row {med['ours']['first']:.2f} s (bare {med['bare']['first']:.2f} s); "
            f"RSS {med['ours']['rss_mb']:.0f} MB (bare {med['bare']['rss_mb']:.0f} MB); "
            f"rows ours {s['ours'][0]['rows']}; failed pairs ours "
            f"{max(x['errors'] for x in s['ours'])}, bare {max(x['errors'] for x in s['bare'])}")
    bare = med["bare"]["all"]
    return [
        Row(f"{label}: all rows", med["ours"]["all"], {"bare boto3": bare},
            {"bare boto3": med["ours"]["all"] / bare}, {"bare boto3": GOAL}, note=note,
            samples={k: [x["all"] for x in s[k]] for k in s}),
        Row(f"{label}: first row", med["ours"]["first"], {}, {"limit": med["ours"]["first"]},
            {"limit": 1.0}),
        Row(f"{label}: peak RSS", med["ours"]["rss_mb"], {"bare boto3": med["bare"]["rss_mb"]},
            {}, {}, unit="MB"),
    ]
