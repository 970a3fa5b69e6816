"""RepoColumns: which columns of the repository list show at a width (whole or hidden, by
priority) and where each one starts; the list draws the cells."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ecr_tui.core.models import Repository
from ecr_tui.ui.column_layout import CELL_PAD, ColumnSpec, choose_widths, shown_in_order

COLUMNS: tuple[ColumnSpec, ...] = (
    # by priority: name, created, mutability, upstream, lifecycle, scan, URI
    ColumnSpec("name", "Name", 0, min_width=22),
    ColumnSpec("created", "Created", 1, whole=True),
    ColumnSpec("mutability", "Mutability", 2, min_width=10, max_width=40),
    ColumnSpec("lifecycle", "Lifecycle", 4, whole=True),
    ColumnSpec("scan", "Scan", 5, whole=True),
    ColumnSpec("upstream", "Upstream", 3, whole=True),
    ColumnSpec("uri", "URI", 6, min_width=40, yields=True),
)
_FIXED_WIDTHS = {"created": 16, "lifecycle": 9, "scan": 4}
"""A date, `12 rules`, `yes`: these cells never grow."""


class RepoColumns:
    def __init__(self) -> None:
        self._wanted: dict[str, int] = dict(_FIXED_WIDTHS)
        """Column key -> the width that shows all its cells whole."""
        self.shown: list[tuple[str, str, int]] = []
        """(key, label, width) of each column on screen, in order."""
        self.line_width = 0

    def measure(
        self, repositories: Sequence[Repository], starred: bool, upstreams: Iterable[str]
    ) -> None:
        """What each column wants: one pass over the names; no upstream hides that column."""
        self._wanted["name"] = max((len(r.name) for r in repositories), default=0) + (
            2 if starred else 0)
        self._wanted["uri"] = max((len(r.uri) for r in repositories), default=0)
        # `immutable` whole at least; exclusion filters widen it up to max_width, then `…`
        self._wanted["mutability"] = max(
            (len(r.mutability_words()) for r in repositories), default=0)
        self._wanted["upstream"] = max(map(len, upstreams), default=0)

    def fit(self, room: int) -> bool:
        """Choose the columns for `room` cells; True when the choice changed."""
        specs = [c for c in COLUMNS if c.key != "upstream" or self._wanted["upstream"]]
        widths = choose_widths(specs, self._wanted, room)
        shown = [(c.key, c.label, widths[c.key]) for c in shown_in_order(specs, widths)]
        if shown == self.shown:
            return False
        self.shown = shown
        self.line_width = sum(width + 2 * CELL_PAD for _key, _label, width in shown)
        return True

    @property
    def keys(self) -> list[str]:
        return [key for key, _label, _width in self.shown]

    def column_at(self, x: int) -> str | None:
        left = 0
        for key, _label, width in self.shown:
            left += width + 2 * CELL_PAD
            if x < left:
                return key
        return None
