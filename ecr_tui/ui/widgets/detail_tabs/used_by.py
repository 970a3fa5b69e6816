"""The "Used by" tab: every workload of the scope running the highlighted image, one row each
(kind, account, region, cluster, name, task definition, container, running/desired, matched by,
drift), columns chosen by the width; above it, the scan's progress and the scope it covered."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ecr_tui.core.usage_records import UsageRow
from ecr_tui.ui.column_layout import ColumnSpec
from ecr_tui.ui.usage_view import UsageView, workload_of
from ecr_tui.ui.widgets.fitted_table import FittedTable

COLUMNS = (
    ColumnSpec("kind", "KIND", 0, whole=True),
    ColumnSpec("account", "ACCOUNT", 2, whole=True),
    ColumnSpec("region", "REGION", 3, whole=True),
    ColumnSpec("cluster", "CLUSTER", 3, min_width=8, max_width=24),
    ColumnSpec("name", "NAME", 0, min_width=12, max_width=40),
    ColumnSpec("task_definition", "TASK DEFINITION", 4, min_width=10, max_width=40),
    ColumnSpec("container", "CONTAINER", 5, min_width=8, max_width=24),
    ColumnSpec("running", "RUN/DESIRED", 1, whole=True),
    ColumnSpec("matched_by", "MATCHED BY", 2, whole=True),
    ColumnSpec("drift", "DRIFT", 1, whole=True),
)
DRIFT = "tag moved"


def row_cells(row: UsageRow) -> dict[str, Text]:
    counts = "-" if row.running is None else f"{row.running}/{row.desired}"
    return {
        "kind": Text(row.kind), "account": Text(row.account_id), "region": Text(row.region),
        "cluster": Text(row.cluster or "-"), "name": Text(row.name, "bold"),
        "task_definition": Text(row.task_definition or "-"),
        "container": Text(row.container or "-"),
        "running": Text(counts, "dim" if not row.running and row.running is not None else "",
                        justify="right"),
        "matched_by": Text(row.matched_by),
        "drift": Text(DRIFT, "bold yellow") if row.tag_moved else Text(""),
    }


def summary(view: UsageView | None, rows: Sequence[UsageRow]) -> Text:
    """What the scan says of this image so far, and over which pairs."""
    if view is None:
        return Text("Not scanned yet.", "dim")
    workloads = len({workload_of(r) for r in rows})
    text = Text()
    if not view.finished:
        text.append(f"Scanning: {view.pairs_done}/{view.pairs_total} pairs answered, "
                    f"{workloads} workloads found so far…", "italic")
    elif workloads:
        text.append(f"{workloads} workload{'s' if workloads != 1 else ''} run this image", "bold")
    else:
        text.append("No workload in scope runs this image", "bold")
    moved = len({workload_of(r) for r in rows if r.tag_moved})
    if moved:
        text.append(f"  ·  {moved} run it under a tag that has moved on (drift)", "yellow")
    text.append(f"\nScope: {view.scope}" if view.scope else "", "dim")
    if view.finished and view.failures:
        text.append(f"\n{len(view.failures)} pairs could not be read (there may be more): ",
                    "red")
        text.append(view.failures_line(), "red")
    return text


class UsedByView(Vertical):
    DEFAULT_CSS = """
    UsedByView { height: 1fr; }
    UsedByView #used-by-summary { height: auto; max-height: 5; }
    UsedByView #used-by-table { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("Highlight an image to see what runs it.", "dim"), id="used-by-summary")
        yield FittedTable(COLUMNS, id="used-by-table")

    def show(self, view: UsageView | None, digests: Sequence[str]) -> None:
        """The rows of the image whose digests (its own, its platform images') are given."""
        rows = view.rows_of(digests) if view is not None and digests else []
        self.query_one("#used-by-summary", Static).update(summary(view, rows))
        table = self.query_one(FittedTable)
        table.clear_rows()
        for n, row in enumerate(rows):
            table.add_fitted_row(str(n), row_cells(row))

    def show_nothing(self, line: str, style: str = "dim") -> None:
        self.query_one("#used-by-summary", Static).update(Text(line, style))
        self.query_one(FittedTable).clear_rows()
