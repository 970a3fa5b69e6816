"""The Lifecycle view's rows as text: one per image, with its action, deciding rule, in-use
count and ECR's preview; the images in use a rule acts on first. Pure text, no Textual, built
in the worker (a repository of 8,000 images costs the UI thread nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ecr_tui.ui.column_layout import ColumnSpec
from ecr_tui.ui.formatting import relative, short_digest

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle.report import ImageVerdict, LifecycleReport
    from ecr_tui.core.lifecycle_records import PreviewResult

COLUMNS: tuple[ColumnSpec, ...] = (  # by priority: the decision, the image, when, ECR's view
    ColumnSpec("mark", "", 0, whole=True),
    ColumnSpec("action", "Action", 0, whole=True),
    ColumnSpec("rule", "Rule", 0, whole=True),
    ColumnSpec("tags", "Tags", 0, min_width=12, max_width=48),
    ColumnSpec("in_use", "In use", 1, whole=True),
    ColumnSpec("preview", "ECR preview", 1, whole=True),
    ColumnSpec("pushed", "Pushed", 2, whole=True),
    ColumnSpec("pulled", "Pulled", 2, whole=True),
    ColumnSpec("status", "Status", 3, whole=True),
    ColumnSpec("digest", "Digest", 4, whole=True),
)
ACTION_WORDS = {"expire": "expire", "transition": "archive", "keep": "keep"}
RISK_MARK = "!"
NOT_KNOWN = "…"


@dataclass(frozen=True, slots=True)
class LifecycleRow:
    cells: dict[str, str]
    action: str
    """expire, transition or keep."""
    at_risk: bool
    """In use, and a rule would expire or archive it."""


@dataclass(frozen=True, slots=True)
class LifecycleTable:
    rows: tuple[LifecycleRow, ...]
    wanted: dict[str, int]
    """Column key -> the width that shows every cell whole."""
    columns: tuple[ColumnSpec, ...]
    """The columns this report has (no ECR preview, no archived image: no column)."""


def _preview_cell(result: PreviewResult | None) -> str:
    if result is None:
        return "keep"
    action = ACTION_WORDS.get(result.action, result.action)
    return f"{action} ({result.rule})" if result.rule is not None else action


def _row(v: ImageVerdict, now: datetime, preview: dict[str, PreviewResult] | None) -> LifecycleRow:
    image, action = v.image, v.decision.action
    at_risk = action != "keep" and bool(v.in_use)
    status = image.image_status.upper()
    cells = {
        "mark": RISK_MARK if at_risk else "",
        "action": ACTION_WORDS[action],
        "rule": str(v.decision.rule) if v.decision.rule is not None else "",
        "tags": ", ".join(image.tags) or "<untagged>",
        "in_use": NOT_KNOWN if v.in_use is None else (str(v.in_use) if v.in_use else ""),
        "preview": _preview_cell(preview.get(image.digest)) if preview is not None else "",
        "pushed": relative(image.pushed_at, now),
        "pulled": relative(image.last_pull, now) if image.last_pull else "never",
        "status": "" if status in ("", "ACTIVE") else status,
        "digest": short_digest(image.digest),
    }
    return LifecycleRow(cells, action, at_risk)


def lifecycle_table(report: LifecycleReport, now: datetime) -> LifecycleTable:
    """Every verdict as a row, those at risk first (each part in the report's order)."""
    shown = report.preview is not None and report.preview.status == "COMPLETE"
    preview = report.preview.by_digest() if shown and report.preview else None
    rows = sorted((_row(v, now, preview) for v in report.verdicts), key=lambda r: not r.at_risk)
    wanted = {spec.key: max((len(r.cells[spec.key]) for r in rows), default=0)
              for spec in COLUMNS}
    columns = tuple(
        spec for spec in COLUMNS
        if (spec.key != "preview" or preview is not None)
        and (spec.key != "status" or wanted["status"])
    )
    return LifecycleTable(tuple(rows), wanted, columns)
