"""`ecr-tui tags REPOSITORY`: every tag of a repository (registry API + DescribeImages)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ecr_tui.cli import output
from ecr_tui.cli.target import target


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli.anonymous import tags
    from ecr_tui.core.anonymous_registry import outside_ecr

    if (ref := outside_ecr(args.repository)) is not None:  # any registry, anonymously
        return tags(ref, backend, args.json, out)
    profile, region = target(backend, args)
    listing = backend.tag_listing(profile, region, args.repository)
    rows, warnings = listing.rows, listing.warnings
    for warning in warnings:
        sys.stderr.write(f"ecr-tui: warning: {warning}\n")
    if args.json:
        output.to_json(output.tag_json(rows), out)
    else:
        output.table(
            ("TAG", "DIGEST", "PUSHED", "SIZE", "PLATFORMS", "SCAN"), output.tag_rows(rows), out
        )
    return 0
