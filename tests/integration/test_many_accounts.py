"""Many accounts against the stand-ins: SSO discovery through the portal stand-in (paging,
throttling, an expired session), each role in its own moto account, the fleet, many logins with
the real docker CLI, --registry-id, find; and the rates the stand-ins counted."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecr_tui.core.store.settings import ProfileRegion, save_login_set
from tests.harness import readonly_audit
from tests.harness.sso_world import SSO_REGIONS
from tests.harness.turns import one_worker_at_a_time
from tests.harness.world import World, fresh_env, running_world
from tests.integration.test_cli_e2e import ecr_tui

# One worker runs the module: its tests build on each other's discovery, and the world is big.
pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("many-accounts")]
ACCOUNTS = 42
REGIONS = ",".join(SSO_REGIONS)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, world: World) -> Iterator[World]:
    """A world whose corp SSO session reaches 44 accounts (42 with 2 roles each)."""
    with contextlib.ExitStack() as stack:
        with one_worker_at_a_time(tmp_path_factory, "world-start"):
            started = stack.enter_context(
                running_world(tmp_path_factory.mktemp("many"), sso_accounts=ACCOUNTS))
        readonly_audit.watch(started.audit_file)
        yield started


@pytest.fixture
def env(many: World, tmp_path: Path) -> dict[str, str]:
    return fresh_env(many, tmp_path / "client")


def run_json(args: list[str], env: dict[str, str]) -> object:
    result = ecr_tui([*args, "--json"], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_discovery_lists_every_account_and_role_across_pages(many: World, env: dict) -> None:
    before = many.sso_counts()["calls"]
    profiles = run_json(["profiles"], env)
    found = {p["name"]: p for p in profiles if p["kind"] == "sso-discovered"}
    for account in many.sso_accounts:
        for role in account.roles:
            p = found[f"{account.name}/{role}"]
            assert p == {
                "name": f"{account.name}/{role}", "kind": "sso-discovered",
                "account_id": account.account_id, "account_name": account.name, "role": role,
                "sso_session": "corp", "region": "us-east-1", "expires_at": p["expires_at"],
                "expires_in_seconds": p["expires_in_seconds"], "detail": p["detail"],
            }
            assert p["expires_in_seconds"] > 0 and account.account_id in p["detail"]
    calls = many.sso_counts()["calls"]
    # 44 accounts in pages of 20 (the stand-in's default): three ListAccounts pages.
    assert calls["sso.ListAccounts"] - before.get("sso.ListAccounts", 0) >= 3
    # Dedup: sso-dev is (corp, main account, ECRReadOnly); the legacy profile too.
    assert "main/ECRReadOnly" not in found and "main/AdministratorAccess" in found
    cache = Path(env["XDG_CACHE_HOME"]) / "ecr-tui" / "sso-accounts.json"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    text = cache.read_text()
    assert "accessToken" not in text and "sso-access-token" not in text
    # Cached: listing again asks the portal nothing.
    again = many.sso_counts()["calls"]
    assert len(run_json(["profiles"], env)) == len(profiles)
    assert many.sso_counts()["calls"].get("sso.ListAccountRoles") == again["sso.ListAccountRoles"]
    configured = run_json(["profiles", "--no-discover"], env)
    assert all(p["kind"] != "sso-discovered" for p in configured)


def test_discovery_survives_throttling(many: World, env: dict) -> None:
    many.set_sso_rate(4)
    try:
        before = many.sso_counts()["throttled"]
        profiles = run_json(["profiles", "--refresh"], env)
    finally:
        many.set_sso_rate(20)
    assert many.sso_counts()["throttled"] > before, "the stand-in never throttled"
    names = {p["name"] for p in profiles}
    assert {f"{a.name}/{r}" for a in many.sso_accounts for r in a.roles} <= names


def test_expired_and_missing_sessions_are_skipped_with_the_fix(many: World, env: dict) -> None:
    env["SSH_CONNECTION"] = "10.0.0.1 5000 10.0.0.2 22"
    result = ecr_tui(["profiles", "--refresh"], env)
    assert result.returncode == 0, result.stderr
    assert (
        "SSO session old has expired (fix: aws sso login --sso-session old --use-device-code)"
        in result.stderr
    )
    assert "aws sso login --sso-session never --use-device-code" in result.stderr
    assert "team-041/ECRReadOnly" in result.stdout and "sso-dev" in result.stdout
    assert "Traceback" not in result.stderr


def test_fleet_rows_are_right_for_every_pair(many: World, env: dict) -> None:
    rows = run_json(["fleet", "--regions", REGIONS], env)
    by_pair = {(r["profile"], r["region"]): r for r in rows}
    for account in many.sso_accounts:
        for region in SSO_REGIONS:
            row = by_pair[(f"{account.name}/ECRReadOnly", region)]  # the read-only role
            assert row["error"] is None, row
            assert row["account_id"] == account.account_id
            assert row["repositories"] == len(account.repositories[region])
            assert row["token_expires_at"]
        assert (f"{account.name}/AdministratorAccess", "us-east-1") not in by_pair
    default = by_pair[("default", "us-east-1")]
    assert default["account_id"] == many.account_id and default["repositories"] == len(
        many.repositories)
    assert by_pair[("sso-expired", "us-east-1")]["error"]
    assert not any(p == "role-mfa" for p, _ in by_pair)  # never prompts for MFA


def test_each_role_sees_only_its_own_account(many: World, env: dict) -> None:
    hits = run_json(["find", "svc-0", "--regions", REGIONS], env)
    team_hits = [h for h in hits if h["repository"].startswith("team-")]
    assert len(team_hits) == ACCOUNTS * len(SSO_REGIONS)
    for hit in team_hits:
        owner = hit["repository"].split("/")[0]
        assert hit["profile"].startswith(owner + "/"), hit
        assert hit["account_id"] == next(
            a.account_id for a in many.sso_accounts if a.name == owner)


def test_find_by_digest_and_by_image_reference(many: World, env: dict) -> None:
    account = many.sso_accounts[5]
    region, repo, tag, digest = account.images[0]
    hits = run_json(["find", digest], env)
    assert hits == [{"profile": f"{account.name}/ECRReadOnly", "account_id": account.account_id,
                     "region": region, "repository": repo, "tag": tag, "digest": digest,
                     "role": "ECRReadOnly"}]
    ref = f"{account.account_id}.dkr.ecr.{region}.amazonaws.com/{repo}:{tag}"
    result = ecr_tui(["find", ref, "--json"], env)
    assert result.returncode == 0, result.stderr
    assert [(h["account_id"], h["repository"], h["tag"], h["digest"])
            for h in json.loads(result.stdout)] == [(account.account_id, repo, tag, digest)]
    assert "searched 1 (profile, region) pairs" in result.stderr
    # The reference's account has an admin role too: the read-only one is used, and named.
    assert [h["role"] for h in json.loads(result.stdout)] == ["ECRReadOnly"]
    by_digest = run_json(["find", f"{account.account_id}.dkr.ecr.{region}.amazonaws.com/"
                                  f"{repo}@{digest}"], env)
    assert [h["tag"] for h in by_digest] == [tag]


def test_one_login_command_logs_in_to_many_registries_with_docker(many: World, env: dict) -> None:
    a0, a1 = many.sso_accounts[0], many.sso_accounts[1]
    result = ecr_tui(["login", "--engine", "docker", "--profile", f"{a0.account_id}/ECRReadOnly",
                      "--profile", f"{a1.name}/ECRReadOnly", "--region", "us-east-1",
                      "--region", "eu-west-1"], env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("Logged in docker to") for line in lines)
    hosts = {many.registry_urls[f"{a.account_id}:{r}"].removeprefix("http://")
             for a in (a0, a1) for r in ("us-east-1", "eu-west-1")}
    config = json.loads((Path(env["DOCKER_CONFIG"]) / "config.json").read_text())
    assert hosts <= set(config["auths"]) and len(hosts) == 4


def test_registry_id_logs_in_to_another_accounts_registry(many: World, env: dict) -> None:
    a0, a2 = many.sso_accounts[0], many.sso_accounts[2]
    result = ecr_tui(["login", "--engine", "docker", "--profile", f"{a0.name}/ECRReadOnly",
                      "--region", "us-west-2", "--registry-id", a2.account_id], env)
    assert result.returncode == 0, result.stderr
    host = many.registry_urls[f"{a2.account_id}:us-west-2"].removeprefix("http://")
    assert f"Logged in docker to {host}," in result.stdout
    config = json.loads((Path(env["DOCKER_CONFIG"]) / "config.json").read_text())
    assert list(config["auths"]) == [host]


def test_login_set_from_config_and_failure_exit(many: World, env: dict, tmp_path: Path) -> None:
    a3 = many.sso_accounts[3]
    env["ECR_TUI_CONFIG"] = str(tmp_path / "config.toml")
    save_login_set("oncall", [ProfileRegion(f"{a3.name}/ECRReadOnly", r) for r in SSO_REGIONS]
                   + [ProfileRegion("sso-expired", "us-east-1")], env)
    result = ecr_tui(["login", "--engine", "docker", "--set", "oncall"], env)
    assert result.returncode == 1
    assert len(result.stdout.strip().splitlines()) == 3
    assert "sso-expired us-east-1: " in result.stderr and "3 of 4 logged in" in result.stderr


def test_configured_sso_profile_uses_botocore_sso_provider(many: World, env: dict) -> None:
    repos = run_json(["repos", "--profile", "sso-dev"], env)
    assert {r["registry_id"] for r in repos} == {many.account_id}


def test_stand_ins_never_saw_more_than_the_limits(many: World, env: dict) -> None:
    run_json(["fleet", "--regions", REGIONS], env)
    counts = many.sso_counts()
    assert counts["per_second"] and max(counts["per_second"].values()) <= 20
    assert 0 < many.token_calls_per_second() <= 15
    assert os.path.exists(many.audit_file)


@pytest.fixture
def many_process_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """boto3 reads os.environ: make it the many-account world's for this test only."""
    for key in list(os.environ):
        if key not in env:
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_tui_shows_each_roles_own_account_and_the_fleet(
    many: World, many_process_env: dict[str, str]
) -> None:
    from ecr_tui.core.aws.backend import AwsBackend
    from ecr_tui.core.models import Target
    from ecr_tui.ui.app import make_app
    from ecr_tui.ui.screens.fleet import FleetScreen
    from tests.ui.uihelpers import SIZE, repos, settle, wait_for_target

    async def scenario() -> None:
        backend = AwsBackend(environ=many_process_env)
        app = make_app(backend)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_target(pilot, Target("default", many.region))
            await settle(pilot, lambda: "team-041/ECRReadOnly" in app.session.profiles)
            teams = many.sso_accounts[5:9]
            for account in teams:
                app.switch_profile(f"{account.name}/ECRReadOnly")
            last = teams[-1]
            target = Target(f"{last.name}/ECRReadOnly", "us-east-1")
            await wait_for_target(pilot, target)
            shown = repos(app).shown
            assert sorted(r.name for r in shown) == sorted(last.repositories["us-east-1"])
            assert {r.registry_id for r in shown} == {last.account_id}

            await pilot.press("F")
            screen = app.screen
            assert isinstance(screen, FleetScreen)
            await settle(pilot, lambda: bool(screen.pairs)
                         and all(p in app.session.fleet for p in screen.pairs))
            for account in many.sso_accounts:
                row = app.session.fleet[Target(f"{account.name}/ECRReadOnly", "us-east-1")]
                assert row.account_id == account.account_id
                assert row.repositories == len(account.repositories["us-east-1"])
        backend.close()

    asyncio.run(scenario())


def test_aws_profile_may_name_a_discovered_role(many: World, env: dict) -> None:
    account = many.sso_accounts[9]
    env["AWS_PROFILE"] = f"{account.name}/ECRReadOnly"
    repos = run_json(["repos", "--region", "eu-west-1"], env)
    assert sorted(r["name"] for r in repos) == sorted(account.repositories["eu-west-1"])
    assert {r["registry_id"] for r in repos} == {account.account_id}


def test_find_repo_tag_and_repo_digest_search_every_pair(many: World, env: dict) -> None:
    """Issue 16: `find REPO:TAG` found nothing unless given the full host reference."""
    account = many.sso_accounts[7]
    region, repo, tag, digest = account.images[0]
    for query in (f"{repo}:{tag}", f"{repo}@{digest}"):
        result = ecr_tui(["find", query, "--json"], env)
        assert result.returncode == 0, result.stderr
        assert [(h["profile"], h["account_id"], h["region"], h["tag"], h["digest"], h["role"])
                for h in json.loads(result.stdout)] == [
            (f"{account.name}/ECRReadOnly", account.account_id, region, tag, digest,
             "ECRReadOnly")]
    missing = ecr_tui(["find", f"{repo}:no-such-tag"], env)
    assert missing.returncode == 0 and len(missing.stdout.splitlines()) == 1  # the header
    assert f"0 found: no tag no-such-tag of repository {repo}" in missing.stderr
    assert "try part of its name" in missing.stderr and "sha256:" in missing.stderr


def test_the_fleet_reads_through_read_only_roles_and_names_them(many: World, env: dict) -> None:
    """Issue 16: the main account's configured profiles are read-only (sso-dev…): its discovered
    AdministratorAccess role is not surveyed beside them."""
    rows = run_json(["fleet", "--regions", "us-east-1"], env)
    profiles = {r["profile"]: r for r in rows}
    assert "main/AdministratorAccess" not in profiles
    assert profiles["sso-dev"]["role"] == "ECRReadOnly"
    assert profiles[f"{many.sso_accounts[0].name}/ECRReadOnly"]["role"] == "ECRReadOnly"
    table = ecr_tui(["fleet", "--regions", "us-east-1"], env)
    assert table.stdout.splitlines()[0].split()[:2] == ["PROFILE", "ROLE"]


def test_an_unknown_profile_lists_the_configured_ones(many: World, env: dict) -> None:
    run_json(["profiles"], env)  # discovery cached: 88 roles beside the configured profiles
    result = ecr_tui(["repos", "--profile", "nobody"], env)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "configured: default, static-eu, role," in result.stderr
    assert "more discovered through SSO" in result.stderr
