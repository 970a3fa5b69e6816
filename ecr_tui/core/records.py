"""Domain objects the first frame does not need; `models` re-exports them lazily. All frozen.
Built on `identity`, never on `models` (which imports this module)."""

from __future__ import annotations

from datetime import datetime

from ecr_tui.core.auth_token import Token as Token  # re-exported: `models` names it here
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.identity import Profile


@frozen_record
class DiscoveryReport:
    """SSO-discovered profiles, and one line (with the fix) per SSO session that was skipped."""

    profiles: tuple[Profile, ...]
    problems: tuple[str, ...] = ()


@frozen_record
class Region:
    name: str
    partition: str = "aws"
    description: str = ""


@frozen_record
class Repository:
    name: str
    uri: str
    registry_id: str
    arn: str = ""
    created_at: datetime | None = None
    tag_mutability: str = ""
    scan_on_push: bool | None = None
    encryption: str = ""
    tag_mutability_exclusions: tuple[str, ...] = ()
    """The wildcard filters of `…_WITH_EXCLUSION` (tags that take the other mutability)."""
    kms_key: str = ""
    """The customer KMS key of a KMS-encrypted repository (empty: AES256 or AWS's own key)."""

    def mutability_words(self) -> str:
        """`immutable`, `mutable`, or `immutable except latest, dev-*` (the excluded tags)."""
        base = self.tag_mutability.removesuffix("_WITH_EXCLUSION").lower()
        if self.tag_mutability.endswith("_WITH_EXCLUSION"):
            return f"{base} except {', '.join(self.tag_mutability_exclusions) or '(no filter)'}"
        return base


@frozen_record
class ScanSummary:
    status: str = ""
    counts: tuple[tuple[str, int], ...] = ()
    """(severity, count) pairs, most severe first."""

    def short(self, width: int = 0) -> str:
        """`C37 H412 M1189`, or the status. Within WIDTH (when given) the least severe counts
        are dropped whole, never cut mid-number, and `…` says some are missing."""
        if not self.counts:
            status = self.status.lower()
            return ellipsize(status.replace("_", " "), width) if width else status
        parts = [f"{sev[:1]}{n}" for sev, n in self.counts if n]
        full = " ".join(parts)
        if not width or len(full) <= width:
            return full
        for keep in range(len(parts) - 1, 0, -1):
            cut = " ".join(parts[:keep]) + " …"
            if len(cut) <= width:
                return cut
        return ellipsize(parts[0] + " …", width) if len(parts[0]) < width else "…"


@frozen_record
class ImageDetail:
    """One image as DescribeImages reports it."""

    digest: str
    tags: tuple[str, ...] = ()
    pushed_at: datetime | None = None
    size_bytes: int | None = None
    media_type: str = ""
    artifact_media_type: str = ""
    scan: ScanSummary | None = None
    last_pull: datetime | None = None
    image_status: str = ""
    """ACTIVE, ARCHIVED or ACTIVATING (only ACTIVE can be pulled); empty when not reported."""
    last_archived_at: datetime | None = None
    last_activated_at: datetime | None = None
    """When the image last went to the archive / was last restored from it (DescribeImages)."""


@frozen_record
class TagRow:
    """A tag from the registry merged with what DescribeImages knows of it."""

    tag: str
    digest: str = ""
    pushed_at: datetime | None = None
    size_bytes: int | None = None
    platforms: tuple[str, ...] = ()
    media_type: str = ""
    scan: ScanSummary | None = None
    last_pull: datetime | None = None
    image_status: str = ""
    """ACTIVE, ARCHIVED or ACTIVATING (only ACTIVE can be pulled); empty when not reported."""
    last_archived_at: datetime | None = None
    last_activated_at: datetime | None = None
    """When the image last went to the archive / was last restored from it (DescribeImages)."""


@frozen_record
class TagListing:
    """Every tag of a repository, and what failed alone while the rest worked."""

    rows: list[TagRow]
    warnings: tuple[str, ...] = ()


@frozen_record
class TagBatch:
    """Tags as they arrive: rows new or changed since the last batch, keyed by tag name
    (a later row for the same tag replaces the earlier one)."""

    rows: tuple[TagRow, ...]
    loading: str = ""
    """What is still on its way, e.g. 'details of 1,200 tags'; empty once all is known."""


@frozen_record
class PlatformManifest:
    os: str
    architecture: str
    variant: str = ""
    digest: str = ""

    @property
    def name(self) -> str:
        base = f"{self.os}/{self.architecture}"
        return f"{base}/{self.variant}" if self.variant else base


@frozen_record
class LayerDescriptor:
    digest: str
    size: int = 0
    media_type: str = ""


@frozen_record
class HistoryEntry:
    """One entry of an image config's `history`; an empty layer has no blob."""

    created_by: str = ""
    created: datetime | None = None
    empty_layer: bool = False
    comment: str = ""


@frozen_record
class ManifestInfo:
    digest: str
    media_type: str
    platforms: tuple[PlatformManifest, ...] = ()
    config_digest: str = ""
    layer_count: int = 0
    size_bytes: int = 0
    """Every descriptor the manifest lists, config included: not what the UI calls its size."""
    annotations: tuple[tuple[str, str], ...] = ()
    layers: tuple[LayerDescriptor, ...] = ()
    artifact_type: str = ""
    subject: str = ""
    """The digest this manifest refers to (OCI 1.1 `subject`), for signatures and SBOMs."""

    @property
    def is_index(self) -> bool:
        return "index" in self.media_type or "manifest.list" in self.media_type

    @property
    def layers_size(self) -> int:
        """An image's size wherever it is shown: its layers' (compressed) bytes, not the config."""
        return sum(layer.size for layer in self.layers)


@frozen_record
class ImageConfig:
    created: datetime | None = None
    os: str = ""
    architecture: str = ""
    variant: str = ""
    labels: tuple[tuple[str, str], ...] = ()
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    user: str = ""
    workdir: str = ""
    exposed_ports: tuple[str, ...] = ()
    env_names: tuple[str, ...] = ()
    """Names only: values hold secrets and are never kept."""
    history: tuple[HistoryEntry, ...] = ()


@frozen_record
class LoginRecord:
    """A login recorded in the state file. Holds no secret."""

    profile: str
    region: str
    registry: str
    engine: str
    expires_at: datetime
    logged_in_at: datetime


@frozen_record
class LoginResult:
    record: LoginRecord
    verified: bool
    """True when an authenticated GET /v2/ succeeded after the login."""
    message: str = ""


@frozen_record
class ClipboardResult:
    copied: bool
    mechanism: str
    """'pyperclip' when copied; otherwise why it was unavailable."""


ROOT_PREFIX = "ROOT"
"""The pull-through-cache prefix (ECR side or upstream side) that stands for no prefix at all."""


@frozen_record
class PullThroughRule:
    """One pull-through-cache rule: ECR repositories under `prefix` mirror an upstream registry."""

    prefix: str
    """ecrRepositoryPrefix; `ROOT` for the wildcard (every repository)."""
    upstream_registry_url: str
    upstream_registry: str = ""
    """ECR's name for the upstream kind: docker-hub, ecr-public, quay, github-container-registry…"""
    upstream_repository_prefix: str = ROOT_PREFIX
    credential_arn: str | None = None
    """The Secrets Manager secret holding upstream credentials; None when anonymous."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    registry_id: str = ""

    def covers(self, repository: str) -> bool:
        """True when an ECR repository of this name was (or would be) created by this rule."""
        return self.prefix == ROOT_PREFIX or repository.startswith(self.prefix + "/")
