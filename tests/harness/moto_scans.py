"""moto's scan findings and image details made to behave as ECR documents (moto 5.2).

Imported by :mod:`tests.harness.moto_launcher`; :func:`patch` runs before the server starts.

* DescribeImageScanFindings: a result posted through moto's documented
  ``POST /moto-api/static/ecr/scan-finding-results`` belongs to its image, whatever form of
  imageId a later call uses (moto hands it to the first form only); ``maxResults`` (1..1000,
  default 100) and an opaque ``nextToken`` page ``findings`` / ``enhancedFindings``, and only
  the page is serialised. An image never scanned still raises ScanNotFoundException.
* DescribeImages: each image carries ``imageScanStatus`` and ``imageScanFindingsSummary`` from
  its posted result, and ``lastRecordedPullTime`` / ``imageStatus`` from the seed file's
  ``image_extras`` (digest -> {"last_pull": epoch seconds, "status": "ARCHIVED"}).
"""

from __future__ import annotations

import json
from typing import Any

IMAGE_EXTRAS: dict[str, dict[str, Any]] = {}
"""digest -> extra DescribeImages fields, filled from the seed file."""


def load_extras(plan: dict[str, Any]) -> None:
    IMAGE_EXTRAS.update(plan.get("image_extras", {}))


SCANS: dict[tuple[str, str], dict[str, Any]] = {}
"""(repository, image digest) -> the posted result that image claimed."""


def scan_result(backend: Any, repository: str, tags: list[str], digest: str) -> dict | None:
    """The posted result for this image (claimed from moto's queue once), or None."""
    found = SCANS.get((repository, digest))
    if found is not None:
        return found
    for res in list(backend.scan_finding_results):
        wanted = res.get("imageId") or {}
        if res.get("repositoryName") == repository and (
            (wanted.get("imageTag") and wanted["imageTag"] in tags)
            or wanted.get("imageDigest") == digest
        ):
            backend.scan_finding_results.remove(res)
            SCANS[(repository, digest)] = res
            return res
    return None


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    body = result.get("imageScanFindings") or {}
    keep = ("findingSeverityCounts", "imageScanCompletedAt", "vulnerabilitySourceUpdatedAt")
    return {k: body[k] for k in keep if k in body}


def patch() -> None:
    from moto.core.responses import ActionResult
    from moto.ecr.exceptions import ScanNotFoundException
    from moto.ecr.responses import ECRResponse

    from tests.harness.moto_launcher import paginate

    def describe_image_scan_findings(self: Any) -> str:
        backend = self.ecr_backend
        repo = backend._get_repository(self._get_param("repositoryName"),
                                       self._get_param("registryId"))
        image_id = self._get_param("imageId") or {}
        image = repo._get_image(image_id.get("imageTag"), image_id.get("imageDigest"))
        if not image.last_scan:
            raise ScanNotFoundException(
                image_id=json.dumps(image_id), repository_name=repo.name,
                registry_id=repo.registry_id,
            )
        result = scan_result(backend, repo.name, image.image_tags, image.get_image_digest())
        if result is None:  # scanned, nothing posted: moto's own default answer
            result = backend.describe_image_scan_findings(
                self._get_param("registryId"), repo.name, image_id
            )
        body = dict(result.get("imageScanFindings") or {})
        key = "enhancedFindings" if "enhancedFindings" in body else "findings"
        page, token = paginate(
            list(body.get(key) or []), self._get_param("maxResults"),
            self._get_param("nextToken"), "DescribeImageScanFindings",
        )
        body[key] = page
        answer = {
            "registryId": repo.registry_id, "repositoryName": repo.name,
            "imageId": {"imageDigest": image.get_image_digest(),
                        **({"imageTag": image_id["imageTag"]} if image_id.get("imageTag") else {})},
            "imageScanStatus": result.get("imageScanStatus") or {"status": "COMPLETE"},
            "imageScanFindings": body,
        }
        if token:
            answer["nextToken"] = token
        return json.dumps(answer, default=str)

    listed = ECRResponse.describe_images

    def describe_images(self: Any) -> Any:
        answer = listed(self)
        if not isinstance(answer, ActionResult):
            return answer  # bulk pages (benchmarks) are built by hand: left alone
        backend, name = self.ecr_backend, self._get_param("repositoryName")
        for dto in answer.result["imageDetails"]:  # type: ignore[index]
            tags = getattr(dto, "image_tags", None) or []
            result = scan_result(backend, name, tags, dto.get_image_digest())
            if result is not None:
                dto.image_scan_status = result.get("imageScanStatus")
                dto.image_scan_findings_summary = _summary(result)
            extras = IMAGE_EXTRAS.get(dto.get_image_digest(), {})
            if "last_pull" in extras:
                dto.last_recorded_pull_time = extras["last_pull"]
            if "status" in extras:
                dto.image_status = extras["status"]
        return answer

    ECRResponse.describe_image_scan_findings = describe_image_scan_findings  # type: ignore[method-assign]
    ECRResponse.describe_images = describe_images  # type: ignore[method-assign]
