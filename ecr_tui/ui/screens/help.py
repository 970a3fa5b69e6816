"""HelpScreen: every binding, read from the bindings data, grouped by where it works.

The dialog takes the terminal's width up to 100 columns; its three columns (keys, what they
do, the id for `[keys]`) are sized by the width they get: a description is cut with `…`
before an id is hidden, and an id is shown whole or not at all."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from ecr_tui.ui.bindings import HELP_SECTIONS, MODAL_BINDINGS
from ecr_tui.ui.column_layout import ColumnSpec, choose_widths, cut
from ecr_tui.ui.keymap import keys_of

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView

Row = tuple[str, str, str]
"""(keys, what they do, binding id)."""

PALETTE_ROWS: list[tuple[str, str]] = [
    ("ctrl+p", "switch profile, region, repository; run any action"),
    (":", "jump: profile, region, `profile region`, repository, favourite, recent"),
]
PULL_NOTE = (
    "Listing tags reads no manifest. Opening an image (enter, or the Layers or Config tab) "
    "and `m` read manifests, which ECR records as pulls (lastRecordedPullTime keeps old images "
    "alive for lifecycle rules), unless your principal is in its pull-time update exclusions."
)


class HelpText(Widget):
    """The key table, laid out for the width it is given (never wrapped mid-column)."""

    DEFAULT_CSS = """
    HelpText { height: auto; text-wrap: nowrap; }
    """

    def __init__(self, sections: list[tuple[str, list[Row]]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sections = sections

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._text(width).plain.splitlines())

    def render(self) -> Text:
        return self._text(self.content_region.width)

    def _text(self, width: int) -> Text:
        rows = [row for _title, section in self._sections for row in section]
        wanted = {
            "keys": max(len(k) for k, _d, _i in rows),
            "what": max(len(d) for _k, d, _i in rows),
            "id": max(len(i) for _k, _d, i in rows),
        }
        specs = (
            ColumnSpec("keys", "", 0, whole=True),
            ColumnSpec("what", "", 1, min_width=16),
            ColumnSpec("id", "", 2, whole=True),
        )
        widths = choose_widths(specs, wanted, width - 1)
        key_w, what_w, id_w = (widths.get(k, 0) for k in ("keys", "what", "id"))
        text = Text()
        for title, section in self._sections:
            text.append(f"{title}\n", "bold underline")
            for keys, what, binding_id in section:
                text.append(f"  {cut(keys, key_w):<{key_w}}  ", "bold")
                text.append(f"{cut(what, what_w):<{what_w}}")
                text.append(f"  {binding_id}" if id_w else "", "dim")
                text.append("\n")
            text.append("\n")
        text.append("Palette\n", "bold underline")
        span = max(8, width - key_w - 4)
        for keys, what in PALETTE_ROWS:
            lines = textwrap.wrap(what, span) or [""]
            text.append(f"  {keys:<{key_w}}  ", "bold")
            text.append(lines[0] + "\n")
            for line in lines[1:]:
                text.append(" " * (key_w + 4) + line + "\n")
        text.append("\nLooking is not pulling\n", "bold underline")
        for line in textwrap.wrap(PULL_NOTE, max(8, width - 3)):
            text.append(f"  {line}\n")
        text.rstrip()
        return text


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box {
        width: 100%;
        max-width: 100;
        margin: 0 1;
        height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    """
    BINDINGS = MODAL_BINDINGS
    app: AppView

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc: close · ctrl+p: command palette"
            yield HelpText(self._sections(), id="help-text")
            yield Static(self._usage_scope(), id="help-usage-scope")

    def _usage_scope(self) -> Text:
        """Which pairs "In use where" scans (IN USE, the Used by tab, Fleet and Find counts)."""
        from ecr_tui.ui.usage_scan import SCOPE_SOURCE

        text = Text("\nIn use where\n", "bold underline")
        scope = self.app.session.usage_scope
        text.append(f"  scanned: {scope}" if scope else f"  scans {SCOPE_SOURCE}; not yet run")
        return text

    def _sections(self) -> list[tuple[str, list[Row]]]:
        keymap = self.app.keymap
        sections: list[tuple[str, list[Row]]] = []
        for title, bindings in HELP_SECTIONS:
            rows: list[Row] = []
            for binding in bindings:
                keys = ", ".join(
                    self.app.get_key_display(binding.__class__(key, binding.action))
                    for key in keys_of(binding, keymap).split(",")
                )
                rows.append((keys, binding.description, binding.id or ""))
            sections.append((title, rows))
        return sections

    def action_close(self) -> None:
        self.dismiss()
