"""The fleet through ecr_tui.core.fleet.runner: one read-only role per discovered SSO account
x regions.

Usage: python -m tests.bench.fleet_probe REGION[,REGION...] [--discover]     (prints JSON)
The account list comes from the 24 h cache; with --discover the portal is asked first when
that cache is missing or stale, as `ecr-tui fleet` does (the first run of the day). Times are
measured after imports (both probes import boto3 first): first row, all rows; peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import boto3  # noqa: F401 - imported before the clock starts, as in the bare script

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.fleet.runner import fleet_rows
from ecr_tui.core.models import ProfileKind, Target


def main(regions: list[str], *, discover: bool = False) -> None:
    started = time.perf_counter()
    backend = AwsBackend()
    if discover and not backend.discovery_is_fresh():
        backend.discover_profiles()
    profiles = [p.name for p in backend.profiles() if p.kind is ProfileKind.SSO_DISCOVERED
                and p.role == "ECRReadOnly" and p.account_name.startswith("team-")]
    pairs = [Target(p, r) for p in profiles for r in regions]
    first, errors, rows = 0.0, [], 0
    for row in fleet_rows(backend, pairs):
        rows += 1
        first = first or time.perf_counter() - started
        if row.error:
            errors.append(row.error)
    print(json.dumps({
        "first": first, "all": time.perf_counter() - started, "rows": rows,
        "errors": len(errors), "error_sample": errors[:2],
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    backend.close()


if __name__ == "__main__":
    main(sys.argv[1].split(","), discover="--discover" in sys.argv[2:])
