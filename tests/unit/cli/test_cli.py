"""The CLI's contract: exit codes, one-line errors, no textual on scripting paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ecr_tui import __version__
from ecr_tui.cli.main import main


def _env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / ".aws").mkdir(exist_ok=True)
    (tmp_path / ".aws" / "config").write_text(
        "[default]\nregion = eu-west-1\n[profile sso]\nsso_session = s\nregion = eu-west-1\n"
        "sso_account_id = 111122223333\nsso_role_name = r\n"
        "[sso-session s]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n"
    )
    return {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecr_tui", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["tags"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["login", "--engine", "rkt"])
    assert info.value.code == 2


def test_profiles_json_in_a_subprocess(tmp_path: Path) -> None:
    result = _run(["profiles", "--json"], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    names = [p["name"] for p in json.loads(result.stdout)]
    assert names == ["default", "sso"]


def test_unknown_profile_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = _run(["repos", "--profile", "nope"], _env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ecr-tui: error: unknown profile 'nope'")
    assert "Traceback" not in result.stderr


def test_sso_never_logged_in_names_the_command(tmp_path: Path) -> None:
    result = _run(["password", "--profile", "sso"], _env(tmp_path))
    assert result.returncode == 1
    assert "aws sso login --profile sso" in result.stderr
    assert result.stderr.count("\n") == 1


def test_broken_config_names_file_and_line(tmp_path: Path) -> None:
    env = _env(tmp_path)
    (tmp_path / ".aws" / "config").write_text("[default]\nregion = x\nnot a setting\n")
    result = _run(["profiles"], env)
    assert result.returncode == 1
    assert "config, line 3" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["password", "profiles", "repos", "regions", "status"])
def test_scripting_paths_never_import_textual(tmp_path: Path, command: str) -> None:
    code = (
        "import sys\n"
        "from ecr_tui.cli.main import main\n"
        f"main([{command!r}])\n"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "print('IMPORTED', bad)\n"
    )
    env = {**_env(tmp_path), "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert "IMPORTED []" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("region", [None, "us-east-1"])
def test_no_credentials_at_all_says_so_first_and_never_names_a_missing_profile(
    tmp_path: Path, region: str | None
) -> None:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"}
    if region:
        env["AWS_REGION"] = region
    result = _run(["repos"], env)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("ecr-tui: error: no AWS credentials")
    assert "aws configure" in line and "(env)" not in line and "--profile" not in line


def test_repos_table_names_the_mutability_column(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["repos", "--demo"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert "MUTABILITY" in header and "TAGS" not in header


def test_the_demo_says_an_unknown_repository_does_not_exist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tags", "no-such/repo", "--demo"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'no-such/repo' does not exist" in err
    assert main(["tags", "base/python", "--demo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
