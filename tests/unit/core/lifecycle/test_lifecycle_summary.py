"""The repository table's Lifecycle cell from a policy's text."""

from __future__ import annotations

import json

import pytest

from ecr_tui.core.lifecycle.summary import policy_summary


@pytest.mark.parametrize(("text", "cell"), [
    (None, "none"),
    (json.dumps({"rules": [{"rulePriority": 1}]}), "1 rule"),
    (json.dumps({"rules": [{"rulePriority": 1}, {"rulePriority": 2}, {"rulePriority": 3}]}),
     "3 rules"),
    ("{not json", "policy"),
    ("[1, 2]", "policy"),
    (json.dumps({"rules": "x"}), "policy"),
])
def test_policy_summary(text: str | None, cell: str) -> None:
    assert policy_summary(text) == cell
