"""Cursor keys and scrolling shared by the virtual lists (repositories, tags)."""

from __future__ import annotations

from typing import TYPE_CHECKING


class CursorRows:
    """Mixin for a ScrollView whose line 0 is a header and whose rows follow it."""

    cursor: int

    if TYPE_CHECKING:
        scroll_y: float

        def move_to(self, index: int) -> None: ...
        def scroll_to(self, *, y: float, animate: bool) -> None: ...

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
