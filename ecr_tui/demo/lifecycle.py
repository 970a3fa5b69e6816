"""The demo's lifecycle policies (real JSON, acting on the demo's images) and the preview ECR
"ran" yesterday for two of them."""

from __future__ import annotations

import json
import zlib
from datetime import datetime, timedelta
from typing import Any

from ecr_tui.core.lifecycle_records import LifecyclePreview, PreviewResult
from ecr_tui.core.models import ImageDetail

_ARCHIVE = {"type": "transition", "targetStorageClass": "archive"}


def _rule(priority: int, description: str, action: dict[str, Any], **selection: Any) -> dict:
    days = {"countUnit": "days"} if selection["countType"] != "imageCountMoreThan" else {}
    return {"rulePriority": priority, "description": description,
            "selection": {**selection, **days}, "action": action}


_EXPIRE = {"type": "expire"}
_PLATFORM_API = [
    _rule(1, "Releases: keep 40", _EXPIRE, tagStatus="tagged", tagPatternList=["*.*.*"],
          countType="imageCountMoreThan", countNumber=40),
    _rule(2, "Pull requests: 14 days", _EXPIRE, tagStatus="tagged", tagPrefixList=["pr-"],
          countType="sinceImagePushed", countNumber=14),
    _rule(3, "Main builds: keep 25", _EXPIRE, tagStatus="tagged", tagPrefixList=["main-"],
          countType="imageCountMoreThan", countNumber=25),
    _rule(4, "Archive all but the newest", _ARCHIVE, tagStatus="any",
          countType="imageCountMoreThan", countNumber=6),
    _rule(5, "Drop the archive after a year", _EXPIRE, tagStatus="any", storageClass="archive",
          countType="sinceImageTransitioned", countNumber=365),
]
_BASE = [
    _rule(1, "Untagged: 30 days", _EXPIRE, tagStatus="untagged",
          countType="sinceImagePushed", countNumber=30),
    _rule(2, "Archive what nobody pulls", _ARCHIVE, tagStatus="any",
          countType="sinceImagePulled", countNumber=1),
    _rule(3, "Drop the archive after 180 days", _EXPIRE, tagStatus="any", storageClass="archive",
          countType="sinceImageTransitioned", countNumber=180),
]
_SERVICE = [
    _rule(1, "Keep 5 releases", _EXPIRE, tagStatus="tagged", tagPatternList=["v*"],
          countType="imageCountMoreThan", countNumber=5),
    _rule(2, "Untagged: 7 days", _EXPIRE, tagStatus="untagged",
          countType="sinceImagePushed", countNumber=7),
    _rule(3, "Archive after 30 days unpulled", _ARCHIVE, tagStatus="any",
          countType="sinceImagePulled", countNumber=30),
]
POLICIES = {"platform/api": _PLATFORM_API, "base/python": _BASE, "base/node": _BASE}
"""Repositories with a policy of their own; a third of the others get the service policy."""
PREVIEWED = ("platform/api", "base/python")


def policy_text(repository: str) -> str | None:
    rules = POLICIES.get(repository)
    if rules is None and zlib.crc32(repository.encode()) % 3 == 0:
        rules = _SERVICE
    return json.dumps({"rules": rules}, indent=2) if rules is not None else None


def preview(repository: str, images: list[ImageDetail],
            epoch: datetime) -> LifecyclePreview | None:
    """What ECR's preview said a day before the demo started (our evaluator, run then)."""
    from ecr_tui.core.lifecycle.evaluate import evaluate
    from ecr_tui.core.lifecycle.parse import parse_policy

    text = policy_text(repository)
    if text is None or repository not in PREVIEWED:
        return None
    by_digest = {i.digest: i for i in images}
    results = tuple(
        PreviewResult(digest=d.digest, tags=by_digest[d.digest].tags,
                      pushed_at=by_digest[d.digest].pushed_at, action=d.action, rule=d.rule,
                      storage_class="archive" if by_digest[d.digest].image_status == "ARCHIVED"
                      else "standard")
        for d in evaluate(parse_policy(text), images, epoch - timedelta(days=1))
        if d.action != "keep"
    )
    return LifecyclePreview(
        status="COMPLETE", policy_text=text, results=results,
        expiring=sum(r.action == "expire" for r in results),
        transitioning=sum(r.action == "transition" for r in results),
    )
