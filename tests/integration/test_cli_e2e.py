"""The installed `ecr-tui` command against the stand-ins: every page crossed, real logins."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.harness.installed import ecr_tui_command
from tests.harness.world import World

pytestmark = pytest.mark.integration


def ecr_tui(args: list[str], env: Mapping[str, str], timeout: float = 120):
    exe = ecr_tui_command()
    return subprocess.run(
        [exe, *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def ok_json(args: list[str], env: Mapping[str, str]):
    result = ecr_tui([*args, "--json"], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("ecr-tui: error: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_repos_returns_every_repository_across_pages(world: World) -> None:
    repos = ok_json(["repos"], world.env)
    assert len(world.repositories) > 1000
    assert sorted(r["name"] for r in repos) == sorted(world.repositories)
    first = repos[0]
    assert first["uri"].endswith("/" + first["name"]) and first["registry_id"] == world.account_id
    assert first["created_at"]


def test_other_region_lists_its_own_repositories(world: World) -> None:
    repos = ok_json(["repos", "--region", world.other_region], world.env)
    assert sorted(r["name"] for r in repos) == sorted(world.other_region_repositories)


def test_tags_returns_every_tag_with_digest_date_and_platforms(world: World) -> None:
    # An index's platforms need its manifest (a pull in ECR): asked for with --platforms.
    rows = ok_json(["tags", world.big_repo, "--platforms"], world.env)
    assert {r["tag"]: r["digest"] for r in rows} == dict(world.big_tags)
    assert len(rows) == len(world.big_tags) > 2000
    by_tag = {r["tag"]: r for r in rows}
    assert by_tag[world.index_tag]["platforms"] == ["linux/amd64", "linux/arm64"]
    assert "index" in by_tag[world.index_tag]["media_type"]
    assert by_tag[world.schema2_tag]["media_type"].endswith("manifest.v2+json")
    assert all(r["pushed_at"] and r["size"] for r in rows)
    pushed = [r["pushed_at"] for r in rows]
    assert pushed == sorted(pushed, reverse=True)


def test_tags_human_table(world: World) -> None:
    repo, tag = world.http_pushed
    result = ecr_tui(["tags", repo], world.env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[:3] == ["TAG", "DIGEST", "PUSHED"]
    assert any(line.startswith(tag + " ") for line in result.stdout.splitlines())


def test_password_matches_the_token(world: World) -> None:
    result = ecr_tui(["password"], world.env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == world.password + "\n"
    assert result.stderr == ""


def test_password_through_an_assumed_role(world: World) -> None:
    result = ecr_tui(["password", "--profile", "role"], world.env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == world.password


def test_password_through_credential_process(world: World) -> None:
    result = ecr_tui(["password", "--profile", "proc"], world.env)
    assert result.returncode == 0, result.stderr


def _auth_entry(path: Path, host: str) -> dict:
    data = json.loads(path.read_text())
    return data["auths"][host]


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed")
def test_login_with_docker_writes_credentials_and_records_it(world: World, world_env) -> None:
    result = ecr_tui(["login", "--engine", "docker"], world_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Logged in docker to {world.registry_host}, expires in 11h")
    entry = _auth_entry(Path(world_env["DOCKER_CONFIG"]) / "config.json", world.registry_host)
    assert entry["auth"] == world.authorization_token
    status = ok_json(["status"], world_env)
    (login,) = status["logins"]
    assert login["engine"] == "docker" and login["registry"] == world.registry_host
    assert 11 * 3600 < login["expires_in_seconds"] <= 12 * 3600
    state = Path(world_env["XDG_STATE_HOME"]) / "ecr-tui" / "logins.json"
    assert world.password not in state.read_text()
    assert oct(state.stat().st_mode & 0o777) == "0o600"


@pytest.mark.skipif(shutil.which("podman") is None, reason="podman not installed")
def test_login_with_podman_writes_credentials(world: World, world_env) -> None:
    result = ecr_tui(["login", "--engine", "podman"], world_env)
    assert result.returncode == 0, result.stderr
    assert "Logged in podman" in result.stdout
    entry = _auth_entry(Path(world_env["REGISTRY_AUTH_FILE"]), world.registry_host)
    assert entry["auth"] == world.authorization_token


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed")
def test_login_refused_by_an_ecr_login_route_leaves_config_untouched(
    world: World, world_env
) -> None:
    config = Path(world_env["DOCKER_CONFIG"]) / "config.json"
    text = json.dumps({"credHelpers": {world.registry_host: "ecr-login"}})
    config.write_text(text)
    err = one_line_error(ecr_tui(["login", "--engine", "docker"], world_env))
    assert "ecr-login" in err
    assert config.read_text() == text


def test_wrong_password_is_one_line(world: World, world_env) -> None:
    # The static-eu profile is another account in moto: its password is not in htpasswd.
    err = one_line_error(
        ecr_tui(
            ["tags", world.big_repo, "--profile", "static-eu", "--region", world.region], world_env
        )
    )
    assert "rejected" in err or "denied" in err.lower()


def test_expired_sso_gives_the_exact_fix(world: World) -> None:
    err = one_line_error(ecr_tui(["repos", "--profile", "sso-expired"], world.env))
    assert "aws sso login --profile sso-expired" in err
    never = one_line_error(ecr_tui(["password", "--profile", "sso-never"], world.env))
    assert "aws sso login --profile sso-never" in never


def test_expired_sso_over_ssh_uses_device_code(world: World) -> None:
    env = {**world.env, "SSH_CONNECTION": "10.0.0.1 22 10.0.0.2 50000"}
    err = one_line_error(ecr_tui(["password", "--profile", "sso-expired"], env))
    assert "aws sso login --profile sso-expired --use-device-code" in err


def test_unknown_profile_and_failing_credential_process(world: World) -> None:
    assert "unknown profile 'ghost'" in one_line_error(
        ecr_tui(["repos", "--profile", "ghost"], world.env)
    )
    assert "boom: token broker unreachable" in one_line_error(
        ecr_tui(["repos", "--profile", "proc-fail"], world.env)
    )


def test_profiles_and_status_list_every_kind(world: World) -> None:
    profiles = {p["name"]: p for p in ok_json(["profiles"], world.env)}
    assert set(world.profiles) <= set(profiles)
    assert profiles["sso-dev"]["kind"] == "sso" and profiles["sso-dev"]["expires_in_seconds"] > 0
    assert profiles["sso-expired"]["expires_in_seconds"] < 0
    assert profiles["legacy-sso"]["kind"] == "sso-legacy"
    assert profiles["role"]["kind"] == "assume-role"
    assert profiles["proc"]["kind"] == "process"
