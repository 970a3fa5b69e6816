"""LifecycleList: the Lifecycle view's images, a virtual list (only the lines on screen are
drawn) whose columns are chosen by the width it has (whole or hidden, by priority)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from ecr_tui.ui.column_layout import CELL_PAD, choose_widths, cut, shown_in_order
from ecr_tui.ui.lifecycle_rows import LifecycleRow, LifecycleTable
from ecr_tui.ui.widgets.lines_view import LinesView

_PAD = " " * CELL_PAD


class LifecycleList(LinesView):
    COMPONENT_CLASSES = LinesView.COMPONENT_CLASSES | {
        "lifecycle-list--expire", "lifecycle-list--archive", "lifecycle-list--risk",
        "lifecycle-list--keep",
    }
    DEFAULT_CSS = """
    LifecycleList > .lifecycle-list--expire { color: $text-error; }
    LifecycleList > .lifecycle-list--archive { color: $text-warning; }
    LifecycleList > .lifecycle-list--risk { color: $text-error; text-style: bold; }
    LifecycleList > .lifecycle-list--keep { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._table = LifecycleTable((), {}, ())
        self.shown_columns: list[tuple[str, int]] = []
        """(key, width) of each column on screen, in order."""

    def show(self, table: LifecycleTable, *, keep_scroll: bool = False) -> None:
        self._table = table
        self._layout(keep_scroll=keep_scroll)

    def on_resize(self) -> None:
        super().on_resize()
        self._layout(keep_scroll=True)

    def _layout(self, *, keep_scroll: bool) -> None:
        room = (self.content_region.width or self.app.size.width) \
            - self.styles.scrollbar_size_vertical
        specs = self._table.columns
        widths = choose_widths(specs, self._table.wanted, room)
        shown = shown_in_order(specs, widths)
        self.shown_columns = [(spec.key, widths[spec.key]) for spec in shown]
        header = Text("".join(f"{_PAD}{cut(spec.label, widths[spec.key]):<{widths[spec.key]}}"
                              f"{_PAD}" for spec in shown))
        self.set_items(self._table.rows, self._line, header, keep_scroll=keep_scroll)

    def line_text(self, row: LifecycleRow) -> str:
        """The row as drawn, without styles (tests read it)."""
        return self._line(row).plain

    def _line(self, row: LifecycleRow) -> Text:
        styles = {
            name: self.get_component_rich_style(f"lifecycle-list--{name}")
            for name in ("expire", "archive", "risk", "keep")
        }
        action_style = styles["archive" if row.action == "transition" else row.action]
        line = Text()
        for key, width in self.shown_columns:
            cell = f"{_PAD}{cut(row.cells[key], width):<{width}}{_PAD}"
            style: Style | None = None
            if key == "mark" or (row.at_risk and key in ("in_use", "tags")):
                style = styles["risk"]
            elif key in ("action", "rule"):
                style = action_style
            line.append(cell, style)
        return line
