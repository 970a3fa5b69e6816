"""ECR Public against its stand-ins (tests/harness/public_world.py): the installed `ecr-tui`
with --public, a real `docker login`, and the credential helper's `get` for public.ecr.aws."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.harness import readonly_audit
from tests.harness.installed import ecr_tui_command
from tests.harness.public_world import (
    ALIAS,
    EXTRA_REPOS,
    MANY_TAGS,
    MANY_TAGS_REPO,
    PublicWorld,
    running_public_world,
)
from tests.integration.test_credential_helper_e2e import HELPER, helper, write_shim

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def public_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublicWorld]:
    if not os.access("/usr/bin/docker-registry", os.X_OK) or shutil.which("htpasswd") is None:
        pytest.skip("docker-registry and htpasswd are needed for the public registry stand-in")
    with running_public_world(tmp_path_factory.mktemp("public")) as world:
        readonly_audit.watch(world.audit_file)
        yield world


@pytest.fixture
def env(public_world: PublicWorld, tmp_path: Path) -> dict[str, str]:
    """The world's environment with this test's own docker config, state and config.toml."""
    env = dict(public_world.env)
    for name in ("docker", "state", "cache"):
        (tmp_path / name).mkdir()
    env.update({
        "DOCKER_CONFIG": str(tmp_path / "docker"), "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"), "ECR_TUI_CONFIG": str(tmp_path / "config.toml"),
    })
    return env


def ecr_tui(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ecr_tui_command(), *args], env=dict(env), capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def calls_during(world: PublicWorld, run: object) -> list[str]:
    start = len(world.audit_lines())
    run()  # type: ignore[operator]
    return world.audit_lines()[start:]


def test_password_public_is_the_token_asked_in_us_east_1(public_world, env) -> None:
    """The profiles' region is eu-west-1; the stand-in refuses the token anywhere but us-east-1."""
    out: list[subprocess.CompletedProcess[str]] = []
    calls = calls_during(public_world, lambda: out.append(ecr_tui(["password", "--public"], env)))
    assert out[0].returncode == 0, out[0].stderr
    assert out[0].stdout == public_world.password + "\n"
    assert calls == ["ecr-public.GetAuthorizationToken"]


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker CLI not installed")
def test_login_public_with_the_real_docker_cli(public_world, env) -> None:
    result = ecr_tui(["login", "--public", "--engine", "docker"], env)
    assert result.returncode == 0, result.stderr
    host = public_world.registry_host
    assert result.stdout.startswith(f"Logged in docker to {host}, expires in 11h")
    auths = json.loads((Path(env["DOCKER_CONFIG"]) / "config.json").read_text())["auths"]
    assert host in auths  # docker itself stored what it was given on stdin
    logins = json.loads((Path(env["XDG_STATE_HOME"]) / "ecr-tui" / "logins.json").read_text())
    [login] = logins["logins"] if isinstance(logins, dict) else logins
    assert (login["region"], login["registry"], login["engine"]) == ("public", host, "docker")
    assert public_world.password not in json.dumps(logins)


def test_repos_public_reads_every_page_with_catalog_data(public_world, env) -> None:
    result = ecr_tui(["repos", "--public", "--json"], env)
    assert result.returncode == 0, result.stderr
    repos = {r["name"]: r for r in json.loads(result.stdout)}
    assert len(repos) == 3 + EXTRA_REPOS  # past DescribeRepositories' first page
    api = repos["tools/api"]
    assert api["uri"] == f"public.ecr.aws/{ALIAS}/tools/api"
    assert api["catalog"]["description"] == "The API server"
    assert api["catalog"]["about"].startswith("# api")
    assert api["catalog"]["usage"].startswith("docker run")
    assert api["catalog"]["architectures"] == ["x86-64", "ARM 64"]
    assert api["catalog"]["operating_systems"] == ["Linux"]


def test_tags_public_reads_every_page(public_world, env) -> None:
    result = ecr_tui(["tags", "--public", MANY_TAGS_REPO, "--json"], env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len({r["tag"] for r in rows}) == MANY_TAGS  # past DescribeImageTags' 1,000
    assert rows[0]["tag"] == f"v{MANY_TAGS - 1:04d}"  # newest first
    table = ecr_tui(["tags", "--public", "tools/api"], env)
    assert table.stdout.splitlines()[1].split()[0] in ("1.2.0", "latest")


@pytest.mark.parametrize(("profile", "missing"), [
    ("no-token", "ecr-public:GetAuthorizationToken"),
    ("no-bearer", "sts:GetServiceBearerToken"),
])
def test_a_missing_permission_is_one_line_with_the_fix(public_world, env, profile, missing):
    result = ecr_tui(["password", "--public", "--profile", profile], env)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"ecr-tui: error: access denied: {missing} for profile")
    assert "fix: grant ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken" in (
        result.stderr)


def test_an_unknown_public_repository_is_one_line(public_world, env) -> None:
    result = ecr_tui(["tags", "--public", "no/such"], env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "'no/such' does not exist" in result.stderr and "ecr-tui repos --public" in result.stderr


def test_helper_get_for_public_ecr_aws(public_world, env, tmp_path) -> None:
    write_shim(tmp_path / "bin")
    env["PATH"] = f"{tmp_path / 'bin'}:{env['PATH']}"
    host = public_world.registry_host  # what public.ecr.aws is, behind the seam
    result = helper("get", host + "\n", env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "ServerURL": host, "Username": "AWS", "Secret": public_world.password}
    # [registries] names the profile: this one lacks the permission, so the answer says so.
    Path(env["ECR_TUI_CONFIG"]).write_text('[registries]\n"public.ecr.aws" = "no-bearer"\n')
    refused = helper("get", host + "\n", env)
    assert refused.returncode == 1
    assert "sts:GetServiceBearerToken for profile no-bearer" in refused.stderr
    assert shutil.which(HELPER, path=env["PATH"])


def test_every_call_was_a_read(public_world) -> None:
    lines = public_world.audit_lines()
    assert lines and readonly_audit.violations(lines) == []
