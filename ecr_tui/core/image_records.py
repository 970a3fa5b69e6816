"""What `inspect` and the detail tabs show of one image: layers, referrers, scan findings."""

from __future__ import annotations

from datetime import datetime

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.models import ImageConfig, ManifestInfo, PlatformManifest, TagRow

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED", "UNTRIAGED")
"""Most severe first; UNDEFINED and UNTRIAGED rank alike, last."""


def severity_rank(severity: str) -> int:
    """0 for CRITICAL ... 5 for UNDEFINED/UNTRIAGED and anything unknown."""
    upper = severity.upper()
    if upper in SEVERITIES[:5]:
        return SEVERITIES.index(upper)
    return 5


@frozen_record
class LayerRow:
    """One history entry, matched to its layer blob (none for an empty layer)."""

    digest: str = ""
    size: int = 0
    media_type: str = ""
    created_by: str = ""
    created: datetime | None = None
    empty_layer: bool = False


@frozen_record
class PlatformImage:
    """One platform's manifest, its config and its layers matched to the config's history."""

    platform: PlatformManifest
    manifest: ManifestInfo
    config: ImageConfig | None
    layers: tuple[LayerRow, ...] = ()


@frozen_record
class Referrer:
    kind: str
    """signature, sbom, attestation or other."""
    artifact_type: str
    digest: str
    size: int = 0
    created: datetime | None = None
    source: str = ""
    """How it was found: 'referrers API', 'referrers tag' or the cosign tag."""


@frozen_record
class Finding:
    id: str
    severity: str
    package: str = ""
    installed_version: str = ""
    fixed_version: str = ""
    title: str = ""
    score: float | None = None
    """CVSS score when the scan gives one."""


@frozen_record
class ScanReport:
    status: str
    """COMPLETE, IN_PROGRESS, FAILED, ..., or NOT_SCANNED when ECR has no scan."""
    description: str = ""
    counts: tuple[tuple[str, int], ...] = ()
    """(severity, count), most severe first."""
    findings: tuple[Finding, ...] = ()
    """Sorted by severity, then CVSS score (highest first), then id."""
    enhanced: bool = False
    completed_at: datetime | None = None


@frozen_record
class ImageGroup:
    """One row of the images view: an image digest with every tag that points at it."""

    digest: str
    tags: tuple[str, ...]
    row: TagRow
    """The representative row (its first tag): pushed, size, platforms, scan, pulled."""
    children: tuple[str, ...] = ()
    """Digests of an index's platform images, grouped here instead of listed alone."""
    badges: tuple[str, ...] = ()
    """'signed', 'SBOM', 'attested', 'referrers' from digest-named tags pointing here."""
    artifact: bool = False
    """A digest-named tag's own image (signature, SBOM...), shown only when asked."""

    @property
    def archived(self) -> bool:
        return self.row.image_status.upper() == "ARCHIVED"

    @property
    def label(self) -> str:
        return ", ".join(self.tags) if self.tags else "<untagged>"
