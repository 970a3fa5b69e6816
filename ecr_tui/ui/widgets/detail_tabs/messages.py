"""Results of the detail tabs' workers, keyed by what they were fetched for."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ecr_tui.core.image_records import PlatformImage, Referrer, ScanReport
from ecr_tui.core.models import ManifestInfo, Target


@dataclass(frozen=True, slots=True)
class DetailKey:
    """One image of one repository of one target: answers for another key are stale."""

    target: Target | None
    """None for an image of a registry outside ECR (`host`), read anonymously."""
    repository: str
    reference: str
    """The digest when known, else the tag."""
    host: str = ""
    """A registry read anonymously (public.ecr.aws, ghcr.io, …); empty for the target's ECR."""


@dataclass
class ImageFetched(Message):
    key: DetailKey
    manifest: ManifestInfo
    images: list[PlatformImage]


@dataclass
class ReferrersFetched(Message):
    key: DetailKey
    referrers: list[Referrer]


@dataclass
class ScanFetched(Message):
    key: DetailKey
    report: ScanReport
