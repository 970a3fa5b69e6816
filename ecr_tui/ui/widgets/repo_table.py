"""RepoTable: the repositories of one Target, filtered and sorted as plain list operations."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from ecr_tui.core.models import Repository, Target
from ecr_tui.ui.formatting import absolute

COLUMNS = (
    ("name", "Name", 34),
    ("created", "Created", 16),
    ("mutability", "Tags", 9),
    ("scan", "Scan", 4),
    ("uri", "URI", 70),
)
_SORTS = {
    "name": lambda r: r.name,
    "created": lambda r: r.created_at.timestamp() if r.created_at else 0.0,
    "mutability": lambda r: r.tag_mutability,
    "scan": lambda r: bool(r.scan_on_push),
    "uri": lambda r: r.uri,
}


class RepoTable(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.target: Target | None = None
        self._all: list[Repository] = []
        self.shown: list[Repository] = []
        self.filter_text = ""
        self.sort_key = "name"
        self.sort_reverse = False
        self.border_title = "Repositories"

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(Text(label, style="bold"), key=key, width=width)

    def show_loading(self, target: Target) -> None:
        self.target = target
        self._all = []
        self._render_rows()
        self.border_subtitle = f"loading {target.profile} / {target.region}…"

    def show_error(self, target: Target, line: str) -> None:
        self.target = target
        self._all = []
        self._render_rows()
        self.border_subtitle = line

    def set_repositories(self, target: Target, repositories: list[Repository]) -> None:
        self.target = target
        self._all = list(repositories)
        self.border_subtitle = f"{target.profile} / {target.region}"
        self._render_rows()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip().lower()
        self._render_rows()

    def sort_by(self, key: str) -> None:
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, key == "created"
        self._render_rows()

    @property
    def highlighted_repository(self) -> Repository | None:
        if not self.shown or self.cursor_row < 0 or self.cursor_row >= len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def _render_rows(self) -> None:
        previous = self.highlighted_repository
        needle = self.filter_text
        rows = [r for r in self._all if needle in r.name.lower()] if needle else list(self._all)
        rows.sort(key=_SORTS[self.sort_key], reverse=self.sort_reverse)
        self.shown = rows
        self.clear()
        for r in rows:
            self.add_row(
                Text(r.name),
                Text(absolute(r.created_at)),
                Text(r.tag_mutability.lower()),
                Text("yes" if r.scan_on_push else "no", "green" if r.scan_on_push else "dim"),
                Text(r.uri, "dim"),
                key=r.name,
            )
        arrow = "↓" if self.sort_reverse else "↑"
        self.border_title = (
            f"Repositories {len(rows)}/{len(self._all)}  sort {self.sort_key} {arrow}"
            + (f"  filter: {self.filter_text}" if self.filter_text else "")
        )
        if previous is not None and previous in rows:
            self.move_cursor(row=rows.index(previous), animate=False)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row one line: measuring each new cell
        # (DataTable's default, ~1 s for 10,000 rows) cannot change the layout.
        if self._labelled_row_exists or any(c.auto_width for c in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, len(self.rows) + header)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(str(event.column_key.value))
