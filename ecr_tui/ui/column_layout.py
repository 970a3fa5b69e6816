"""Columns chosen by the width a table has: each column is shown whole (its header never cut)
or hidden, by priority; a cell longer than its column ends with `…`. Pure text, no Textual."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from ecr_tui.core.humanize import ellipsize

ELLIPSIS = "…"
CELL_PAD = 1
"""Blank cells either side of each column (DataTable's default cell padding)."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str
    label: str
    priority: int
    """0 is shown first; when the width runs out the highest numbers are hidden first."""
    min_width: int = 0
    """Narrower than this (or its header) the column is hidden, never squeezed."""
    max_width: int = 200
    """It grows no wider than this, however long its cells."""
    whole: bool = False
    """Shown with every cell whole or not at all (dates, counts, short names)."""
    yields: bool = False
    """Hidden rather than shown cut when its room shows a column before it whole (a URI that
    repeats the name gives way to the name)."""

    def want(self, wanted: Mapping[str, int]) -> int:
        return min(max(wanted.get(self.key, 0), cell_len(self.label)), self.max_width)

    def least(self, wanted: Mapping[str, int]) -> int:
        want = self.want(wanted)
        return want if self.whole else min(want, max(self.min_width, cell_len(self.label)))


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells; a cut one ends with `…` (a lie-free cell)."""
    cells = cell_len(text)
    if cells == len(text):  # one cell a character: the core's rule
        return ellipsize(text, max(width, 0))
    if cells <= width:
        return text
    if width <= 0:
        return ""
    out, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + ELLIPSIS


def choose_widths(
    specs: Sequence[ColumnSpec], wanted: Mapping[str, int], room: int, pad: int = CELL_PAD
) -> dict[str, int]:
    """The width of each shown column (key -> cells, padding not included).

    `wanted[key]` is the width that shows every cell of the column whole. Columns are taken in
    priority order at their least width while they fit (a smaller one may fill a gap a larger
    one left), then the room left widens them, again in priority order, up to what they want.
    While a column is still cut, the lowest-priority column below it that `yields` is hidden
    when its room would show the cut one whole.
    """
    shown: list[ColumnSpec] = []
    used = 0
    for spec in sorted(specs, key=lambda s: s.priority):
        least = spec.least(wanted)
        if used + least + 2 * pad <= room:
            shown.append(spec)
            used += least + 2 * pad
    while True:
        widths = _grown(shown, wanted, room, pad)
        cut_short = [s for s in shown if widths[s.key] < s.want(wanted)]
        if not cut_short:
            return widths
        first = cut_short[0]
        below = [s for s in shown if s.priority > first.priority and s.yields]
        if not below:
            return widths
        victim = below[-1]
        if widths[first.key] + widths[victim.key] + 2 * pad < first.want(wanted):
            return widths
        shown.remove(victim)


def _grown(
    shown: Sequence[ColumnSpec], wanted: Mapping[str, int], room: int, pad: int
) -> dict[str, int]:
    """Least widths, then the room left handed out in priority order up to what each wants."""
    widths = {spec.key: spec.least(wanted) for spec in shown}
    spare = room - sum(width + 2 * pad for width in widths.values())
    for spec in shown:
        grow = min(spare, spec.want(wanted) - widths[spec.key])
        if grow > 0:
            widths[spec.key] += grow
            spare -= grow
    return widths


def shown_in_order(specs: Iterable[ColumnSpec], widths: Mapping[str, int]) -> list[ColumnSpec]:
    """The shown columns, in the order the table declares them."""
    return [spec for spec in specs if spec.key in widths]
