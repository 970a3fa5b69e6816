"""Login, copy and reveal: the app's actions on the current registry's credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from ecr_tui.core.humanize import login_line
from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from datetime import datetime

    from textual.worker import Worker

    from ecr_tui.core.backend import Backend
    from ecr_tui.core.models import Token
    from ecr_tui.core.store.settings import Settings
    from ecr_tui.ui.messages import CopyDone, LoginDone, PasswordReady
    from ecr_tui.ui.session import Session


class CredentialActions:
    """Mixin for EcrTuiApp. The password goes to the clipboard or the reveal dialog only."""

    if TYPE_CHECKING:
        backend: Backend
        session: Session
        settings: Settings

        def clock(self) -> datetime: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def post_message(self, message: object) -> bool: ...
        def push_screen(self, screen: Any) -> Any: ...
        def copy_to_clipboard(self, text: str) -> None: ...
        def refresh_tokens(self) -> None: ...
        def schedule_clipboard_clear(self, token: Token) -> str: ...
        def _busy(self, text: str | None) -> None: ...
        def _begin(self, target: Target | None, what: str) -> Worker[Any]: ...

    def _target_or_warn(self) -> Target | None:
        target = self.session.target
        if target is None:
            self.notify("Choose a profile and a region first.", severity="warning")
        return target

    def action_login(self, engine: str | None = None) -> None:
        target = self._target_or_warn()
        engine = engine or self.settings.engine
        if target is not None:
            self._busy(f"logging in {engine}…" if engine else "logging in…")
            self.login(target, engine)

    @work(thread=True, exclusive=True, group="login", exit_on_error=False,
          description="container engine login")
    def login(self, target: Target, engine: str | None) -> None:
        from ecr_tui.ui.messages import LoginDone

        worker = self._begin(target, "login")
        result = self.backend.login(target.profile, target.region, engine)
        if not worker.is_cancelled:
            self.post_message(LoginDone(target, result))

    def on_login_done(self, message: LoginDone) -> None:
        self._busy(None)
        record = message.result.record
        left = (record.expires_at - self.clock()).total_seconds()
        note = message.result.message or ("" if message.result.verified else "not verified")
        line = login_line(record.engine, record.registry, left, note)
        self.notify(line, title="Login", markup=False, timeout=8)
        self.refresh_tokens()

    def action_copy_password(self) -> None:
        target = self._target_or_warn()
        if target is not None:
            self.copy_password(target)

    @work(thread=True, exclusive=True, group="copy", exit_on_error=False,
          description="copy the ECR password")
    def copy_password(self, target: Target) -> None:
        from ecr_tui.ui.messages import CopyDone, PasswordReady

        worker = self._begin(target, "copy")
        result = self.backend.copy_password(target.profile, target.region)
        if worker.is_cancelled:
            return
        if result.copied:
            token = self.backend.token(target.profile, target.region)  # cached: what was copied
            if not worker.is_cancelled:
                self.post_message(CopyDone(target, result, token))
        else:
            token = self.backend.token(target.profile, target.region)
            if not worker.is_cancelled:
                self.post_message(PasswordReady(target, token, reveal=False))

    def action_reveal_password(self) -> None:
        target = self._target_or_warn()
        if target is not None:
            self.fetch_for_reveal(target)

    @work(thread=True, exclusive=True, group="reveal", exit_on_error=False,
          description="fetch the ECR password to reveal")
    def fetch_for_reveal(self, target: Target) -> None:
        from ecr_tui.ui.messages import PasswordReady

        worker = self._begin(target, "reveal")
        token = self.backend.token(target.profile, target.region)
        if not worker.is_cancelled:
            self.post_message(PasswordReady(target, token, reveal=True))

    def on_copy_done(self, message: CopyDone) -> None:
        token = self.session.token_for(message.target)
        target = message.target
        where = token.registry if token else f"{target.profile}/{target.region}"
        clearing = ""
        if message.token is not None and message.result.mechanism == "pyperclip":
            clearing = self.schedule_clipboard_clear(message.token)
        self.notify(f"Password for {where} copied to the system clipboard{clearing}",
                    markup=False)
        self.refresh_tokens()

    def on_password_ready(self, message: PasswordReady) -> None:
        token = message.token
        if message.reveal:
            from ecr_tui.ui.screens.reveal import RevealDialog

            self.push_screen(RevealDialog(token.registry, token.password))
            return
        self.copy_to_clipboard(token.password)
        self.notify(
            f"Password for {token.registry} sent to terminal clipboard (OSC 52); "
            "it cannot be confirmed nor cleared later — press v to reveal it instead",
            title="Password",
            markup=False,
            timeout=8,
        )
        self.refresh_tokens()

    def copy_text(self, text: str, what: str) -> None:
        self.copy_to_clipboard(text)
        self.notify(f"{what} sent to terminal clipboard (OSC 52): {text}", markup=False)
