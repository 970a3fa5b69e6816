"""`ecr-tui regions`: the ECR regions of the profile's partition."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli import output


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    profile = args.profile or backend.default_profile()
    found = backend.regions(profile)
    if args.json:
        output.to_json(found, out)
    else:
        output.table(("REGION", "PARTITION", "NAME"), output.region_rows(found), out)
    return 0
