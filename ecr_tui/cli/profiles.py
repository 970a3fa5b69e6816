"""`ecr-tui profiles`: AWS profiles with their kind, region and expiry, SSO-discovered roles
included (discovered again when the 24 h cache is stale or --refresh asks)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli.pairs import discover
from ecr_tui.core.models import utcnow


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output  # tables and JSON: not on the parser's path

    discover(backend, args)
    profiles = backend.profiles(discovered=not args.no_discover)
    now = utcnow()
    if args.json:
        output.to_json(output.profile_json(profiles, now), out)
    else:
        output.table(("PROFILE", "KIND", "REGION", "EXPIRES IN", "SOURCE"),
                     output.profile_rows(profiles, now), out)
    return 0
