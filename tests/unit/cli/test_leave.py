"""Console scripts leave without Python's shutdown: every byte written still arrives, the
exit code is main's, and a worker thread still waiting on the network does not hold the
process open."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests.harness.world import base_env

SLOW_WORKER_THEN_LEAVE = """
import sys, threading, time
from ecr_tui.cli.leave import run_and_leave

def main():
    threading.Thread(target=time.sleep, args=(30,)).start()  # like a page still in flight
    sys.stdout.write("x" * 1_000_000 + "\\n")
    sys.stderr.write("said once\\n")
    return 3

run_and_leave(main)
"""


def test_output_arrives_whole_and_the_exit_does_not_wait_for_workers() -> None:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", SLOW_WORKER_THEN_LEAVE], capture_output=True,
                          text=True, timeout=25)
    assert time.monotonic() - started < 15  # Python's own shutdown would join for 30 s
    assert done.returncode == 3
    assert done.stdout == "x" * 1_000_000 + "\n" and done.stderr == "said once\n"


def _module(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ecr_tui", *args], capture_output=True,
                          text=True, timeout=60, env=base_env(home))


def test_the_command_keeps_its_exit_codes_and_its_output(tmp_path: Path) -> None:
    listed = _module(tmp_path, "--demo", "repos", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) > 10
    usage = _module(tmp_path, "--no-such-flag")
    assert usage.returncode == 2 and "unrecognized arguments" in usage.stderr
    helped = _module(tmp_path, "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: ecr-tui")


def test_a_reader_that_goes_away_early_gets_no_traceback(tmp_path: Path) -> None:
    shell = f"'{sys.executable}' -m ecr_tui --demo tags base/python | head -c 10"
    done = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, timeout=60,
                          env=base_env(tmp_path))
    assert done.returncode == 0 and "Traceback" not in done.stderr and len(done.stdout) == 10
