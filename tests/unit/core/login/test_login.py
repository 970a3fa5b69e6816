"""Container-client login: argv, stdin, docker config checks, error scrubbing, engine detection."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecr_tui.core.errors import LoginError
from ecr_tui.core.login import engine as login
from ecr_tui.core.login.engine import (
    ENGINES,
    check_docker_config,
    detect_engine,
    login_argv,
    run_login,
)
from ecr_tui.core.models import Token
from tests.harness import procs

# Realistic shape: ECR passwords are long base64 blobs.
PASSWORD = "eyJwYXlsb2FkIjoiU2VjcmV0UGF5bG9hZCIsImRhdGFrZXkiOiJBUUVCQUhqNk" * 40
HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

FAKE_ENGINE = r"""#!{python}
import hashlib, json, os, sys, time
data = sys.stdin.read()
record = {{
    "argv": [os.path.basename(sys.argv[0])] + sys.argv[1:],
    "env_keys": sorted(os.environ),
    "registry_auth_file": os.environ.get("REGISTRY_AUTH_FILE"),
    "stdin_len": len(data),
    "stdin_sha256": hashlib.sha256(data.encode()).hexdigest(),
    "has_tty": os.isatty(0),
}}
with open(os.environ["FAKE_ENGINE_LOG"], "w") as fh:
    json.dump(record, fh)
if os.environ.get("FAKE_ENGINE_SLEEP"):
    time.sleep(float(os.environ["FAKE_ENGINE_SLEEP"]))
rc = int(os.environ.get("FAKE_ENGINE_RC", "0"))
if rc:
    err = os.environ.get("FAKE_ENGINE_STDERR", "")
    if os.environ.get("FAKE_ENGINE_ECHO_STDIN"):
        err += " " + data  # a careless engine echoing the password back
    sys.stderr.write(err)
    sys.exit(rc)
print("Login Succeeded")
"""


def make_token(endpoint: str = f"https://{HOST}", registry: str = HOST) -> Token:
    return Token(
        registry=registry,
        endpoint=endpoint,
        username="AWS",
        password=PASSWORD,
        expires_at=datetime.now(timezone.utc) + timedelta(hours=12),
        profile="dev",
        region="eu-west-1",
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A throwaway world: fake engines first on PATH, tmp HOME and DOCKER_CONFIG."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for name in ENGINES:
        script = bindir / name
        script.write_text(FAKE_ENGINE.format(python=sys.executable))
        script.chmod(0o755)
    home = tmp_path / "home"
    (home / ".docker").mkdir(parents=True)
    return {
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "DOCKER_CONFIG": str(tmp_path / "dockercfg"),
        "FAKE_ENGINE_LOG": str(tmp_path / "engine.json"),
        "LC_ALL": "C.UTF-8",
    }


def engine_record(env: dict[str, str]) -> dict:
    return json.loads(Path(env["FAKE_ENGINE_LOG"]).read_text())


def write_docker_config(env: dict[str, str], config: object | str) -> Path:
    path = Path(env["DOCKER_CONFIG"]) / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(config if isinstance(config, str) else json.dumps(config))
    return path


def which_in(*names: str):
    return lambda cmd, path=None: f"/usr/bin/{cmd}" if cmd in names else None


# -- login_argv ---------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["docker", "podman", "finch", "nerdctl"])
def test_login_argv_engine_login_shape(engine: str) -> None:
    assert login_argv(engine, HOST, insecure=False) == [
        engine, "login", "--username", "AWS", "--password-stdin", HOST,
    ]  # fmt: skip


def test_login_argv_helm_and_oras() -> None:
    tail = ["--username", "AWS", "--password-stdin", HOST]
    assert login_argv("helm", HOST, insecure=False) == ["helm", "registry", "login", *tail]
    assert login_argv("oras", HOST, insecure=False) == ["oras", "login", *tail]


@pytest.mark.parametrize(
    ("engine", "flag"),
    [("podman", "--tls-verify=false"), ("helm", "--insecure"), ("oras", "--plain-http")],
)
def test_login_argv_insecure_flag_only_when_asked(engine: str, flag: str) -> None:
    assert flag in login_argv(engine, "127.0.0.1:5000", insecure=True)
    assert flag not in login_argv(engine, "127.0.0.1:5000", insecure=False)
    assert login_argv(engine, "127.0.0.1:5000", insecure=True)[-1] == "127.0.0.1:5000"


@pytest.mark.parametrize("engine", ["docker", "finch", "nerdctl"])
def test_login_argv_insecure_adds_nothing_for_docker_likes(engine: str) -> None:
    assert login_argv(engine, HOST, insecure=True) == login_argv(engine, HOST, insecure=False)


@pytest.mark.parametrize("host", ["", "-p", "https://x.example", "a b"])
def test_login_argv_rejects_hosts_that_are_not_bare(host: str) -> None:
    with pytest.raises(LoginError):
        login_argv("docker", host, insecure=False)


def test_login_argv_rejects_unknown_engine() -> None:
    with pytest.raises(LoginError, match="unknown container client"):
        login_argv("rkt", HOST, insecure=False)


# -- run_login with a fake engine ---------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_run_login_password_goes_to_stdin_only(engine: str, env: dict[str, str]) -> None:
    assert run_login(engine, make_token(), environ=env) == "Login Succeeded"
    rec = engine_record(env)
    assert rec["argv"] == login_argv(engine, HOST, insecure=False)
    assert not any(PASSWORD in arg or PASSWORD[:32] in arg for arg in rec["argv"])
    expected = PASSWORD + "\n"
    assert rec["stdin_len"] == len(expected)
    assert rec["stdin_sha256"] == hashlib.sha256(expected.encode()).hexdigest()
    assert rec["has_tty"] is False
    assert "FAKE_ENGINE_LOG" in rec["env_keys"]  # the given environ, not ours


def test_run_login_podman_tls_verify_only_for_http_endpoint(env: dict[str, str]) -> None:
    run_login("podman", make_token(endpoint="http://127.0.0.1:5000", registry="127.0.0.1:5000"),
              environ=env)  # fmt: skip
    assert engine_record(env)["argv"] == [
        "podman", "login", "--username", "AWS", "--password-stdin", "--tls-verify=false",
        "127.0.0.1:5000",
    ]  # fmt: skip
    run_login("podman", make_token(endpoint="https://127.0.0.1:5000", registry="127.0.0.1:5000"),
              environ=env)  # fmt: skip
    assert "--tls-verify=false" not in engine_record(env)["argv"]


def test_run_login_podman_gets_registry_auth_file_from_environ(
    env: dict[str, str], tmp_path: Path
) -> None:
    env["REGISTRY_AUTH_FILE"] = str(tmp_path / "auth.json")
    run_login("podman", make_token(), environ=env)
    assert engine_record(env)["registry_auth_file"] == str(tmp_path / "auth.json")


def test_run_login_failure_line_is_scrubbed_and_short(env: dict[str, str]) -> None:
    env.update(
        FAKE_ENGINE_RC="1",
        FAKE_ENGINE_STDERR='time="x" level=info msg="trying next endpoint"\n'
        "Error response from daemon: login attempt failed with status: 400 Bad Request for",
        FAKE_ENGINE_ECHO_STDIN="1",
    )
    with pytest.raises(LoginError) as info:
        run_login("docker", make_token(), environ=env)
    err = info.value
    assert "Error response from daemon: login attempt failed" in err.message
    assert "level=info" not in err.message
    assert PASSWORD not in str(err) and PASSWORD[:40] not in str(err)
    assert "\n" not in str(err)
    assert len(err.message) <= 200 + len(f"docker login to {HOST} failed: ")


def test_run_login_error_saving_credentials_hint(env: dict[str, str]) -> None:
    env.update(
        FAKE_ENGINE_RC="1",
        FAKE_ENGINE_STDERR="Error saving credentials: error storing credentials - err: exec: "
        '"docker-credential-desktop": executable file not found in $PATH',
    )
    with pytest.raises(LoginError) as info:
        run_login("docker", make_token(), environ=env)
    assert "Error saving credentials" in info.value.message
    assert info.value.fix and "credsStore" in info.value.fix


def test_run_login_connection_refused_hint(env: dict[str, str]) -> None:
    env.update(FAKE_ENGINE_RC="125", FAKE_ENGINE_STDERR="Error: dial tcp: connection refused\n")
    with pytest.raises(LoginError) as info:
        run_login("podman", make_token(), environ=env)
    assert "connection refused" in info.value.message
    assert info.value.fix and "network" in info.value.fix


def test_run_login_engine_not_installed(env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    env["PATH"] = str(empty)
    with pytest.raises(LoginError, match="podman is not installed") as info:
        run_login("podman", make_token(), environ=env)
    assert info.value.fix == "install podman"


def test_run_login_timeout(env: dict[str, str]) -> None:
    env["FAKE_ENGINE_SLEEP"] = "30"
    with pytest.raises(LoginError, match="timed out") as info:
        run_login("oras", make_token(), environ=env, timeout=0.5)
    assert PASSWORD not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_run_login_checks_docker_config_before_running(env: dict[str, str]) -> None:
    write_docker_config(env, {"credHelpers": {HOST: "ecr-login"}})
    with pytest.raises(LoginError, match="ecr-login"):
        run_login("docker", make_token(), environ=env)
    assert not Path(env["FAKE_ENGINE_LOG"]).exists()  # never started


def test_run_login_podman_ignores_docker_config(env: dict[str, str]) -> None:
    write_docker_config(env, {"credHelpers": {HOST: "ecr-login"}})
    assert run_login("podman", make_token(), environ=env) == "Login Succeeded"


@settings(max_examples=200, deadline=None)
@given(
    password=st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
        min_size=16,
        max_size=400,
    ),
    before=st.text(max_size=300),
    after=st.text(max_size=300),
)
def test_error_line_never_contains_the_password(password: str, before: str, after: str) -> None:
    token = dataclasses.replace(make_token(), password=password)
    line = login._error_line(f"{before}Error: {password}{after}", login._secrets(token))
    assert password not in line
    assert len(line) <= 200
    assert "\n" not in line


# -- check_docker_config ------------------------------------------------------------------


def test_check_docker_config_missing_file_is_fine(env: dict[str, str]) -> None:
    check_docker_config(HOST, env, which=which_in())


def test_check_docker_config_defaults_to_home(env: dict[str, str]) -> None:
    env.pop("DOCKER_CONFIG")
    (Path(env["HOME"]) / ".docker" / "config.json").write_text("{nope")
    with pytest.raises(LoginError, match=r"\.docker/config\.json"):
        check_docker_config(HOST, env, which=which_in())


def test_check_docker_config_ecr_login_routed_host(env: dict[str, str]) -> None:
    write_docker_config(env, {"credHelpers": {HOST: "ecr-login"}})
    with pytest.raises(LoginError) as info:
        check_docker_config(HOST, env, which=which_in("docker-credential-ecr-login"))
    assert "docker-credential-ecr-login" in info.value.message
    assert "not implemented" in info.value.message
    assert info.value.fix and "already logs in" in info.value.fix


def test_check_docker_config_ecr_login_for_other_host_is_fine(env: dict[str, str]) -> None:
    write_docker_config(env, {"credHelpers": {"other.example": "ecr-login"}})
    check_docker_config(HOST, env, which=which_in())


def test_check_docker_config_missing_creds_store_helper(env: dict[str, str]) -> None:
    write_docker_config(env, {"credsStore": "desktop"})
    with pytest.raises(LoginError, match="Error saving credentials") as info:
        check_docker_config(HOST, env, which=which_in())
    assert "docker-credential-desktop" in info.value.message
    assert info.value.fix
    check_docker_config(HOST, env, which=which_in("docker-credential-desktop"))


def test_check_docker_config_missing_per_host_helper(env: dict[str, str]) -> None:
    write_docker_config(env, {"credHelpers": {HOST: "gcloud"}})
    with pytest.raises(LoginError, match="Error saving credentials"):
        check_docker_config(HOST, env, which=which_in())


def test_check_docker_config_per_host_helper_wins_over_creds_store(env: dict[str, str]) -> None:
    write_docker_config(env, {"credsStore": "desktop", "credHelpers": {HOST: "pass"}})
    check_docker_config(HOST, env, which=which_in("docker-credential-pass"))


def test_check_docker_config_invalid_json_left_untouched(env: dict[str, str]) -> None:
    path = write_docker_config(env, '{\n  "auths": {,\n}')
    before = path.read_bytes()
    with pytest.raises(LoginError) as info:
        check_docker_config(HOST, env, which=which_in())
    assert str(path) in info.value.message
    assert "line 2 column" in info.value.message
    assert info.value.fix == "repair or move the file"
    assert path.read_bytes() == before


def test_check_docker_config_empty_file_is_fine(env: dict[str, str]) -> None:
    write_docker_config(env, "")
    check_docker_config(HOST, env, which=which_in())


def test_check_docker_config_unreadable_directory(env: dict[str, str]) -> None:
    path = Path(env["DOCKER_CONFIG"]) / "config.json"
    path.mkdir(parents=True)
    with pytest.raises(LoginError, match="cannot read") as info:
        check_docker_config(HOST, env, which=which_in())
    assert str(path) in info.value.message
    assert info.value.fix == "repair or move the file"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_check_docker_config_unreadable_file(env: dict[str, str]) -> None:
    path = write_docker_config(env, "{}")
    path.chmod(0)
    try:
        with pytest.raises(LoginError, match="cannot read"):
            check_docker_config(HOST, env, which=which_in())
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


# -- detect_engine ------------------------------------------------------------------------


def test_detect_engine_first_available_in_order() -> None:
    assert detect_engine(which=which_in("podman", "docker", "oras")) == "docker"
    assert detect_engine(which=which_in("oras", "helm")) == "helm"


def test_detect_engine_preferred() -> None:
    assert detect_engine("podman", which=which_in("docker", "podman")) == "podman"


def test_detect_engine_preferred_missing_names_alternatives() -> None:
    with pytest.raises(LoginError) as info:
        detect_engine("finch", which=which_in("podman"))
    assert "finch not found" in info.value.message and "podman" in info.value.message
    assert info.value.fix and "install finch" in info.value.fix


def test_detect_engine_unknown() -> None:
    with pytest.raises(LoginError, match="unknown container client"):
        detect_engine("rkt", which=which_in("docker"))


def test_detect_engine_none() -> None:
    with pytest.raises(LoginError) as info:
        detect_engine(which=which_in())
    assert info.value.message.startswith("no container client found (docker, podman")
    assert info.value.fix == "install docker or podman, or pass --engine"


# -- the real docker CLI, no server needed ------------------------------------------------


def closed_port() -> int:
    return procs.free_port()  # nothing listens there, and no other server of ours gets it


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed")
def test_real_docker_login_refused_port(tmp_path: Path) -> None:
    port = closed_port()
    host = f"127.0.0.1:{port}"
    docker_config = tmp_path / "dockercfg"
    environ = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DOCKER_CONFIG": str(docker_config),
    }
    token = make_token(endpoint=f"https://{host}", registry=host)
    with pytest.raises(LoginError) as info:
        run_login("docker", token, environ=environ, timeout=60)
    text = str(info.value)
    assert "connection refused" in text
    assert info.value.fix and "network" in info.value.fix
    assert PASSWORD not in text and PASSWORD[:40] not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD[:40] not in path.read_text(errors="replace")


def test_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, ecr_tui.core.login.engine, ecr_tui.core.store.state;"
        "import ecr_tui.core.login.clipboard;"
        "bad = {'textual', 'boto3', 'httpx', 'pyperclip'} & set(sys.modules);"
        "print(sorted(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[4],
    )  # fmt: skip
    assert out.stdout.strip() == "[]"
