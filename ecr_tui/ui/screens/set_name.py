"""SetNameDialog: asks the name under which the marked fleet pairs are saved as a login set."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SetNameDialog(ModalScreen[str | None]):
    """Asks one name: a login set's by default, or what `title`, `label` and `example` say
    (the new tag of `T`)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-set-name")]

    def __init__(self, title: str = "Save marked pairs as a login set",
                 label: str = "name (then `ecr-tui login --set NAME`):",
                 example: str = "e.g. oncall") -> None:
        super().__init__()
        self._words = (title, label, example)

    def compose(self) -> ComposeResult:
        title, label, example = self._words
        with Vertical(id="set-name-box") as box:
            box.border_title = title
            yield Static(label, markup=False)
            yield Input(placeholder=example, id="set-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
