"""DescribeImages for the benchmarks' bulk repositories, charged per call like ECR.

Imported by :mod:`tests.harness.moto_launcher`. ECR charges a call a round trip (the
launcher's ``--latency-ms`` sleep) and spends its own CPU elsewhere; moto, on the benchmark's
own 2 cores, spent ~3 ms of CPU per call before reaching the handler (flask dispatch, a
directory listing of moto's modules per request, a regex over every answer) and scanned every
image per imageId. So for repositories seeded in bulk (one image per tag, never changed after
the seed) DescribeImages is answered right in the WSGI layer:

* by ``imageIds``: an index lookup per id; one unknown id fails the call as ECR does (through
  moto's own path, so the error is moto's);
* by pages: a slice of the seeded order, with moto_launcher's ``nextToken`` encoding;
* each image's JSON is built once and joined per answer, so the CPU per image is about the same
  on either form and the per-call CPU is small: the latency models the rest.

Anything else (other operations, other repositories, a parameter out of range, another
account or region) goes to moto unchanged.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

DESCRIBE_IMAGES = "AmazonEC2ContainerRegistry_V20150921.DescribeImages"


@dataclass
class BulkRepository:
    account: str
    region: str
    images: list[Any]
    """moto Image objects, in the seeded order (moto's own page order)."""
    index: dict[str, int] = field(default_factory=dict)
    """Tag or digest -> position in ``images``."""
    fragments: list[bytes] = field(default_factory=list)
    """Each image's DescribeImages JSON object, built once."""

    def build(self) -> None:
        self.fragments = [json.dumps(_detail(image)).encode() for image in self.images]
        for position, image in enumerate(self.images):
            self.index[image.get_image_digest()] = position
            for tag in image.image_tags:
                self.index[tag] = position


BULK: dict[str, BulkRepository] = {}
_LOCK = threading.Lock()


def register(name: str, account: str, region: str, images: list[Any]) -> None:
    """A bulk repository, once seeded: indexed and serialised now, never again."""
    repo = BulkRepository(account, region, images)
    repo.build()
    with _LOCK:
        BULK[name] = repo


def _detail(image: Any) -> dict[str, Any]:
    return {
        "registryId": image.registry_id, "repositoryName": image.repository_name,
        "imageDigest": image.get_image_digest(), "imageTags": image.image_tags,
        "imageSizeInBytes": image.get_image_size_in_bytes(),
        "imagePushedAt": image.image_pushed_at,
        "imageManifestMediaType": image.image_manifest_media_type,
    }


def answer(repo: BulkRepository, positions: Iterable[int], token: str | None) -> bytes:
    parts = [b'{"imageDetails": [', b", ".join(repo.fragments[p] for p in positions), b"]"]
    if token:
        parts.append(b', "nextToken": ' + json.dumps(token).encode())
    parts.append(b"}")
    return b"".join(parts)


def by_ids(repo: BulkRepository, image_ids: list[dict[str, str]]) -> bytes | None:
    """The images behind ``image_ids`` (each once), or None when one is unknown."""
    found: dict[int, None] = {}
    for image_id in image_ids:
        key = image_id.get("imageTag") or image_id.get("imageDigest") or ""
        position = repo.index.get(key)
        if position is None:
            return None
        found[position] = None
    return answer(repo, found, None)


def page(
    repo: BulkRepository, max_results: Any, next_token: str | None,
    paginate: Callable[..., tuple[list[Any], str | None]],
) -> bytes | None:
    """One page in moto_launcher's paging, or None when a parameter is out of range."""
    try:
        positions, token = paginate(
            range(len(repo.images)), max_results, next_token, "DescribeImages"
        )
    except Exception:  # noqa: BLE001 - moto's own path answers the error
        return None
    return answer(repo, positions, token)


def fast_path(
    environ: dict[str, Any],
    account_of: Callable[[str], str],
    paginate: Callable[..., tuple[list[Any], str | None]],
    record: Callable[[str, str, str], None],
) -> bytes | None:
    """The answer to a DescribeImages on a bulk repository, or None (moto answers it). The
    body read here is put back for moto when it answers instead."""
    length = environ.get("CONTENT_LENGTH") or ""
    if environ.get("HTTP_X_AMZ_TARGET") != DESCRIBE_IMAGES or not BULK or not length.isdigit():
        return None
    body = environ["wsgi.input"].read(int(length))
    environ["wsgi.input"] = io.BytesIO(body)
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        return None
    repo = BULK.get(request.get("repositoryName") or "")
    if repo is None:
        return None
    key, region = caller(environ.get("HTTP_AUTHORIZATION", ""))
    account = account_of(key)
    if region != repo.region or account != repo.account:
        return None
    if request.get("registryId") not in (None, repo.account):
        return None
    if request.get("imageIds"):
        out = by_ids(repo, request["imageIds"])
    else:
        out = page(repo, request.get("maxResults"), request.get("nextToken"), paginate)
    if out is None:
        return None
    record("ecr.DescribeImages", key, region)
    return out


def caller(auth: str) -> tuple[str, str]:
    """(access key id, region) from a SigV4 Authorization header's Credential scope."""
    scope = auth.partition("Credential=")[2].split(",")[0].split("/")
    return (scope[0], scope[2]) if len(scope) > 2 else ("", "")
