"""Typed domain objects shared by the core, the CLI and the UI. All frozen.

The ones the TUI's first frame shows are defined in `identity` and imported here; every other one
is defined in `records` and imported from here as ever, on first use (a frozen dataclass costs
~1 ms to build). `records` never imports this module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecr_tui.core.identity import (
    ENV_PROFILE,
    Profile,
    ProfileKind,
    ProfileRegion,
    Target,
    utcnow,
)

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
    "ENV_PROFILE", "Profile", "ProfileKind", "ProfileRegion", "Target", "utcnow",
    "ROOT_PREFIX", "ClipboardResult",
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
