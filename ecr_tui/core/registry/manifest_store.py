"""Manifests kept by digest outside the registry (the on-disk cache): reading one from there is
not a request, so not a pull in ECR."""

from __future__ import annotations

from typing import Protocol

from ecr_tui.core.models import ManifestInfo
from ecr_tui.core.registry.manifests import parse_manifest


class ManifestStore(Protocol):
    """Manifests kept by digest (the store checks each body against its digest)."""

    def get(self, digest: str) -> bytes | None: ...

    def put(self, digest: str, body: bytes) -> None: ...


def stored_manifest(store: ManifestStore | None, digest: str) -> ManifestInfo | None:
    """A manifest from the store, parsed; None when it is not there (or unreadable)."""
    body = store.get(digest) if store is not None and digest.startswith("sha256:") else None
    if body is None:
        return None
    try:
        return parse_manifest(body, "", digest)
    except (ValueError, RecursionError):
        return None
