"""`ecr-tui agent [status|stop]` without an agent, turned off, and in the demo; `agent` in
config.toml."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ecr_tui.core.store.settings import parse_settings
from ecr_tui.core.store.settings_example import render


def _run(args: list[str], tmp_path: Path, runtime: str,
         config: str = "") -> subprocess.CompletedProcess[str]:
    path = tmp_path / "my.toml"
    path.write_text(config)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "ECR_TUI_CONFIG": str(path),
           "XDG_RUNTIME_DIR": runtime, "XDG_STATE_HOME": str(tmp_path / "s")}
    return subprocess.run([sys.executable, "-m", "ecr_tui", *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_status_and_stop_without_an_agent(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="rt-") as runtime:
        status = _run(["agent", "status"], tmp_path, runtime)
        assert status.returncode == 0 and status.stdout.startswith("no agent is running")
        assert json.loads(_run(["agent", "status", "--json"], tmp_path, runtime).stdout) == []
        assert _run(["agent", "stop"], tmp_path, runtime).stdout == "no agent is running\n"


def test_agent_false_refuses_to_run_one_and_the_demo_runs_none(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="rt-") as runtime:
        off = _run(["agent"], tmp_path, runtime, "agent = false\n")
        assert off.returncode == 1 and off.stderr.count("\n") == 1
        assert "agent = false" in off.stderr and "fix:" in off.stderr
        demo = _run(["agent", "--demo"], tmp_path, runtime)
        assert demo.returncode == 0 and demo.stdout.startswith("demo mode: no agent runs")
        assert not list(Path(runtime).rglob("*.sock"))


def test_the_agent_setting_is_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    assert parse_settings("", path).agent is True
    assert parse_settings("agent = false\n", path).agent is False
    bad = parse_settings('agent = "no"\n', path)
    assert bad.agent is True and bad.warnings == (f"{path}: agent: expected true or false; "
                                                   "using the default",)
    assert "\nagent = false\n" in render(parse_settings("agent = false\n", path))
