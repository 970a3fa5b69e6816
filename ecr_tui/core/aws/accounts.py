"""The AWS backend's many-account side: discovered SSO roles as profiles, their credentials,
and the `ACCOUNT_ID/ROLE` aliases every `--profile` takes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import TYPE_CHECKING

from ecr_tui.core import models
from ecr_tui.core.aws.session import SessionPool
from ecr_tui.core.models import Profile
from ecr_tui.core.profiles.config import AwsConfig
from ecr_tui.core.sso.discovery import DiscoveredRole, Discovery, SsoDiscovery

if TYPE_CHECKING:
    from ecr_tui.core.models import DiscoveryReport


class DiscoveredAccounts:
    def __init__(
        self, environ: Mapping[str, str], pool: SessionPool, executor: Callable[[], Executor]
    ) -> None:
        self._environ = environ
        self._pool = pool
        self._lock = threading.Lock()
        self._aliases: dict[str, str] = {}
        self.discovery = SsoDiscovery(
            environ, client=pool.sso_client, botocore_session=pool.botocore_session,
            executor=executor,
        )

    def cached(self, cfg: AwsConfig) -> list[Profile]:
        """Discovered profiles from the cache (any age), no network; `cfg`: the AWS files as
        the caller loaded them."""
        return self._adopt(self.discovery.cached(cfg))

    def is_fresh(self) -> bool:
        return self.discovery.is_fresh(AwsConfig.load(self._environ))

    def discover(self, cfg: AwsConfig, *, refresh: bool = False) -> DiscoveryReport:
        found = self.discovery.discover(cfg, refresh=refresh)
        return models.DiscoveryReport(tuple(self._adopt(found)), found.problems)

    def alias(self, name: str) -> str:
        with self._lock:
            return self._aliases.get(name, name)

    def _adopt(self, found: Discovery) -> list[Profile]:
        for role in found.roles:
            p = role.profile
            with self._lock:
                self._aliases[f"{p.account_id}/{p.role}"] = p.name
            self._pool.register_role(p.name, self._fetcher(role))
        return [r.profile for r in found.roles]

    def _fetcher(self, role: DiscoveredRole) -> Callable[[], dict[str, str]]:
        discovery, pool, p = self.discovery, self._pool, role.profile

        def fetch() -> dict[str, str]:
            from ecr_tui.core.sso import portal as sso_portal

            token = discovery.access_token(role.source)
            client = pool.sso_client(role.source.sso_region)
            return sso_portal.role_credentials(
                client, discovery.limiter, token, p.account_id or "", p.role
            )

        return fetch
