"""`ecr-tui repos`: the repositories of the profile and region."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ecr_tui.cli import output
from ecr_tui.cli.target import target


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    profile, region = target(backend, args)
    repos = backend.repositories(profile, region)
    if args.json:
        output.to_json(repos, out)
    else:
        output.table(
            ("REPOSITORY", "URI", "CREATED", "TAG MUTABILITY", "SCAN ON PUSH"),
            output.repo_rows(repos),
            out,
        )
    return 0
