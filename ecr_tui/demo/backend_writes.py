"""DemoBackend's writes (issue 21): they change the demo's memory only (demo/writes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

    from ecr_tui.core.models import ImageDetail, Repository
    from ecr_tui.core.write_records import AuditLog, WriteTarget
    from ecr_tui.demo.profiles import DemoProfile
    from ecr_tui.demo.writes import DemoWrites


class DemoWriteCalls:
    """The Backend's write calls, mixed into DemoBackend (the memory they change: DemoWrites)."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _lock: threading.Lock
        _writes: DemoWrites
        _audit: AuditLog | None

        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...
        def _repositories(self, spec: DemoProfile, region: str) -> list[Repository]: ...
        def _require_repository(self, spec: DemoProfile, region: str, repository: str) -> None:
            ...
        def image(
            self, profile: str, region: str, repository: str, reference: str
        ) -> ImageDetail | None: ...

    def writes_enabled(self) -> bool:
        return self._writes.enabled

    def write_target(
        self, profile: str, region: str, repository: str, reference: str
    ) -> WriteTarget:
        from ecr_tui.core.write_records import WriteTarget

        self._writes.require()
        spec = self._spec(profile, region, "write")
        self._require_repository(spec, region, repository)
        repo = next(r for r in self._repositories(spec, region) if r.name == repository)
        return WriteTarget(spec.account_id, repo,
                           self.image(profile, region, repository, reference))

    def put_tag(self, profile: str, region: str, repository: str, digest: str, tag: str) -> bool:
        self._spec(profile, region, "write")
        return self._writes.put_tag(repository, digest, tag)

    def remove_tag(self, profile: str, region: str, repository: str, tag: str) -> None:
        self._spec(profile, region, "write")
        self._writes.remove_tag(repository, tag)

    def delete_images(
        self, profile: str, region: str, repository: str, digests: Sequence[str]
    ) -> None:
        self._spec(profile, region, "write")
        self._writes.delete_images(repository, digests)

    def audit_log(self) -> AuditLog:
        from ecr_tui.core.writes.audit import MemoryAuditLog

        with self._lock:
            if self._audit is None:
                self._audit = MemoryAuditLog()
            return self._audit
