"""A corrupt state file of ours, met by a CLI command: one `ecr-tui: warning:` line on stderr,
the file set aside, the command's answer unchanged, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_status_over_a_corrupt_login_record_is_one_warning_line(tmp_path: Path) -> None:
    state = tmp_path / "state" / "ecr-tui" / "logins.json"
    state.parent.mkdir(parents=True)
    state.write_text("{not json")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true",
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "ecr_tui", "status"], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and "REGISTRY" in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ecr-tui: warning: ") and "moved aside to logins.json.corrupt-" \
        in lines[0]
    assert len(list(state.parent.glob("logins.json.corrupt-*"))) == 1
