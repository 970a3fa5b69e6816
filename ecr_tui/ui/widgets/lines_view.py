"""LinesView: a virtual list of prepared items; only the visible lines are ever formatted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

Formatter = Callable[[Any], Text]


class LinesView(ScrollView, can_focus=True):
    """Line 0 is a fixed header; items are formatted when they scroll into view."""

    DEFAULT_CSS = """
    LinesView { background: $surface; height: 1fr; }
    LinesView > .lines-view--header { text-style: bold; color: $text-accent; }
    """
    COMPONENT_CLASSES = {"lines-view--header"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: Sequence[Any] = ()
        self._format: Formatter = lambda item: Text(str(item))
        self._header = Text()
        self._cache: dict[int, Strip] = {}

    @property
    def item_count(self) -> int:
        return len(self._items)

    def set_items(self, items: Sequence[Any], format: Formatter, header: Text | None = None,
                  *, keep_scroll: bool = False) -> None:
        self._items = items
        self._format = format
        self._header = header or Text()
        self._cache.clear()
        self.virtual_size = Size(0, len(items) + 1)
        if not keep_scroll:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip(self._header, width,
                               self.get_component_rich_style("lines-view--header"))
        index = round(self.scroll_y) + y - 1
        if index >= len(self._items):
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(index)
        if strip is None or strip.cell_length != width:
            strip = self._strip(self._format(self._items[index]), width, self.rich_style)
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[index] = strip
        return strip

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.no_wrap = True
        if text.cell_len > width:  # a line cut by the edge ends with `…`, as every cut cell does
            text.truncate(width, overflow="ellipsis")
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console, end="")
        ]
        return Strip(segments).crop_extend(0, width, style or Style())
