"""`inspect` of an image in any registry, read anonymously: the same inspection as for ECR,
its calls answered by an `AnonymousRegistry` (no scan: scans are ECR's)."""

from __future__ import annotations

from dataclasses import replace

from ecr_tui.core.anonymous_registry import AnonymousRegistry
from ecr_tui.core.image_records import Referrer, ScanReport
from ecr_tui.core.images.inspect import Inspection, inspect_image
from ecr_tui.core.models import ImageConfig, ManifestInfo

NOT_SCANNED = ScanReport("NOT_SCANNED", "scan findings are ECR's; this image is read anonymously")


class AnonymousSource:
    """`ImageSource` over an anonymous registry; profile and region name nothing here."""

    def __init__(self, registry: AnonymousRegistry) -> None:
        self._registry = registry

    def manifest(self, _profile: str, _region: str, repository: str, reference: str
                 ) -> ManifestInfo:
        return self._registry.manifest(repository, reference)

    def image_config(self, _profile: str, _region: str, repository: str, config_digest: str
                     ) -> ImageConfig:
        return self._registry.image_config(repository, config_digest)

    def referrers(self, _profile: str, _region: str, repository: str, digest: str
                  ) -> list[Referrer]:
        return self._registry.referrers(repository, digest)

    def scan_findings(self, _profile: str, _region: str, _repository: str, _reference: str
                      ) -> ScanReport:
        return NOT_SCANNED


def inspect_anonymous(
    registry: AnonymousRegistry, repository: str, reference: str, platform: str | None = None,
) -> Inspection:
    """The inspection of `host/repository:reference`; its repository named with the host."""
    found = inspect_image(AnonymousSource(registry), "", "", repository, reference, platform)
    return replace(found, repository=f"{registry.host}/{repository}")
