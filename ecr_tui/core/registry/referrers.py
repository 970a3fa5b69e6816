"""Referrers of an image: signatures, SBOMs, attestations (pure parsing and naming).

Where the registry has the OCI 1.1 referrers API it answers an index; where it answers 404
(distribution 2.8, older registries) the referrers tag schema holds the same index under the
tag `sha256-<hex>`, and cosign keeps its own tags `sha256-<hex>.sig`, `.att`, `.sbom`.
"""

from __future__ import annotations

import re
from concurrent.futures import Executor
from typing import Any

from ecr_tui.core.errors import RegistryError
from ecr_tui.core.image_records import Referrer
from ecr_tui.core.models import ManifestInfo
from ecr_tui.core.registry.manifests import load_json_object, parse_manifest, parse_rfc3339

COSIGN_SUFFIXES = {".sig": "signature", ".att": "attestation", ".sbom": "sbom"}
BADGES = {"signature": "signed", "sbom": "SBOM", "attestation": "attested", "other": "referrers"}
_DIGEST_TAG = re.compile(r"^sha256-([0-9a-f]{64})(\.sig|\.att|\.sbom)?$")
_KIND_WORDS = (
    ("sbom", ("spdx", "cyclonedx", "sbom", "syft")),
    ("attestation", ("in-toto", "intoto", "attestation", "provenance", "slsa", "dsse")),
    ("signature", ("signature", "simplesigning", "notary", "sigstore", "cosign")),
)


def kind_of(artifact_type: str) -> str:
    lowered = artifact_type.lower()
    for kind, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return "other"


def fallback_tag(digest: str) -> str:
    """`sha256:abc…` → `sha256-abc…`, the referrers tag schema's tag for that subject."""
    return digest.replace(":", "-", 1)


def cosign_tags(digest: str) -> dict[str, str]:
    """cosign's tags for a subject, each with the kind it holds."""
    base = fallback_tag(digest)
    return {base + suffix: kind for suffix, kind in COSIGN_SUFFIXES.items()}


def digest_tag_subject(tag: str) -> tuple[str, str] | None:
    """(subject digest, kind) for a digest-named tag; kind 'other' for the bare schema tag."""
    match = _DIGEST_TAG.match(tag)
    if match is None:
        return None
    hex_digest, suffix = match.groups()
    return f"sha256:{hex_digest}", COSIGN_SUFFIXES.get(suffix or "", "other")


def parse_referrers_index(body: bytes, source: str) -> list[Referrer]:
    """The descriptors of an OCI index (the referrers API's answer or a schema tag's)."""
    data = load_json_object(body)
    entries = data.get("manifests")
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ValueError("manifests is not a list")
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("digest"), str):
            continue
        artifact = entry.get("artifactType")
        artifact_type = artifact if isinstance(artifact, str) else ""
        annotations = entry.get("annotations")
        created = (
            annotations.get("org.opencontainers.image.created")
            if isinstance(annotations, dict) else None
        )
        size = entry.get("size")
        found.append(Referrer(
            kind=kind_of(artifact_type),
            artifact_type=artifact_type,
            digest=entry["digest"],
            size=size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 0,
            created=parse_rfc3339(created) if isinstance(created, str) else None,
            source=source,
        ))
    return found


def cosign_referrer(tag: str, kind: str, manifest: ManifestInfo, body_size: int) -> Referrer:
    """A cosign tag's manifest as a referrer; its layers say what it holds."""
    layer_types = [layer.media_type for layer in manifest.layers if layer.media_type]
    artifact_type = manifest.artifact_type or (layer_types[0] if layer_types else "")
    created = dict(manifest.annotations).get("org.opencontainers.image.created")
    return Referrer(
        kind=kind,
        artifact_type=artifact_type,
        digest=manifest.digest,
        size=body_size,
        created=parse_rfc3339(created) if created else None,
        source=f"tag {tag}",
    )


def unique(referrers: list[Referrer]) -> list[Referrer]:
    seen: set[str] = set()
    out = []
    for ref in referrers:
        if ref.digest not in seen:
            seen.add(ref.digest)
            out.append(ref)
    return out


def find_referrers(registry: Any, repository: str, digest: str, pool: Executor) -> list[Referrer]:
    """The referrers API first; on 404 the referrers tag and cosign's tags, fetched at once."""
    body = registry.referrers_index(repository, digest)
    if body is not None:
        try:
            return unique(parse_referrers_index(body, "referrers API"))
        except (ValueError, RecursionError):
            raise RegistryError(
                f"registry {registry.host} returned an unreadable referrers index"
            ) from None
    schema_tag = fallback_tag(digest)
    tags = {schema_tag: "", **cosign_tags(digest)}
    futures = {tag: pool.submit(registry.manifest_raw, repository, tag) for tag in tags}
    found: list[Referrer] = []
    for tag, future in futures.items():
        raw = future.result()
        if raw is None:
            continue
        body, content_type, digest_header = raw
        try:
            if tag == schema_tag:
                found.extend(parse_referrers_index(body, f"tag {tag}"))
            else:
                manifest = parse_manifest(body, content_type, digest_header)
                found.append(cosign_referrer(tag, tags[tag], manifest, len(body)))
        except (ValueError, RecursionError):
            raise RegistryError(
                f"registry {registry.host} returned an unreadable manifest at tag {tag}"
            ) from None
    return unique(found)
