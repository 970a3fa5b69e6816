"""Faults end to end: the installed CLI against the stand-ins, one `ecr-tui: error:` line each."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.models import Target
from ecr_tui.ui.app import make_app
from tests.harness import procs
from tests.harness.mini_moto import mini_moto
from tests.harness.world import World
from tests.integration.test_cli_e2e import ecr_tui, one_line_error
from tests.ui.uihelpers import SIZE, notifications, settle

pytestmark = pytest.mark.integration

RECORDER = """\
import json, os, sys
record = {"argv": sys.argv, "stdin_len": len(sys.stdin.read())}
with open(os.environ["FAKE_ENGINE_LOG"], "a") as fh:
    fh.write(json.dumps(record) + "\\n")
print("Login Succeeded")
"""


def closed_port() -> int:
    return procs.free_port()  # nothing listens there, and no other server of ours gets it


def fake_engine(tmp: Path, name: str = "docker") -> tuple[Path, Path]:
    """An engine on PATH that records its calls; returns (bin dir, log file)."""
    bin_dir = tmp / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    script.write_text(f"#!{sys.executable}\n{RECORDER}", encoding="utf-8")
    script.chmod(0o755)
    return bin_dir, tmp / "engine.log"


def run_module(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m ecr_tui`: for a PATH that must not hold the usual tools."""
    return subprocess.run([sys.executable, "-m", "ecr_tui", *args], env=dict(env), text=True,
                          capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


# -- credentials and config --
def test_no_credentials_at_all(world: World, tmp_path: Path) -> None:
    env = {**world.env, "HOME": str(tmp_path), "AWS_REGION": "us-east-1",
           "AWS_CONFIG_FILE": str(tmp_path / "none"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none-either")}
    err = one_line_error(ecr_tui(["repos"], env))
    assert "no AWS credentials" in err and "aws configure" in err and "(env)" not in err


def test_region_outside_the_partition_and_not_a_region(world: World) -> None:
    err = one_line_error(ecr_tui(["repos", "--region", "cn-north-1"], world.env))
    assert "outside the aws partition" in err and "fix:" in err
    err = one_line_error(ecr_tui(["password", "--region", "mars-north-1x"], world.env))
    assert "not an AWS region name" in err


def test_malformed_config_names_file_and_line(world: World, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text("[default]\nregion = us-east-1\nthis is no setting\n[profile x]\n")
    err = one_line_error(ecr_tui(["repos"], {**world.env, "AWS_CONFIG_FILE": str(config)}))
    assert f"{config}, line 3: cannot parse 'this is no setting'" in err


def test_failing_credential_process_gives_its_first_stderr_line(world: World) -> None:
    err = one_line_error(ecr_tui(["password", "--profile", "proc-fail"], world.env))
    assert "credential_process of profile proc-fail failed: boom: token broker unreachable" in err


# -- network --
def test_connection_refused_is_one_line_with_the_fix(world: World) -> None:
    env = {**world.env, "AWS_ENDPOINT_URL": f"http://127.0.0.1:{closed_port()}"}
    for command in (["repos"], ["password"]):
        err = one_line_error(ecr_tui(command, env))
        assert "cannot reach AWS in us-east-1" in err
        assert "fix: check network, VPN or HTTPS_PROXY" in err


# -- a token already expired on arrival --
def test_token_expired_on_arrival_mentions_the_clock_and_is_asked_once(
    world: World, tmp_path: Path
) -> None:
    with mini_moto(tmp_path / "moto", token_ttl=-3600) as moto:
        env = {**world.env, "AWS_ENDPOINT_URL": moto.url}
        err = one_line_error(ecr_tui(["password"], env))
        assert "expired at" in err and "clock" in err
        assert moto.operations().count("ecr.GetAuthorizationToken") == 1
        err = one_line_error(ecr_tui(["login", "--engine", "docker"], env))
        assert "clock" in err
        assert moto.operations().count("ecr.GetAuthorizationToken") == 2  # once per run


# -- docker problems, found before anything runs --
def test_no_container_client_installed(world: World, world_env: dict[str, str],
                                       tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    env = {**world_env, "PATH": str(empty)}
    result = run_module(["login"], env)
    assert "no container client found" in one_line_error(result)
    result = run_module(["login", "--engine", "docker"], env)
    assert "docker not found on PATH" in one_line_error(result)
    assert not (Path(world_env["DOCKER_CONFIG"]) / "config.json").exists()


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"credsStore": "nope-helper"}, "docker-credential-nope-helper, which is not installed"),
        ("{\"auths\": {", "is not valid JSON"),
    ],
)
def test_docker_config_problems_stop_before_docker_runs(
    world: World, world_env: dict[str, str], tmp_path: Path, config: object, expected: str
) -> None:
    bin_dir, log = fake_engine(tmp_path)
    path = Path(world_env["DOCKER_CONFIG"]) / "config.json"
    text = config if isinstance(config, str) else json.dumps(config)
    path.write_text(text)
    env = {**world_env, "PATH": f"{bin_dir}:{world_env['PATH']}", "FAKE_ENGINE_LOG": str(log)}
    err = one_line_error(ecr_tui(["login", "--engine", "docker"], env))
    assert expected in err and str(path) in err
    assert path.read_text() == text
    assert not log.exists(), "docker ran although its config was known to fail"


# -- MFA --
def test_mfa_profile_without_a_terminal_is_one_clear_line(world: World) -> None:
    exe = [sys.executable, "-m", "ecr_tui", "password", "--profile", "role-mfa"]
    result = subprocess.run(exe, env=dict(world.env), capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL, start_new_session=True)
    err = one_line_error(result)
    assert "needs an MFA code" in err and "no terminal" in err


def test_mfa_prompt_is_routed_to_the_installed_callable(
    world: World, process_env: dict[str, str]
) -> None:
    asked: list[tuple[str, str]] = []

    def prompt(profile: str, serial: str) -> str:
        asked.append((profile, serial))
        return "123456"

    backend = AwsBackend(environ=process_env)
    backend.set_mfa_prompt(prompt)
    try:
        token = backend.token("role-mfa", world.region)
    finally:
        backend.close()
    assert asked == [("role-mfa", f"arn:aws:iam::{world.account_id}:mfa/oncall")]
    assert token.password == world.password
    assert "sts.AssumeRole" in world.audit_lines()


# -- the TUI on the AWS backend --
def test_tui_failing_credential_process_is_one_line_and_the_app_lives(
    world: World, process_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        backend = AwsBackend(environ=process_env)
        app = make_app(backend, profile="proc-fail", region=world.region)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, lambda: any("boom" in m for m in notifications(app)))
            line = next(m for m in notifications(app) if "boom" in m)
            assert "\n" not in line and "credential_process" in line
            app.switch_profile("default")
            await settle(pilot, lambda: app.session.target == Target("default", world.region)
                         and bool(app.session.repositories))
            assert app.is_running
        backend.close()

    asyncio.run(scenario())


def test_tui_connection_refused_is_one_line_and_the_app_lives(
    world: World, process_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{closed_port()}")

    async def scenario() -> None:
        backend = AwsBackend(environ=dict(os.environ))
        app = make_app(backend, profile="default", region=world.region)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, lambda: any("press r to retry" in m for m in notifications(app)))
            assert any("cannot reach AWS" in m for m in notifications(app))
            assert app.is_running
        backend.close()

    asyncio.run(scenario())
