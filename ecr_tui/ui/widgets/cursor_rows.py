"""Cursor keys and scrolling shared by the virtual lists (repositories, tags)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.widget import Widget


class CursorRows:
    """Mixin for a ScrollView whose line 0 is a header and whose rows follow it."""

    cursor: int

    if TYPE_CHECKING:
        scroll_y: float

        def move_to(self, index: int) -> None: ...
        def scroll_to(self, *, y: float, animate: bool) -> None: ...
        def set_reactive(self, reactive: object, value: object) -> None: ...
        def _scroll_update(self, virtual_size: Size) -> None: ...
        def refresh(self) -> object: ...

        virtual_size: Size

    def _row_total(self) -> int:
        raise NotImplementedError

    def _viewport_rows(self) -> int:
        raise NotImplementedError

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self._viewport_rows() - 1))

    def action_jump(self, index: int) -> None:
        self.move_to(index if index >= 0 else self._row_total() - 1)

    def scroll_cursor_into_view(self, index: int) -> None:
        self.cursor = index
        visible = max(1, self._viewport_rows())
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + visible:
            self.scroll_to(y=index - visible + 1, animate=False)

    def set_row_space(self, size: Size) -> None:
        """The list's new virtual size, without the whole-screen layout Textual's reactive asks
        for: only this list's scrollbars depend on it (a scrollbar shown or hidden still lays
        out, through its display). At 100,000 rows that layout was most of a filter key."""
        if size == self.virtual_size:
            return
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)
        self.refresh()
