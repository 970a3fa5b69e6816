"""`ecr-tui login`: log a container client in to one registry, or to every pair of a login set
or of the --profile and --region options given."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ecr_tui.cli.pairs import login_pairs
from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import utcnow


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.core.humanize import login_line

    pairs = login_pairs(backend, args)
    jobs = [(t, rid) for t in pairs for rid in (args.registry_id or [None])]
    failed = 0
    for target, registry_id in jobs:
        try:
            result = backend.login(target.profile, target.region, args.engine,
                                   registry_id=registry_id)
        except EcrTuiError as exc:
            failed += 1
            where = "" if len(jobs) == 1 else f"{target.profile} {target.region}: "
            sys.stderr.write(f"ecr-tui: error: {where}{exc}\n")
            continue
        rec = result.record
        left = (rec.expires_at - utcnow()).total_seconds()
        out.write(login_line(rec.engine, rec.registry, left, result.message) + "\n")
    if len(jobs) > 1:
        sys.stderr.write(f"ecr-tui: {len(jobs) - failed} of {len(jobs)} logged in\n")
    return 1 if failed else 0
