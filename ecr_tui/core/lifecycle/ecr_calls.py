"""GetLifecyclePolicy and GetLifecyclePolicyPreview on a boto3 ECR client → text and records.
Read-only: StartLifecyclePolicyPreview is a write and is never called."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ecr_tui.core.lifecycle_records import LifecyclePreview, PreviewResult

PAGE = {"PageSize": 100}
"""GetLifecyclePolicyPreview's maxResults is 1..100."""


def _code(exc: Exception) -> str:
    return str(getattr(exc, "response", {}).get("Error", {}).get("Code", ""))


def get_policy(client: Any, repository: str, registry_id: str | None = None) -> str | None:
    """The repository's policy text; None when it has none."""
    from botocore.exceptions import ClientError

    kwargs: dict[str, Any] = {"repositoryName": repository}
    if registry_id:
        kwargs["registryId"] = registry_id
    try:
        return str(client.get_lifecycle_policy(**kwargs).get("lifecyclePolicyText") or "") or None
    except ClientError as exc:
        if _code(exc) == "LifecyclePolicyNotFoundException":
            return None
        raise


def _utc(value: Any) -> datetime | None:
    """botocore's datetime, in UTC (naive ones are UTC already)."""
    if not isinstance(value, datetime):
        return None
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _result(item: dict[str, Any]) -> PreviewResult:
    action = item.get("action") or {}
    return PreviewResult(
        digest=str(item.get("imageDigest", "")), tags=tuple(item.get("imageTags") or ()),
        pushed_at=_utc(item.get("imagePushedAt")), action=str(action.get("type", "")).lower(),
        rule=item.get("appliedRulePriority"),
        storage_class=str(item.get("storageClass") or "").lower(),
    )


def preview_from_pages(pages: Any) -> LifecyclePreview:
    """Every page of GetLifecyclePolicyPreview as one preview."""
    first: dict[str, Any] = {}
    results: list[PreviewResult] = []
    for page in pages:
        first = first or page
        results += [_result(item) for item in page.get("previewResults") or ()]
    summary = first.get("summary") or {}
    counts = summary.get("transitioningImageTotalCounts") or []
    return LifecyclePreview(
        status=str(first.get("status", "")), policy_text=str(first.get("lifecyclePolicyText", "")),
        results=tuple(results), expiring=int(summary.get("expiringImageTotalCount") or 0),
        transitioning=sum(int(c.get("imageTotalCount") or 0) for c in counts),
    )


def get_preview(client: Any, repository: str,
                registry_id: str | None = None) -> LifecyclePreview | None:
    """The last preview ECR ran for the repository; None when there is none."""
    from botocore.exceptions import ClientError

    kwargs: dict[str, Any] = {"repositoryName": repository, "PaginationConfig": PAGE}
    if registry_id:
        kwargs["registryId"] = registry_id
    try:
        pages = client.get_paginator("get_lifecycle_policy_preview").paginate(**kwargs)
        return preview_from_pages(pages)
    except ClientError as exc:
        if _code(exc) == "LifecyclePolicyPreviewNotFoundException":
            return None
        raise
