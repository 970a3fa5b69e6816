"""RegistryClient's manifest and config reads (mixed into it): a manifest by tag or digest
(from the manifest store when it holds it), its raw bytes, its digest by HEAD, the referrers
API's index and the image config blob."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from ecr_tui.core.errors import NotFoundError, RegistryError
from ecr_tui.core.models import ImageConfig, ManifestInfo
from ecr_tui.core.registry.client_calls import ClientCalls
from ecr_tui.core.registry.manifest_store import ManifestStore, stored_manifest
from ecr_tui.core.registry.manifests import (
    MANIFEST_ACCEPT,
    parse_image_config,
    parse_manifest,
    shorten,
)

_TAG_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
_DIGEST_RE = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}")


def _check_reference(reference: str) -> None:
    """A tag or a digest, else one line (never a request with it)."""
    if not (_TAG_RE.fullmatch(reference) or _DIGEST_RE.fullmatch(reference)):
        raise RegistryError(f"invalid tag or digest: {shorten(reference, 80)}")


class ManifestReads(ClientCalls):
    """The reads of manifests and configs, RegistryClient's own (kept apart)."""

    if TYPE_CHECKING:  # RegistryClient's, used here
        _manifests: ManifestStore | None

    def manifest(self, repository: str, reference: str) -> ManifestInfo:
        """The manifest (or index) a tag or digest points at; by digest from the manifest
        store when it holds it (no GET: ECR counts a manifest GET as a pull)."""
        _check_reference(reference)
        cached = self.cached_manifest(reference)
        if cached is not None:
            return cached
        response = self._get(
            f"{self._repo_url(repository)}/manifests/{reference}",
            headers={"Accept": MANIFEST_ACCEPT},
            not_found=f"repository or tag not found: {repository}:{reference}",
        )
        info: ManifestInfo = self._parse(
            lambda body: parse_manifest(
                body,
                response.headers.get("content-type", ""),
                response.headers.get("docker-content-digest", ""),
            ),
            response,
            f"manifest of {repository}:{reference}",
        )
        if self._manifests is not None:
            self._manifests.put(info.digest, response.content)
        return info

    def cached_manifest(self, digest: str) -> ManifestInfo | None:
        """The manifest of this digest from the manifest store; never a request."""
        return stored_manifest(self._manifests, digest)

    def manifest_raw(self, repository: str, reference: str) -> tuple[bytes, str, str] | None:
        """(body, content type, digest header) of a manifest; None where it does not exist."""
        _check_reference(reference)
        try:
            response = self._get(
                f"{self._repo_url(repository)}/manifests/{reference}",
                headers={"Accept": MANIFEST_ACCEPT}, not_found=f"no manifest {reference}",
            )
        except NotFoundError:
            return None
        headers = response.headers
        return (
            response.content, headers.get("content-type", ""),
            headers.get("docker-content-digest", ""),
        )

    def manifest_digest(self, repository: str, reference: str) -> str:
        """The digest a tag points at, from a HEAD (Docker-Content-Digest): on Docker Hub and
        ECR Public a HEAD is not counted as a pull."""
        _check_reference(reference)
        response = self._get(
            f"{self._repo_url(repository)}/manifests/{reference}", method="HEAD",
            headers={"Accept": MANIFEST_ACCEPT},
            not_found=f"repository or tag not found: {repository}:{reference}",
        )
        digest = response.headers.get("docker-content-digest", "")
        if not _DIGEST_RE.fullmatch(digest):
            raise RegistryError(
                f"registry {self.host} gave no digest for {repository}:{reference}"
            )
        return digest

    def referrers_index(
        self, repository: str, digest: str, artifact_type: str | None = None
    ) -> bytes | None:
        """The OCI 1.1 referrers API's index (only `artifact_type` ones when given); None
        where the registry answers 404."""
        if not _DIGEST_RE.fullmatch(digest):
            raise RegistryError(f"invalid digest: {shorten(digest, 80)}")
        query = f"?artifactType={quote(artifact_type, safe='')}" if artifact_type else ""
        try:
            response = self._get(
                f"{self._repo_url(repository)}/referrers/{digest}{query}",
                headers={"Accept": "application/vnd.oci.image.index.v1+json"},
                not_found="no referrers API",
            )
        except NotFoundError:
            return None
        return response.content

    def image_config(self, repository: str, config_digest: str) -> ImageConfig:
        """The image config blob. ECR answers 307 to S3; httpx drops Authorization on
        that cross-origin hop, which S3 requires (it rejects a second auth scheme)."""
        if not _DIGEST_RE.fullmatch(config_digest):
            raise RegistryError(f"invalid digest: {shorten(config_digest, 80)}")
        response = self._get(
            f"{self._repo_url(repository)}/blobs/{config_digest}",
            follow_redirects=True,
            not_found=f"image config not found: {repository}@{config_digest}",
        )
        return self._parse(parse_image_config, response, f"image config {config_digest}")
