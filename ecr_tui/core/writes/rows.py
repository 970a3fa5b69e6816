"""A repository's tag rows as a write leaves them, so a list updates in place (no re-listing)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.core.records import TagRow
    from ecr_tui.core.write_records import WritePlan


def rows_after(rows: list[TagRow], plan: WritePlan) -> list[TagRow]:
    if plan.operation == "tag":
        source = next((r for r in rows if r.digest == plan.digest), None)
        kept = [r for r in rows if r.tag != plan.tag]
        return kept if source is None else [replace(source, tag=plan.tag), *kept]
    if plan.operation == "untag":
        return [r for r in rows if r.tag != plan.tag]
    gone = {plan.digest, *plan.referrers}
    return [r for r in rows if r.digest not in gone]
