"""The read-only promise checked from the outside: every API call the stand-ins saw.

moto writes one ``service.Operation`` line per call to a world's audit file. Worlds register
their file with :func:`watch`; tests/conftest.py checks them all once the session ends.
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
    "ecr-public": ("DescribeRegistries", "DescribeRepositories", "GetRepositoryCatalogData",
                   "DescribeImageTags", "DescribeImages", "GetAuthorizationToken"),
}
_EXACT = {"sts", "sso", "sso-oidc", "ecr-public"}
"""Services whose allowed names are whole operation names, not prefixes."""

WATCHED: list[Path] = []


def watch(audit_file: Path) -> None:
    if audit_file not in WATCHED:
        WATCHED.append(audit_file)


def is_read_only(line: str) -> bool:
    service, _, operation = line.strip().partition(".")
    allowed = ALLOWED.get(service, ())
    if service in _EXACT:
        return operation in allowed
    return bool(operation) and operation.startswith(allowed)


def violations(lines: Iterable[str]) -> list[str]:
    """Every audit line outside the allowlist (blank lines ignored), in order."""
    return [line.strip() for line in lines if line.strip() and not is_read_only(line)]


def check_files(files: Iterable[Path]) -> list[str]:
    """`file: operation` for each violation in the files that exist."""
    found = []
    for path in files:
        if path.exists():
            found += [f"{path}: {op}" for op in violations(path.read_text("utf-8").splitlines())]
    return found
