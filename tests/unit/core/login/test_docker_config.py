"""credHelpers in docker's config.json: install, uninstall, backups, refusals; login pre-flight."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.login import docker_config
from ecr_tui.core.login.engine import routed_to_own_helper

HOST = "111122223333.dkr.ecr.eu-west-1.amazonaws.com"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"DOCKER_CONFIG": str(tmp_path / "docker"), "HOME": str(tmp_path), "PATH": ""}


def config(env: dict[str, str]) -> Path:
    return Path(env["DOCKER_CONFIG"]) / "config.json"


def test_install_into_no_file_creates_it(env) -> None:
    change = docker_config.install([HOST, HOST], env)
    assert change.changed == (HOST,) and change.backup is None
    assert json.loads(config(env).read_text()) == {"credHelpers": {HOST: "ecr-tui"}}
    assert stat.S_IMODE(config(env).stat().st_mode) == 0o600
    assert docker_config.routed_hosts(env) == [HOST]


def test_install_keeps_everything_else_and_backs_up_first(env) -> None:
    path = config(env)
    path.parent.mkdir()
    original = {"auths": {"x.io": {}}, "credsStore": "desktop",
                "credHelpers": {"gcr.io": "gcloud"}, "psFormat": "table"}
    path.write_text(json.dumps(original))
    os.chmod(path, 0o644)
    change = docker_config.install([HOST], env)
    assert change.backup is not None and json.loads(change.backup.read_text()) == original
    written = json.loads(path.read_text())
    assert written == {**original, "credHelpers": {"gcr.io": "gcloud", HOST: "ecr-tui"}}
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert docker_config.install([HOST], env).changed == ()  # nothing to do, nothing written


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"credHelpers": "x"}'])
def test_invalid_file_is_refused_and_left_alone(env, text: str) -> None:
    path = config(env)
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(ConfigError, match="left unchanged"):
        docker_config.install([HOST], env)
    with pytest.raises(ConfigError):
        docker_config.uninstall(None, env)
    assert path.read_text() == text
    assert list(path.parent.iterdir()) == [path]
    assert docker_config.routed_hosts(env) == []


def test_uninstall_removes_only_ours(env) -> None:
    path = config(env)
    path.parent.mkdir()
    path.write_text(json.dumps({"credHelpers": {"gcr.io": "gcloud", HOST: "ecr-tui",
                                                "127.0.0.1:5000": "ecr-tui"}}))
    assert docker_config.uninstall(["127.0.0.1:5000"], env).changed == ("127.0.0.1:5000",)
    assert docker_config.uninstall(None, env).changed == (HOST,)
    assert json.loads(path.read_text()) == {"credHelpers": {"gcr.io": "gcloud"}}
    assert docker_config.uninstall(None, env).changed == ()


def test_uninstall_drops_an_empty_cred_helpers(env) -> None:
    docker_config.install([HOST], env)
    docker_config.uninstall(None, env)
    assert json.loads(config(env).read_text()) == {}


def test_login_preflight_says_a_routed_host_needs_no_login(env) -> None:
    docker_config.install([HOST], env)

    def which(name: str, path: str | None = None) -> str | None:
        return f"/bin/{name}" if name == "docker-credential-ecr-tui" else None

    note = routed_to_own_helper(HOST, env, which=which)
    assert note and "docker-credential-ecr-tui" in note and "nothing to store" in note
    assert routed_to_own_helper("other.io", env, which=which) is None
    assert routed_to_own_helper(HOST, env, which=lambda *a, **k: None) is None
