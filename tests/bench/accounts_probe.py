"""Token status and repository count for many (profile, region) pairs through AwsBackend.

Usage: python -m tests.bench.accounts_probe PROFILE:REGION [...]   (prints JSON)
Seconds are measured after imports: the work, not the interpreter start.
"""

from __future__ import annotations

import json
import sys
import time

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.fleet.runner import fleet_rows
from ecr_tui.core.models import Target


def main(argv: list[str]) -> None:
    pairs = [tuple(arg.split(":", 1)) for arg in argv]
    started = time.perf_counter()
    backend = AwsBackend()
    statuses = list(fleet_rows(backend, [Target(p, r) for p, r in pairs]))
    elapsed = time.perf_counter() - started
    errors = [s.error for s in statuses if s.error]
    print(json.dumps({
        "seconds": elapsed, "pairs": len(statuses), "errors": errors[:3],
        "repositories": sum(s.repositories or 0 for s in statuses),
        "token_calls_per_credential_max": backend.token_calls_max_per_second(),
    }))
    backend.close()


if __name__ == "__main__":
    main(sys.argv[1:])
