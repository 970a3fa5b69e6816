"""What a copy will send, read from both registries before anything is written: the source's
manifests (an index's children, or the one child `--platform` names), their blobs, which of
them the destination has already (HEAD), which a mount can bring, and what the destination
tag names now. Reads only."""

from __future__ import annotations

import hashlib
from concurrent.futures import Executor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ecr_tui.core.copy_records import BlobAction, BlobStep, CopyPlan, CopyRequest, ManifestStep
from ecr_tui.core.errors import ConfigError, NotFoundError, RegistryError
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.registry.manifests import DOCKER_LIST, OCI_INDEX, load_json_object
from ecr_tui.core.registry.referrers import cosign_tags, fallback_tag, find_referrers
from ecr_tui.core.registry.upload import has_blob, has_manifest

if TYPE_CHECKING:
    from ecr_tui.core.registry.client import RegistryClient

INDEX_TYPES = frozenset({OCI_INDEX, DOCKER_LIST})


@frozen_record
class RawManifest:
    body: bytes
    media_type: str
    digest: str
    doc: dict[str, Any]
    platform: str = ""
    tag: str = ""

    @property
    def is_index(self) -> bool:
        return self.media_type in INDEX_TYPES or (
            "manifests" in self.doc and "layers" not in self.doc)


def digest_of(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def read_manifest(client: RegistryClient, repository: str, reference: str) -> RawManifest:
    """The manifest's exact bytes and media type; a digest reference is checked against them."""
    raw = client.manifest_raw(repository, reference)
    if raw is None:
        raise NotFoundError(f"{client.host}/{repository} has no image {reference}")
    body, content_type, _header = raw
    digest = digest_of(body)
    if reference.startswith("sha256:") and digest != reference:
        raise RegistryError(f"registry {client.host} sent a manifest whose bytes are not "
                            f"{reference} (they are {digest})")
    try:
        doc = load_json_object(body)
    except (ValueError, RecursionError):
        raise RegistryError(f"registry {client.host} sent an unreadable manifest for "
                            f"{repository}:{reference}") from None
    media = doc.get("mediaType")
    media_type = media if isinstance(media, str) and media else content_type.split(";")[0]
    return RawManifest(body, media_type.strip(), digest, doc)


def platform_of(entry: dict[str, Any]) -> str:
    found = entry.get("platform")
    if not isinstance(found, dict):
        return ""
    parts = [found.get("os"), found.get("architecture"), found.get("variant")]
    return "/".join(p for p in parts if isinstance(p, str) and p)


def _entries(doc: dict[str, Any]) -> list[dict[str, Any]]:
    entries = doc.get("manifests")
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("digest"), str)]


def choose_platform(index: RawManifest, wanted: str, what: str) -> dict[str, Any]:
    """The child for `os/arch[/variant]` (`linux/arm64` also matches `linux/arm64/v8`)."""
    entries = _entries(index.doc)
    for entry in entries:
        name = platform_of(entry)
        if name == wanted or name.startswith(wanted + "/"):
            return entry
    known = ", ".join(p for p in (platform_of(e) for e in entries) if p) or "none"
    raise ConfigError(f"{what} has no platform {wanted} (it has: {known})",
                      fix="pass one of those to --platform, or --all-platforms")


def _blobs(doc: dict[str, Any]) -> list[tuple[str, int]]:
    """config and layers (what a manifest needs at the registry before its PUT)."""
    found = []
    descriptors = [doc.get("config")] + list(doc.get("layers") or [])
    for d in descriptors:
        if isinstance(d, dict) and isinstance(d.get("digest"), str):
            size = d.get("size")
            found.append((d["digest"], size if isinstance(size, int) and size >= 0 else 0))
    return found


def _children(client: RegistryClient, repository: str, index: RawManifest, pool: Executor
              ) -> list[RawManifest]:
    entries = _entries(index.doc)
    read = list(pool.map(lambda e: read_manifest(client, repository, e["digest"]), entries))
    out = []
    for entry, child in zip(entries, read, strict=True):
        if child.is_index:  # an index of indexes: its children first
            out += _children(client, repository, child, pool)
        out.append(RawManifest(child.body, child.media_type, child.digest, child.doc,
                               platform_of(entry)))
    return out


def _referrers(client: RegistryClient, repository: str, subject: str, pool: Executor
               ) -> list[RawManifest]:
    """The subject's referrers, each by digest; where they hang on tags (the referrers tag
    schema, cosign's tags) those tags too, so a registry without the referrers API finds them."""
    found = find_referrers(client, repository, subject, pool)
    out = [read_manifest(client, repository, r.digest) for r in found]
    sources = {r.source for r in found}
    for tag in (fallback_tag(subject), *cosign_tags(subject)):
        if f"tag {tag}" in sources:
            raw = read_manifest(client, repository, tag)
            out.append(RawManifest(raw.body, raw.media_type, raw.digest, raw.doc, tag=tag))
    return out


def read_plan(
    source: RegistryClient, destination: RegistryClient, request: CopyRequest, pool: Executor
) -> CopyPlan:
    """Everything the copy sends, in order; HEADs at the destination decide what is skipped."""
    src, dst = request.source, request.destination
    what = src.text()
    tag = dst.reference or ("" if src.reference.startswith("sha256:") else src.reference)
    # What the destination tag names now, asked while the source is read.
    current = pool.submit(has_manifest, destination, dst.repository, tag) if tag else None
    top = read_manifest(source, src.repository, src.reference)
    manifests: list[RawManifest] = []
    if top.is_index and request.platform:
        entry = choose_platform(top, request.platform, what)
        top = read_manifest(source, src.repository, entry["digest"])
        top = RawManifest(top.body, top.media_type, top.digest, top.doc, platform_of(entry))
    elif top.is_index:
        manifests = _children(source, src.repository, top, pool)
    manifests.append(RawManifest(top.body, top.media_type, top.digest, top.doc, top.platform,
                                 tag))
    referrers = (_referrers(source, src.repository, top.digest, pool)
                 if request.with_referrers else [])
    manifests += referrers
    digests = list(dict.fromkeys(d for m in manifests for d, _ in _blobs(m.doc)))
    present = dict(zip(digests, pool.map(
        lambda d: has_blob(destination, dst.repository, d), digests), strict=True))
    same = src.host == dst.host

    def action(digest: str) -> BlobAction:
        if present[digest]:
            return "skip"
        return "mount" if same else "upload"

    steps = tuple(
        ManifestStep(m.digest, m.media_type, len(m.body),
                     tuple(BlobStep(d, size, action(d)) for d, size in _blobs(m.doc)),
                     tag=m.tag, platform=m.platform, body=m.body)
        for m in manifests
    )
    return CopyPlan(
        src, replace(dst, reference=tag),
        top.digest, top.media_type, steps, current=current.result() if current else "",
        platform=request.platform,
        referrers=len(referrers),
    )

