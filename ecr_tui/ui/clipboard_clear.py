"""Clearing a copied password from the system clipboard after a while, if it is still there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.timer import Timer

from ecr_tui.core.login import clipboard

if TYPE_CHECKING:
    from textual.worker import Worker

    from ecr_tui.core.models import Token
    from ecr_tui.ui.messages import ClipboardCleared


class ClipboardClearing:
    """Mixin for the app. Only the pyperclip path can be cleared: OSC 52 cannot be read back."""

    clipboard_clear_seconds: float
    _clear_timer: Timer | None = None

    if TYPE_CHECKING:
        def set_timer(self, delay: float, callback: Any, *, name: str | None = None) -> Timer: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def post_message(self, message: object) -> bool: ...
        def _begin(self, target: Any, what: str) -> Worker[Any]: ...

    def schedule_clipboard_clear(self, token: Token) -> str:
        """Arm the timer for `token`'s password; returns the notification's suffix."""
        if self._clear_timer is not None:
            self._clear_timer.stop()  # a newer copy restarts the countdown
            self._clear_timer = None
        delay = self.clipboard_clear_seconds
        if delay <= 0:
            return ""
        password = token.password
        self._clear_timer = self.set_timer(
            delay, lambda: self.clear_clipboard(password), name="clipboard-clear"
        )
        return f"; it will be cleared in {delay:g}s"

    @work(thread=True, exclusive=True, group="clipboard-clear", exit_on_error=False,
          description="clear the copied password from the clipboard")
    def clear_clipboard(self, password: str) -> None:
        from ecr_tui.ui.messages import ClipboardCleared

        worker = self._begin(None, "clipboard")
        self._clear_timer = None
        cleared = clipboard.clear_if_unchanged(password)
        if not worker.is_cancelled:
            self.post_message(ClipboardCleared(cleared))

    def on_clipboard_cleared(self, message: ClipboardCleared) -> None:
        if message.cleared:
            self.notify("Password cleared from the system clipboard", title="Password")
