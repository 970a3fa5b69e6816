"""RepoTable: a virtual list (line API) of one Target's repositories, filtered and sorted as
plain list operations, so 10,000 rows cost what the visible ones cost. Its columns are chosen by
the width it has (whole or hidden, by priority; a long cell ends with `…`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ecr_tui.core.ecr.pullthrough import rule_for_repository, upstream_host
from ecr_tui.core.models import ROOT_PREFIX, PullThroughRule, Repository, Target
from ecr_tui.ui.bindings import REPO_TABLE_BINDINGS
from ecr_tui.ui.column_layout import CELL_PAD, cut
from ecr_tui.ui.formatting import absolute
from ecr_tui.ui.widgets.cursor_rows import CursorRows
from ecr_tui.ui.widgets.repo_columns import RepoColumns
from ecr_tui.ui.widgets.repo_lifecycle_column import FAILED, UNKNOWN, LifecycleColumn
from ecr_tui.ui.widgets.substring_filter import SubstringFilter

SORTS: dict[str, tuple[Callable[[Repository], object], bool]] = {
    "name": (lambda r: r.name, False),
    "created": (lambda r: r.created_at.timestamp() if r.created_at else 0.0, True),
    "mutability": (lambda r: r.tag_mutability, False),
    "scan": (lambda r: bool(r.scan_on_push), False),
    "uri": (lambda r: r.uri, False),
}
_SCAN_STYLES = {True: Style(color="green"), False: Style(dim=True)}
_DIM = Style(dim=True)
_UPSTREAM = Style(italic=True)


def _fit(text: str, width: int) -> str:
    return f"{cut(text, width):<{width}}"


class RepoTable(CursorRows, LifecycleColumn, ScrollView, can_focus=True):
    BINDINGS = REPO_TABLE_BINDINGS
    COMPONENT_CLASSES = {
        "repo-table--header", "repo-table--cursor", "repo-table--even-row",
    }
    DEFAULT_CSS = """
    RepoTable { background: $surface; color: $foreground; }
    RepoTable:focus { background-tint: $foreground 5%; }
    RepoTable > .repo-table--header { text-style: bold; background: $panel; color: $foreground; }
    RepoTable > .repo-table--even-row { background: $surface-lighten-1 50%; }
    RepoTable:dark > .repo-table--even-row { background: $surface-darken-1 40%; }
    RepoTable > .repo-table--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
    }
    RepoTable:focus > .repo-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    @dataclass
    class Selected(Message):
        """enter (or a click on the highlighted row): open this repository."""

        repository: Repository

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.target: Target | None = None
        self._all: list[Repository] = []
        self._sorted: list[Repository] = []
        self._filter: SubstringFilter[Repository] = SubstringFilter([], [])
        """Lower-case names in `_sorted` order; each keystroke narrows the last result."""
        self._positions: dict[str, int] = {}
        """URI → place in `_sorted`: the highlighted repository is found without a scan."""
        self.shown: list[Repository] = []
        self.cursor = 0
        self.filter_text = ""
        self.sort_key = "name"
        self.sort_reverse = False
        self._favourites: frozenset[str] = frozenset()
        self.border_title = "Repositories"
        self._styles: tuple[Style, Style, Style, Style] | None = None
        self._rules: tuple[Target | None, list[PullThroughRule]] = (None, [])
        self._upstreams: dict[str, str] = {}
        """Repository name -> the upstream registry its pull-through-cache rule mirrors."""
        self.fitted = RepoColumns()
        """The columns shown, chosen by the width the table has."""
        self.forget_lifecycle()

    # -- data ---------------------------------------------------------------------------
    def show_loading(self, target: Target) -> None:
        self.target = target
        self.forget_lifecycle()
        self._set_all([])
        self.border_subtitle = f"loading {target.profile} / {target.region}…"

    def show_error(self, target: Target, line: str) -> None:
        self.target = target
        self.forget_lifecycle()
        self._set_all([])
        self.border_subtitle = line

    def set_repositories(self, target: Target, repositories: list[Repository]) -> None:
        if target != self.target:
            self.forget_lifecycle()
        self.target = target
        self.border_subtitle = f"{target.profile} / {target.region}"
        self._set_all(list(repositories))

    def set_rules(self, target: Target, rules: list[PullThroughRule]) -> None:
        """Mark repositories created by a pull-through-cache rule with their upstream."""
        self._rules = (target, list(rules))
        self._upstreams = {}
        self._measure()
        self.refresh()

    def upstream_of(self, repository: Repository) -> str:
        target, rules = self._rules
        if target != self.target or not rules:
            return ""
        name = repository.name
        if name not in self._upstreams:
            rule = rule_for_repository(name, rules)
            self._upstreams[name] = upstream_host(rule.upstream_registry_url) if rule else ""
        return self._upstreams[name]

    def set_favourites(self, names: frozenset[str]) -> None:
        if names != self._favourites:
            self._favourites = names
            self._measure()
            self._sort()
            self._apply()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip().lower()
        self._apply()

    def sort_by(self, key: str) -> None:
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, SORTS[key][1]
        self._sort()
        self._apply()

    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def highlighted_repository(self) -> Repository | None:
        return self.shown[self.cursor] if 0 <= self.cursor < len(self.shown) else None

    def _set_all(self, repositories: list[Repository]) -> None:
        self._all = repositories
        self._measure()
        self._sort()
        self._apply()

    # -- columns by width ---------------------------------------------------------------
    def _upstream_hosts(self) -> list[str]:
        """The upstreams this registry's rules can show; none: the column is hidden."""
        target, rules = self._rules
        if target != self.target:
            return []
        return [upstream_host(r.upstream_registry_url) for r in rules if r.prefix != ROOT_PREFIX]

    def _measure(self) -> None:
        self.fitted.measure(self._all, bool(self._favourites), self._upstream_hosts())
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        room = self.content_region.width - self.styles.scrollbar_size_vertical
        if self.fitted.fit(room):
            self.virtual_size = Size(self.fitted.line_width, len(self.shown) + 1)
            self.refresh()

    def _sort(self) -> None:
        key, _default = SORTS[self.sort_key]
        self._sorted = sorted(self._all, key=key, reverse=self.sort_reverse)
        if self._favourites:  # favourites first, each part in the chosen order
            self._sorted.sort(key=lambda r: r.name not in self._favourites)
        self._filter = SubstringFilter(self._sorted, [r.name.lower() for r in self._sorted])
        self._positions = {r.uri: i for i, r in enumerate(self._sorted)}

    def _apply(self) -> None:
        """Filter the sorted list; keep the highlighted repository when it is still shown."""
        previous = self.highlighted_repository
        needle = self.filter_text
        rows = self._filter(needle)
        self.shown = rows
        self.set_row_space(Size(self.fitted.line_width, len(rows) + 1))
        arrow = "↓" if self.sort_reverse else "↑"
        self.border_title = (
            f"Repositories {len(rows)}/{len(self._all)}  sort {self.sort_key} {arrow}"
            + (f"  filter: {self.filter_text}" if self.filter_text else "")
        )
        at = self._positions.get(previous.uri) if previous is not None else None
        index = self._filter.locate(needle, at) if at is not None else None
        self.cursor = 0
        if index is None:
            self.scroll_to(y=0, animate=False)
        else:
            self._move(index)
        self.refresh()

    # -- cursor -------------------------------------------------------------------------
    def _row_total(self) -> int:
        return len(self.shown)

    def _viewport_rows(self) -> int:
        return self.scrollable_content_region.height - 1

    def action_select(self) -> None:
        repository = self.highlighted_repository
        if repository is not None:
            self.post_message(self.Selected(repository))

    def move_to(self, index: int) -> None:
        if self.shown:
            self._move(max(0, min(index, len(self.shown) - 1)))
            self.refresh()

    def _move(self, index: int) -> None:
        self.scroll_cursor_into_view(index)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self.fitted.column_at(offset.x + round(self.scroll_x))
            if column in SORTS:
                self.sort_by(column)
            return
        index = round(self.scroll_y) + offset.y - 1
        if index == self.cursor:
            self.action_select()
        elif index < len(self.shown):
            self.move_to(index)

    # -- rendering ----------------------------------------------------------------------
    def cell(self, key: str, r: Repository) -> tuple[str, Style | None]:
        if key == "name":
            return (f"★ {r.name}" if r.name in self._favourites else r.name, None)
        if key == "created":
            return (absolute(r.created_at), None)
        if key == "mutability":
            return (r.mutability_words(), None)
        if key == "lifecycle":
            text = self.lifecycle_of(r)
            return (text, _DIM if text in (UNKNOWN, "none", FAILED) else None)
        if key == "scan":
            return ("yes" if r.scan_on_push else "no", _SCAN_STYLES[bool(r.scan_on_push)])
        if key == "upstream":
            return (self.upstream_of(r), _UPSTREAM)
        return (r.uri, _DIM)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are looked up once per frame, not once per line.
        self._styles = (
            self.rich_style,
            self.get_component_rich_style("repo-table--header"),
            self.get_component_rich_style("repo-table--even-row"),
            self.get_component_rich_style("repo-table--cursor"),
        )
        self.ask_lifecycle()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        plain, header, even, cursor = self._styles or (
            self.rich_style, Style(), Style(), Style(reverse=True)
        )
        over: Style | None = None
        columns = self.fitted.shown
        if y == 0:
            base = plain + header
            cells: list[tuple[str, Style | None]] = [(label, None) for _k, label, _w in columns]
        else:
            index = round(self.scroll_y) + y - 1
            if index >= len(self.shown):
                return Strip.blank(width, plain)
            base = plain + even if index % 2 == 0 else plain
            if index == self.cursor:
                over = cursor
            repository = self.shown[index]
            cells = [self.cell(key, repository) for key, _label, _width in columns]
        pad = " " * CELL_PAD
        segments: list[Segment] = []
        for (text, style), (_key, _label, column_width) in zip(cells, columns, strict=True):
            cell_style = base + style if style is not None else base
            if over is not None:
                cell_style += over
            segments.append(Segment(f"{pad}{_fit(text, column_width)}{pad}", cell_style))
        strip = Strip(segments, self.fitted.line_width)
        end_style = base + over if over is not None else base
        return strip.crop_extend(scroll_x, scroll_x + width, end_style)
