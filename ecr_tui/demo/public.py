"""The demo's ECR Public: each account's registry alias, its public repositories with catalog
data, their tags and images (deterministic, offline). The `ci-process` profile lacks
sts:GetServiceBearerToken, so the public token's one-line error can be seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ecr_tui.core import models
from ecr_tui.core.errors import AccessDeniedError
from ecr_tui.core.public_ecr import (
    PUBLIC_HOST,
    PublicAlias,
    PublicCatalog,
    PublicRegistry,
    PublicRepository,
)
from ecr_tui.demo import data

NO_BEARER_PROFILE = "ci-process"

_REPOSITORIES: tuple[tuple[str, PublicCatalog], ...] = (
    ("cli/ecr-tui", PublicCatalog(
        description="ecr-tui: Amazon ECR in the terminal",
        about="# ecr-tui\nProfiles, repositories, tags and token countdowns in one screen.",
        usage="docker run --rm -it public.ecr.aws/ALIAS/cli/ecr-tui --demo",
        architectures=("x86-64", "ARM 64"), operating_systems=("Linux",),
    )),
    ("base/python", PublicCatalog(
        description="Python 3.11 on Debian slim, with the company CA",
        about="# base/python\nRebuilt every Monday.", usage="FROM public.ecr.aws/ALIAS/base/python",
        architectures=("x86-64", "ARM 64"), operating_systems=("Linux",),
    )),
    ("tools/kubectl", PublicCatalog(
        description="kubectl and helm for CI jobs", architectures=("x86-64",),
        operating_systems=("Linux",),
    )),
    ("samples/hello-windows", PublicCatalog(
        description="A Windows sample image", architectures=("x86-64",),
        operating_systems=("Windows",),
    )),
)


def alias_of(account: str) -> str:
    return f"demo-{account[-4:]}"


def registry(account: str) -> PublicRegistry:
    alias = alias_of(account)
    return PublicRegistry(
        registry_id=account, uri=f"{PUBLIC_HOST}/{alias}",
        aliases=(PublicAlias(alias, "ACTIVE", primary=True, default=True),),
    )


def repositories(account: str, epoch: datetime) -> list[PublicRepository]:
    alias = alias_of(account)
    return sorted((
        PublicRepository(
            name=name, uri=f"{PUBLIC_HOST}/{alias}/{name}", registry_id=account,
            arn=f"arn:aws:ecr-public::{account}:repository/{name}",
            created_at=epoch - timedelta(days=40 + 17 * i),
            catalog=replace(catalog, usage=catalog.usage.replace("ALIAS", alias)),
        )
        for i, (name, catalog) in enumerate(_REPOSITORIES)
    ), key=lambda r: r.name)


def tags(repository: str, epoch: datetime) -> list[models.TagRow]:
    """The public repository's tags, newest first (the private demo's generator, fewer tags;
    DescribeImageTags says nothing of platforms, scans or pulls)."""
    rows = data.tags(f"public/{repository}", epoch, count=24)
    return [replace(r, platforms=(), scan=None, last_pull=None) for r in rows]


def images(repository: str, epoch: datetime) -> list[models.ImageDetail]:
    by_digest: dict[str, list[models.TagRow]] = {}
    for row in tags(repository, epoch):
        by_digest.setdefault(row.digest, []).append(row)
    return [
        models.ImageDetail(digest=digest, tags=tuple(r.tag for r in rows),
                           pushed_at=rows[0].pushed_at, size_bytes=rows[0].size_bytes,
                           media_type=rows[0].media_type)
        for digest, rows in by_digest.items()
    ]


def token_failure(profile: str) -> AccessDeniedError | None:
    if profile != NO_BEARER_PROFILE:
        return None
    return AccessDeniedError(
        f"access denied: sts:GetServiceBearerToken for profile {profile} (ECR Public's token "
        "needs it)",
        fix="grant ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken; the AWS "
        "managed policy AmazonElasticContainerRegistryPublicReadOnly has them all",
    )
