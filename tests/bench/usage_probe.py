"""The usage scan through ecr_tui.core.usage.scan: one read-only role per discovered SSO
account x regions, every pair's ECS and Lambda workloads matched to account 0's repository.

Usage: python -m tests.bench.usage_probe ACCOUNT REPOSITORY REGION[,REGION...]   (prints JSON)
Times are measured after imports (both probes import boto3 first): first row, all rows; peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import boto3  # noqa: F401 - imported before the clock starts, as in the bare script

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.models import ProfileKind, Target
from ecr_tui.core.usage.scan import usage_of


def main(account: str, repository: str, regions: list[str]) -> None:
    started = time.perf_counter()
    backend = AwsBackend()
    profiles = [p.name for p in backend.profiles() if p.kind is ProfileKind.SSO_DISCOVERED
                and p.role == "ECRReadOnly" and p.account_name.startswith("team-")]
    pairs = [Target(p, r) for p in profiles for r in regions]
    first: list[float] = []

    def on_pair(_pair: object, got: object) -> None:
        if isinstance(got, list) and got and not first:
            first.append(time.perf_counter() - started)

    report = usage_of(backend, pairs, account, "us-east-1", repository, on_pair=on_pair)
    print(json.dumps({
        "first": first[0] if first else 0.0, "all": time.perf_counter() - started,
        "rows": len(report.rows), "pairs": report.pairs_scanned,
        "errors": len(report.failures), "error_sample": [f.message for f in report.failures[:2]],
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    backend.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
