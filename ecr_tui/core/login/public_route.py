"""Which profile the credential helper uses for public.ecr.aws: the `[registries]` entry of
config.toml for that host, else the default chain's profile (ECR Public has no account in its
host name to choose by)."""

from __future__ import annotations

from collections.abc import Mapping

from ecr_tui.core.hosts import host_from_endpoint
from ecr_tui.core.public_ecr import PUBLIC_HOST, public_registry_url


def is_public(server_url: str, environ: Mapping[str, str]) -> bool:
    """public.ecr.aws, or wherever the test seam sends what is meant for it."""
    host = host_from_endpoint(server_url)
    return host in (PUBLIC_HOST, host_from_endpoint(public_registry_url(environ)))


def public_profile(server_url: str, registries: Mapping[str, str], default: str) -> str:
    wanted = {host_from_endpoint(server_url), PUBLIC_HOST}
    for host, profile in registries.items():
        if host_from_endpoint(host) in wanted:
            return profile
    return default
