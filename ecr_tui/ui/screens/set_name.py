"""SetNameDialog: asks the name under which the marked fleet pairs are saved as a login set."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SetNameDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-set-name")]

    def compose(self) -> ComposeResult:
        with Vertical(id="set-name-box") as box:
            box.border_title = "Save marked pairs as a login set"
            yield Static("name (then `ecr-tui login --set NAME`):")
            yield Input(placeholder="e.g. oncall", id="set-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
