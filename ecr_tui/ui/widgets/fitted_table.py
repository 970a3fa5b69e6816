"""FittedTable: a DataTable whose columns are chosen by the width it has (each whole or hidden,
by priority; a long cell ends with `…`), re-laid out when the width or the widest cell changes.
Home/End go to the first/last row, as in the repository and tag lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable

from ecr_tui.ui.bindings import ROW_TABLE_BINDINGS
from ecr_tui.ui.column_layout import ColumnSpec, choose_widths, shown_in_order


def fit_text(text: Text, width: int) -> Text:
    """`text` in `width` cells, its styles and justification kept; a cut one ends with `…`."""
    if text.cell_len <= width:
        return text
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis")
    return fitted


class FittedTable(DataTable[Text]):
    BINDINGS = ROW_TABLE_BINDINGS
    DEFAULT_CSS = """
    FittedTable { overflow-x: hidden; }
    """

    def __init__(
        self, columns: Sequence[ColumnSpec], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._specs = tuple(columns)
        self._cells: dict[str, dict[str, Text]] = {}
        """Row key -> column key -> the whole cell, in row order (hidden columns too)."""
        self._wanted: dict[str, int] = {spec.key: 0 for spec in self._specs}
        self._widths: dict[str, int] | None = None

    @property
    def shown_columns(self) -> list[str]:
        """The keys of the columns on screen, in order."""
        return [str(column.key.value) for column in self.ordered_columns]

    def full_cell(self, row: str, column: str) -> Text:
        """A cell as given, before any cut."""
        return self._cells[row][column]

    # -- rows -----------------------------------------------------------------------------
    def add_fitted_row(self, key: str, cells: Mapping[str, Text]) -> None:
        self._cells[key] = dict(cells)
        if self._measure(cells) and self._relayout():
            return  # the new layout has added every row, this one included
        self.add_row(*self._fitted(key), key=key)

    def set_fitted_cell(self, key: str, column: str, text: Text) -> None:
        """Change one cell in place (a tick must not rebuild the table)."""
        self._cells[key][column] = text
        if self._measure({column: text}) and self._relayout():
            return
        if self._widths is not None and column in self._widths:
            self.update_cell(key, column, fit_text(text, self._widths[column]))

    def clear_rows(self) -> None:
        """Drop the rows; the columns keep their widths (no jumping while a filter narrows)."""
        self._cells.clear()
        self.clear()

    def on_resize(self) -> None:
        self._relayout()

    # -- layout -----------------------------------------------------------------------------
    def _measure(self, cells: Mapping[str, Text]) -> bool:
        """Note the widest cell of each column; True when one grew."""
        grew = False
        for column, text in cells.items():
            if text.cell_len > self._wanted[column]:
                self._wanted[column] = text.cell_len
                grew = True
        return grew or self._widths is None

    def _room(self) -> int:
        width = self.content_region.width
        if width <= 0:  # not laid out yet: the screen's width stands in until the first resize
            width = self.app.size.width - self.styles.gutter.width
        return width - self.styles.scrollbar_size_vertical

    def _relayout(self) -> bool:
        """Choose the columns for the width there is; rebuild only when the choice changed."""
        widths = choose_widths(self._specs, self._wanted, self._room(), self.cell_padding)
        if widths == self._widths:
            return False
        self._widths = widths
        cursor = self.cursor_row
        self.clear(columns=True)
        for spec in shown_in_order(self._specs, widths):
            self.add_column(Text(spec.label, style="bold"), key=spec.key, width=widths[spec.key])
        for key in self._cells:
            self.add_row(*self._fitted(key), key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)
        return True

    def _fitted(self, key: str) -> list[Text]:
        widths = self._widths or {}
        cells = self._cells[key]
        return [fit_text(cells.get(spec.key, Text()), widths[spec.key])
                for spec in shown_in_order(self._specs, widths)]
