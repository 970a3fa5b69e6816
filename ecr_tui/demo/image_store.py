"""The demo's images as DescribeImages and the registry tell them: one detail per digest, the
manifests, and the configs. An index child's platform is learnt when its index's manifest is
read, so its manifest and config say that platform."""

from __future__ import annotations

import random
import threading
from datetime import datetime
from typing import TYPE_CHECKING

from ecr_tui.core import models
from ecr_tui.core.errors import RegistryError

if TYPE_CHECKING:
    from ecr_tui.core.models import ImageConfig, ImageDetail, ManifestInfo, TagRow


class ImageStore:
    def __init__(self, epoch: datetime) -> None:
        self._epoch = epoch
        self._lock = threading.Lock()
        self._children: dict[str, tuple[str, int]] = {}
        """Index child digest -> (platform, size)."""
        self._images: dict[str, list[ImageDetail]] = {}

    def manifest(self, repository: str, rows: list[TagRow], reference: str) -> ManifestInfo:
        from ecr_tui.demo import artifacts, data

        with self._lock:
            child = self._children.get(reference)
        if child is not None:
            return artifacts.single_manifest(
                reference, data.OCI_MANIFEST, child[1], random.Random(reference)
            )
        for row in rows:
            if reference in (row.tag, row.digest):
                info, children = artifacts.manifest_for(repository, row)
                size = (row.size_bytes or 0) // max(1, len(children))
                if not children and row.platforms:
                    children = {row.digest: row.platforms[0]}
                with self._lock:
                    for digest, platform in children.items():
                        self._children[digest] = (platform, size)
                return info
        raise RegistryError(f"manifest unknown: {repository}:{reference} (MANIFEST_UNKNOWN)")

    def config(self, repository: str, config_digest: str) -> ImageConfig:
        from ecr_tui.demo import artifacts, data

        platform = ""
        with self._lock:
            for digest, (name, _size) in self._children.items():
                if data.digest_of(digest, "config") == config_digest:
                    platform = name
                    break
        return artifacts.config_for(repository, config_digest, platform, self._epoch)

    def images(
        self, repository: str, rows: list[TagRow], deleted: frozenset[str] = frozenset()
    ) -> list[ImageDetail]:
        """One per digest, as DescribeImages: tagged, index children, untagged (made once);
        none of `deleted` (the demo's own writes)."""
        with self._lock:
            cached = self._images.get(repository)
        if cached is None:
            cached = [i for i in self._describe(repository, rows) if i.digest not in deleted]
            with self._lock:
                self._images[repository] = cached
        return cached

    def forget(self, repository: str) -> None:
        """A write changed the repository: describe it again at the next look."""
        with self._lock:
            self._images.pop(repository, None)

    def _describe(self, repository: str, rows: list[TagRow]) -> list[ImageDetail]:
        from ecr_tui.demo import artifacts, data, inspect_data

        by_digest: dict[str, list[TagRow]] = {}
        for row in rows:
            by_digest.setdefault(row.digest, []).append(row)
        tagged = [
            models.ImageDetail(
                digest=d, tags=tuple(r.tag for r in rs), pushed_at=rs[0].pushed_at,
                size_bytes=rs[0].size_bytes, media_type=rs[0].media_type, scan=rs[0].scan,
                last_pull=rs[0].last_pull, image_status=rs[0].image_status,
                last_archived_at=rs[0].last_archived_at,
                last_activated_at=rs[0].last_activated_at,
            )
            for d, rs in by_digest.items()
        ]
        children = [
            models.ImageDetail(digest=artifacts.digest_of(r.digest, p), pushed_at=r.pushed_at,
                               size_bytes=r.size_bytes, media_type=data.OCI_MANIFEST)
            for r in rows if len(r.platforms) > 1 for p in r.platforms
        ]
        untagged = inspect_data.untagged_images(repository, rows, self._epoch)
        # One per digest, as DescribeImages: an index tagged twice has its children once.
        return list({i.digest: i for i in reversed(tagged + children + untagged)}.values())[::-1]
