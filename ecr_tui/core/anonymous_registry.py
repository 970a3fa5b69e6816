"""Any registry's public images, read with no credentials (the registry's anonymous token
flow): what the Backend hands out for a host (`Backend.anonymous_registry`), and where
`public.ecr.aws`'s Registry API is (`ECR_TUI_PUBLIC_REGISTRY_URL`, the tests' stand-in)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol

from ecr_tui.core.image_records import Referrer
from ecr_tui.core.image_ref import ImageReference, parse_image_reference
from ecr_tui.core.models import ImageConfig, ManifestInfo

PUBLIC_HOST = "public.ecr.aws"
PUBLIC_REGISTRY_ENV = "ECR_TUI_PUBLIC_REGISTRY_URL"
"""Where requests meant for public.ecr.aws go (default https://public.ecr.aws)."""
DOCKER_HUB_HOSTS = frozenset({"docker.io", "index.docker.io", "registry.hub.docker.com"})
DOCKER_HUB_API = "registry-1.docker.io"
_LOOPBACK = ("localhost", "127.", "[::1]")


def public_registry_url(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return (env.get(PUBLIC_REGISTRY_ENV) or f"https://{PUBLIC_HOST}").rstrip("/")


def registry_endpoint(host: str, environ: Mapping[str, str] | None = None) -> str:
    """Where `host`'s Registry API answers: public.ecr.aws at the seam above, Docker Hub at
    registry-1.docker.io, a loopback host over http (as docker allows), any other over https."""
    host = host.lower()
    if host == PUBLIC_HOST:
        return public_registry_url(environ)
    if host in DOCKER_HUB_HOSTS:
        return f"https://{DOCKER_HUB_API}"
    if host.startswith(_LOOPBACK):
        return f"http://{host}"
    return f"https://{host}"


def outside_ecr(text: str) -> ImageReference | None:
    """A reference with a registry host that is not a private ECR registry, else None
    (a bare `REPO[:TAG]` stays the profile's; a private ECR host keeps its own path).
    The CLI's `tags`/`inspect`, the TUI's jump and find read an image this way."""
    ref = parse_image_reference(text)
    if ref is None or (ref.is_ecr and not ref.is_public):
        return None
    return ref


class AnonymousRegistry(Protocol):
    """One registry host read anonymously. Every method may block; errors are EcrTuiErrors."""

    host: str

    def tags(self, repository: str) -> list[str]:
        """The tag names (every page); no manifest is fetched."""
        ...

    def manifest(self, repository: str, reference: str) -> ManifestInfo: ...

    def image_config(self, repository: str, config_digest: str) -> ImageConfig: ...

    def referrers(self, repository: str, digest: str) -> list[Referrer]: ...

    def digest(self, repository: str, reference: str) -> str:
        """The digest a tag points at, from a HEAD (not counted as a pull)."""
        ...
