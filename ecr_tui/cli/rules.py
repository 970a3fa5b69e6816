"""`ecr-tui rules [--json] [--pull-uri IMAGE]`: the pull-through-cache rules of a registry."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli.output import short_time, table, to_json
from ecr_tui.cli.target import target
from ecr_tui.core.models import PullThroughRule

HEADERS = ("PREFIX", "UPSTREAM", "KIND", "UPSTREAM PREFIX", "CREDENTIAL", "CREATED", "UPDATED")


def rule_json(rules: list[PullThroughRule]) -> list[dict[str, Any]]:
    return [
        {
            "prefix": r.prefix,
            "upstream_registry_url": r.upstream_registry_url,
            "upstream_registry": r.upstream_registry or None,
            "upstream_repository_prefix": r.upstream_repository_prefix,
            "credential_arn": r.credential_arn,
            "created_at": r.created_at.isoformat() if r.created_at else None,
            "updated_at": r.updated_at.isoformat() if r.updated_at else None,
        }
        for r in rules
    ]


def rule_rows(rules: list[PullThroughRule]) -> list[list[str]]:
    return [
        [
            r.prefix,
            r.upstream_registry_url,
            r.upstream_registry,
            r.upstream_repository_prefix,
            "yes" if r.credential_arn else "no",
            short_time(r.created_at),
            short_time(r.updated_at),
        ]
        for r in rules
    ]


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    profile, region = target(backend, args)
    print_rules(backend, profile, region, as_json=args.json, pull_uri=args.pull_uri, out=out)
    return 0


def print_rules(
    backend: Any, profile: str, region: str, *, as_json: bool, pull_uri: str | None, out: TextIO
) -> None:
    rules = backend.pull_through_cache_rules(profile, region)
    if pull_uri is not None:
        from ecr_tui.core.ecr.pullthrough import pull_uri as uri_for

        out.write(uri_for(pull_uri, rules, region) + "\n")
    elif as_json:
        to_json(rule_json(rules), out)
    else:
        table(HEADERS, rule_rows(rules), out)
