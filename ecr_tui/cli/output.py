"""Plain-text tables and JSON for the CLI. Never imports textual."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from ecr_tui.core.humanize import human_remaining, human_size
from ecr_tui.core.models import (
    LoginRecord,
    Profile,
    Region,
    Repository,
    ScanSummary,
    TagRow,
)

if TYPE_CHECKING:  # the fleet's records: `copy` and the writes print JSON without them
    from ecr_tui.core.fleet.find import FindHit
    from ecr_tui.core.fleet.runner import FleetRow


_AS_IS = frozenset({dict, str, int, float, bool, type(None)})
"""Exact types `_plain` hands back as they are (a dict is not walked): checked first, they skip
~2 us of checks a value (a list of 50,000 tag dicts spent 80 ms there)."""


def _plain(value: Any) -> Any:
    if value.__class__ in _AS_IS:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, ScanSummary):
        return {"status": value.status, "counts": dict(value.counts)}
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(items: Any, out: TextIO) -> None:
    # Indented for a person; compact for a pipe, where json's C encoder runs (indent
    # forces the pure-Python one: seconds at 50,000 tags).
    pretty = out.isatty()
    text = json.dumps(_plain(items), indent=2 if pretty else None)
    out.write(text + "\n")


def short_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=False)]
    for row in [list(headers), *rows]:
        out.write(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip() + "\n"
        )


def profile_rows(profiles: list[Profile], now: datetime) -> list[list[str]]:
    return [
        [
            p.name,
            p.kind.value,
            p.region or "",
            human_remaining((p.expires_at - now).total_seconds()) if p.expires_at else "",
            p.detail,
        ]
        for p in profiles
    ]


def profile_json(profiles: list[Profile], now: datetime) -> list[dict[str, Any]]:
    """One row shape for every kind; the portal's names are empty for configured profiles."""
    return [
        {
            "name": p.name,
            "kind": p.kind.value,
            "region": p.region,
            "expires_at": p.expires_at.isoformat() if p.expires_at else None,
            "expires_in_seconds": int((p.expires_at - now).total_seconds())
            if p.expires_at
            else None,
            "account_id": p.account_id,
            "detail": p.detail,
            "role": p.role,
            "account_name": p.account_name,
            "sso_session": p.sso_session,
        }
        for p in profiles
    ]


def fleet_json(rows: list[FleetRow]) -> list[dict[str, Any]]:
    return [
        {
            "profile": r.profile, "role": r.role, "account_id": r.account_id, "region": r.region,
            "repositories": r.repositories,
            "token_expires_at": r.token_expires_at.isoformat() if r.token_expires_at else None,
            "error": r.error,
        }
        for r in rows
    ]


def fleet_rows(rows: list[FleetRow], now: datetime) -> list[list[str]]:
    return [
        [
            r.profile, r.role, r.account_id or "", r.region,
            "" if r.repositories is None else str(r.repositories),
            human_remaining((r.token_expires_at - now).total_seconds())
            if r.token_expires_at else "",
            r.error or "",
        ]
        for r in rows
    ]


def find_rows(hits: list[FindHit]) -> list[list[str]]:
    return [
        [h.profile, h.role, h.account_id, h.region, h.repository, h.tag or "",
         h.digest[:19] if h.digest else ""]
        for h in hits
    ]


def region_rows(regions: list[Region]) -> list[list[str]]:
    return [[r.name, r.partition, r.description] for r in regions]


def repo_rows(repos: list[Repository]) -> list[list[str]]:
    return [
        [
            r.name,
            r.uri,
            short_time(r.created_at),
            r.tag_mutability + (f" ({', '.join(r.tag_mutability_exclusions)})"
                                if r.tag_mutability_exclusions else ""),
            "" if r.scan_on_push is None else ("yes" if r.scan_on_push else "no"),
        ]
        for r in repos
    ]


def tag_json(rows: list[TagRow]) -> list[dict[str, Any]]:
    return [
        {
            "tag": r.tag,
            "digest": r.digest or None,
            "pushed_at": r.pushed_at.isoformat() if r.pushed_at else None,
            "size": r.size_bytes,
            "platforms": list(r.platforms),
            "media_type": r.media_type or None,
            "scan": _plain(r.scan) if r.scan else None,
            "last_pull": r.last_pull.isoformat() if r.last_pull else None,
            "image_status": r.image_status or None,
            "last_archived_at": r.last_archived_at.isoformat() if r.last_archived_at else None,
            "last_activated_at": r.last_activated_at.isoformat() if r.last_activated_at else None,
        }
        for r in rows
    ]


def tag_rows(rows: list[TagRow]) -> list[list[str]]:
    from ecr_tui.core.images.status import platforms_label

    return [
        [
            r.tag,
            r.digest[7:19] if r.digest else "",
            short_time(r.pushed_at),
            human_size(r.size_bytes),
            platforms_label(r),
            r.scan.short() if r.scan else "",
        ]
        for r in rows
    ]


def login_json(records: list[LoginRecord], now: datetime) -> list[dict[str, Any]]:
    return [
        {
            **_plain(r),
            "expires_in_seconds": int((r.expires_at - now).total_seconds()),
        }
        for r in records
    ]


def login_rows(records: list[LoginRecord], now: datetime) -> list[list[str]]:
    return [
        [
            r.profile,
            r.region,
            r.registry,
            r.engine,
            human_remaining((r.expires_at - now).total_seconds()),
            short_time(r.logged_in_at),
        ]
        for r in records
    ]
