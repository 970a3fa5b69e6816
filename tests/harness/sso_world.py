"""The many-account side of the tests' world: what the SSO portal stand-in lists, the
repositories and images of each SSO account in moto, and one registry host per (account, region)
for the first few accounts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.harness.aws_config import LEGACY_START_URL, SSO_START_URL
from tests.harness.seed import ACCOUNT_ID, OTHER_ACCOUNT_ID, sha256_digest

SSO_REGIONS = ("us-east-1", "eu-west-1", "us-west-2")
SSO_ROLES = ("AdministratorAccess", "ECRReadOnly")
REGISTRY_ACCOUNTS = 4
"""Accounts whose registries get a host (port) of their own in every SSO region."""
TOKENS = {
    "sso-access-token-corp-EXAMPLE": "corp",
    "sso-access-token-old-EXAMPLE": "old",
    "sso-access-token-legacy-EXAMPLE": "legacy",
}
START_URLS = {"corp": SSO_START_URL, "legacy": LEGACY_START_URL}


@dataclass(frozen=True)
class SsoAccount:
    account_id: str
    name: str
    roles: tuple[str, ...]
    repositories: dict[str, tuple[str, ...]]  # region -> names
    images: tuple[tuple[str, str, str, str], ...] = ()  # (region, repository, tag, digest)


def sso_account_id(index: int) -> str:
    return f"4000000{index:05d}"


def sso_accounts(count: int) -> tuple[SsoAccount, ...]:
    """``count`` accounts with 2 roles each; 1-3 repositories per region; one image in each
    account's first repository of us-east-1 (its own digest, tag v1)."""
    accounts = []
    for i in range(count):
        account = sso_account_id(i)
        repos = {
            region: tuple(f"team-{i:03d}/svc-{j}" for j in range(1 + (i + k) % 3))
            for k, region in enumerate(SSO_REGIONS)
        }
        repo = repos["us-east-1"][0]
        digest = sha256_digest(_manifest(account))
        accounts.append(SsoAccount(account, f"team-{i:03d}", SSO_ROLES, repos,
                                   (("us-east-1", repo, "v1", digest),)))
    return tuple(accounts)


def _manifest(account: str) -> bytes:
    config = {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,
              "digest": sha256_digest(f"config-{account}".encode())}
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": config, "layers": []}
    return json.dumps(manifest, sort_keys=True).encode()


def moto_extra(accounts: tuple[SsoAccount, ...]) -> tuple[dict, list]:  # type: ignore[type-arg]
    """(extra_accounts, extra_images) for tests.harness.seed.write_moto_seed."""
    repos = {a.account_id: {r: list(n) for r, n in a.repositories.items()} for a in accounts}
    images = [
        {"account": a.account_id, "region": region, "repository": repo, "tag": tag,
         "manifest": _manifest(a.account_id).decode(),
         "media_type": "application/vnd.oci.image.manifest.v1+json", "digest": digest}
        for a in accounts for region, repo, tag, digest in a.images
    ]
    return repos, images


def portal_data(accounts: tuple[SsoAccount, ...]) -> dict:  # type: ignore[type-arg]
    """The corp session reaches the main account (the sso-dev profile's ECRReadOnly among its
    roles), the other account and every SSO account; the legacy start URL the main account."""
    main = {"accountId": ACCOUNT_ID, "accountName": "main", "emailAddress": "main@example.com",
            "roles": ["ECRReadOnly", "AdministratorAccess"]}
    other = {"accountId": OTHER_ACCOUNT_ID, "accountName": "other",
             "emailAddress": "other@example.com", "roles": ["ECRReadOnly"]}
    corp = [main, other] + [
        {"accountId": a.account_id, "accountName": a.name,
         "emailAddress": f"{a.name}@example.com", "roles": list(a.roles)}
        for a in accounts
    ]
    return {"tokens": TOKENS, "sessions": {"corp": corp, "old": corp, "legacy": [main]}}


def registry_ports(accounts: tuple[SsoAccount, ...], free_port: object) -> dict[str, int]:
    """'ACCOUNT:REGION' -> port, for the first REGISTRY_ACCOUNTS accounts."""
    return {
        f"{a.account_id}:{region}": free_port()  # type: ignore[operator]
        for a in accounts[:REGISTRY_ACCOUNTS] for region in SSO_REGIONS
    }


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
