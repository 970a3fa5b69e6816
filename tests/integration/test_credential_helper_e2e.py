"""docker-credential-ecr-tui as docker, skopeo and podman run it: a `docker-credential-*` on PATH,
routed by credHelpers in docker's config.json, against the local registry and moto."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.harness.installed import ecr_tui_command
from tests.harness.tokens import password_for
from tests.harness.world import REPO_ROOT, World

pytestmark = pytest.mark.integration

HELPER = "docker-credential-ecr-tui"


def write_shim(bin_dir: Path) -> None:
    """The console script as pip would make it, without reinstalling ecr-tui."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / HELPER
    shim.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "from ecr_tui.credential_helper import entry\nentry()\n"
    )
    shim.chmod(0o755)


def helper_env(world: World, world_env: Mapping[str, str], tmp_path: Path, profile: str,
               *, route: bool = True) -> dict[str, str]:
    """world_env + the shim on PATH + config.toml mapping the registry host to `profile`."""
    env = dict(world_env)
    write_shim(tmp_path / "bin")
    env["PATH"] = f"{tmp_path / 'bin'}:{env['PATH']}"
    config = tmp_path / "ecr-tui.toml"
    config.write_text(f'[registries]\n"{world.registry_host}" = "{profile}"\n')
    env["ECR_TUI_CONFIG"] = str(config)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    if route:
        docker = Path(env["DOCKER_CONFIG"]) / "config.json"
        docker.write_text(json.dumps({"credHelpers": {world.registry_host: "ecr-tui"}}))
    return env


def helper(action: str, stdin: str, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HELPER, action], input=stdin, env=dict(env), capture_output=True,
                          text=True, timeout=120, start_new_session=True)


def audit_since(world: World, start: int) -> list[str]:
    return world.audit_lines()[start:]


def test_get_speaks_dockers_protocol_with_one_token_call(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    start = len(world.audit_lines())
    result = helper("get", world.registry_host + "\n", env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "ServerURL": world.registry_host, "Username": "AWS", "Secret": world.password}
    assert result.stderr == ""
    assert audit_since(world, start) == ["ecr.GetAuthorizationToken"]


def test_get_imports_neither_boto3_nor_textual_nor_httpx(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    code = ("import sys\nfrom ecr_tui.credential_helper import main\ncode = main(['get'])\n"
            "print([m for m in ('boto3', 'textual', 'httpx') if m in sys.modules], "
            "file=sys.stderr)\nsys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", code], input=world.registry_host, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and json.loads(result.stdout)["Secret"] == world.password
    assert result.stderr.strip() == "[]"


def test_list_store_erase(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    listed = helper("list", "", env)
    assert listed.returncode == 0 and json.loads(listed.stdout)[world.registry_host] == "AWS"
    for action in ("store", "erase"):
        refused = helper(action, json.dumps({"ServerURL": world.registry_host}), env)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1
        assert "not supported" in refused.stderr


def test_an_unmapped_host_is_not_found(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    result = helper("get", "ghcr.io", env)
    assert result.returncode == 1
    assert result.stdout == "credentials not found in native keychain\n"
    assert result.stderr.count("\n") == 1 and "ghcr.io" in result.stderr


def test_an_ecr_host_finds_the_profile_of_its_account(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    host = f"{world.account_id}.dkr.ecr.{world.other_region}.amazonaws.com"
    result = helper("get", f"https://{host}", env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Secret"] == world.password


def _skopeo(env: Mapping[str, str], world: World) -> subprocess.CompletedProcess[str]:
    repo = world.http_pushed[0]
    return subprocess.run(
        ["skopeo", "list-tags", "--tls-verify=false", f"docker://{world.registry_host}/{repo}"],
        env=dict(env), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


needs_skopeo = pytest.mark.skipif(shutil.which("skopeo") is None, reason="skopeo not installed")
needs_podman = pytest.mark.skipif(shutil.which("podman") is None, reason="podman not installed")


@needs_skopeo
def test_skopeo_lists_tags_through_the_helper(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    result = _skopeo(env, world)
    assert result.returncode == 0, result.stderr
    repo = world.http_pushed[0]
    assert sorted(json.loads(result.stdout)["Tags"]) == sorted(world.tags[repo])


@needs_skopeo
def test_skopeo_without_the_route_is_refused_by_the_registry(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default", route=False)
    result = _skopeo(env, world)
    assert result.returncode != 0 and "unauthorized" in result.stderr.lower()


@needs_skopeo
def test_skopeo_fails_clearly_when_the_profile_has_no_credentials(
    world, world_env, tmp_path
) -> None:
    env = helper_env(world, world_env, tmp_path, "sso-never")
    result = _skopeo(env, world)
    assert result.returncode != 0
    assert "aws sso login --profile sso-never" in result.stderr


@needs_skopeo
def test_an_sso_profile_serves_skopeo_through_the_helper(world, world_env, tmp_path) -> None:
    """sso-dev: botocore's SSO provider trades the cached token at the portal stand-in for
    role credentials in the main account; the helper answers that account's password."""
    env = helper_env(world, world_env, tmp_path, "sso-dev")
    start = len(world.audit_lines())
    result = helper("get", world.registry_host, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Secret"] == world.password
    calls = audit_since(world, start)
    assert "sso.GetRoleCredentials" in calls and calls.count("ecr.GetAuthorizationToken") == 1
    listed = _skopeo(env, world)
    assert listed.returncode == 0, listed.stderr
    assert sorted(json.loads(listed.stdout)["Tags"]) == sorted(world.tags[world.http_pushed[0]])


def test_a_discovered_sso_role_serves_an_ecr_host_of_its_account(
    world, world_env, tmp_path
) -> None:
    """No configured profile of the other account: its role is found through the portal (the
    account cache is empty, so the helper discovers once) and answers that account's token."""
    env = helper_env(world, world_env, tmp_path, "default")
    env["AWS_CONFIG_FILE"] = str(_only_sso_sessions(world, tmp_path))
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "no-credentials")
    host = f"{world.other_account_id}.dkr.ecr.{world.region}.amazonaws.com"
    result = helper("get", host, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Secret"] == password_for(world.other_account_id)
    cached = (tmp_path / "cache" / "ecr-tui").glob("sso-accounts*.json")
    assert any(world.other_account_id in p.read_text() for p in cached)


def _only_sso_sessions(world: World, tmp_path: Path) -> Path:
    """The world's [sso-session] blocks alone: no profile names the other account."""
    text = Path(world.env["AWS_CONFIG_FILE"]).read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n[") if b.startswith("sso-session ")]
    config = tmp_path / "aws-config"
    config.write_text("".join(f"[{b.strip()}\n\n" for b in blocks), encoding="utf-8")
    return config


@needs_podman
def test_podman_lists_tags_through_the_helper(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default")
    Path(env["REGISTRY_AUTH_FILE"]).write_text("{}")  # podman 4.3 stats it before searching
    repo = world.http_pushed[0]
    result = subprocess.run(
        ["podman", "search", "--list-tags", "--tls-verify=false", f"{world.registry_host}/{repo}"],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    tags = {line.split()[-1] for line in result.stdout.splitlines()[1:]}
    assert tags == set(world.tags[repo])
    bad = helper_env(world, world_env, tmp_path / "bad", "proc-fail")
    Path(bad["REGISTRY_AUTH_FILE"]).write_text("{}")
    failed = subprocess.run(
        ["podman", "login", "--get-login", "--tls-verify=false", world.registry_host],
        env=bad, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert failed.returncode != 0 and "credential_process of profile proc-fail" in failed.stderr


# -- MFA: the code is asked on the controlling terminal, once, then the AWS CLI's cache --
def _get_with_terminal(env: Mapping[str, str], host: str, answer: bytes) -> tuple[
    subprocess.CompletedProcess[str], bytes
]:
    """Run `get` as docker does: stdin a pipe, the user's terminal (here a pty) controlling."""
    import fcntl
    import termios

    master, slave = os.openpty()

    def controlling_tty() -> None:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    stdin_r, stdin_w = os.pipe()
    os.write(stdin_w, (host + "\n").encode())
    os.close(stdin_w)
    proc = subprocess.Popen(
        [HELPER, "get"], env=dict(env), stdin=stdin_r, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, preexec_fn=controlling_tty, pass_fds=(slave,),
    )
    os.close(slave)
    os.close(stdin_r)
    screen = b""
    while b"MFA code" not in screen:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            pytest.fail(f"no MFA prompt on the terminal: {screen!r}")
        try:
            chunk = os.read(master, 1024)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.write(master, answer)
    out, err = proc.communicate(timeout=120)
    os.close(master)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), screen


def test_mfa_is_asked_on_the_terminal_once_then_cached(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "role-mfa")
    env["HOME"] = str(tmp_path / "home")  # the AWS CLI's cache: ~/.aws/cli/cache
    start = len(world.audit_lines())
    result, screen = _get_with_terminal(env, world.registry_host, b"123456\n")
    assert b"MFA code for arn:aws:iam::" in screen and b"(profile role-mfa)" in screen
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["Secret"] == world.password
    cache = list((tmp_path / "home" / ".aws" / "cli" / "cache").glob("*.json"))
    assert len(cache) == 1 and "Credentials" in json.loads(cache[0].read_text())
    # Next pull, no terminal at all: the role credentials come from the cache, no code asked.
    again = helper("get", world.registry_host, env)
    assert again.returncode == 0, again.stderr
    assert audit_since(world, start).count("sts.AssumeRole") == 1
    ours = [p for p in tmp_path.rglob("*") if p.is_file() and ".aws" not in p.parts]
    for path in ours:  # nothing of ours holds a secret: only the AWS CLI's cache does
        assert world.password[:40] not in path.read_text(errors="replace"), path


def test_mfa_without_a_terminal_is_one_line(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "role-mfa")
    env["HOME"] = str(tmp_path / "home")
    result = helper("get", world.registry_host, env)
    assert result.returncode == 1 and result.stdout.count("\n") == 1
    assert "needs an MFA code" in result.stderr and "no terminal" in result.stderr
    assert result.stderr.count("\n") == 1


# -- ecr-tui helper install / status / login pre-flight --
def _ecr_tui(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ecr_tui_command(), *args], env=dict(env), capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_helper_install_status_login_uninstall(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default", route=False)
    docker = Path(env["DOCKER_CONFIG"]) / "config.json"
    docker.write_text(json.dumps({"auths": {"other.io": {}}}))
    installed = _ecr_tui(["helper", "install", "--registry", world.registry_host], env)
    assert installed.returncode == 0, installed.stderr
    assert json.loads(docker.read_text()) == {
        "auths": {"other.io": {}}, "credHelpers": {world.registry_host: "ecr-tui"}}
    assert (docker.parent / "config.json.ecr-tui.bak").exists()
    status = _ecr_tui(["status", "--json"], env)
    assert json.loads(status.stdout)["helper"] == [
        {"registry": world.registry_host, "profile": "default", "via": "config"}]
    before = docker.read_text()
    login = _ecr_tui(["login", "--engine", "docker"], env)
    assert login.returncode == 0, login.stderr
    assert "routed to docker-credential-ecr-tui" in login.stdout
    assert docker.read_text() == before
    removed = _ecr_tui(["helper", "uninstall"], env)
    assert removed.returncode == 0 and json.loads(docker.read_text()) == {
        "auths": {"other.io": {}}}


def test_helper_install_refuses_invalid_json(world, world_env, tmp_path) -> None:
    env = helper_env(world, world_env, tmp_path, "default", route=False)
    docker = Path(env["DOCKER_CONFIG"]) / "config.json"
    docker.write_text("{broken")
    result = _ecr_tui(["helper", "install", "--registry", world.registry_host], env)
    assert result.returncode == 1 and "not valid JSON" in result.stderr
    assert docker.read_text() == "{broken"


# -- choosing among several profiles of one account (issue 16, item 1) --
def _account_env(world: World, world_env: Mapping[str, str], tmp_path: Path) -> dict[str, str]:
    """An SSO profile of the main account never logged in (its session has no cached token),
    in eu-west-1, and static keys of the same account whose account only STS can tell."""
    env = helper_env(world, world_env, tmp_path, "default", route=False)
    Path(env["ECR_TUI_CONFIG"]).write_text("")  # no [registries]: the account decides
    config = tmp_path / "aws-config"
    config.write_text(
        "[profile ops-sso]\nsso_session = nobody\n"
        f"sso_account_id = {world.account_id}\nsso_role_name = AdministratorAccess\n"
        "region = eu-west-1\n\n[default]\nregion = us-east-1\n\n"
        "[sso-session nobody]\nsso_start_url = https://nobody.awsapps.com/start\n"
        "sso_region = us-east-1\n"
    )
    env["AWS_CONFIG_FILE"] = str(config)
    return env


def test_a_profile_that_can_answer_serves_the_host_in_every_region(
    world, world_env, tmp_path
) -> None:
    env = _account_env(world, world_env, tmp_path)
    for region in ("us-east-1", "eu-west-1"):  # the second with the account cache filled
        host = f"{world.account_id}.dkr.ecr.{region}.amazonaws.com"
        result = helper("get", host, env)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["Secret"] == world.password
        assert result.stderr == ""


def test_when_no_profile_of_the_account_can_answer_the_failure_is_one_line(
    world, world_env, tmp_path
) -> None:
    env = _account_env(world, world_env, tmp_path)
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "no-credentials")
    result = helper("get", f"{world.account_id}.dkr.ecr.us-east-1.amazonaws.com", env)
    assert result.returncode == 1 and result.stdout.count("\n") == 1
    assert "aws sso login --profile ops-sso" in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
