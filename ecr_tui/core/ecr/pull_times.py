"""Whether the caller's reads update `lastRecordedPullTime`: ECR records a manifest GET as a
pull unless the principal is listed by ListPullTimeUpdateExclusions (aws/containers-roadmap#2390).
"""

from __future__ import annotations

from typing import Any

MAX_PAGES = 100
"""botocore has no paginator for ListPullTimeUpdateExclusions: follow nextToken this far."""


def list_exclusions(client: Any, registry_id: str | None = None) -> list[str]:
    """Every principal ARN whose pulls do not update pull times, every page."""
    found: list[str] = []
    kwargs: dict[str, Any] = {"maxResults": 1000}
    if registry_id:
        kwargs["registryId"] = registry_id
    for _ in range(MAX_PAGES):
        page = client.list_pull_time_update_exclusions(**kwargs)
        found += [str(arn) for arn in page.get("pullTimeUpdateExclusions") or ()]
        token = page.get("nextToken")
        if not token:
            break
        kwargs["nextToken"] = token
    return found


def principal_of(caller_arn: str) -> str:
    """The IAM principal behind a caller ARN: an assumed role's session
    (`arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`) is its role, `…:iam::ACCT:role/ROLE`."""
    parts = caller_arn.split(":", 5)
    if len(parts) == 6 and parts[2] == "sts" and parts[5].startswith("assumed-role/"):
        role = parts[5].split("/")[1]
        return f"{parts[0]}:{parts[1]}:iam::{parts[4]}:role/{role}"
    return caller_arn


def is_excluded(caller_arn: str, exclusions: list[str]) -> bool:
    """True when the caller's principal is listed (a role listed with a path, too)."""
    principal = principal_of(caller_arn)
    head, _, name = principal.rpartition("/")
    for listed in exclusions:
        if listed == principal:
            return True
        # `…:role/path/NAME` lists the role `…:role/NAME` calls itself in a session ARN.
        if head.endswith(":role") and listed.startswith(head + "/") and listed.endswith(
            "/" + name
        ):
            return True
    return False
