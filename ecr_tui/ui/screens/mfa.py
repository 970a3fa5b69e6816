"""MfaPrompt: a masked one-line prompt for an assume-role profile's MFA code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class MfaPrompt(ModalScreen[str | None]):
    """Dismisses with the code typed, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-mfa")]
    DEFAULT_CSS = """
    MfaPrompt { align: center middle; }
    MfaPrompt > Vertical {
        width: 64; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    MfaPrompt Label { width: 100%; }
    """

    def __init__(self, profile: str, serial: str) -> None:
        super().__init__(id="mfa-prompt")
        self.profile = profile
        self.serial = serial

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"MFA code for profile {self.profile}", markup=False)
            yield Label(self.serial, classes="dim", markup=False)
            yield Input(password=True, placeholder="6-digit code", id="mfa-code")
            yield Label("enter to submit · esc to cancel", classes="dim")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        code = event.value.strip()
        if code:
            self.dismiss(code)

    def action_cancel(self) -> None:
        self.dismiss(None)
