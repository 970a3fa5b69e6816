"""Typed domain objects shared by the core, the CLI and the UI. All frozen.

The ones the TUI's first frame shows are defined here; every other one is defined in `records`
and imported from here as ever, on first use (a frozen dataclass costs ~1 ms to build)."""

from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ecr_tui.core.frozen import frozen_record

ENV_PROFILE = "(env)"
"""Pseudo-profile for credentials from the environment or the default chain."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ProfileKind(str, enum.Enum):
    STATIC = "static"
    ASSUME_ROLE = "assume-role"
    SSO = "sso"
    LEGACY_SSO = "sso-legacy"
    SSO_DISCOVERED = "sso-discovered"
    """An (account, role) an SSO session reaches, found through the portal API, not configured."""
    PROCESS = "process"
    ENV = "env"
    UNKNOWN = "unknown"


@frozen_record
class Profile:
    """An AWS profile as the config files (or SSO discovery) describe it."""

    name: str
    kind: ProfileKind
    region: str | None = None
    expires_at: datetime | None = None
    """SSO session or credential expiry, where knowable without a network call."""
    account_id: str | None = None
    detail: str = ""
    """One line saying where the credentials come from (role ARN, SSO start URL, ...)."""
    mfa_serial: str | None = None
    account_name: str = ""
    """SSO-discovered only: the portal's account name."""
    role: str = ""
    """The role the profile acts as, where the config names it: the permission set of an SSO
    profile (configured or discovered), the role ARN's name of an assume-role profile."""
    sso_session: str = ""
    """SSO-discovered only: the sso-session name, or the start URL of a legacy profile."""


@frozen_record
class Target:
    """What a result belongs to: used to drop stale results after a switch."""

    profile: str
    region: str


_LATER = frozenset({
    "ROOT_PREFIX", "ClipboardResult", "DiscoveryReport", "HistoryEntry", "ImageConfig",
    "ImageDetail", "LayerDescriptor", "LoginRecord", "LoginResult", "ManifestInfo",
    "PlatformManifest", "PullThroughRule", "Region", "Repository", "ScanSummary", "TagBatch",
    "TagListing", "TagRow", "Token",
})
"""Defined in `records` and imported on first use: the first frame builds none of them."""

if TYPE_CHECKING:
    from ecr_tui.core.records import (
        ROOT_PREFIX,
        ClipboardResult,
        DiscoveryReport,
        HistoryEntry,
        ImageConfig,
        ImageDetail,
        LayerDescriptor,
        LoginRecord,
        LoginResult,
        ManifestInfo,
        PlatformManifest,
        PullThroughRule,
        Region,
        Repository,
        ScanSummary,
        TagBatch,
        TagListing,
        TagRow,
        Token,
    )

__all__ = [
    "ENV_PROFILE", "Profile", "ProfileKind", "Target", "utcnow", "ROOT_PREFIX", "ClipboardResult",
    "DiscoveryReport", "HistoryEntry", "ImageConfig", "ImageDetail", "LayerDescriptor",
    "LoginRecord", "LoginResult", "ManifestInfo", "PlatformManifest", "PullThroughRule", "Region",
    "Repository", "ScanSummary", "TagBatch", "TagListing", "TagRow", "Token",
]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        from ecr_tui.core import records

        globals().update({later: getattr(records, later) for later in _LATER})
        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
