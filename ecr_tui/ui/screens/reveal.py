"""RevealDialog: the only place a password is ever shown, masked until the user asks."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ecr_tui.ui.bindings import REVEAL_BINDINGS


class RevealDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    RevealDialog { align: center middle; }
    #reveal-box {
        width: 90;
        height: auto;
        max-height: 80%;
        border: round $warning;
        background: $surface;
        padding: 1 2;
    }
    """
    BINDINGS = REVEAL_BINDINGS

    def __init__(self, registry: str, password: str) -> None:
        super().__init__(id="reveal")
        self._registry = registry
        self._password = password
        self.revealed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="reveal-box") as box:
            box.border_title = f"ECR password for {self._registry}"
            box.border_subtitle = "space: reveal · esc: close"
            yield Static(Text("username: AWS"), id="reveal-user")
            yield Static(self._masked(), id="reveal-secret")

    def _masked(self) -> Text:
        return Text(f"{'•' * 32}  ({len(self._password)} characters, hidden)", "dim")

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        shown = Text(self._password, overflow="fold") if self.revealed else self._masked()
        self.query_one("#reveal-secret", Static).update(shown)

    def action_close(self) -> None:
        self._password = ""
        self.dismiss()
