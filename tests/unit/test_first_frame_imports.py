"""The first frame pays only for what it shows: the TUI's start imports none of the modules
that later screens, workers, commands and results need (tests/bench/bench_first_paint.py)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecr_tui.cli.parser import build_parser, parse_tui_args
from tests.harness.home_env import home_env

LATER = {
    "argparse",  # the TUI's options are read without it
    "ecr_tui.core.records",  # the domain objects of results (dataclasses cost at import)
    "ecr_tui.core.image_records",
    "ecr_tui.core.backend",
    "ecr_tui.core.fleet.find",
    "ecr_tui.core.fleet.runner",
    "ecr_tui.ui.messages",
    "ecr_tui.ui.many_messages",
    "ecr_tui.ui.palette",
    "ecr_tui.ui.screens.tags",
    "ecr_tui.ui.widgets.repo_table",
    *(f"ecr_tui.cli.{command}" for command in (
        "password", "profiles", "fleet", "find", "login", "pairs", "regions", "repos", "tags",
        "inspect", "findings", "rules", "helper", "status", "config", "completion", "output",
    )),
    "ecr_tui.demo.data",
    "ecr_tui.core.write_records",  # the demo's writes switch reads it only to refuse
    "shlex",  # the demo says what it would run only when asked to
    "ecr_tui.demo.artifacts",
    "boto3",
    "botocore",  # the AWS files are read as its configloader reads them, without it
    "botocore.session",
    "httpx",
    "ecr_tui.core.sso.access_token",  # a token is read after the first frame
    "ecr_tui.core.ecr.api",  # the ECR calls' shapes: with the first listing, not the profiles
    "ecr_tui.core.hosts",  # a registry host is parsed with the first token
    "ecr_tui.core.store.caches",  # repository names are cached after the first listing
}


def _modules_after(code: str, env: dict[str, str]) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env=env)
    return set(out.stdout.split())


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A home of its own with a static and an SSO profile: never the real ~/.aws."""
    (tmp_path / "config").write_text(
        "[profile x]\nregion = eu-west-1\n"
        "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\n"
        "sso_role_name = ReadOnly\nregion = us-east-1\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\n"
    )
    (tmp_path / "credentials").write_text("[x]\naws_access_key_id = a\naws_secret_access_key = b\n")
    return home_env(tmp_path)


FIRST_RUN_LATER = {
    "json",  # no config.toml login set written, no remembered.json yet: nothing to parse
    "concurrent.futures.thread",  # the demo's worker pool (and its queue) start with the workers
}


def test_the_tui_start_with_the_demo_imports_nothing_for_later(env: dict[str, str]) -> None:
    """A first run (no config.toml, no remembered.json) of the demo, as `_run_tui` starts it."""
    loaded = _modules_after(
        "from ecr_tui.cli.main import _backend\nfrom ecr_tui.cli.parser import parse_tui_args\n"
        "from ecr_tui.core.store.settings import load_settings\n"
        "args = parse_tui_args(['--demo'])\nsettings = load_settings()\n"
        "import ecr_tui.ui.app\n"
        "from ecr_tui.core.store.memory import MemoryStore\nmemory = MemoryStore(persist=True)\n"
        "backend = _backend(args)\n"
        "backend.profiles(), backend.default_profile()", env
    )
    assert "ecr_tui.ui.screens.main" in loaded and "ecr_tui.demo.backend" in loaded
    assert not loaded & LATER
    assert not loaded & FIRST_RUN_LATER


def test_the_tui_start_on_aws_imports_nothing_for_later(env: dict[str, str]) -> None:
    loaded = _modules_after(
        "from ecr_tui.cli.main import _backend\nfrom ecr_tui.cli.parser import parse_tui_args\n"
        "args = parse_tui_args(['--profile', 'x'])\n"
        "import ecr_tui.ui.app\n"
        "names = [p.name for p in _backend(args).profiles()]\n"
        "assert {'x', 'sso'} <= set(names), names", env
    )
    assert "ecr_tui.core.aws.backend" in loaded
    assert not loaded & LATER


def test_the_later_models_still_import_from_models() -> None:
    from ecr_tui.core import models, records
    from ecr_tui.core.models import ROOT_PREFIX, Token

    assert Token is records.Token and ROOT_PREFIX == records.ROOT_PREFIX
    assert all(getattr(models, name) is not None for name in models.__all__)
    with pytest.raises(AttributeError):
        _ = models.NoSuchModel  # type: ignore[attr-defined]


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--profile", "profiles", "--region", "eu-west-1"], ["--profile="],
    ["--debug", "--clipboard-clear=5"], ["--region", "a", "--region=b", "--demo", "--demo"],
])
def test_the_tui_options_parse_as_the_whole_parser_does(argv: list[str]) -> None:
    fast = parse_tui_args(argv)
    assert fast is not None and vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["profiles"], ["--demo", "tags", "x"], ["-h"], ["--version"], ["--profile"], ["--d"],
    ["--bogus"], ["--prof", "x"], ["--demo=1"], ["--profile", "-x"], ["--", "--demo"],
])
def test_anything_more_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert parse_tui_args(argv) is None


WORDS = ["--profile", "--region", "--clipboard-clear", "--demo", "--debug", "--prof", "-x",
         "--profile=p", "--region=", "--demo=1", "--", "p", "eu-west-1", "5", "tags", "-h"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_the_fast_path_never_reads_argv_otherwise_than_the_whole_parser(argv: list[str]) -> None:
    assert_read_as_the_whole_parser_reads(parse_tui_args(argv), argv)


def assert_read_as_the_whole_parser_reads(fast: SimpleNamespace | None, argv: list[str]) -> None:
    if fast is None:
        return  # the whole parser reads it, as before
    with contextlib.redirect_stderr(io.StringIO()):
        whole = build_parser().parse_args(argv)  # a SystemExit here fails the property
    assert vars(fast) == vars(whole)


def test_the_profile_list_and_discovery_read_the_aws_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecr_tui.core.aws.backend import AwsBackend
    from ecr_tui.core.profiles import config as awsconfig

    (tmp_path / "config").write_text(
        "[default]\nregion = eu-west-1\n[profile dev]\nsso_session = s\nsso_account_id = 1\n"
        "sso_role_name = R\n[sso-session s]\nsso_start_url = https://x\nsso_region = eu-west-1\n"
    )
    env = {"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "config"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    reads = []
    real = awsconfig.load_config_file
    monkeypatch.setattr(awsconfig, "load_config_file", lambda p: reads.append(p) or real(p))
    backend = AwsBackend(environ=env)
    names = [p.name for p in backend.profiles()]
    assert names[:2] == ["default", "dev"] and len(reads) == 1
    report = backend.discover_profiles()  # never logged in: a problem, no network
    assert report.problems and len(reads) == 2


def test_every_later_module_of_ours_exists() -> None:
    """A name left behind by a rename would make the first-frame tests pass whatever happens."""
    import importlib.util

    ours = sorted(name for name in LATER if name.startswith("ecr_tui."))
    assert [name for name in ours if importlib.util.find_spec(name) is None] == []


def test_the_first_frame_modules_compile_no_pattern_of_ours_at_import() -> None:
    """A pattern compiled at import costs ~0.4 M instructions before the first frame whether
    or not it is used there: ours are compiled (and cached by `re`) when first matched."""
    probe = (
        "import re, sys\n"
        "compiled = []\n"
        "real = re.compile\n"
        "def counting(pattern, flags=0):\n"
        "    if 'ecr_tui' in sys._getframe(1).f_code.co_filename:\n"
        "        compiled.append(pattern)\n"
        "    return real(pattern, flags)\n"
        "re.compile = counting\n"
        "import ecr_tui.core.store.settings, ecr_tui.core.aws.backend, ecr_tui.demo.backend\n"
        "import ecr_tui.ui.app\n"
        "print(repr(compiled))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
