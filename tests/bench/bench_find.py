"""8. `ecr-tui find` across the fleet of N SSO accounts x 3 regions with 40 ms on every request
(moto, the SSO portal, the registries): by digest vs by name, whole processes, interleaved.

By name is one DescribeRepositories per pair; by digest adds one DescribeImages by
`imageDigest` per repository (the API's floor), each pair within its own rate. Both pay the
same role credentials (GetRoleCredentials at the SSO limiter's 15/s). Own world:
`running_world(sso_accounts=N)`; the 24 h account cache is warmed first (not measured)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from tests.bench.timing import Row, console_script, interleaved, python_env, ratio_row
from tests.harness.sso_world import SSO_REGIONS
from tests.harness.world import fresh_env, running_world

LATENCY_MS = 40.0
ACCOUNTS = 95
"""95 accounts x 3 regions = 285 SSO pairs (the issue's size), ~570 repositories."""


def run(_world: object, *, runs: int) -> list[Row]:
    ecr_tui = console_script("ecr-tui")
    regions = ",".join(SSO_REGIONS)
    with tempfile.TemporaryDirectory(prefix="ecr-tui-find-") as base:
        with running_world(Path(base), sso_accounts=ACCOUNTS, latency_ms=LATENCY_MS) as world:
            env = python_env(fresh_env(world, Path(base) / "client"))
            subprocess.run([ecr_tui, "profiles"], env=env, check=True, capture_output=True,
                           timeout=600)
            account = world.sso_accounts[-1]
            _region, repo, _tag, digest = account.images[0]
            repos = sum(len(names) for a in world.sso_accounts
                        for names in a.repositories.values())

            def one_digest_hit(out: str) -> bool:
                return [(h["repository"], h["digest"]) for h in json.loads(out)] == [
                    (repo, digest)]

            def every_repository(out: str) -> bool:
                return sum(h["repository"].startswith("team-") for h in json.loads(out)) == repos

            samples = interleaved(
                {"find by digest": [ecr_tui, "find", digest, "--regions", regions, "--json"],
                 "find by name": [ecr_tui, "find", "svc-", "--regions", regions, "--json"]},
                env, runs=runs,
                check={"find by digest": one_digest_hit, "find by name": every_repository},
            )
    size = f"{ACCOUNTS * len(SSO_REGIONS)} SSO pairs, {repos} repositories, {LATENCY_MS:g} ms"
    by_name = ratio_row(f"find by name, {size}", samples, "find by name", {},
                        note="the reference for find by digest")
    by_digest = ratio_row(f"find by digest, {size}", samples, "find by digest",
                          {"find by name": 1.5})
    return [by_name, by_digest]
