"""ECR's write calls on a boto3 client (only a client made with writes on may send them):
retag by AWS's own recipe, untag, delete by digest."""

from __future__ import annotations

from typing import Any

from ecr_tui.core.errors import EcrTuiError

MANIFEST_TYPES = (
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws",
)
"""Every manifest type: BatchGetImage then answers with the manifest's own media type."""


def _failure_line(failures: list[dict[str, Any]]) -> str:
    first = failures[0]
    ident = first.get("imageId") or {}
    what = ident.get("imageTag") or ident.get("imageDigest") or "image"
    return f"{what}: {first.get('failureReason') or first.get('failureCode') or 'failed'}"


def retag(client: Any, repository: str, digest: str, tag: str) -> bool:
    """The manifest of `digest` under `tag`, the same bytes (BatchGetImage with every type,
    then PutImage with its media type and digest, which ECR checks). False: `tag` already
    named that digest, nothing changed."""
    got = client.batch_get_image(
        repositoryName=repository, imageIds=[{"imageDigest": digest}],
        acceptedMediaTypes=list(MANIFEST_TYPES),
    )
    images = got.get("images") or []
    if not images:
        raise EcrTuiError(f"cannot read the manifest of {repository}@{digest}: "
                          + _failure_line(got.get("failures") or [{}]))
    image = images[0]
    kwargs: dict[str, Any] = {
        "repositoryName": repository, "imageManifest": image["imageManifest"],
        "imageDigest": digest, "imageTag": tag,
    }
    if image.get("imageManifestMediaType"):
        kwargs["imageManifestMediaType"] = image["imageManifestMediaType"]
    from botocore.exceptions import ClientError

    try:
        client.put_image(**kwargs)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ImageAlreadyExistsException":
            return False
        raise
    return True


def delete(client: Any, repository: str, image_ids: list[dict[str, str]]) -> None:
    """BatchDeleteImage: by tag removes the tag, by digest the whole image. ECR reports
    what it could not delete in `failures`, not as an error: raised here as one line."""
    answer = client.batch_delete_image(repositoryName=repository, imageIds=image_ids)
    failures = answer.get("failures") or []
    if failures:
        raise EcrTuiError(f"ECR did not delete {_failure_line(failures)}")
