"""Demo manifests and image configs, derived deterministically from digests."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ecr_tui.core.models import ImageConfig, ManifestInfo, PlatformManifest, TagRow
from ecr_tui.demo import inspect_data
from ecr_tui.demo.data import OCI_INDEX, OCI_MANIFEST, digest_of


def _platform(name: str, digest: str) -> PlatformManifest:
    parts = name.split("/")
    return PlatformManifest(
        os=parts[0], architecture=parts[1], variant=parts[2] if len(parts) > 2 else "",
        digest=digest,
    )


def manifest_for(repository: str, row: TagRow) -> tuple[ManifestInfo, dict[str, str]]:
    """The manifest of a tag, and {platform manifest digest: platform name} for an index."""
    rng = random.Random(row.digest)
    annotations = (("org.opencontainers.image.source", f"https://github.com/example/{repository}"),)
    if len(row.platforms) > 1 or "index" in row.media_type or "list" in row.media_type:
        children = {digest_of(row.digest, p): p for p in row.platforms}
        info = ManifestInfo(
            digest=row.digest,
            media_type=row.media_type,
            platforms=tuple(_platform(p, d) for d, p in children.items()),
            size_bytes=row.size_bytes or 0,
            annotations=annotations,
        )
        return info, children
    info = single_manifest(row.digest, row.media_type, row.size_bytes or 0, rng)
    return info, {}


def single_manifest(digest: str, media_type: str, size: int, rng: random.Random) -> ManifestInfo:
    config_digest = digest_of(digest, "config")
    total = size or rng.randint(2_000_000, 500_000_000)
    layers = inspect_data.layers_for(config_digest, total)
    return ManifestInfo(
        digest=digest,
        media_type=media_type or OCI_MANIFEST,
        config_digest=config_digest,
        layer_count=len(layers),
        size_bytes=total,
        layers=layers,
    )


def config_for(repository: str, config_digest: str, platform: str, epoch: datetime) -> ImageConfig:
    rng = random.Random(config_digest)
    plat = _platform(platform or "linux/amd64", "")
    version = f"{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 60)}"
    created = epoch - timedelta(minutes=rng.randint(10, 200_000))
    return ImageConfig(
        created=created,
        os=plat.os,
        architecture=plat.architecture,
        variant=plat.variant,
        labels=(
            ("org.opencontainers.image.source", f"https://github.com/example/{repository}"),
            ("org.opencontainers.image.revision", f"{rng.getrandbits(160):040x}"),
            ("org.opencontainers.image.version", version),
            ("org.opencontainers.image.title", repository.rsplit("/", 1)[-1]),
            ("maintainer", "platform-team@example.com"),
        ),
        history=inspect_data.history_for(config_digest, created),
        **inspect_data.config_details(config_digest),  # type: ignore[arg-type]
    )


__all__ = ["OCI_INDEX", "config_for", "manifest_for", "single_manifest"]
