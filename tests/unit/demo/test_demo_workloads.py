"""The demo shows every state of "In use where": matched by digest and by tag, drift, a
rollout on two digests, desired 0, a standalone task, Lambda, another account's image, and one
pair failing with an AccessDenied line (the rest still answer)."""

from __future__ import annotations

import pytest

from ecr_tui.core.errors import AccessDeniedError
from ecr_tui.core.fleet.runner import backend_pairs
from ecr_tui.core.usage.scan import usage_of
from ecr_tui.demo.backend import DemoBackend
from ecr_tui.demo.workloads import DEFAULT, DENIED_PAIR


def test_every_state_shows() -> None:
    backend = DemoBackend()
    report = usage_of(backend, backend_pairs(backend), DEFAULT, "us-east-1", "platform/api")
    rows = report.rows
    assert {r.matched_by for r in rows} == {"digest", "tag"}
    assert {r.kind for r in rows} == {"ecs-service", "ecs-task", "lambda"}
    assert any(r.tag_moved for r in rows)
    web = [r for r in rows if r.name == "web"]
    assert len({r.digest for r in web}) == 2 and {r.running for r in web} == {3, 1}
    assert any(r.desired == 0 and r.matched_by == "tag" for r in rows)
    assert any(r.account_id != DEFAULT for r in rows)  # another account runs this image
    denied = [f for f in report.failures if (f.profile, f.region) == DENIED_PAIR]
    assert len(denied) == 1 and "ecs:ListClusters" in denied[0].message
    assert "\n" not in denied[0].message


def test_the_denied_pair_raises_one_clear_line() -> None:
    with pytest.raises(AccessDeniedError, match="not authorized to perform: ecs:ListClusters"):
        DemoBackend().workloads(*DENIED_PAIR)


def test_workloads_are_the_same_every_run() -> None:
    assert DemoBackend(seed=1).workloads("default", "us-east-1") == DemoBackend(
        seed=2).workloads("default", "us-east-1")
