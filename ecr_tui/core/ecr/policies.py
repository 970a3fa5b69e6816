"""GetRepositoryPolicy and GetRegistryPolicy on a boto3 ECR client → the policy text, or None
when there is none (the doctor evaluates them locally)."""

from __future__ import annotations

from typing import Any

_NONE = frozenset({"RepositoryPolicyNotFoundException", "RegistryPolicyNotFoundException"})


def _absent(exc: Exception) -> bool:
    return str(getattr(exc, "response", {}).get("Error", {}).get("Code", "")) in _NONE


def repository_policy(client: Any, repository: str) -> str | None:
    from botocore.exceptions import ClientError

    try:
        return str(client.get_repository_policy(repositoryName=repository).get("policyText")
                   or "") or None
    except ClientError as exc:
        if _absent(exc):
            return None
        raise


def registry_policy(client: Any) -> str | None:
    from botocore.exceptions import ClientError

    try:
        return str(client.get_registry_policy().get("policyText") or "") or None
    except ClientError as exc:
        if _absent(exc):
            return None
        raise
