"""The read-only promise checked from the outside: every API call the stand-ins saw.

moto writes one ``service.Operation`` line per call to a world's audit file. Worlds register
their file with :func:`watch`; tests/conftest.py checks them all once the session ends. Only
the write world (issue 21, tests/harness/write_world.py) registers with ``writes=True``: its
file may also hold the write operations ecr-tui's writes send (``WRITES``), nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

ALLOWED: dict[str, tuple[str, ...]] = {
    "ecr": ("Describe", "List", "Get", "BatchCheck"),
    # Credential resolution, not ecr-tui's own calls: assume-role and SSO profiles.
    "sts": ("GetCallerIdentity", "AssumeRole"),
    "sso": ("GetRoleCredentials", "ListAccounts", "ListAccountRoles"),
    "sso-oidc": ("CreateToken",),  # botocore refreshing a cached SSO token
    # In use where (issue 18): moto names Lambda's service "awslambda".
    "ecs": ("ListClusters", "ListServices", "DescribeServices", "DescribeTaskDefinition",
            "ListTasks", "DescribeTasks"),
    "awslambda": ("ListFunctions", "GetFunction"),
}
_EXACT = {"sts", "sso", "sso-oidc", "ecs", "awslambda"}
"""Services whose allowed names are whole operation names, not prefixes."""

WRITES: dict[str, tuple[str, ...]] = {
    # retag (AWS's recipe: BatchGetImage then PutImage), untag and delete
    "ecr": ("BatchGetImage", "PutImage", "BatchDeleteImage"),
}
"""Whole operation names a write world's file may hold besides the reads."""

WATCHED: list[Path] = []
WRITE_WORLDS: set[Path] = set()


def watch(audit_file: Path, *, writes: bool = False) -> None:
    if audit_file not in WATCHED:
        WATCHED.append(audit_file)
    if writes:
        WRITE_WORLDS.add(audit_file)


def is_write(line: str) -> bool:
    """One of the write operations ecr-tui's writes send (allowed in a write world only)."""
    service, _, operation = line.strip().partition(".")
    return operation in WRITES.get(service, ())


def is_read_only(line: str) -> bool:
    service, _, operation = line.strip().partition(".")
    allowed = ALLOWED.get(service, ())
    if service in _EXACT:
        return operation in allowed
    return bool(operation) and operation.startswith(allowed)


def violations(lines: Iterable[str], *, writes: bool = False) -> list[str]:
    """Every audit line outside the allowlist (blank lines ignored), in order; `writes`: the
    write operations are allowed too."""
    return [line.strip() for line in lines if line.strip() and not is_read_only(line)
            and not (writes and is_write(line))]


def check_files(files: Iterable[Path]) -> list[str]:
    """`file: operation` for each violation in the files that exist (a write world's file
    judged by the wider list)."""
    found = []
    for path in files:
        if path.exists():
            lines = path.read_text("utf-8").splitlines()
            found += [f"{path}: {op}" for op in violations(lines, writes=path in WRITE_WORLDS)]
    return found
