"""OptionLines: a line-API list of one- or more-line rows that looks and acts as Textual's
OptionList (its keys, highlight, hover, click and styles) but draws only the rows in view and
counts a row's lines instead of measuring its text (rows are never wrapped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

if TYPE_CHECKING:
    from textual import events
    from textual.style import Style

OPTION, HIGHLIGHTED, HOVER = ("option-list--option", "option-list--option-highlighted",
                              "option-list--option-hover")


class OptionLines(ScrollView, can_focus=True):
    # OptionList's look (its component class names too); separators, disabled rows and
    # the compact style left out: no list here has them
    DEFAULT_CSS = """
    OptionLines {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """
    COMPONENT_CLASSES = {OPTION, HIGHLIGHTED, HOVER}
    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None)
    """The index of the highlighted row, or None."""
    _hovering: reactive[int | None] = reactive(None)
    """The index of the row under the mouse, or None."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Content] = []
        self._lines: list[tuple[int, int]] = []
        """(row, line within the row) of each line."""
        self._first_line: list[int] = []
        """Each row's first line."""
        self._strips: dict[tuple[int, Style], list[Strip]] = {}
        """The drawn lines of the rows drawn so far, by row and style."""

    @property
    def option_count(self) -> int:
        return len(self._rows)

    def _set_rows(self, rows: list[Content]) -> None:
        """New rows: no highlight, scrolled to the top (as OptionList.set_options)."""
        self._rows = rows
        self.highlighted = None
        self.scroll_y = 0
        self._count_lines()

    def _replace_row(self, row: int, content: Content) -> None:
        old = self._rows[row].plain
        self._rows[row] = content
        if content.plain.count("\n") != old.count("\n"):
            self._count_lines()
            return
        for key in [key for key in self._strips if key[0] == row]:
            del self._strips[key]
        self.refresh()

    def _count_lines(self) -> None:
        lines: list[tuple[int, int]] = []
        first: list[int] = []
        for row, content in enumerate(self._rows):
            first.append(len(lines))
            lines.extend((row, n) for n in range(content.plain.count("\n") + 1))
        self._lines, self._first_line = lines, first
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def _on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))

    def notify_style_update(self) -> None:
        self._strips.clear()
        self.refresh()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        try:
            row, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return Strip.blank(width, self.get_visual_style(OPTION).rich_style)
        if row == self.highlighted:
            style = self.get_visual_style(OPTION, HIGHLIGHTED)
        elif row == self._hovering:
            style = self.get_visual_style(OPTION, HOVER)
        else:
            style = self.get_visual_style(OPTION)
        strips = self._strips.get((row, style))
        if strips is None:
            strips = self._draw(row, style, width)
            self._strips[(row, style)] = strips
        return strips[offset] if offset < len(strips) else Strip.blank(width, style.rich_style)

    def _draw(self, row: int, style: Style, width: int) -> list[Strip]:
        """The row's lines as OptionList draws an option (Visual.to_strips, filled to the
        width, the row's index in each segment's meta), segment for segment, without its
        wrapping machinery: a row is never wrapped, only cut with … at the width."""
        content = self._rows[row]
        styles = self.styles
        if (self.text_selection is not None or styles.text_wrap != "nowrap"
                or styles.text_align not in ("left", "start") or "\t" in content.plain
                or styles.content_align != ("left", "top") or not width):
            meta = {"option": row}
            return [strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
                    for strip in Visual.to_strips(self, content, width, None, style)]
        ellipsis = styles.text_overflow == "ellipsis"
        lines = content.split(allow_blank=True) if "\n" in content.plain else [content]
        fill = style.rich_style + RichStyle.from_meta({"option": row})
        strips = []
        for y, line in enumerate(lines):
            line = line.truncate(width, ellipsis=ellipsis)
            segments = []
            x = 0
            for text, text_style in line.render(style, end=""):
                segments.append(Segment(text, (style + text_style).rich_style
                                        + RichStyle.from_meta({"option": row, "offset": (x, y)})))
                x += len(text)
            cells = line.cell_length
            if cells < width:
                segments.append(Segment(" " * (width - cells), fill))
            strips.append(Strip(segments, max(width, cells)))
        return strips

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._rows:
            return None
        return max(0, min(highlighted, len(self._rows) - 1))

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None:
            self.scroll_to_highlight()

    def scroll_to_highlight(self, top: bool = False) -> None:
        row = self.highlighted
        if row is None or not self.is_mounted or row >= len(self._first_line):
            return
        end = self._first_line[row + 1] if row + 1 < len(self._first_line) else len(self._lines)
        y = self._first_line[row]
        self.scroll_to_region(Region(0, y, self.scrollable_content_region.width, end - y),
                              force=True, animate=False, top=top, immediate=True)

    def on_show(self) -> None:
        self.scroll_to_highlight()

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovering = event.style.meta.get("option")

    def _on_leave(self, _: events.Leave) -> None:
        self._hovering = None

    # -- keys, as OptionList's: up and down wrap at the ends, a page is the list's height --
    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            self.highlighted = 0 if direction == 1 else len(self._rows) - 1
        elif self._rows:
            self.highlighted = (self.highlighted + direction) % len(self._rows)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._rows) - 1

    def _move_page(self, direction: int) -> None:
        if not self._rows:
            return
        y = self._first_line[self.highlighted or 0] + direction * (
            self.scrollable_content_region.height)
        self.highlighted = self._lines[max(0, min(y, len(self._lines) - 1))][0]

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self._selected(self.highlighted)

    def _selected(self, row: int) -> None:
        """The row chosen (Enter or a click)."""
        raise NotImplementedError
