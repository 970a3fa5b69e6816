"""HeaderBar: profile, kind, account, region, demo marker and the active token's countdown.

One widget drawing one line (context on the left; busy spinner and countdown on the right),
not a row of labels: it is on every screen's first frame, and each widget there costs
styling, layout and a render of its own before anything is painted.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from ecr_tui.core.models import Profile
from ecr_tui.ui.formatting import countdown, level

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
TOKEN_STYLES = {
    "ok": "$success",
    "warn": "$warning",
    "error": "$error bold",
    "expired": "$error bold reverse",
    "none": "$text-muted",
}


class HeaderBar(Widget):
    DEFAULT_CSS = """
    HeaderBar { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, demo: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._demo = demo
        self._expires_at: datetime | None = None
        self._busy_text: str | None = None
        self._spin_frame = 0
        self._spinner: Timer | None = None
        self._context_line = Content("")
        self._busy_line = ""
        self._token_line = ""
        self._token_level = "none"

    # -- what the line says, for the screens and the tests ------------------------------
    @property
    def context_text(self) -> str:
        return self._context_line.plain

    @property
    def busy_text(self) -> str:
        return self._busy_line

    @property
    def token_text(self) -> str:
        return self._token_line

    @property
    def token_level(self) -> str:
        """The colour of the countdown (ok, warn, error, expired, none)."""
        return self._token_level

    # -- updates --------------------------------------------------------------------------
    def show_context(
        self, profile: Profile | None, account: str | None, region: str | None, where: str = ""
    ) -> None:
        parts: list[str | tuple[str, str]] = [("ecr-tui", "bold"), "  "]
        if profile is None:
            parts.append(("loading profiles…", "italic"))
        else:
            parts += [
                (profile.name, "bold"), (f" [{profile.kind.value}]", "dim"),
                ("  account ", "dim"), account or "…",
                ("  region ", "dim"), (region or "…", "bold"),
            ]
        if where:
            parts += [("  › ", "dim"), where]
        if self._demo:
            parts.append(("  DEMO read-only", "bold reverse"))
        self._context_line = Content.assemble(*parts)
        self.refresh()

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
        self._busy_line = f"{frame} {text}" if text else ""
        self.refresh()

    def show_token(self, expires_at: datetime | None, now: datetime) -> None:
        self._expires_at = expires_at
        self.update_countdown(now)

    def update_countdown(self, now: datetime) -> None:
        if self._expires_at is None:
            text, colour = "no token (l: log in)", "none"
        else:
            left = self._expires_at - now
            text, colour = f"token {countdown(left)}", level(left)
        if (text, colour) != (self._token_line, self._token_level):
            self._token_line, self._token_level = text, colour
            self.refresh()

    def render(self) -> Content:
        right = Content.assemble(
            *([(self._busy_line, "$accent"), "  "] if self._busy_line else []),
            (self._token_line, TOKEN_STYLES[self._token_level]),
        )
        room = max(0, self.content_region.width - right.cell_length - 2)
        left = self._context_line.truncate(room, ellipsis=True, pad=True)
        return Content.assemble(left, "  ", right)
