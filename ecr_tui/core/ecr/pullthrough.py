"""Pull-through-cache rules: read them (all pages), and turn an upstream image into the
reference that pulls it through the cache."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ecr_tui.core.ecr.api import PAGE, aware
from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.hosts import registry_host
from ecr_tui.core.models import ROOT_PREFIX, PullThroughRule

DOCKER_HUB = "docker.io"
_DOCKER_HUB_ALIASES = frozenset(
    {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}
)


def rule_from_api(item: dict[str, Any]) -> PullThroughRule:
    return PullThroughRule(
        prefix=item.get("ecrRepositoryPrefix") or ROOT_PREFIX,
        upstream_registry_url=item.get("upstreamRegistryUrl", ""),
        upstream_registry=item.get("upstreamRegistry", ""),
        upstream_repository_prefix=item.get("upstreamRepositoryPrefix") or ROOT_PREFIX,
        credential_arn=item.get("credentialArn") or None,
        created_at=aware(item.get("createdAt")),
        updated_at=aware(item.get("updatedAt")),
        registry_id=item.get("registryId", ""),
    )


def list_rules(client: Any) -> list[PullThroughRule]:
    """Every rule of the registry, every page, sorted by prefix."""
    pages = client.get_paginator("describe_pull_through_cache_rules").paginate(
        PaginationConfig=PAGE
    )
    rules = [rule_from_api(r) for page in pages for r in page.get("pullThroughCacheRules", [])]
    return sorted(rules, key=lambda r: r.prefix)


def rule_for_repository(
    repository: str, rules: Iterable[PullThroughRule]
) -> PullThroughRule | None:
    """The rule that created this repository: the longest ECR prefix it sits under. `ROOT`
    rules are left out: under one, every repository would look cached."""
    found = [r for r in rules if r.prefix != ROOT_PREFIX and r.covers(repository)]
    return max(found, key=lambda r: len(r.prefix), default=None)


@dataclass(frozen=True, slots=True)
class ImageReference:
    """An upstream image split the way docker reads it."""

    registry: str
    """docker.io for Docker Hub, whatever host the reference names otherwise."""
    repository: str
    suffix: str = ""
    """`:tag`, `@digest`, both, or nothing."""


def parse_image(text: str) -> ImageReference:
    """`nginx`, `nginx:1.27`, `docker.io/library/nginx`, `ghcr.io/org/app@sha256:…`; as docker
    does, the first part is a registry only when it has a dot or a port or is localhost."""
    ref = text.strip()
    if "://" in ref:
        ref = ref.split("://", 1)[1]
    if not ref or any(c.isspace() for c in ref):
        raise EcrTuiError(f"not an image reference: {text!r}", fix="pass e.g. nginx:1.27")
    name, at, digest = ref.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = ""
    if ":" in last:
        name, tag = name.rsplit(":", 1)
    suffix = (f":{tag}" if tag else "") + (f"@{digest}" if at else "")
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, repository = first.lower(), rest
    else:
        registry, repository = DOCKER_HUB, name
    if registry in _DOCKER_HUB_ALIASES:
        registry = DOCKER_HUB
        if "/" not in repository:
            repository = f"library/{repository}"  # Docker Hub's official images
    if not repository or repository.startswith("/") or repository.endswith("/"):
        raise EcrTuiError(f"not an image reference: {text!r}", fix="pass e.g. nginx:1.27")
    return ImageReference(registry, repository, suffix)


def upstream_host(url: str) -> str:
    """The registry host a rule's upstreamRegistryUrl names, Docker Hub's under one name."""
    host = url.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0]
    return DOCKER_HUB if host in _DOCKER_HUB_ALIASES else host


def _upstream_path(rule: PullThroughRule, repository: str) -> str | None:
    """The part of the upstream repository the ECR side repeats; None when not covered."""
    prefix = rule.upstream_repository_prefix
    if prefix == ROOT_PREFIX:
        return repository
    return repository[len(prefix) + 1 :] if repository.startswith(prefix + "/") else None


def pull_uri(image: str, rules: Iterable[PullThroughRule], region: str) -> str:
    """`ACCOUNT.dkr.ecr.REGION.amazonaws.com/PREFIX/REPOSITORY[:tag][@digest]`: the reference
    that pulls `image` through the cache. The most specific rule wins."""
    ref = parse_image(image)
    best: tuple[int, PullThroughRule, str] | None = None
    for rule in rules:
        if upstream_host(rule.upstream_registry_url) != ref.registry:
            continue
        path = _upstream_path(rule, ref.repository)
        if path is None:
            continue
        specificity = 0 if rule.upstream_repository_prefix == ROOT_PREFIX else len(
            rule.upstream_repository_prefix
        )
        if best is None or specificity > best[0]:
            best = (specificity, rule, path)
    if best is None:
        shown = f"{ref.registry}/{ref.repository}"
        raise EcrTuiError(
            f"no pull-through-cache rule in {region} covers {shown}",
            fix="see `ecr-tui rules` for the upstream registries this registry caches",
        )
    _score, rule, path = best
    repository = path if rule.prefix == ROOT_PREFIX else f"{rule.prefix}/{path}"
    return f"{registry_host(rule.registry_id, region)}/{repository}{ref.suffix}"
