"""Read-only ECR API calls on a boto3 client → typed models. Paginated with PageSize 1000."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ecr_tui.core import models

if TYPE_CHECKING:
    from ecr_tui.core.image_records import ScanReport
    from ecr_tui.core.models import ImageDetail, Repository, ScanSummary

PAGE = {"PageSize": 1000}
EVERY_STATUS = {"imageStatus": "ANY"}
"""DescribeImages' filter for archived and activating images too (without it: ACTIVE only)."""
_SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED", "UNTRIAGED")


def aware(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    return None


def repository_from_api(item: dict[str, Any]) -> Repository:
    scan = item.get("imageScanningConfiguration") or {}
    return models.Repository(
        name=item["repositoryName"],
        uri=item.get("repositoryUri", ""),
        registry_id=item.get("registryId", ""),
        arn=item.get("repositoryArn", ""),
        created_at=aware(item.get("createdAt")),
        tag_mutability=item.get("imageTagMutability", ""),
        scan_on_push=scan.get("scanOnPush") if "scanOnPush" in scan else None,
        encryption=(item.get("encryptionConfiguration") or {}).get("encryptionType", ""),
        tag_mutability_exclusions=tuple(
            str(f.get("filter", "")) for f in item.get("imageTagMutabilityExclusionFilters") or ()
            if f.get("filterType", "WILDCARD") == "WILDCARD"
        ),
        kms_key=(item.get("encryptionConfiguration") or {}).get("kmsKey", ""),
    )


def list_repositories(client: Any) -> list[Repository]:
    pages = client.get_paginator("describe_repositories").paginate(PaginationConfig=PAGE)
    repos = [repository_from_api(item) for page in pages for item in page.get("repositories", [])]
    return sorted(repos, key=lambda r: r.name)


def describe_repository(client: Any, name: str) -> Repository:
    """One repository by name (DescribeRepositories with repositoryNames: one call)."""
    found = client.describe_repositories(repositoryNames=[name]).get("repositories") or []
    if not found:
        from ecr_tui.core.errors import EcrTuiError

        raise EcrTuiError(f"no repository {name!r}", fix="check the name, profile and region")
    return repository_from_api(found[0])


def scan_from_api(item: dict[str, Any]) -> ScanSummary | None:
    status = (item.get("imageScanStatus") or {}).get("status", "")
    findings = (item.get("imageScanFindingsSummary") or {}).get("findingSeverityCounts") or {}
    if not status and not findings:
        return None
    counts = tuple((sev, int(findings[sev])) for sev in _SEVERITIES if sev in findings)
    return models.ScanSummary(status=status, counts=counts)


def image_from_api(item: dict[str, Any]) -> ImageDetail:
    # 50,000 of these a big listing: absent fields skip their conversions, and the fields go
    # in positionally, in ImageDetail's order (keywords cost a dict a call: 14 k vs 10 k
    # instructions by callgrind).
    get = item.get
    pushed, pulled = get("imagePushedAt"), get("lastRecordedPullTime")
    archived, activated = get("lastArchivedAt"), get("lastActivatedAt")
    scanned = "imageScanStatus" in item or "imageScanFindingsSummary" in item
    return models.ImageDetail(
        get("imageDigest", ""),  # digest
        tuple(get("imageTags") or ()),  # tags
        None if pushed is None else aware(pushed),  # pushed_at
        get("imageSizeInBytes"),  # size_bytes
        get("imageManifestMediaType", ""),  # media_type
        get("artifactMediaType", ""),  # artifact_media_type
        scan_from_api(item) if scanned else None,  # scan
        None if pulled is None else aware(pulled),  # last_pull
        str(get("imageStatus") or ""),  # image_status
        None if archived is None else aware(archived),  # last_archived_at
        None if activated is None else aware(activated),  # last_activated_at
    )


def describe_images(
    client: Any,
    repository: str,
    registry_id: str | None = None,
    on_page: Callable[[list[ImageDetail]], None] | None = None,
) -> list[ImageDetail]:
    kwargs: dict[str, Any] = {
        "repositoryName": repository, "PaginationConfig": PAGE, "filter": EVERY_STATUS,
    }
    if registry_id:
        kwargs["registryId"] = registry_id
    from ecr_tui.core.ecr.read_ahead import read_ahead

    images: list[ImageDetail] = []
    pages = client.get_paginator("describe_images").paginate(**kwargs)
    for page in read_ahead(pages, "describe-images-pages"):
        found = [image_from_api(item) for item in page.get("imageDetails", [])]
        images += found
        if on_page is not None:
            on_page(found)
    return images


def first_images(
    client: Any, repository: str, count: int, registry_id: str | None = None
) -> list[ImageDetail]:
    """The first `count` images DescribeImages answers (one call, no further page)."""
    kwargs: dict[str, Any] = {
        "repositoryName": repository, "maxResults": count, "filter": EVERY_STATUS,
    }
    if registry_id:
        kwargs["registryId"] = registry_id
    response = client.describe_images(**kwargs)
    return [image_from_api(item) for item in response.get("imageDetails", [])]


IDS_PER_CALL = 100
"""DescribeImages takes at most 100 imageIds a call, without pagination."""


def describe_images_by_tags(
    client: Any, repository: str, tags: list[str], registry_id: str | None = None
) -> list[ImageDetail]:
    """The images behind up to 100 tags in one call. ECR fails the whole call when one tag
    is gone (deleted since it was listed): then each half is asked again, down to that tag."""
    from botocore.exceptions import ClientError

    if not tags:
        return []
    kwargs: dict[str, Any] = {
        "repositoryName": repository,
        "imageIds": [{"imageTag": tag} for tag in tags[:IDS_PER_CALL]],
        "filter": EVERY_STATUS,
    }
    if registry_id:
        kwargs["registryId"] = registry_id
    try:
        response = client.describe_images(**kwargs)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ImageNotFoundException":
            raise
        if len(tags) == 1:
            return []
        half = len(tags) // 2
        return describe_images_by_tags(
            client, repository, tags[:half], registry_id
        ) + describe_images_by_tags(client, repository, tags[half:], registry_id)
    return [image_from_api(item) for item in response.get("imageDetails", [])]


def describe_image(
    client: Any, repository: str, reference: str, registry_id: str | None = None,
    *, any_status: bool = False,
) -> ImageDetail | None:
    """The image one tag or digest names, or None (ECR answers ImageNotFoundException).
    any_status: ARCHIVED ones too (DescribeImages shows ACTIVE ones only unless asked)."""
    from botocore.exceptions import ClientError

    key = "imageDigest" if reference.startswith("sha256:") else "imageTag"
    kwargs: dict[str, Any] = {
        "repositoryName": repository, "imageIds": [{key: reference}], "filter": EVERY_STATUS,
    }
    if registry_id:
        kwargs["registryId"] = registry_id
    if any_status:
        kwargs["filter"] = {"imageStatus": "ANY"}
    try:
        response = client.describe_images(**kwargs)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ImageNotFoundException":
            return None
        raise
    found = response.get("imageDetails", [])
    return image_from_api(found[0]) if found else None


def scan_findings(
    client: Any, repository: str, reference: str, registry_id: str | None = None
) -> ScanReport:
    """Every page of DescribeImageScanFindings (by digest or tag); never scanned says so."""
    from botocore.exceptions import ClientError

    from ecr_tui.core.images.findings import report_from_pages

    kwargs: dict[str, Any] = {
        "repositoryName": repository, "PaginationConfig": PAGE,
        "imageId": {"imageDigest" if reference.startswith("sha256:") else "imageTag": reference},
    }
    if registry_id:
        kwargs["registryId"] = registry_id
    try:
        return report_from_pages(client.get_paginator("describe_image_scan_findings").paginate(
            **kwargs
        ))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ScanNotFoundException":
            raise
    from ecr_tui.core.image_records import ScanReport

    return ScanReport(status="NOT_SCANNED", description="no scan found for this image")


def caller_account(sts_client: Any) -> str:
    return str(sts_client.get_caller_identity()["Account"])


def registry_endpoint(client: Any, registry_id: str) -> str:
    """Another account's registry URL in the client's region: the proxyEndpoint ECR gives for
    that registry id (the password is the principal's own, the same for every registry)."""
    response = client.get_authorization_token(registryIds=[registry_id])
    return str((response.get("authorizationData") or [{}])[0].get("proxyEndpoint", ""))
