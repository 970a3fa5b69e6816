"""The installed `ecr-tui --demo` writes no file and runs no command: every CLI command and the
TUI's actions that change the machine (helper install/uninstall, login, login sets, `s` for
`aws sso login`, favourites, recents, the palette theme), with HOME, XDG_* and DOCKER_CONFIG in a
temp dir. Proved twice: that tree is byte for byte the same afterwards, and a Python audit hook
in every ecr-tui process records each subprocess started and each file opened for writing."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.installed import ecr_tui_command

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
TRAPPED = ("aws", "docker", "podman", "finch", "nerdctl", "helm", "oras", "skopeo")

# Loaded by every Python process of the test (PYTHONPATH): one line per subprocess and per file
# opened for writing, appended with os.write (which raises no audit event of its own).
SITECUSTOMIZE = r'''
import os, sys

_LOG = os.open(os.environ["ECR_TUI_AUDIT_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.symlink",
            "os.link", "os.truncate", "shutil.copyfile", "shutil.copymode", "shutil.copystat"}
_RUNS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
         "os.forkpty", "pty.spawn"}


def _quiet(path):
    text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
    return text.startswith(("/dev/", "/proc/")) or "__pycache__" in text


def _hook(event, args):
    if event == "open":
        path, mode, flags = args
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(
            (flags or 0) & _WRITE)
        if not writes or _quiet(path):
            return
        line = f"write {os.fsdecode(path) if not isinstance(path, int) else path}"
    elif event in _CHANGES:
        if _quiet(args[0]):
            return
        line = f"{event} {args[:2]!r}"
    elif event in _RUNS:
        line = f"run {event} {args[:2]!r}"
    else:
        return
    os.write(_LOG, (line.replace(chr(10), " ") + chr(10)).encode("utf-8", "replace"))


sys.addaudithook(_hook)
'''


@pytest.fixture
def machine(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path, Path]]:
    """(env, the tree that must not change, the audit log), with a real-looking tree in it."""
    home = tmp_path / "home"
    docker = home / ".docker"
    docker.mkdir(parents=True)
    (docker / "config.json").write_text(json.dumps(
        {"auths": {}, "credHelpers": {"111111111111.dkr.ecr.us-east-1.amazonaws.com": "ecr-tui"}}))
    config = home / ".config" / "ecr-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[login_sets.oncall]\npairs = [{ profile = "default", region = '
                      '"us-east-1" }]\n')
    for name in (".local/state", ".cache"):
        (home / name).mkdir(parents=True)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    trap = tmp_path / "bin"
    trap.mkdir()
    ran = tmp_path / "trapped-runs"
    for name in TRAPPED:  # a stand-in that only says it was run
        script = trap / name
        script.write_text(f"#!/bin/sh\necho \"{name} $*\" >> {shlex.quote(str(ran))}\nexit 2\n")
        script.chmod(0o755)
    log = tmp_path / "audit.log"
    env = {
        "HOME": str(home), "PATH": f"{trap}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "PYTHONPATH": f"{hook}:{REPO}", "PYTHONDONTWRITEBYTECODE": "1",
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"), "DOCKER_CONFIG": str(docker),
        "REGISTRY_AUTH_FILE": str(home / "auth.json"), "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"), "LANG": "C.UTF-8",
        "ECR_TUI_AUDIT_LOG": str(log), "TERM": "xterm-256color", "COLORTERM": "truecolor",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    yield env, home, log
    assert not ran.exists(), f"a trapped command was run: {ran.read_text()}"


def _tree(root: Path) -> dict[str, str]:
    """Every entry under root: its kind, mode and content digest."""
    found = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path.relative_to(root))] = f"{oct(st.st_mode)} {digest}"
    return found


def _audit(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ecr_tui_command(), *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_hook_sees_what_it_must(machine: tuple[dict[str, str], Path, Path],
                                    tmp_path: Path) -> None:
    """The proof's own check: a write and a subprocess in a hooked process are recorded."""
    env, _home, log = machine
    probe = tmp_path / "probe.txt"
    code = (f"import pathlib, subprocess; pathlib.Path({str(probe)!r}).write_text('x'); "
            "subprocess.run(['true'])")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    seen = _audit(log)
    assert any(line == f"write {probe}" for line in seen), seen
    assert any(line.startswith("run subprocess.Popen") for line in seen), seen


DEMO_COMMANDS = [
    ["helper", "install"],
    ["helper", "install", "--registry", "222222222222.dkr.ecr.eu-west-1.amazonaws.com"],
    ["helper", "uninstall"],
    ["login"],
    ["login", "--engine", "podman", "--profile", "prod-admin", "--region", "eu-west-1"],
    ["login", "--set", "oncall"],
    ["password"],
    ["status"],
    ["status", "--json"],
    ["profiles"],
    ["regions"],
    ["repos"],
    ["tags", "base/python"],
    ["inspect", "base/python"],
    ["findings", "base/python"],
    ["rules"],
    ["fleet"],
    ["find", "python"],
    ["config", "path"],
    ["config", "show"],
    ["config", "check"],
    ["completion", "bash"],
    # Writes (issue 21): the demo's memory only, its audit in memory too.
    ["tag", "base/python:latest", "stable", "--allow-writes", "--yes"],
    ["untag", "base/node:latest", "--profile", "default", "--allow-writes", "--yes"],
    ["delete", "base/python:0.1.2", "--profile", "default", "--allow-writes", "--yes"],
    ["delete", "base/node:latest", "--with-referrers", "--allow-writes", "--yes", "--force"],
    ["audit"],
    ["audit", "--json"],
]


def test_a_demo_write_with_writes_off_writes_nothing_either(
    machine: tuple[dict[str, str], Path, Path]
) -> None:
    env, home, log = machine
    before = _tree(home)
    result = _run(env, "delete", "base/python:0.1.2", "--demo", "--yes")
    assert result.returncode == 2 and "writes are off" in result.stderr
    assert _tree(home) == before
    assert _audit(log) == []


@pytest.mark.parametrize("command", DEMO_COMMANDS, ids=" ".join)
def test_no_demo_command_writes_a_file_or_runs_a_command(
    machine: tuple[dict[str, str], Path, Path], command: list[str]
) -> None:
    env, home, log = machine
    before = _tree(home)
    result = _run(env, *command, "--demo")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(home) == before
    assert _audit(log) == []


def test_demo_helper_install_says_what_it_would_do(
    machine: tuple[dict[str, str], Path, Path]
) -> None:
    env, _home, _log = machine
    host = "222222222222.dkr.ecr.eu-west-1.amazonaws.com"
    installed = _run(env, "--demo", "helper", "install", "--registry", host).stdout
    assert f"{host}: would be routed to docker-credential-ecr-tui" in installed
    assert "demo mode: nothing was written" in installed
    removed = _run(env, "helper", "--demo", "uninstall").stdout
    assert "111111111111.dkr.ecr.us-east-1.amazonaws.com: would no longer be routed" in removed


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")
def test_the_demo_tui_writes_nothing_and_runs_nothing(
    machine: tuple[dict[str, str], Path, Path], tmp_path: Path
) -> None:
    from tests.integration.test_tui_tmux import Tmux

    env, home, log = machine
    before = _tree(home)
    exe = shlex.quote(ecr_tui_command())
    tui = Tmux(env, f"{exe} --demo", tmp_path / "status")
    try:
        tui.wait_for("Repositories")
        tui.wait_for("base/python")
        tui.keys("asterisk")  # a favourite
        tui.wait_for("★")
        tui.keys("l")  # docker login: the demo's own, in memory
        tui.wait_for("no docker command")
        tui.keys("c")  # the password: to the terminal (OSC 52), no clipboard command
        tui.wait_for("terminal clipboard")
        tui.keys("F")  # the Fleet: mark two pairs, log them in, save them as a login set
        # Every pair in (the status says "0/108 pairs answered" from the start, and a mark
        # sent before the rows are there marks nothing).
        tui.wait_for("108/108 pairs answered")
        tui.keys("space", "Down", "space", "L")
        tui.wait_for("logged in to 2 of 2")
        tui.keys("W")
        tui.wait_for("name")
        tui.keys(*"oncall", "Enter")
        tui.wait_for("would be saved")
        tui.keys("Escape")
        tui.wait_for("─ Profiles ")
        tui.keys("q")
        assert tui.wait_exit() == 0
    finally:
        tui.kill()
    sso = Tmux(env, f"{exe} --demo --profile staging-sso", tmp_path / "status-sso")
    try:
        sso.wait_for("staging-sso [sso]")
        sso.press_until("s", "nothing was run")  # `aws sso login`: said, not run
        sso.keys("q")
        assert sso.wait_exit() == 0
    finally:
        sso.kill()
    assert _tree(home) == before
    assert _audit(log) == []
