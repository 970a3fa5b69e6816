"""The audit log: one JSON line per write attempted (allowed, refused, declined, failed) in
`$XDG_STATE_HOME/ecr-tui/audit.log`, 0600. Names, tags and digests only: never a secret."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from ecr_tui.core.identity import utcnow
from ecr_tui.core.store.paths import ensure_private_dir, state_dir
from ecr_tui.core.write_records import AuditEntry, WritePlan, WriteResult

AUDIT_NAME = "audit.log"


def audit_path(environ: Mapping[str, str] | None = None) -> Path:
    return state_dir(environ) / AUDIT_NAME


def _entry(data: object) -> AuditEntry | None:
    if not isinstance(data, dict):
        return None
    try:
        return AuditEntry(**{k: data[k] for k in AuditEntry.__dataclass_fields__})
    except (KeyError, TypeError):
        return None


class FileAuditLog:
    """Appends with one write of one line (O_APPEND): two processes never interleave lines."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.path = audit_path(environ)

    def append(self, entry: AuditEntry) -> None:
        ensure_private_dir(self.path.parent)
        line = json.dumps(entry.as_json(), separators=(",", ":")) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)

    def entries(self) -> list[AuditEntry]:
        """Every readable line, oldest first (a line that is not ours is skipped)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        found = []
        for line in text.splitlines():
            try:
                entry = _entry(json.loads(line))
            except ValueError:
                entry = None
            if entry is not None:
                found.append(entry)
        return found


class MemoryAuditLog:
    """The demo's: the same lines, kept for the run (the demo writes no file)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[AuditEntry] = []

    def append(self, entry: AuditEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[AuditEntry]:
        with self._lock:
            return list(self._entries)


def entry_of(profile: str, result: WriteResult, now: datetime | None = None) -> AuditEntry:
    text = result.result if not result.detail else f"{result.result}: {result.detail}"
    return AuditEntry(
        (now or utcnow()).isoformat(timespec="seconds"), profile, result.account_id,
        result.region, result.operation, result.repository, result.tag, result.digest, text,
        result.forced,
    )


def result_of(plan: WritePlan, result: str, detail: str = "", forced: bool = False
              ) -> WriteResult:
    return WriteResult(plan.operation, plan.account_id, plan.region, plan.repository, plan.tag,
                       plan.digest, result, detail, forced)
