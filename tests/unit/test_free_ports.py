"""The harness never hands one loopback port to two servers (CI once started two on one)."""

from __future__ import annotations

import subprocess
import sys

from tests.harness import procs


def test_free_port_never_repeats_within_a_process() -> None:
    ports = [procs.free_port() for _ in range(600)]
    assert len(set(ports)) == len(ports)


def test_free_port_never_repeats_across_processes_side_by_side() -> None:
    code = "from tests.harness import procs; print(*[procs.free_port() for _ in range(400)])"
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    ours = [procs.free_port() for _ in range(400)]
    theirs = [int(p) for p in other.communicate(timeout=60)[0].split()]
    assert len(theirs) == 400
    assert not set(ours) & set(theirs)
