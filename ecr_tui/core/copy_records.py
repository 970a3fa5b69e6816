"""The records of `ecr-tui copy` (issue 21): the two ends, what the copy will send (blobs,
manifests in the order they are PUT), and its progress. Shared by the Backend protocol,
`core.copy`, the CLI and the UI."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from ecr_tui.core.frozen import frozen_record

if TYPE_CHECKING:
    from ecr_tui.core.records import Repository

BlobAction = Literal["upload", "mount", "skip"]
"""upload: streamed from the source's GET; mount: cross-repository mount (same registry);
skip: the destination has it (HEAD), or another manifest of this copy sends it."""


@frozen_record
class CopyEnd:
    """One end of a copy: where the image is and who reads or writes it. `profile` "" is an
    anonymous source (ECR Public, any registry's public image)."""

    host: str
    repository: str
    reference: str
    """A tag or a digest ("" at the destination: the source's tag)."""
    profile: str = ""
    region: str = ""
    account_id: str = ""

    def text(self) -> str:
        sep = "@" if self.reference.startswith("sha256:") else ":"
        return f"{self.host}/{self.repository}" + (f"{sep}{self.reference}"
                                                   if self.reference else "")


@frozen_record
class CopyRequest:
    source: CopyEnd
    destination: CopyEnd
    platform: str = ""
    """`os/arch[/variant]`: that child of an index only; "" every platform (the index)."""
    with_referrers: bool = False


@frozen_record
class BlobStep:
    digest: str
    size: int
    action: BlobAction


@frozen_record
class ManifestStep:
    """One manifest PUT with its exact bytes and media type, so its digest is the source's."""

    digest: str
    media_type: str
    size: int
    blobs: tuple[BlobStep, ...] = ()
    tag: str = ""
    """PUT under this tag ("" by digest): the destination tag for the copied image, the
    referrers' fallback tags."""
    platform: str = ""
    body: bytes = b""
    """The bytes read from the source (the demo has none)."""


@frozen_record
class CopyPlan:
    source: CopyEnd
    destination: CopyEnd
    """`reference`: the tag written ("" none: by digest only)."""
    digest: str
    """What the destination tag names after the copy (an index child's with --platform)."""
    media_type: str
    manifests: tuple[ManifestStep, ...]
    """In PUT order: index children, the image, then its referrers."""
    current: str = ""
    """The digest the destination tag names now ("" new)."""
    platform: str = ""
    source_status: str = ""
    """ACTIVE or ARCHIVED for an ECR source (DescribeImages); "" where unknown."""
    destination_repository: Repository | None = None
    """Its tag mutability and exclusion filters (the preflight's)."""
    referrers: int = 0

    @property
    def same_registry(self) -> bool:
        return self.source.host == self.destination.host

    def blobs(self, *actions: BlobAction) -> list[BlobStep]:
        """Every blob once, in order, with one of `actions` (all when none is named)."""
        seen: dict[str, BlobStep] = {}
        for manifest in self.manifests:
            for blob in manifest.blobs:
                if not actions or blob.action in actions:
                    seen.setdefault(blob.digest, blob)
        return list(seen.values())

    @property
    def nothing_to_do(self) -> bool:
        """The destination has every blob and its tag names the digest (referrers aside)."""
        return (not self.blobs("upload", "mount") and self.current == self.digest
                and not self.referrers)

    @property
    def bytes_to_send(self) -> int:
        return sum(b.size for b in self.blobs("upload"))


@frozen_record
class CopyProgress:
    """Where a running copy is: bytes streamed and blobs finished (uploaded, mounted or found
    there) of those it sends, manifests PUT."""

    bytes_done: int
    bytes_total: int
    blobs_done: int
    blobs_total: int
    manifests_done: int = 0
    manifests_total: int = 0

    def line(self) -> str:
        from ecr_tui.core.humanize import human_size

        return (f"{human_size(self.bytes_done)} of {human_size(self.bytes_total)}, "
                f"{self.blobs_done}/{self.blobs_total} blobs, "
                f"{self.manifests_done}/{self.manifests_total} manifests")


CopyProgressCallback = Callable[[CopyProgress], None]
