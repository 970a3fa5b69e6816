"""The test run leaves no token agent behind (tests/conftest.py stops them at the end)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.harness.procs import stop_agents_under


def test_an_agent_under_the_tests_home_is_stopped_and_others_are_not(tmp_path: Path) -> None:
    # Stand-ins for agents: processes whose argv carries `ecr_tui agent`, one per HOME.
    script = "import time; time.sleep(60)"
    ours = subprocess.Popen([sys.executable, "-c", script, "ecr_tui", "agent"],
                            env={"HOME": str(tmp_path / "home")})
    other = subprocess.Popen([sys.executable, "-c", script, "ecr_tui", "agent"],
                             env={"HOME": "/elsewhere"})
    try:
        assert stop_agents_under(str(tmp_path)) == [ours.pid]
        assert ours.wait(timeout=10) != 0
        assert other.poll() is None
    finally:
        for proc in (ours, other):
            proc.kill()
            proc.wait()
