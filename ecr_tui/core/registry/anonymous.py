"""Registries read with no credentials: one client per host, every host sharing one
in-memory cache of bearer tokens (`bearer`), behind the `AnonymousRegistry` protocol."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import Executor
from typing import TYPE_CHECKING

from ecr_tui.core.anonymous_registry import registry_endpoint
from ecr_tui.core.hosts import host_from_endpoint
from ecr_tui.core.image_records import Referrer
from ecr_tui.core.models import ImageConfig, ManifestInfo
from ecr_tui.core.registry.auth import AnonymousAuth
from ecr_tui.core.registry.bearer import BearerTokens
from ecr_tui.core.registry.client import RegistryClient

if TYPE_CHECKING:
    import httpx


class AnonymousHost:
    """`AnonymousRegistry` for one host, over a RegistryClient with `AnonymousAuth`."""

    def __init__(self, host: str, client: RegistryClient, pool: Executor) -> None:
        self.host = host
        self._client = client
        self._pool = pool

    def tags(self, repository: str) -> list[str]:
        return self._client.list_tags(repository)

    def manifest(self, repository: str, reference: str) -> ManifestInfo:
        return self._client.manifest(repository, reference)

    def image_config(self, repository: str, config_digest: str) -> ImageConfig:
        return self._client.image_config(repository, config_digest)

    def referrers(self, repository: str, digest: str) -> list[Referrer]:
        from ecr_tui.core.registry.referrers import find_referrers

        return find_referrers(self._client, repository, digest, self._pool)

    def digest(self, repository: str, reference: str) -> str:
        return self._client.manifest_digest(repository, reference)


class AnonymousRegistries:
    """The process's anonymous registries, made on first use and kept per host."""

    def __init__(
        self, pool: Executor, *, environ: Mapping[str, str] | None = None,
        tokens: BearerTokens | None = None, transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._pool = pool
        self._environ = environ
        self.tokens = tokens or BearerTokens()
        self._transport = transport
        self._hosts: dict[str, AnonymousHost] = {}
        self._lock = threading.Lock()

    def host(self, host: str) -> AnonymousHost:
        name = host_from_endpoint(host)
        with self._lock:
            found = self._hosts.get(name)
        if found is not None:
            return found
        endpoint = registry_endpoint(name, self._environ)
        scheme = endpoint.partition("://")[0]
        client = RegistryClient(
            endpoint, None, transport=self._transport,
            authorizer=lambda http: AnonymousAuth(name, scheme, self.tokens, http),
        )
        with self._lock:
            found = self._hosts.setdefault(name, AnonymousHost(name, client, self._pool))
        if found._client is not client:
            client.close()
        return found

    def __enter__(self) -> AnonymousRegistries:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            hosts, self._hosts = list(self._hosts.values()), {}
        for host in hosts:
            host._client.close()
