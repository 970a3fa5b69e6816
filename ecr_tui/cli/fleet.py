"""`ecr-tui fleet`: account, repository count and token expiry of many (profile, region) pairs."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli.pairs import chosen_pairs
from ecr_tui.core.models import utcnow


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output  # tables and JSON: not on the parser's path
    from ecr_tui.core.fleet.runner import answered, fleet_rows

    pairs = chosen_pairs(backend, args)
    rows = sorted(fleet_rows(backend, pairs), key=lambda r: (r.profile, r.region))
    now = utcnow()
    if args.json:
        output.to_json(output.fleet_json(rows), out)
    else:
        output.table(("PROFILE", "ROLE", "ACCOUNT", "REGION", "REPOS", "TOKEN LEFT", "ERROR"),
                     output.fleet_rows(rows, now), out)
    return 0 if answered(rows) else 1
