"""AwsBackend's "In use where": the workloads of a pair (core/aws/workloads.py), cached a while."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.aws.profile_book import ProfileBook
    from ecr_tui.core.usage_records import WorkloadImage

T = TypeVar("T")


class AwsUsage:
    """The Backend's workloads call, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _environ: Mapping[str, str]
        _clock: Callable[[], datetime]
        _lock: threading.Lock
        _book: ProfileBook
        _accounts: dict[str, str]
        _usage: tuple[Any, Any] | None

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def require_region(self, profile: str, region: str | None = None) -> str: ...
        def executor(self) -> ThreadPoolExecutor: ...

    def workloads(
        self, profile: str, region: str, *, refresh: bool = False
    ) -> list[WorkloadImage]:
        from ecr_tui.core.aws.workloads import PairReader

        region = self.require_region(profile, region)
        cache, limits = self._usage_parts()
        key = (profile, region)
        reader = PairReader(
            lambda service: self._client(profile, region, service),
            lambda service, op, fn: self._call(
                profile, region, op, lambda: limits.call(service, key, fn)),
            self.executor(), profile=profile, region=region,
        )
        account = self._book.get(profile).account_id or self._accounts.get(profile) or profile
        found = cache.get((account, region), reader.read, refresh=refresh)
        return [w if w.profile == profile else replace(w, profile=profile) for w in found]

    def _usage_parts(self) -> tuple[Any, Any]:
        from ecr_tui.core.aws.workloads import PairLimits, WorkloadCache

        with self._lock:
            if self._usage is None:
                from ecr_tui.core.store.settings import load_settings

                ttl = load_settings(self._environ).usage_ttl_seconds
                self._usage = (WorkloadCache(lambda: ttl, self._clock), PairLimits())
            return self._usage
