"""HelpScreen: every binding, read from the bindings data, grouped by where it works."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ecr_tui.ui.bindings import HELP_SECTIONS, MODAL_BINDINGS
from ecr_tui.ui.keymap import keys_of

if TYPE_CHECKING:
    from ecr_tui.ui.app_view import AppView


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box {
        width: 84;
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
            yield Static(self._help_text(), id="help-text")

    def _help_text(self) -> Text:
        keymap = self.app.keymap
        text = Text()
        for title, bindings in HELP_SECTIONS:
            text.append(f"{title}\n", "bold underline")
            for binding in bindings:
                keys = ", ".join(
                    self.app.get_key_display(binding.__class__(key, binding.action))
                    for key in keys_of(binding, keymap).split(",")
                )
                text.append(f"  {keys:<18}", "bold")
                text.append(f"{binding.description:<22}")
                text.append(f"{binding.id}\n", "dim")
            text.append("\n")
        text.append("Palette\n", "bold underline")
        text.append("  ctrl+p            switch profile, region, repository; run any action\n")
        text.append("  :                 jump: profile, region, `profile region`, repository, "
                    "favourite, recent\n")
        return text

    def action_close(self) -> None:
        self.dismiss()
