"""The harness never hands one loopback port to two servers (CI once started two on one)."""

from __future__ import annotations

from tests.harness import procs


def test_free_port_never_repeats_within_a_process() -> None:
    ports = [procs.free_port() for _ in range(600)]
    assert len(set(ports)) == len(ports)
