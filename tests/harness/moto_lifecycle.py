"""Lifecycle policies and previews for moto, and a repository whose images have the push and
pull times of AWS's worked examples (moto 5.2 stores policies but has no
GetLifecyclePolicyPreview, and no way to set a pull time).

* :func:`add_to_seed` (test side) writes the ``lifecycle`` section of the seed file: the
  repository, its images (pushed and pulled N days before seeding), its policy and the preview
  ECR would have made (a preview is started by StartLifecyclePolicyPreview, a write: the
  stand-in holds one as if someone had).
* :func:`seed` (launcher side, in-process) creates them; :func:`patch` adds
  GetLifecyclePolicyPreview (maxResults 1..100, an opaque nextToken, the ``filter.tagStatus``;
  LifecyclePolicyPreviewNotFoundException without a preview) and DescribeImages'
  ``lastRecordedPullTime`` / ``imageStatus`` / ``lastArchivedAt`` for these images.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

REPO = "lifecycle/app"
DAY = 86_400
# (name, tags, pushed days ago, pulled days ago or None, archived days ago or None)
IMAGES: tuple[tuple[str, tuple[str, ...], int, int | None, int | None], ...] = (
    ("A", ("prod-1", "beta-1"), 40, 35, None),
    ("B", ("prod-2", "beta-2"), 30, 2, None),
    ("C", ("prod-3",), 20, 1, None),
    ("D", ("beta-3",), 10, None, None),
    ("E", (), 20, None, None),
    ("F", (), 3, None, None),
    ("G", ("old-1",), 500, 400, 380),
    ("H", ("dev-1",), 200, 150, None),
)
POLICY = {"rules": [
    {"rulePriority": 1, "description": "Keep 2 prod",
     "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod"],
                   "countType": "imageCountMoreThan", "countNumber": 2},
     "action": {"type": "expire"}},
    {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                      "countUnit": "days", "countNumber": 7},
     "action": {"type": "expire"}},
    {"rulePriority": 3, "selection": {"tagStatus": "any", "countType": "sinceImagePulled",
                                      "countUnit": "days", "countNumber": 90},
     "action": {"type": "transition", "targetStorageClass": "archive"}},
    {"rulePriority": 4, "selection": {"tagStatus": "any", "storageClass": "archive",
                                      "countType": "sinceImageTransitioned",
                                      "countUnit": "days", "countNumber": 365},
     "action": {"type": "expire"}},
]}
EXPECTED = {"A": ("expire", 1), "B": ("keep", None), "C": ("keep", None), "D": ("keep", None),
            "E": ("expire", 2), "F": ("keep", None), "G": ("expire", 4), "H": ("transition", 3)}
"""What POLICY does to IMAGES (by the documented rules, worked by hand)."""


def manifest(name: str) -> str:
    return json.dumps({"schemaVersion": 2,
                       "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                  "size": 2, "digest": "sha256:" + "0" * 64},
                       "layers": [], "annotations": {"name": f"lifecycle-{name}"}})


def digest_of(name: str) -> str:
    return "sha256:" + hashlib.sha256(manifest(name).encode()).hexdigest()


def add_to_seed(seed_file: Path, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    images = [{"name": n, "digest": digest_of(n), "manifest": manifest(n), "tags": list(tags),
               "pushed_at": now - pushed * DAY,
               "last_pull": None if pulled is None else now - pulled * DAY,
               "archived_at": None if archived is None else now - archived * DAY}
              for n, tags, pushed, pulled, archived in IMAGES]
    preview = [{"imageDigest": i["digest"], "imageTags": i["tags"], "imagePushedAt": i["pushed_at"],
                "action": {"type": EXPECTED[i["name"]][0].upper(),
                           **({"targetStorageClass": "ARCHIVE"}
                              if EXPECTED[i["name"]][0] == "transition" else {})},
                "appliedRulePriority": EXPECTED[i["name"]][1],
                "storageClass": "ARCHIVE" if i["archived_at"] else "STANDARD"}
               for i in images if EXPECTED[i["name"]][0] != "keep"]
    data["lifecycle"] = {"repository": REPO, "images": images, "policy": json.dumps(POLICY),
                         "preview": preview}
    seed_file.write_text(json.dumps(data), encoding="utf-8")


PREVIEWS: dict[tuple[str, str, str], dict[str, Any]] = {}
"""(account, region, repository) -> {"policy": text, "results": [...]}."""
EXTRAS: dict[str, dict[str, Any]] = {}
"""digest -> DescribeImages fields moto cannot be told."""


def add_repository(plan: Any) -> None:
    """The repository is the world's (counted with the others); its images come in `seed`."""
    from tests.harness.seed import REGION

    plan.repositories.setdefault(REGION, []).append(REPO)


def seed(plan: dict[str, Any]) -> None:
    from moto.ecr.models import ecr_backends

    from tests.harness.seed import REGION

    section = plan.get("lifecycle")
    if not section:
        return
    account = plan["account_id"]
    backend = ecr_backends[account][REGION]
    region = REGION
    name = section["repository"]
    media = "application/vnd.oci.image.manifest.v1+json"
    for image in section["images"]:
        for tag in image["tags"] or [None]:
            created = backend.put_image(name, image["manifest"], tag, media, image["digest"])
        created.image_pushed_at = int(image["pushed_at"])
        extras: dict[str, Any] = {}
        if image["last_pull"] is not None:
            extras["last_recorded_pull_time"] = int(image["last_pull"])
        if image["archived_at"] is not None:
            extras.update(image_status="ARCHIVED", last_archived_at=int(image["archived_at"]))
        EXTRAS[image["digest"]] = extras
    backend.repositories[name].lifecycle_policy = section["policy"]
    PREVIEWS[(account, region, name)] = {"policy": section["policy"],
                                         "results": section["preview"]}


def patch() -> None:
    from moto.core.exceptions import ServiceException
    from moto.core.responses import ActionResult
    from moto.ecr.responses import ECRResponse

    from tests.harness.moto_launcher import paginate

    class PreviewNotFound(ServiceException):
        code = "LifecyclePolicyPreviewNotFoundException"

    def get_lifecycle_policy_preview(self: Any) -> str:
        repo = self.ecr_backend._get_repository(self._get_param("repositoryName"),
                                                self._get_param("registryId"))
        found = PREVIEWS.get((repo.registry_id, self.region, repo.name))
        if found is None:
            raise PreviewNotFound(f"There is no dry run for the repository with name "
                                  f"'{repo.name}' in the registry with id '{repo.registry_id}'")
        results = list(found["results"])
        status = ((self._get_param("filter") or {}).get("tagStatus") or "ANY").upper()
        if status != "ANY":
            results = [r for r in results if bool(r["imageTags"]) == (status == "TAGGED")]
        page, token = paginate(results, self._get_param("maxResults"),
                               self._get_param("nextToken"), "GetLifecyclePolicyPreview")
        answer: dict[str, Any] = {
            "registryId": repo.registry_id, "repositoryName": repo.name,
            "lifecyclePolicyText": found["policy"], "status": "COMPLETE", "previewResults": page,
            "summary": {
                "expiringImageTotalCount": sum(r["action"]["type"] == "EXPIRE"
                                               for r in found["results"]),
                "transitioningImageTotalCounts": [{"targetStorageClass": "ARCHIVE",
                    "imageTotalCount": sum(r["action"]["type"] == "TRANSITION"
                                           for r in found["results"])}],
            },
        }
        if token:
            answer["nextToken"] = token
        return json.dumps(answer)

    listed = ECRResponse.describe_images

    def describe_images(self: Any) -> Any:
        answer = listed(self)
        if isinstance(answer, ActionResult):
            for dto in answer.result["imageDetails"]:  # type: ignore[index]
                for key, value in EXTRAS.get(dto.get_image_digest(), {}).items():
                    setattr(dto, key, value)
        return answer

    ECRResponse.get_lifecycle_policy_preview = (  # type: ignore[attr-defined]
        get_lifecycle_policy_preview)
    ECRResponse.describe_images = describe_images  # type: ignore[method-assign]
