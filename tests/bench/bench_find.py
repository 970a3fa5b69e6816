"""8. `ecr-tui find` across the fleet of N SSO accounts x 3 regions with 40 ms on every request
(moto, the SSO portal, the registries): by digest vs by name, whole processes, interleaved.

By name is one DescribeRepositories per pair; by digest adds one DescribeImages by
`imageDigest` per repository (the API's floor), each pair within its own rate. Both pay the
same role credentials (GetRoleCredentials at the SSO limiter's 15/s). Own world:
`running_world(sso_accounts=N)`; the 24 h account cache is warmed first (not measured).

The two compared rows search the SSO accounts' read-only roles (`--profile` each): without
them every configured profile of the world joins, and the main account's pair in us-east-1
holds the harness's 1,152 filler repositories, so by digest one pair makes 1,152 calls at its
own 50 a second (DESCRIBE_CALLS_PER_SECOND: ECR publishes no DescribeImages rate, its
Describe calls throttle low): 23 s whatever the rest does. That search is the third row,
against that rate floor.

How the stand-in charges a call: 40 ms of sleep in every request of moto, the SSO portal and
the registries; moto's own CPU per call is what it is (~2-3 ms through its dispatch, served on
the same 2 cores): DescribeImages by `imageDigest` of these repositories goes through moto,
not tests/harness/bulk_images.py (which serves only the `bench/tags-*` repositories)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from ecr_tui.core.aws.backend import DESCRIBE_CALLS_PER_SECOND
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

            sso = [arg for a in world.sso_accounts
                   for arg in ("--profile", f"{a.name}/ECRReadOnly")]
            find = [ecr_tui, "find", "--regions", regions, "--json"]
            samples = interleaved(
                {"find by digest": [*find, *sso, digest], "find by name": [*find, *sso, "svc-"],
                 "every profile": [*find, digest]},
                env, runs=runs,
                check={"find by digest": one_digest_hit, "find by name": every_repository,
                       "every profile": one_digest_hit},
            )
            biggest = len(world.repositories)  # the main account's pair in us-east-1
    size = f"{ACCOUNTS * len(SSO_REGIONS)} SSO pairs, {repos} repositories, {LATENCY_MS:g} ms"
    pair = {k: samples[k] for k in ("find by name", "find by digest")}
    by_name = ratio_row(f"find by name, {size}", pair, "find by name", {},
                        note="the reference for find by digest")
    by_digest = ratio_row(f"find by digest, {size}", pair, "find by digest",
                          {"find by name": 1.5})
    floor = f"rate floor ({biggest} calls at {DESCRIBE_CALLS_PER_SECOND}/s)"
    every = ratio_row(
        f"find by digest, every profile (+1 pair of {biggest} repositories), {LATENCY_MS:g} ms",
        {"every profile": samples["every profile"],
         floor: [biggest / DESCRIBE_CALLS_PER_SECOND]},
        "every profile", {floor: 1.25},
        note="that pair's DescribeImages start with its list, at its rate")
    return [by_name, by_digest, every]
