"""AwsBackend's writes (issue 21): the switch, the target, retag and delete, the audit log.

The calls themselves are in core/ecr/writes.py; each write client is refused while writes are off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ecr_tui.core.write_records import AuditLog, WriteTarget

T = TypeVar("T")


class AwsWrites:
    """The Backend's write calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _environ: Mapping[str, str]
        _writes: bool

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def account_id(self, profile: str, region: str) -> str: ...

    def writes_enabled(self) -> bool:
        return self._writes

    def _write_client(self, profile: str, region: str) -> Any:
        if not self._writes:
            from ecr_tui.core.errors import WritesOff
            from ecr_tui.core.write_records import WRITES_OFF

            raise WritesOff(WRITES_OFF)
        return self._client(profile, region)

    def write_target(
        self, profile: str, region: str, repository: str, reference: str
    ) -> WriteTarget:
        from ecr_tui.core.ecr import api as ecr
        from ecr_tui.core.write_records import WriteTarget

        client = self._write_client(profile, region)
        repo = self._call(profile, region, "DescribeRepositories",
                          lambda: ecr.describe_repository(client, repository))
        image = self._call(profile, region, "DescribeImages",
                           lambda: ecr.describe_image(client, repository, reference,
                                                      any_status=True))
        return WriteTarget(repo.registry_id or self.account_id(profile, region), repo, image)

    def put_tag(self, profile: str, region: str, repository: str, digest: str, tag: str) -> bool:
        from ecr_tui.core.ecr.writes import retag

        client = self._write_client(profile, region)
        return self._call(profile, region, "PutImage",
                          lambda: retag(client, repository, digest, tag))

    def remove_tag(self, profile: str, region: str, repository: str, tag: str) -> None:
        from ecr_tui.core.ecr.writes import delete

        client = self._write_client(profile, region)
        self._call(profile, region, "BatchDeleteImage",
                   lambda: delete(client, repository, [{"imageTag": tag}]))

    def delete_images(
        self, profile: str, region: str, repository: str, digests: Sequence[str]
    ) -> None:
        from ecr_tui.core.ecr.writes import delete

        client = self._write_client(profile, region)
        ids = [{"imageDigest": d} for d in digests]
        self._call(profile, region, "BatchDeleteImage", lambda: delete(client, repository, ids))

    def audit_log(self) -> AuditLog:
        from ecr_tui.core.writes.audit import FileAuditLog

        return FileAuditLog(self._environ)
