"""Read-only ECR Public API calls on an `ecr-public` client → typed records. Every list is
read through botocore's paginators, 1,000 a page (the service's maximum)."""

from __future__ import annotations

from typing import Any

from ecr_tui.core import models
from ecr_tui.core.ecr.api import PAGE, aware, image_from_api
from ecr_tui.core.public_ecr import (
    PublicAlias,
    PublicCatalog,
    PublicRegistry,
    PublicRepository,
)


def list_registries(client: Any) -> list[PublicRegistry]:
    pages = client.get_paginator("describe_registries").paginate(PaginationConfig=PAGE)
    return [
        PublicRegistry(
            registry_id=item.get("registryId", ""),
            uri=item.get("registryUri", ""),
            aliases=tuple(
                PublicAlias(a.get("name", ""), a.get("status", ""),
                            primary=bool(a.get("primaryRegistryAlias")),
                            default=bool(a.get("defaultRegistryAlias")))
                for a in item.get("aliases") or ()
            ),
            verified=bool(item.get("verified")),
        )
        for page in pages for item in page.get("registries", [])
    ]


def list_repositories(client: Any) -> list[PublicRepository]:
    """Your public repositories, by name, without catalog data (one call each: see catalog)."""
    pages = client.get_paginator("describe_repositories").paginate(PaginationConfig=PAGE)
    repos = [
        PublicRepository(
            name=item["repositoryName"], uri=item.get("repositoryUri", ""),
            registry_id=item.get("registryId", ""), arn=item.get("repositoryArn", ""),
            created_at=aware(item.get("createdAt")),
        )
        for page in pages for item in page.get("repositories", [])
    ]
    return sorted(repos, key=lambda r: r.name)


def catalog(client: Any, repository: str) -> PublicCatalog:
    data = client.get_repository_catalog_data(repositoryName=repository).get("catalogData") or {}
    return PublicCatalog(
        description=str(data.get("description") or ""),
        about=str(data.get("aboutText") or ""),
        usage=str(data.get("usageText") or ""),
        architectures=tuple(data.get("architectures") or ()),
        operating_systems=tuple(data.get("operatingSystems") or ()),
    )


def image_tags(client: Any, repository: str) -> list[models.TagRow]:
    """DescribeImageTags: every tag with its image's digest, pushed date and size, newest first."""
    pages = client.get_paginator("describe_image_tags").paginate(
        repositoryName=repository, PaginationConfig=PAGE
    )
    rows = []
    for page in pages:
        for item in page.get("imageTagDetails", []):
            detail = item.get("imageDetail") or {}
            rows.append(models.TagRow(
                tag=item.get("imageTag", ""), digest=detail.get("imageDigest", ""),
                pushed_at=aware(detail.get("imagePushedAt") or item.get("createdAt")),
                size_bytes=detail.get("imageSizeInBytes"),
                media_type=detail.get("imageManifestMediaType", ""),
            ))
    return sorted(rows, key=_newest_first)


def images(client: Any, repository: str) -> list[models.ImageDetail]:
    """DescribeImages: every image, untagged ones included."""
    pages = client.get_paginator("describe_images").paginate(
        repositoryName=repository, PaginationConfig=PAGE
    )
    return [image_from_api(item) for page in pages for item in page.get("imageDetails", [])]


def _newest_first(row: models.TagRow) -> tuple[float, str]:
    return (-(row.pushed_at.timestamp() if row.pushed_at else 0.0), row.tag)
