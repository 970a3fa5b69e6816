"""6. The fleet of N SSO accounts x 3 regions with 40 ms on every request (moto, the SSO portal,
the registries): time to the first row and to all rows, and peak RSS, through
ecr_tui.core.fleet.runner vs a bare boto3 script with a thread pool and one client per pair.
Each size runs in its own world (`running_world(sso_accounts=N)`).

Ours runs twice a round: "cold", the first run of the day (no ecr-tui account or discovery
cache in XDG_CACHE_HOME, the SSO token valid: the portal's accounts and roles are listed
first), then "warm", the same command again with that cache filled. The bare script has no
cache to fill; it is handed the account ids (tests/bench/floor_fleet.py)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from ecr_tui.core.store.paths import cache_dir
from tests.bench.timing import REPO_ROOT, Row, python_env
from tests.harness.sso_world import SSO_REGIONS
from tests.harness.world import fresh_env, running_world

LATENCY_MS = 40.0
SIZES = (40, 200)
GOALS = {"cold": 0.9, "warm": 0.7}


def _probe(module: str, args: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, check=True, timeout=900)
    return json.loads(done.stdout)


def measure(accounts: int, runs: int) -> dict[str, list[dict]]:
    regions = ",".join(SSO_REGIONS)
    with tempfile.TemporaryDirectory(prefix="ecr-tui-fleet-") as base:
        with running_world(Path(base), sso_accounts=accounts, latency_ms=LATENCY_MS) as world:
            env = python_env(fresh_env(world, Path(base) / "client"))
            ids = Path(base) / "accounts.txt"
            ids.write_text("\n".join(a.account_id for a in world.sso_accounts))
            # One unmeasured run first (the page cache; the cold runs remove what it kept).
            subprocess.run([sys.executable, "-m", "ecr_tui", "profiles"], env=env, check=True,
                           capture_output=True, timeout=600)
            samples: dict[str, list[dict]] = {"cold": [], "warm": [], "bare": []}
            ours = ("tests.bench.fleet_probe", [regions, "--discover"])
            for i in range(runs):
                order = ["ours", "bare"][i % 2:] + ["ours", "bare"][: i % 2]
                for name in order:
                    if name == "bare":
                        samples["bare"].append(
                            _probe("tests.bench.floor_fleet", [str(ids), regions], env))
                        continue
                    shutil.rmtree(cache_dir(env), ignore_errors=True)  # the first run of the day
                    samples["cold"].append(_probe(*ours, env))
                    samples["warm"].append(_probe(*ours, env))
            samples["max_sso_per_second"] = [{"n": max(world.sso_counts()["per_second"].values())}]
            samples["max_token_calls"] = [{"n": world.token_calls_per_second()}]
    return samples


def run(_world: object, *, runs: int) -> list[Row]:
    rows: list[Row] = []
    totals: dict[int, float] = {}
    for accounts in SIZES:
        s = measure(accounts, runs)
        kinds = ("cold", "warm", "bare")
        med = {k: {f: statistics.median(x[f] for x in s[k]) for f in ("first", "all", "rss_mb")}
               for k in kinds}
        errors = {k: max(x["errors"] for x in s[k]) for k in kinds}
        totals[accounts] = med["warm"]["all"]
        label = f"fleet {accounts}x3, {LATENCY_MS:g} ms"
        bare = med["bare"]["all"]
        for kind in ("cold", "warm"):
            note = (f"first row {med[kind]['first']:.2f} s (bare {med['bare']['first']:.2f} s); "
                    f"RSS {med[kind]['rss_mb']:.0f} MB (bare {med['bare']['rss_mb']:.0f} MB); "
                    f"errors ours {errors[kind]}, bare {errors['bare']}; max SSO req/s (all) "
                    f"{s['max_sso_per_second'][0]['n']}, token calls/s "
                    f"{s['max_token_calls'][0]['n']}")
            rows.append(Row(f"{label}: all rows, {kind} account cache", med[kind]["all"],
                            {"bare boto3": bare}, {"bare boto3": med[kind]["all"] / bare},
                            {"bare boto3": GOALS[kind]}, note=note,
                            samples={k: [x["all"] for x in s[k]] for k in (kind, "bare")}))
        rows.append(Row(label + ": first row, warm", med["warm"]["first"], {}, {
            "limit": med["warm"]["first"]}, {"limit": 1.0}))
    growth = (totals[SIZES[1]] / totals[SIZES[0]]) / (SIZES[1] / SIZES[0])
    rows.append(Row(f"fleet growth {SIZES[0]}->{SIZES[1]}, warm (time ratio / size ratio)",
                    growth, {}, {"limit": growth}, {"limit": 1.0}, unit="x",
                    note=f"{growth:.3f}: one GetRoleCredentials per account at the SSO "
                    "limiter's 15/s bounds the time"))
    return rows
