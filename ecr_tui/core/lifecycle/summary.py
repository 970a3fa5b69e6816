"""A repository's lifecycle policy in one short cell (the repository table's Lifecycle
column): `none`, `1 rule`, `3 rules`, or `policy` when its text is not JSON we can count."""

from __future__ import annotations

import json


def policy_summary(text: str | None) -> str:
    if text is None:
        return "none"
    try:
        rules = json.loads(text).get("rules")
    except (ValueError, AttributeError):
        return "policy"
    if not isinstance(rules, list):
        return "policy"
    return "1 rule" if len(rules) == 1 else f"{len(rules)} rules"
