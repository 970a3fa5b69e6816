"""DemoBackend's reads of a repository's contents: tags (an index's platforms only once its
manifest was read), manifests, image configs, images, referrers and scan findings."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ecr_tui.core import models

if TYPE_CHECKING:
    import threading

    from ecr_tui.core.backend import TagProgress
    from ecr_tui.core.image_records import Referrer, ScanReport
    from ecr_tui.core.models import ImageConfig, ImageDetail, ManifestInfo, TagListing, TagRow
    from ecr_tui.demo.image_store import ImageStore
    from ecr_tui.demo.profiles import DemoProfile
    from ecr_tui.demo.writes import DemoWrites


class DemoImageReads:
    """The Backend's tag, manifest and image reads, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _lock: threading.Lock
        _opened: set[str]
        _store: ImageStore
        _writes: DemoWrites

        def _pause(self) -> None: ...
        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...
        def _tag_rows(self, repository: str) -> list[TagRow]: ...
        def _require_repository(self, spec: DemoProfile, region: str, repository: str) -> None:
            ...

    def tags(self, profile: str, region: str, repository: str) -> list[TagRow]:
        self._require_repository(self._spec(profile, region, "tags"), region, repository)
        with self._lock:  # an index's platforms only once its manifest was read (no pull)
            opened = set(self._opened)
        return [r if len(r.platforms) < 2 or r.digest in opened else replace(r, platforms=())
                for r in self._tag_rows(repository)]

    def tag_listing(
        self,
        profile: str,
        region: str,
        repository: str,
        on_progress: TagProgress | None = None,
    ) -> TagListing:
        """Names first, then details, as the AWS backend delivers them."""
        rows = self.tags(profile, region, repository)
        if on_progress is not None:
            names = tuple(models.TagRow(tag=row.tag) for row in rows)
            on_progress(models.TagBatch(names, f"details of {len(rows):,} tags"))
            self._pause()
            on_progress(models.TagBatch(tuple(rows)))
        return models.TagListing(list(rows))

    def manifest(self, profile: str, region: str, repository: str, reference: str) -> ManifestInfo:
        self._spec(profile, region, "manifest")
        info = self._store.manifest(repository, self._tag_rows(repository), reference)
        with self._lock:
            self._opened.add(info.digest)
        return info

    def image_config(
        self, profile: str, region: str, repository: str, config_digest: str
    ) -> ImageConfig:
        self._spec(profile, region, "config")
        return self._store.config(repository, config_digest)

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        self._spec(profile, region, "images")
        return self._store.images(repository, self._tag_rows(repository),
                                  frozenset(self._writes.deleted))

    def image(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ImageDetail | None:
        by_digest = reference.startswith("sha256:")
        for image in self.images(profile, region, repository):
            if (image.digest == reference) if by_digest else (reference in image.tags):
                return image
        return None

    def referrers(
        self, profile: str, region: str, repository: str, digest: str
    ) -> list[Referrer]:
        from ecr_tui.demo import inspect_data

        self._spec(profile, region, "referrers")
        tags = {r.tag for r in self._tag_rows(repository)}
        return inspect_data.referrers_for(digest, tags)

    def scan_findings(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ScanReport:
        from ecr_tui.demo import inspect_data

        self._spec(profile, region, "scan")
        rows = self._tag_rows(repository)
        row = next((r for r in rows if reference in (r.digest, r.tag)), None)
        newest = row is not None and bool(rows) and rows[0].digest == row.digest
        return inspect_data.scan_for(repository, row, newest)
