"""The records of a write (issue 21): what its preflight reads (`WriteTarget`), its plan (what
it will call, what the preflight found), its result, and the audit log's lines and protocol.
Shared by the Backend protocol, `core.writes`, the CLI and the UI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

from ecr_tui.core.frozen import frozen_record

if TYPE_CHECKING:
    from ecr_tui.core.records import ImageDetail, Repository

Operation = Literal["tag", "untag", "delete", "copy"]
WRITES_OFF = (
    "writes are off: add --allow-writes to the command, or set `writes = true` in config.toml"
)
"""The one line every write says when the switch is off."""


@frozen_record
class Refusal:
    """One preflight finding, one line. `forceable`: --force (or the dialog's Force) overrides
    it, and the audit records that it did."""

    text: str
    forceable: bool = False


@frozen_record
class WritePlan:
    """A write as the preview shows it, before anything is written."""

    operation: Operation
    profile: str
    account_id: str
    region: str
    repository: str
    tag: str
    """The tag written (tag), removed (untag) or named (delete by tag); "" for a digest."""
    digest: str
    calls: tuple[str, ...]
    """The exact API calls, in order, one line each."""
    current: str = ""
    """tag: the digest the tag names now ("" when the tag is new)."""
    workloads: tuple[str, ...] = ()
    """What runs the image (or the tag's current image), one line each."""
    refusals: tuple[Refusal, ...] = ()
    warnings: tuple[str, ...] = ()
    referrers: tuple[str, ...] = ()
    """delete --with-referrers: the referrers' digests deleted with the image."""
    source: str = ""
    """copy: the source reference, the digest read there, its account and region."""

    def blocking(self, *, force: bool) -> tuple[Refusal, ...]:
        """The refusals that stop the write (forceable ones only without force)."""
        return tuple(r for r in self.refusals if not (force and r.forceable))

    def forced(self, *, force: bool) -> bool:
        """True when force overrides a refusal: the audit line says so."""
        return force and any(r.forceable for r in self.refusals)

    def preview(self) -> list[str]:
        """The lines the CLI prints and the TUI's dialog shows."""
        target = f"{self.repository}:{self.tag}" if self.tag else self.repository
        lines = [
            f"{self.operation} {target}",
            *([f"  source     {self.source}"] if self.source else []),
            f"  account    {self.account_id or '?'}   region {self.region}   "
            f"profile {self.profile}",
            f"  repository {self.repository}",
            f"  tag        {self.tag or '-'}",
            f"  digest     {self.digest or '-'}",
        ]
        if self.operation in ("tag", "copy") and self.tag:
            lines.append(f"  {self.tag} now  {self.current or '(new tag)'}")
        if self.referrers:
            lines.append(f"  referrers  {len(self.referrers)} deleted with it")
        lines.append("  workloads  " + ("; ".join(self.workloads) if self.workloads else "none"))
        lines += ["  calls"] + [f"    {c}" for c in self.calls]
        lines += [f"  refused: {r.text}" + (" (--force overrides)" if r.forceable else "")
                  for r in self.refusals]
        lines += [f"  warning: {w}" for w in self.warnings]
        return lines


@frozen_record
class WriteResult:
    """What came of a write: `result` is done, unchanged (the tag already named the digest),
    refused, declined or failed; `detail` the one line saying why."""

    operation: Operation
    account_id: str
    region: str
    repository: str
    tag: str
    digest: str
    result: str
    detail: str = ""
    forced: bool = False

    @property
    def ok(self) -> bool:
        return self.result in ("done", "unchanged")

    def as_json(self) -> dict[str, object]:
        return {
            "operation": self.operation, "account_id": self.account_id, "region": self.region,
            "repository": self.repository, "tag": self.tag, "digest": self.digest,
            "result": self.result,
        }


@frozen_record
class AuditEntry:
    """One line of audit.log: every write attempted, allowed or refused. Never a secret."""

    time: str
    profile: str
    account_id: str
    region: str
    operation: str
    repository: str
    tag: str
    digest: str
    result: str
    forced: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "time": self.time, "profile": self.profile, "account_id": self.account_id,
            "region": self.region, "operation": self.operation, "repository": self.repository,
            "tag": self.tag, "digest": self.digest, "result": self.result, "forced": self.forced,
        }


class AuditLog(Protocol):
    """Where audit lines go: `$XDG_STATE_HOME/ecr-tui/audit.log` for the AWS backend, memory
    for the demo (which writes no file)."""

    def append(self, entry: AuditEntry) -> None: ...

    def entries(self) -> list[AuditEntry]: ...


@frozen_record
class WriteTarget:
    """What a write's preflight reads of one image: its repository (tag mutability and its
    exclusion filters) and the image a tag or digest names, in any storage class (None: no
    such image)."""

    account_id: str
    repository: Repository
    image: ImageDetail | None
