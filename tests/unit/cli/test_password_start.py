"""`ecr-tui password` starts on what it needs (tests/bench/bench_password.py): its arguments
read without argparse and as argparse reads them, no other command's module, one botocore
session, none of the records but the Token, no collector scans in the console script."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import botocore.session
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecr_tui.cli.parser import build_parser, parse_quick_args, parse_tui_args
from ecr_tui.core.aws.session import SessionPool
from ecr_tui.core.models import ENV_PROFILE
from tests.harness.home_env import home_env
from tests.unit.test_first_frame_imports import assert_read_as_the_whole_parser_reads

OTHER_COMMANDS = {f"ecr_tui.cli.{name}" for name in (
    "agent", "audit", "config", "copy", "doctor", "find", "findings", "fleet", "helper",
    "inspect", "lifecycle", "login", "pairs", "profiles", "repos", "tags", "upstream", "usage",
    "writes", "output",
)}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return home_env(tmp_path)


def _probe(code: str, env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env)
    return done.stdout.split("\n")


@pytest.mark.parametrize("argv", [
    ["password"], ["--demo", "password"], ["password", "--public"], ["password", "--demo"],
    ["--profile", "a", "password", "--profile=b"], ["--region=eu-west-1", "password"],
    ["password", "--region", "us-east-1", "--debug", "--allow-writes"],
    ["--profile", "password", "password"], ["password", "--profile="],
])
def test_password_parses_as_the_whole_parser_does(argv: list[str]) -> None:
    fast = parse_quick_args(argv)
    assert fast is not None and vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["password", "x"], ["password", "--clipboard-clear", "5"], ["--public", "password"],
    ["password", "-h"], ["password", "--pub"], ["password", "--public=1"], ["password", "--"],
    ["password", "--profile"], ["tags", "x"], ["password", "password"], ["passw"],
])
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert parse_quick_args(argv) is None


def test_the_tui_options_read_as_before() -> None:
    for argv in ([], ["--demo", "--profile", "p"], ["--clipboard-clear=5"]):
        assert vars(parse_quick_args(argv)) == vars(parse_tui_args(argv))


WORDS = ["password", "--public", "--profile", "--region", "--clipboard-clear", "--demo",
         "--debug", "--allow-writes", "--prof", "-x", "--profile=p", "--region=", "--public=1",
         "--", "p", "eu-west-1", "5", "tags", "-h"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=7))
def test_the_quick_path_never_reads_argv_otherwise_than_the_whole_parser(
    argv: list[str],
) -> None:
    assert_read_as_the_whole_parser_reads(parse_quick_args(argv), argv)


def test_password_imports_no_argparse_and_no_other_command(env: dict[str, str]) -> None:
    lines = _probe(
        "import contextlib, io, sys\nfrom ecr_tui.cli.main import main\n"
        "out = io.StringIO()\nwith contextlib.redirect_stdout(out):\n"
        "    code = main(['--demo', 'password'])\n"
        "print(code, bool(out.getvalue().strip()))\nprint(' '.join(sorted(sys.modules)))", env
    )
    assert lines[0] == "0 True"
    loaded = set(lines[1].split())
    assert "ecr_tui.cli.password" in loaded
    assert not loaded & ({"argparse"} | OTHER_COMMANDS)


def test_the_console_script_runs_password_without_the_collector(env: dict[str, str]) -> None:
    lines = _probe(
        "import contextlib, gc, io\nfrom ecr_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--demo', 'password'])\n    enabled_in_process = gc.isenabled()\n"
        "    main(['--demo', 'password'], leaving=True)\n"
        "print(enabled_in_process, gc.isenabled())", env
    )
    assert lines[0] == "True False"  # main() called in a process that goes on keeps it on


def test_a_token_is_decoded_without_building_the_other_records(env: dict[str, str]) -> None:
    expires = datetime.now(timezone.utc) + timedelta(hours=12)
    item = {"authorizationToken": base64.b64encode(b"AWS:pw").decode(),
            "proxyEndpoint": "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            "expiresAt": expires.timestamp()}
    lines = _probe(
        "import sys\nfrom ecr_tui.core.login.tokens import decode_authorization\n"
        f"token = decode_authorization({item!r}, profile='p', region='eu-west-1')\n"
        "from ecr_tui.core import models\n"
        "print(token.registry, 'ecr_tui.core.records' in sys.modules, "
        "isinstance(token, models.Token))", env
    )
    assert lines[0] == "123456789012.dkr.ecr.eu-west-1.amazonaws.com False True"


@pytest.fixture
def sessions_made(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> list[botocore.session.Session]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_DATA_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "a")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "b")
    made: list[botocore.session.Session] = []
    real = botocore.session.get_session

    def counted(*args: object, **kwargs: object) -> botocore.session.Session:
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(botocore.session, "get_session", counted)
    return made


def test_the_first_client_makes_one_botocore_session(
    sessions_made: list[botocore.session.Session],
) -> None:
    client = SessionPool(os.environ).client(ENV_PROFILE, "eu-west-1")
    assert client.meta.region_name == "eu-west-1"
    assert len(sessions_made) == 1  # no throwaway one to read data_path


def test_the_session_still_follows_aws_profile_and_aws_data_path(
    sessions_made: list[botocore.session.Session], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    (tmp_path / "config").write_text("[profile x]\nregion = eu-west-1\n")
    monkeypatch.setenv("AWS_PROFILE", "x")
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "models"))
    pool = SessionPool(os.environ)
    session = pool.core_session(ENV_PROFILE)
    assert session.profile == "x" and session.get_config_variable("region") == "eu-west-1"
    assert pool.botocore_session().profile is None  # a profile-free one still is
    loader = session.get_component("data_loader")
    assert loader.search_paths[0] == str(tmp_path / "models")


def test_an_unknown_aws_profile_does_not_stop_a_profile_free_session(
    sessions_made: list[botocore.session.Session], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_PROFILE", "111122223333/ReadOnly")  # a discovered role's alias
    session = SessionPool(os.environ).botocore_session()
    assert session.get_config_variable("region") is None and len(sessions_made) == 1
