"""The demo's copy: planned from its own manifests (an index's children, their layers), the
destination pair's repository and tags; sending it reports progress blob by blob and adds the
tag row to the destination repository, in memory only (no file, no network)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ecr_tui.core.copy_records import (
    BlobAction,
    BlobStep,
    CopyPlan,
    CopyProgress,
    CopyProgressCallback,
    CopyRequest,
    ManifestStep,
)
from ecr_tui.core.errors import ConfigError

if TYPE_CHECKING:
    from ecr_tui.core.models import ManifestInfo, TagRow


def _steps(info: ManifestInfo, action: Callable[[str], BlobAction], tag: str = "",
           platform: str = "") -> ManifestStep:
    blobs = [(info.config_digest, 0)] if info.config_digest else []
    blobs += [(layer.digest, layer.size) for layer in info.layers]
    return ManifestStep(info.digest, info.media_type, 0,
                        tuple(BlobStep(d, size, action(d)) for d, size in blobs),
                        tag=tag, platform=platform)


def plan(demo: Any, request: CopyRequest) -> CopyPlan:
    """`demo`: the DemoBackend (its manifests, repositories and tag rows)."""
    src, dst = request.source, request.destination
    if src.profile:
        info = demo.manifest(src.profile, src.region, src.repository, src.reference)
        image = demo.image(src.profile, src.region, src.repository, src.reference)
        status = image.image_status if image is not None else ""
    else:
        info = demo.anonymous_registry(src.host).manifest(src.repository, src.reference)
        status = ""
    repository = next((r for r in demo.repositories(dst.profile, dst.region)
                       if r.name == dst.repository), None)
    if repository is None:
        raise ConfigError(f"{dst.host} has no repository {dst.repository}",
                          fix="choose one of the pair's repositories (the demo creates none)")
    rows = demo.tags(dst.profile, dst.region, dst.repository)
    tag = dst.reference or ("" if src.reference.startswith("sha256:") else src.reference)
    current = next((r.digest for r in rows if tag and r.tag == tag), "")
    there = {r.digest for r in rows}

    def action(digest: str) -> BlobAction:
        if info.digest in there:
            return "skip"
        return "mount" if src.host == dst.host else "upload"

    children = [p for p in info.platforms if p.digest]
    if children and request.platform:
        chosen = next((p for p in children if p.name == request.platform
                       or p.name.startswith(request.platform + "/")), None)
        if chosen is None:
            known = ", ".join(p.name for p in children)
            raise ConfigError(f"{src.text()} has no platform {request.platform} (it has: "
                              f"{known})", fix="pass one of those to --platform")
        child = demo.manifest(src.profile, src.region, src.repository, chosen.digest)
        steps = [_steps(child, action, tag, chosen.name)]
        digest, media_type = child.digest, child.media_type
    else:
        steps = [_steps(demo.manifest(src.profile, src.region, src.repository, p.digest),
                        action, platform=p.name) for p in children]
        steps.append(_steps(info, action, tag))
        digest, media_type = info.digest, info.media_type
    return CopyPlan(src, replace(dst, reference=tag), digest, media_type, tuple(steps),
                    current=current, platform=request.platform, source_status=status,
                    destination_repository=repository)


def send(demo: Any, plan: CopyPlan, on_progress: CopyProgressCallback | None,
         add_row: Callable[[str, TagRow], None]) -> None:
    """Progress blob by blob, then the destination's tag row (the source's image under it)."""
    blobs = plan.blobs("upload", "mount")
    total = plan.bytes_to_send
    done = 0
    for count, blob in enumerate(blobs, 1):
        done += blob.size if blob.action == "upload" else 0
        if on_progress is not None:
            on_progress(CopyProgress(done, total, count, len(blobs), 0, len(plan.manifests)))
    src, dst = plan.source, plan.destination
    rows = (demo.tags(src.profile, src.region, src.repository) if src.profile else [])
    source = next((r for r in rows if plan.digest == r.digest), None)
    from ecr_tui.core.models import TagRow

    row = TagRow(dst.reference, plan.digest) if source is None else replace(
        source, tag=dst.reference)
    if plan.platform:
        row = replace(row, digest=plan.digest, platforms=(plan.platform,))
    if dst.reference:
        add_row(dst.repository, row)
    if on_progress is not None:
        on_progress(CopyProgress(total, total, len(blobs), len(blobs), len(plan.manifests),
                                 len(plan.manifests)))
