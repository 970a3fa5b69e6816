"""moto's DescribeImages made to know image status and pull times as ECR (2025-) documents
them, and ListPullTimeUpdateExclusions, which moto 5.2 lacks.

Imported by :mod:`tests.harness.moto_launcher`; :func:`patch` runs after
:func:`tests.harness.moto_scans.patch` (it wraps that DescribeImages).

* DescribeImages honours ``filter.imageStatus`` (ACTIVE, ARCHIVED, ACTIVATING, ANY; without it
  ACTIVE only, as ECR), before paging, by digest and on pages alike; every image carries
  ``imageStatus`` and, from the seed file's ``image_extras`` (digest -> {"status",
  "archived_at", "activated_at"}, epoch seconds), ``lastArchivedAt`` / ``lastActivatedAt``.
  ``lastRecordedPullTime`` comes from moto_scans (``last_pull``).
* ListPullTimeUpdateExclusions: the seed file's ``pull_time_exclusions`` (account -> principal
  ARNs), paged by ``maxResults`` / ``nextToken``.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from tests.harness.moto_scans import IMAGE_EXTRAS
from tests.harness.seed import ACCOUNT_ID, BASE_TIME, Plan

EXCLUSIONS: dict[str, list[str]] = {}
"""account -> principal ARNs whose pulls do not update lastRecordedPullTime."""
STATUSES = ("ACTIVE", "ARCHIVED", "ACTIVATING", "ANY")
_asked = threading.local()
"""The imageStatus filter of the DescribeImages request this thread is serving."""


def load(plan: dict[str, Any]) -> None:
    EXCLUSIONS.update(plan.get("pull_time_exclusions", {}))


def status_of(digest: str) -> str:
    return str(IMAGE_EXTRAS.get(digest, {}).get("status") or "ACTIVE")


def patch() -> None:
    from moto.core.responses import ActionResult
    from moto.ecr.exceptions import InvalidParameterException
    from moto.ecr.models import ECRBackend
    from moto.ecr.responses import ECRResponse

    from tests.harness.moto_launcher import paginate

    found = ECRBackend.describe_images

    def describe_images_model(self: Any, *args: Any, **kwargs: Any) -> Any:
        images = found(self, *args, **kwargs)
        wanted = getattr(_asked, "status", None)
        if wanted is None or wanted == "ANY":
            return images
        kept = [i for i in images if status_of(i.get_image_digest()) == wanted]
        return set(kept) if isinstance(images, set) else kept

    listed = ECRResponse.describe_images

    def describe_images(self: Any) -> Any:
        wanted = (self._get_param("filter") or {}).get("imageStatus") or "ACTIVE"
        if wanted not in STATUSES:
            raise InvalidParameterException(
                f"Invalid parameter at 'filter.imageStatus': {wanted!r} is not one of "
                + ", ".join(STATUSES)
            )
        _asked.status = wanted
        try:
            answer = listed(self)
        finally:
            _asked.status = None
        if not isinstance(answer, ActionResult):
            return answer  # bulk pages (benchmarks): every image ACTIVE, left alone
        for dto in answer.result["imageDetails"]:  # type: ignore[index]
            extras = IMAGE_EXTRAS.get(dto.get_image_digest(), {})
            dto.image_status = status_of(dto.get_image_digest())
            if "archived_at" in extras:
                dto.last_archived_at = extras["archived_at"]
            if "activated_at" in extras:
                dto.last_activated_at = extras["activated_at"]
        return answer

    def list_pull_time_update_exclusions(self: Any) -> str:
        arns = EXCLUSIONS.get(self._get_param("registryId") or self.current_account, [])
        page, token = paginate(
            list(arns), self._get_param("maxResults"), self._get_param("nextToken"),
            "ListPullTimeUpdateExclusions",
        )
        return json.dumps({"pullTimeUpdateExclusions": page, **({"nextToken": token} if token
                                                               else {})})

    ECRBackend.describe_images = describe_images_model  # type: ignore[method-assign]
    ECRResponse.describe_images = describe_images  # type: ignore[method-assign]
    ECRResponse.list_pull_time_update_exclusions = (  # type: ignore[attr-defined]
        list_pull_time_update_exclusions
    )


EXCLUDED_ROLE = "ecr-reader"
"""The world's `role` profile assumes it: its reads do not update pull times."""
ACTIVATING = ("team-01/service-002", "1.1")
"""An image being restored from the archive (inspect/app:v0 stays archived)."""
DAY = 86_400


def extend_seed(seed_file: Path, plan: Plan) -> None:
    """Archive and restore times, and the exclusions, into the moto seed file."""
    from tests.harness import inspect_seed

    data = json.loads(seed_file.read_text(encoding="utf-8"))
    extras = data.setdefault("image_extras", {})
    archived = inspect_seed.build().digests["v0"]
    extras.setdefault(archived, {}).update(status="ARCHIVED", archived_at=BASE_TIME + 30 * DAY)
    repo, tag = ACTIVATING
    digest = plan.tags()[repo][tag]
    extras.setdefault(digest, {}).update(status="ACTIVATING", archived_at=BASE_TIME + 20 * DAY,
                                         activated_at=BASE_TIME + 40 * DAY)
    data["pull_time_exclusions"] = {
        ACCOUNT_ID: [f"arn:aws:iam::{ACCOUNT_ID}:role/{EXCLUDED_ROLE}"],
    }
    seed_file.write_text(json.dumps(data), encoding="utf-8")
