"""TagListView: a virtual list (line API) that renders only the visible tags of a plain list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ecr_tui.core.humanize import ellipsize
from ecr_tui.core.images.groups import fit_tags
from ecr_tui.core.images.status import platforms_label
from ecr_tui.core.models import TagRow
from ecr_tui.core.registry.tags import semver_key
from ecr_tui.ui.bindings import TAG_LIST_BINDINGS
from ecr_tui.ui.formatting import absolute, human_size, relative, short_digest
from ecr_tui.ui.widgets.cursor_rows import CursorRows
from ecr_tui.ui.widgets.substring_filter import SubstringFilter

SORTS: dict[str, tuple[Callable[[TagRow], object], bool]] = {
    "pushed": (lambda r: r.pushed_at.timestamp() if r.pushed_at else 0.0, True),
    "name": (lambda r: r.tag, False),
    "semver": (lambda r: semver_key(r.tag), True),
    "size": (lambda r: r.size_bytes or 0, True),
    # Stalest first: never pulled (0), then the oldest pull; again: most recently pulled first.
    "pulled": (lambda r: r.last_pull.timestamp() if r.last_pull else 0.0, False),
}
UNKNOWN_LAST = {"pushed": "not dated yet", "size": "of unknown size"}
"""Sorts whose key may be missing while details load: rows without it are listed last."""
SCAN_WIDTH = 12
"""The SCAN column: counts that do not fit are dropped whole, least severe first."""


def unknown_counts(rows: Iterable[TagRow]) -> dict[str, int]:
    """Per sort of UNKNOWN_LAST: how many rows have no value for it (no details yet)."""
    undated = unsized = 0
    for row in rows:
        undated += row.pushed_at is None
        unsized += row.size_bytes is None
    return {"pushed": undated, "size": unsized}


def sort_title(key: str, reverse: bool, unknown: dict[str, int]) -> str:
    """`sort pushed ↓`, and how many rows that sort cannot place yet (they come last)."""
    title = f"sort {key} {'↓' if reverse else '↑'}"
    missing = unknown.get(key, 0)
    return f"{title} ({missing:,} {UNKNOWN_LAST[key]}, last)" if missing else title


def _lower(text: str) -> str:
    """The lower-case text, sharing the string when it already is (100,000 tags: ~6 MB)."""
    lowered = text.lower()
    return text if lowered == text else lowered


class TagListView(CursorRows, ScrollView, can_focus=True):
    BINDINGS = TAG_LIST_BINDINGS
    COMPONENT_CLASSES = {"tag-list--header", "tag-list--cursor", "tag-list--dim"}
    DEFAULT_CSS = """
    TagListView { background: $surface; }
    TagListView > .tag-list--header { text-style: bold; color: $text-accent; }
    TagListView > .tag-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    TagListView:blur > .tag-list--cursor { background: $block-cursor-blurred-background; }
    TagListView > .tag-list--dim { color: $text-muted; }
    """

    @dataclass
    class Highlighted(Message):
        row: TagRow | None

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._all: list[TagRow] = []
        self._positions: dict[str, int] | None = None
        self._filter: SubstringFilter[TagRow] | None = None
        self.rows: list[TagRow] = []
        self.cursor = 0
        self.filter_text = ""
        self.sort_key = "pushed"
        self.sort_reverse = True
        self._tag_width = 24
        self._unknown: dict[str, int] = {}
        """Rows each sort cannot place (no details yet), counted when the rows change."""
        self.border_title = "Tags"

    # -- data ---------------------------------------------------------------------------
    def set_rows(self, rows: list[TagRow], *, keep_position: bool = False) -> None:
        self._all = list(rows)
        self._filter = None
        self._positions = None  # built by the first merge_rows: a plain listing never needs it
        self._tag_width = min(24, max([10, *(len(r.tag) for r in rows[:5000])]))
        self._apply(keep_position=keep_position)

    def merge_rows(self, rows: Iterable[TagRow]) -> None:
        """Rows new or changed (by tag name) while a listing arrives; the cursor keeps its tag."""
        fresh = False
        if self._positions is None:
            self._positions = {row.tag: i for i, row in enumerate(self._all)}
        for row in rows:
            at = self._positions.get(row.tag)
            if at is None:
                self._positions[row.tag] = len(self._all)
                self._all.append(row)
                fresh = True
            else:
                self._all[at] = row
        self._filter = None
        if fresh and len(self._all) <= 5000:
            self._tag_width = min(24, max([10, *(len(r.tag) for r in self._all)]))
        self._apply(keep_position=True)

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip().lower()
        self._apply()

    def sort_by(self, key: str) -> None:
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, SORTS[key][1]
        self._filter = None
        self._apply()

    @property
    def highlighted(self) -> TagRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _apply(self, *, keep_position: bool = False) -> None:
        previous = self.highlighted
        at_top = self.cursor == 0 and round(self.scroll_y) == 0
        needle = self.filter_text
        rows = self._sorted_filter()(needle)
        self.rows = rows
        self.set_row_space(Size(self._line_width(), len(rows) + 1))
        sort = sort_title(self.sort_key, self.sort_reverse, self._unknown)
        self.border_title = f"Tags {len(rows)}/{len(self._all)}  {sort}"
        if keep_position and previous is not None and not at_top:
            # Rows arriving or filling in re-sort the list: follow the tag under the cursor.
            index = next((i for i, r in enumerate(rows) if r.tag == previous.tag), 0)
            self.scroll_cursor_into_view(index)
        else:
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
            if previous is not None and needle:
                self.cursor = next((i for i, r in enumerate(rows) if r is previous), 0)
        if self.highlighted is not previous:
            self._cursor_moved()
        self.refresh()

    def _sorted_filter(self) -> SubstringFilter[TagRow]:
        """Sorted once per change of rows or order; each keystroke only filters."""
        if self._filter is None:
            key, _default = SORTS[self.sort_key]
            ordered = sorted(self._all, key=key, reverse=self.sort_reverse)
            self._unknown = unknown_counts(self._all)
            self._filter = SubstringFilter(
                ordered, [_lower(r.tag) for r in ordered], [r.digest for r in ordered]
            )
        return self._filter

    # -- cursor -------------------------------------------------------------------------
    def _row_total(self) -> int:
        return len(self.rows)

    def _viewport_rows(self) -> int:
        return self.size.height - 1

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.cursor:
            return
        self.scroll_cursor_into_view(index)
        self._cursor_moved()
        self.refresh()

    def _cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self.highlighted))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(round(self.scroll_y) + event.y - 1)

    # -- rendering ----------------------------------------------------------------------
    def _line_width(self) -> int:
        return self._tag_width + 64 + 24

    def _platform_width(self) -> int:
        """Platforms take whatever the fixed columns leave (at least 24 cells)."""
        return max(24, self.scrollable_content_region.width - self._tag_width - 64)

    def _format(self, row: TagRow, now: datetime) -> str:
        scan = row.scan.short(SCAN_WIDTH) if row.scan else "-"
        width, plat_width = self._tag_width, self._platform_width()
        platforms = ellipsize(platforms_label(row), plat_width)
        return (
            f" {fit_tags(row.tag, width):<{width}} {short_digest(row.digest):<12} "
            f"{relative(row.pushed_at, now):>9} {absolute(row.pushed_at):<16} "
            f"{human_size(row.size_bytes):>9}  {platforms:<{plat_width}} {scan:<{SCAN_WIDTH}}"
        )

    def _header(self) -> str:
        return (
            f" {'TAG':<{self._tag_width}} {'DIGEST':<12} {'PUSHED':>9} {'':<16} "
            f"{'SIZE':>9}  {'PLATFORMS':<{self._platform_width()}} {'SCAN':<{SCAN_WIDTH}}"
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        if y == 0:
            text, style = self._header(), self.get_component_rich_style("tag-list--header")
        else:
            index = round(self.scroll_y) + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            text = self._format(self.rows[index], self._clock())
            style = self.rich_style
            if index == self.cursor:
                style = style + self.get_component_rich_style("tag-list--cursor")
        end = scroll_x + width
        if len(text.rstrip()) > end:  # the view's edge cuts a cell: say so, as any cut says
            text = ellipsize(text, end)
        strip = Strip([Segment(text, style)], len(text))
        return strip.crop_extend(scroll_x, end, style or Style())
