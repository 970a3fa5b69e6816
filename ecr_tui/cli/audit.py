"""`ecr-tui audit [--json]`: every write attempted, allowed or refused, oldest first."""

from __future__ import annotations

import argparse
from typing import Any, TextIO


def add_parser(command: Any) -> None:
    command("audit", "every write attempted (allowed, refused, declined, failed), oldest first")


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.cli import output

    entries = backend.audit_log().entries()
    if args.json:
        output.to_json([e.as_json() for e in entries], out)
        return 0
    rows = [[e.time, e.profile, e.account_id, e.region, e.operation,
             f"{e.repository}:{e.tag}" if e.tag else e.repository, e.digest[:19],
             ("forced " if e.forced else "") + e.result] for e in entries]
    output.table(["TIME", "PROFILE", "ACCOUNT", "REGION", "OPERATION", "IMAGE", "DIGEST",
                  "RESULT"], rows, out)
    return 0
