"""Look inside one image through the Backend: platforms, layers with history, referrers, scan.

Shared by `ecr-tui inspect` / `findings` and the TUI's detail tabs. Plain functions over a
Backend; blocking, so the UI calls them from workers.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ecr_tui.core.errors import RegistryError
from ecr_tui.core.image_records import Finding, PlatformImage, Referrer, ScanReport
from ecr_tui.core.images.layers import layer_rows
from ecr_tui.core.models import ImageConfig, ImageDetail, ManifestInfo, PlatformManifest

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend

DEFAULT_PLATFORM = "linux/amd64"
MAX_INDEXES = 500
"""Indexes whose children are looked up to fold them under their index."""


def parse_reference(text: str) -> tuple[str, str]:
    """`REPO[:TAG|@DIGEST]` → (repository, tag or digest); no reference means `latest`."""
    repo, at, digest = text.partition("@")
    if at:
        if not digest:
            raise ValueError(text)
        return repo, digest
    slash = repo.rfind("/")
    colon = repo.rfind(":")
    if colon > slash:
        if colon == len(repo) - 1:
            raise ValueError(text)
        return repo[:colon], repo[colon + 1:]
    if not repo:
        raise ValueError(text)
    return repo, "latest"


class ImageSource(Protocol):
    """The Backend calls an inspection makes (a Backend is one; so is an anonymous registry's
    adapter, `images.anonymous`)."""

    def manifest(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ManifestInfo: ...

    def image_config(
        self, profile: str, region: str, repository: str, config_digest: str
    ) -> ImageConfig: ...

    def referrers(
        self, profile: str, region: str, repository: str, digest: str
    ) -> list[Referrer]: ...

    def scan_findings(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ScanReport: ...


@dataclass(frozen=True, slots=True)
class Inspection:
    repository: str
    reference: str
    manifest: ManifestInfo
    platforms: tuple[PlatformManifest, ...]
    image: PlatformImage
    """The chosen platform's image (the image itself when it is not an index)."""
    referrers: tuple[Referrer, ...]
    scan: ScanReport


def platform_image(
    backend: ImageSource, profile: str, region: str, repository: str,
    manifest: ManifestInfo, platform: PlatformManifest | None = None,
) -> PlatformImage:
    """One image manifest (fetched by the platform's digest when given) with its config."""
    if platform is not None and platform.digest and platform.digest != manifest.digest:
        manifest = backend.manifest(profile, region, repository, platform.digest)
    if manifest.is_index:
        raise RegistryError(f"{repository}@{manifest.digest} is an index, not an image")
    config = None
    if manifest.config_digest:
        config = backend.image_config(profile, region, repository, manifest.config_digest)
    if platform is None:
        platform = PlatformManifest(
            os=config.os if config else "", architecture=config.architecture if config else "",
            variant=config.variant if config else "", digest=manifest.digest,
        )
    return PlatformImage(platform, manifest, config, layer_rows(manifest.layers, config))


def all_platform_images(
    backend: ImageSource, profile: str, region: str, repository: str, manifest: ManifestInfo,
) -> list[PlatformImage]:
    """Every platform of an index (fetched at once), or the one image."""
    if not manifest.is_index:
        return [platform_image(backend, profile, region, repository, manifest)]
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="ecr-tui-platform") as pool:
        futures = [
            pool.submit(platform_image, backend, profile, region, repository, manifest, p)
            for p in manifest.platforms
        ]
        return [f.result() for f in futures]


def choose_platform(manifest: ManifestInfo, wanted: str | None) -> PlatformManifest | None:
    """For an index: the platform asked for, else linux/amd64, else the first."""
    if not manifest.is_index:
        return None
    if not manifest.platforms:
        raise RegistryError(f"index {manifest.digest} lists no platform")
    if wanted:
        for platform in manifest.platforms:
            if platform.name == wanted:
                return platform
        names = ", ".join(p.name for p in manifest.platforms)
        raise RegistryError(f"no platform {wanted} in this index (it has {names})")
    return next(
        (p for p in manifest.platforms if p.name == DEFAULT_PLATFORM), manifest.platforms[0]
    )


def inspect_image(
    backend: ImageSource, profile: str, region: str, repository: str, reference: str,
    platform: str | None = None,
) -> Inspection:
    """The scan starts at once (ECR takes a tag as well as a digest); the rest follows the
    manifest, referrers and the platform image side by side."""
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="ecr-tui-inspect") as pool:
        scan = pool.submit(backend.scan_findings, profile, region, repository, reference)
        manifest = backend.manifest(profile, region, repository, reference)
        chosen = choose_platform(manifest, platform)
        refs = pool.submit(backend.referrers, profile, region, repository, manifest.digest)
        image = platform_image(backend, profile, region, repository, manifest, chosen)
        platforms = manifest.platforms or (image.platform,)
        return Inspection(
            repository, reference, manifest, platforms, image,
            tuple(refs.result()), scan.result(),
        )


def inspection_json(found: Inspection) -> dict[str, Any]:
    config = found.image.config
    return {
        "repository": found.repository,
        "reference": found.reference,
        "digest": found.manifest.digest,
        "media_type": found.manifest.media_type,
        "platforms": [
            {"os": p.os, "architecture": p.architecture, "variant": p.variant, "digest": p.digest}
            for p in found.platforms
        ],
        "config": {
            "entrypoint": list(config.entrypoint) if config else [],
            "cmd": list(config.cmd) if config else [],
            "user": config.user if config else "",
            "workdir": config.workdir if config else "",
            "env_names": list(config.env_names) if config else [],
            "labels": dict(config.labels) if config else {},
            "created": config.created.isoformat() if config and config.created else None,
        },
        "layers": [
            {"digest": layer.digest or None, "size": layer.size, "media_type": layer.media_type,
             "created_by": layer.created_by, "empty_layer": layer.empty_layer}
            for layer in found.image.layers
        ],
        "referrers": [
            {"kind": r.kind, "artifact_type": r.artifact_type, "digest": r.digest}
            for r in found.referrers
        ],
        "scan": {"status": found.scan.status, "counts": dict(found.scan.counts)},
    }


def findings_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        {"id": f.id, "severity": f.severity, "package": f.package,
         "installed_version": f.installed_version, "fixed_version": f.fixed_version,
         "title": f.title}
        for f in findings
    ]


def untagged_and_children(
    backend: Backend, profile: str, region: str, repository: str, index_digests: list[str],
) -> tuple[list[ImageDetail], dict[str, tuple[str, ...]]]:
    """Untagged images (DescribeImages) and each index's platform digests, to fold them."""
    with ThreadPoolExecutor(max_workers=8, thread_name_prefix="ecr-tui-children") as pool:
        images = pool.submit(backend.images, profile, region, repository)
        manifests = {
            d: pool.submit(backend.manifest, profile, region, repository, d)
            for d in index_digests[:MAX_INDEXES]
        }
        children = {d: tuple(p.digest for p in f.result().platforms) for d, f in manifests.items()}
        return [i for i in images.result() if not i.tags], children
