"""HeaderBar: profile, kind, account, region, demo marker and the active token's countdown."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Static

from ecr_tui.core.models import Profile
from ecr_tui.ui.formatting import countdown, level

LEVELS = ("-ok", "-warn", "-error", "-expired", "-none")
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class HeaderBar(Horizontal):
    DEFAULT_CSS = """
    HeaderBar { height: 1; background: $panel; }
    HeaderBar > Static { width: auto; padding: 0 1; }
    HeaderBar #header-context { width: 1fr; }
    HeaderBar #header-busy { color: $accent; }
    HeaderBar #header-token.-ok { color: $success; }
    HeaderBar #header-token.-warn { color: $warning; }
    HeaderBar #header-token.-error { color: $error; text-style: bold; }
    HeaderBar #header-token.-expired { color: $error; text-style: bold reverse; }
    HeaderBar #header-token.-none { color: $text-muted; }
    """

    def __init__(self, demo: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._demo = demo
        self._expires_at: datetime | None = None
        self._busy_text: str | None = None
        self._spin_frame = 0
        self._spinner: Timer | None = None
        self._token_text: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="header-context")
        yield Static(id="header-busy")
        yield Static(id="header-token", classes="-none")

    def show_context(
        self, profile: Profile | None, account: str | None, region: str | None, where: str = ""
    ) -> None:
        text = Text.assemble(("ecr-tui", "bold"), "  ")
        if profile is None:
            text.append("loading profiles…", "italic")
        else:
            text.append(profile.name, "bold")
            text.append(f" [{profile.kind.value}]", "dim")
            text.append("  account ", "dim")
            text.append(account or "…")
            text.append("  region ", "dim")
            text.append(region or "…", "bold")
        if where:
            text.append("  › ", "dim")
            text.append(where)
        if self._demo:
            text.append("  DEMO read-only", "bold reverse")
        self.query_one("#header-context", Static).update(text)

    def show_busy(self, message: str | None) -> None:
        """A spinner and a word while something runs in the background; None stops it."""
        self._busy_text = message
        self._spin_frame = 0
        if message and self._spinner is None:
            self._spinner = self.set_interval(0.1, self._spin, name="busy-spinner")
        elif not message and self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self._spin()

    def _spin(self) -> None:
        text = self._busy_text
        frame = SPINNER[self._spin_frame % len(SPINNER)]
        self._spin_frame += 1
        self.query_one("#header-busy", Static).update(Text(f"{frame} {text}" if text else ""))

    def show_token(self, expires_at: datetime | None, now: datetime) -> None:
        self._expires_at = expires_at
        self.update_countdown(now)

    def update_countdown(self, now: datetime) -> None:
        label = self.query_one("#header-token", Static)
        if self._expires_at is None:
            text, classes = "no token (l: log in)", "-none"
        else:
            left = self._expires_at - now
            text, classes = f"token {countdown(left)}", f"-{level(left)}"
        if text != self._token_text:  # a new layout only when the width changes
            label.update(Text(text), layout=len(text) != len(self._token_text or ""))
            self._token_text = text
        label.set_classes(classes)

    @property
    def token_level(self) -> str:
        """The colour class of the countdown, for tests and screen readers."""
        label = self.query_one("#header-token", Static)
        return next((c for c in LEVELS if label.has_class(c)), "-none")[1:]
