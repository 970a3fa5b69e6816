"""`ecr-tui usage` against the stand-ins (issue 18): the installed command's JSON against what
tests/harness/workload_world.py seeded — drift, a rollout over a moved tag, desired 0, a
standalone task, image functions, a service of another account, and an AccessDenied pair."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import readonly_audit
from tests.harness.sso_world import SSO_REGIONS
from tests.harness.turns import one_worker_at_a_time
from tests.harness.workload_world import REPO, UsageWorld
from tests.harness.world import World, fresh_env, running_world
from tests.integration.test_cli_e2e import ecr_tui

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("usage")]
ACCOUNTS = 4
REGIONS = ",".join(SSO_REGIONS)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with contextlib.ExitStack() as stack:
        with one_worker_at_a_time(tmp_path_factory, "world-start"):
            started = stack.enter_context(
                running_world(tmp_path_factory.mktemp("usage"), sso_accounts=ACCOUNTS))
        readonly_audit.watch(started.audit_file)
        yield started


@pytest.fixture(scope="module")
def truth(small: World) -> UsageWorld:
    return UsageWorld(small.sso_accounts)


@pytest.fixture
def env(small: World, tmp_path: Path) -> dict[str, str]:
    env = fresh_env(small, tmp_path / "client")
    assert ecr_tui(["profiles"], env).returncode == 0  # SSO discovery: the read-only roles
    return env


def scope(world: UsageWorld, *indexes: int) -> list[str]:
    return [arg for i in indexes
            for arg in ("--profile", f"{world.accounts[i].name}/ECRReadOnly")] + [
        "--regions", REGIONS, "--json"]


def rows_of(result) -> list[tuple]:  # noqa: ANN001 - a CompletedProcess
    assert "Traceback" not in result.stderr
    return sorted((r["account_id"], r["region"], r["kind"], r["cluster"], r["name"],
                   r["task_definition"], r["container"], r["image"], r["digest"],
                   r["matched_by"], r["running"], r["desired"], r["tag_moved"])
                  for r in json.loads(result.stdout))


def test_a_tag_shows_drift_rollout_digests_and_other_accounts(truth: UsageWorld, env) -> None:
    a0, a1 = truth.accounts[0].account_id, truth.accounts[1].account_id
    prod = f"{truth.host}/{REPO}:prod"
    result = ecr_tui(["usage", prod, *scope(truth, 0, 1)], env)
    assert result.returncode == 0, result.stderr
    assert rows_of(result) == sorted([
        (a0, "us-east-1", "ecs-service", "main", "web-drift", "web-drift:1", "app", prod,
         truth.old, "digest", 2, 2, True),
        (a0, "eu-west-1", "ecs-service", "main", "web-rollout", "web-rollout:2", "app", prod,
         truth.new, "digest", 1, 3, True),
        (a0, "eu-west-1", "ecs-service", "main", "web-rollout", "web-rollout:2", "app", prod,
         truth.newer, "digest", 2, 3, False),
        (a1, "us-east-1", "ecs-service", "main", "uses-a0", "uses-a0:1", "app", prod,
         truth.newer, "digest", 1, 1, False),
    ])


def test_a_digest_however_named_and_every_kind(truth: UsageWorld, env) -> None:
    a0, a1 = truth.accounts[0].account_id, truth.accounts[1].account_id
    old = ecr_tui(["usage", f"{REPO}@{truth.old}", *scope(truth, 0, 1)], env)
    assert old.returncode == 0, old.stderr
    dualstack = f"{a0}.dkr-ecr.us-east-1.on.aws/{REPO}@{truth.old}"
    assert [(r[4], r[7], r[9]) for r in rows_of(old)] == [
        ("web-drift", f"{truth.host}/{REPO}:prod", "digest"), ("dualstack", dualstack, "digest")]
    assert rows_of(old)[1][:3] == (a1, "eu-west-1", "lambda")
    v1 = rows_of(ecr_tui(["usage", f"{truth.host}/{REPO}@{truth.v1}", *scope(truth, 0)], env))
    kinds = {(r[1], r[2], r[4]): r for r in v1}
    assert kinds[("us-east-1", "ecs-service", "idle")][8:] == (truth.v1, "digest", 0, 0, False)
    assert kinds[("us-west-2", "ecs-service", "by-tag")][8:] == (truth.v1, "tag", 0, 1, False)
    assert kinds[("eu-west-1", "ecs-service", "web-rollout")][5] == "web-rollout:1"  # ACTIVE
    lam = kinds[("us-east-1", "lambda", "resize")]
    assert (lam[3], lam[5], lam[6], lam[10], lam[11]) == ("", "", "", None, None)
    tasks = [r for r in v1 if r[2] == "ecs-task"]
    assert {(r[1], r[3]) for r in tasks} >= {("us-east-1", "batch")}
    assert all((r[10], r[11]) == (1, 1) and len(r[4]) >= 32 for r in tasks)  # the task id
    assert {r[4] for r in v1 if r[2] == "lambda"} == {"fn", "resize"}


def test_unused_is_what_nothing_in_scope_runs(truth: UsageWorld, env) -> None:
    result = ecr_tui(["usage", f"{truth.host}/{REPO}", "--unused", *scope(truth, 0, 1)], env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["digest"], r["tags"]) for r in rows] == [(truth.unused, ["unused"])]
    assert set(rows[0]) == {"digest", "tags", "pushed_at", "last_pulled_at"}
    assert "judged on 6 (profile, region) pairs" in result.stderr


def test_an_access_denied_pair_is_one_line_and_the_rest_answers(truth: UsageWorld, env) -> None:
    denied = truth.accounts[2]
    result = ecr_tui(["usage", f"{truth.host}/{REPO}:v1", *scope(truth, 0, 2)], env)
    assert result.returncode == 1
    assert rows_of(result), "the other pairs still answer"
    failed = [line for line in result.stderr.splitlines() if "failed:" in line]
    assert failed == [f"ecr-tui: failed: {denied.name}/ECRReadOnly eu-west-1: access denied: "
                      f"ecs:ListClusters for profile {denied.name}/ECRReadOnly in eu-west-1"]


def test_bad_input_is_one_line(truth: UsageWorld, env) -> None:
    for args, text in [
        (["usage", "docker.io/library/nginx:1.27"], "not an ECR image reference"),
        (["usage", f"{REPO}:v1", "--unused"], "--unused takes a repository"),
        (["usage", "team/api@"], "not an image reference"),
    ]:
        result = ecr_tui([*args, *scope(truth, 0)], env)
        assert result.returncode != 0 and text in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
