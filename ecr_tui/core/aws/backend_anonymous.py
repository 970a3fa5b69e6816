"""AwsBackend's door to any registry, anonymously (the client is core/registry/anonymous.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.anonymous_registry import AnonymousRegistry


class AwsAnonymous:
    """The Backend's anonymous_registry, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _environ: Mapping[str, str]
        _lock: threading.Lock
        _anonymous: Any

        def executor(self) -> ThreadPoolExecutor: ...

    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        from ecr_tui.core.registry.anonymous import AnonymousRegistries

        pool = self.executor()  # before the lock: executor() takes it too
        with self._lock:
            if self._anonymous is None:
                self._anonymous = AnonymousRegistries(pool, environ=self._environ)
            registries = self._anonymous
        return registries.host(host)
