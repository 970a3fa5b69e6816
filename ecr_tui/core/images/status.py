"""What a listing can say of an image without pulling it: its platforms when known (else
`multi-arch` for an index), whether it can be pulled now, and how an archived one comes back."""

from __future__ import annotations

from ecr_tui.core.models import TagRow

MULTI_ARCH = "multi-arch"
"""An index whose platforms are not known without reading its manifest (a pull in ECR)."""
NOT_PULLABLE = ("ARCHIVED", "ACTIVATING")
PULL_NOTE = (
    "opening an image reads its manifest, which ECR records as a pull (lastRecordedPullTime)"
)
EXCLUDED_NOTE = (
    "your principal is in ECR's pull-time update exclusions: its reads do not count as pulls"
)


def is_index(media_type: str) -> bool:
    return "index" in media_type or "manifest.list" in media_type


def platforms_label(row: TagRow) -> str:
    """`linux/amd64, linux/arm64`, or `multi-arch` for an index not opened yet."""
    if row.platforms:
        return ", ".join(row.platforms)
    return MULTI_ARCH if is_index(row.media_type) else ""


def is_pullable(status: str) -> bool:
    """ACTIVE (or not reported); an archived or activating image answers 404 to a pull."""
    return status.upper() not in NOT_PULLABLE


def restore_command(repository: str, digest: str) -> str:
    """The write that brings an archived image back (ecr-tui never runs it: it is read-only)."""
    return (
        f"aws ecr update-image-storage-class --repository-name {repository} "
        f"--image-id imageDigest={digest} --target-storage-class STANDARD"
    )
