"""The Fleet table's rows as plain functions: which pairs show, in what order, and their cells
(the columns are chosen by width, see `column_layout`). No Textual here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text

from ecr_tui.core.fleet.runner import FleetRow
from ecr_tui.ui.column_layout import ColumnSpec
from ecr_tui.ui.formatting import short_duration

SORTS = ("arrival", "profile", "repositories", "region", "errors")
COLUMNS = (
    ColumnSpec("mark", "", 0, whole=True),
    ColumnSpec("profile", "PROFILE", 0, min_width=16, max_width=48),
    ColumnSpec("role", "ROLE", 4, whole=True, max_width=40),
    ColumnSpec("account", "ACCOUNT", 3, whole=True),
    ColumnSpec("region", "REGION", 0, whole=True),
    ColumnSpec("repos", "REPOS", 1, whole=True),
    ColumnSpec("token", "TOKEN", 1, whole=True),
    ColumnSpec("in_use", "IN USE", 5, whole=True),
    ColumnSpec("error", "ERROR", 2, min_width=20),
)


def row_shown(row: FleetRow, filter_text: str, hide_empty: bool) -> bool:
    if hide_empty and not row.repositories:
        return False
    text = filter_text.lower()
    return not text or any(
        text in (v or "").lower() for v in (row.profile, row.region, row.account_id, row.error)
    )


def sorted_rows(rows: Iterable[FleetRow], by: str) -> list[FleetRow]:
    if by == "repositories":
        return sorted(rows, key=lambda r: (-(r.repositories or 0), r.profile, r.region))
    if by == "region":
        return sorted(rows, key=lambda r: (r.region, r.profile))
    if by == "errors":
        return sorted(rows, key=lambda r: (r.error is None, r.profile, r.region))
    if by == "profile":
        return sorted(rows, key=lambda r: (r.profile, r.region))
    return list(rows)  # arrival: the session keeps rows in the order they came


def mark_cell(marked: bool) -> Text:
    return Text("✓" if marked else " ", "bold green")


def row_cells(row: FleetRow, marked: bool, now: datetime) -> dict[str, Text]:
    left = short_duration(row.token_expires_at - now) if row.token_expires_at else ""
    return {
        "mark": mark_cell(marked), "profile": Text(row.profile, "bold"),
        "role": Text(row.role), "account": Text(row.account_id or ""), "region": Text(row.region),
        "repos": Text("" if row.repositories is None else str(row.repositories),
                      justify="right"),
        "token": Text(left), "error": Text(row.error or "", "red"),
    }
