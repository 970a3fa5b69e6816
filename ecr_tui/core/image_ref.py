"""Image references as users, ECS, Lambda and error messages write them:
`HOST/REPOSITORY[:TAG][@sha256:DIGEST]`, with every ECR host form `hosts` knows (private,
FIPS, dual-stack, China, `public.ecr.aws`) and any other registry host."""

from __future__ import annotations

import re

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.hosts import RegistryHost, parse_registry_host

_DIGEST = r"[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}"
_TAG = r"[\w][\w.-]{0,127}"
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REPO = rf"{_COMPONENT}(?:/{_COMPONENT})*"
"""Patterns, compiled (and cached) by `re` at first use, as in `hosts`."""


@frozen_record
class ImageReference:
    """One parsed reference. `registry` is None for a host that is not ECR's."""

    host: str
    repository: str
    tag: str = ""
    digest: str = ""
    registry: RegistryHost | None = None

    @property
    def is_ecr(self) -> bool:
        return self.registry is not None

    @property
    def is_public(self) -> bool:
        return self.registry is not None and self.registry.public

    def text(self) -> str:
        """The reference written back, `host/repo[:tag][@digest]`."""
        out = f"{self.host}/{self.repository}"
        if self.tag:
            out += f":{self.tag}"
        if self.digest:
            out += f"@{self.digest}"
        return out


def _looks_like_host(part: str) -> bool:
    # The distribution spec's rule: a first component with a dot or a port, or localhost.
    return "." in part or ":" in part or part == "localhost"


def parse_image_reference(text: str) -> ImageReference | None:
    """A reference with a registry host, else None (a bare `repo:tag` names no registry).

    Host names are case-insensitive and come back lower-case; a tag and a digest may both be
    given (`repo:tag@sha256:…`); a digest must be `algorithm:hex`-shaped."""
    ref = text.strip()
    host, slash, rest = ref.partition("/")
    if not slash or not rest or not _looks_like_host(host):
        return None
    host = host.lower()
    rest, at, digest = rest.partition("@")
    if at and not re.fullmatch(_DIGEST, digest):
        return None
    head, _, last = rest.rpartition("/")
    name, colon, tag = last.partition(":")
    if colon and not re.fullmatch(_TAG, tag):
        return None
    repository = f"{head}/{name}" if head else name
    if not re.fullmatch(_REPO, repository):
        return None
    return ImageReference(host, repository, tag, digest, parse_registry_host(host))
