"""The password leaves memory only on the engine's stdin (and the clipboard, tested in the UI)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.harness.world import World
from tests.integration.test_cli_e2e import ecr_tui

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

SPY = """\
import hashlib, json, os, sys
cmdlines, parents = {}, {}
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdlines[pid] = fh.read().decode("utf-8", "replace")
            with open(f"/proc/{pid}/stat") as fh:
                parents[pid] = fh.read().rsplit(")", 1)[1].split()[1]
        except OSError:
            pass


def ours(pid):
    # Everything the test's process started (other users of this machine are not ours).
    seen = set()
    while pid in parents and pid not in seen:
        seen.add(pid)
        if parents[pid] == os.environ["SPY_TEST_PID"]:
            return True
        pid = parents[pid]
    return False


cmdlines = {pid: text for pid, text in cmdlines.items() if ours(pid)}
stdin = sys.stdin.read()
record = {"argv": sys.argv, "env": dict(os.environ), "cmdlines": cmdlines,
          "stdin_sha256": hashlib.sha256(stdin.encode()).hexdigest()}
with open(os.environ["SPY_LOG"], "w") as fh:
    json.dump(record, fh)
print("Login Succeeded")
"""


def test_debug_login_leaks_the_password_nowhere(world: World, world_env: dict[str, str],
                                                tmp_path: Path) -> None:
    import hashlib

    bin_dir = tmp_path / "spy-bin"
    bin_dir.mkdir()
    spy = bin_dir / "docker"
    spy.write_text(f"#!{sys.executable}\n{SPY}", encoding="utf-8")
    spy.chmod(0o755)
    log = tmp_path / "spy.json"
    env = {**world_env, "PATH": f"{bin_dir}:{world_env['PATH']}", "SPY_LOG": str(log),
           "SPY_TEST_PID": str(os.getpid())}
    result = ecr_tui(["--debug", "login", "--engine", "docker"], env)
    assert result.returncode == 0, result.stderr
    assert "DEBUG" in result.stderr or result.stderr == ""

    record = json.loads(log.read_text())
    # It did arrive, on stdin, with docker's one trailing newline.
    assert record["stdin_sha256"] == hashlib.sha256((world.password + "\n").encode()).hexdigest()
    secrets = [world.password, world.authorization_token]
    state = Path(world_env["XDG_STATE_HOME"]) / "ecr-tui" / "logins.json"
    assert state.exists()
    places = {
        "argv": json.dumps(record["argv"]),
        "env": json.dumps(record["env"]),
        "stdout": result.stdout,
        "--debug stderr": result.stderr,
        "state file": state.read_text(),
    }
    places |= {f"cmdline of pid {pid}": text for pid, text in record["cmdlines"].items()}
    assert any("--password-stdin" in text for text in record["cmdlines"].values())
    svgs = [*(ROOT / "tests" / "ui" / "__snapshots__").rglob("*.svg"),
            *(ROOT / "screenshots").glob("*.svg")]
    places |= {str(p): p.read_text(encoding="utf-8") for p in svgs}
    for where, text in places.items():
        for secret in secrets:
            assert secret not in text, f"password found in {where}"
            assert secret[40:104] not in text, f"part of the password found in {where}"
