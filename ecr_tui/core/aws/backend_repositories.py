"""AwsBackend's repository reads: the repositories of a pair, the regions of an account that
have any (cached a day), and the pull-through cache rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ecr_tui.core import regions

if TYPE_CHECKING:
    from ecr_tui.core.aws.session import SessionPool
    from ecr_tui.core.models import PullThroughRule, Repository

T = TypeVar("T")


class AwsRepositories:
    """The Backend's repository calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _pool: SessionPool
        _environ: Mapping[str, str]
        _clock: Callable[[], datetime]

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def _learn_account(self, profile: str, account: str) -> str: ...
        def account_id(self, profile: str, region: str) -> str: ...
        def require_region(self, profile: str, region: str | None = None) -> str: ...

    def repositories(self, profile: str, region: str) -> list[Repository]:
        from ecr_tui.core.ecr import api as ecr
        from ecr_tui.core.store import caches

        region = self.require_region(profile, region)
        client = self._client(profile, region)
        found = self._call(
            profile, region, "DescribeRepositories", lambda: ecr.list_repositories(client)
        )
        if found and found[0].registry_id:
            self._learn_account(profile, found[0].registry_id)
        caches.store_repository_names(profile, region, (r.name for r in found), self._environ)
        return found

    def regions_with_repositories(self, profile: str, region: str) -> list[str]:
        from ecr_tui.core.store import caches

        account = self.account_id(profile, region)
        now = self._clock()
        cached = caches.cached_repository_regions(account, now, self._environ)
        if cached is not None:
            return list(cached)

        def has_repositories(name: str) -> bool:
            client = self._pool.client(profile, name, "ecr")
            return bool(client.describe_repositories(maxResults=1).get("repositories"))

        candidates = [r.name for r in regions.ecr_regions(regions.partition_of(region))]
        found = caches.scan_regions(candidates, has_repositories)
        if found is None:
            return []
        caches.store_repository_regions(account, found, now, self._environ)
        return found

    def pull_through_cache_rules(self, profile: str, region: str) -> list[PullThroughRule]:
        from ecr_tui.core.ecr.pullthrough import list_rules

        region = self.require_region(profile, region)
        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribePullThroughCacheRules", lambda: list_rules(client)
        )
