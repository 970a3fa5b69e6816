"""The tokens panel and header countdowns, app-wide (mixed into EcrTuiApp): the cached tokens
and recorded logins, the selected registry's token, and every screen told when they change."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual import work
from textual.css.query import NoMatches

from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.worker import Worker

    from ecr_tui.core.backend import Backend
    from ecr_tui.ui.messages import TokensLoaded
    from ecr_tui.ui.session import Session


class AppTokens:
    """refresh_tokens, fetch_token and their answer; EcrTuiApp's own, kept apart."""

    if TYPE_CHECKING:  # the app's, used here
        backend: Backend
        session: Session
        screen_stack: list[Screen[Any]]
        _shown_state_warning: str | None

        def _begin(self, target: Target | None, what: str) -> Worker[Any]: ...
        def post_message(self, message: Any) -> bool: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    @work(thread=True, exclusive=True, group="tokens", exit_on_error=False,
          description="read cached tokens and recorded logins")
    def refresh_tokens(self) -> None:
        from ecr_tui.ui.messages import TokensLoaded

        worker = self._begin(None, "tokens")
        tokens, logins = self.backend.cached_tokens(), self.backend.recorded_logins()
        if not worker.is_cancelled:
            self.post_message(TokensLoaded(tokens, logins, self._state_warning()))

    @work(thread=True, exclusive=True, group="token", exit_on_error=False,
          description="ECR GetAuthorizationToken for the header countdown")
    def fetch_token(self, target: Target) -> None:
        """The selected registry's token (cached by the backend), so its countdown shows."""
        from ecr_tui.ui.messages import TokensLoaded

        worker = self._begin(target, "token")
        self.backend.token(target.profile, target.region)
        tokens, logins = self.backend.cached_tokens(), self.backend.recorded_logins()
        if not worker.is_cancelled:
            self.post_message(TokensLoaded(tokens, logins, self._state_warning()))
            # While the user picks a repository: its listing then waits for pages only.
            self.backend.prepare_registry(target.profile, target.region)

    def _state_warning(self) -> str | None:
        return self.backend.state_warning()

    def on_tokens_loaded(self, message: TokensLoaded) -> None:
        self.session.tokens, self.session.logins = message.tokens, message.logins
        if message.warning and message.warning != self._shown_state_warning:
            self._shown_state_warning = message.warning  # once, not on every refresh
            self.notify(message.warning, title="Login records", severity="warning", timeout=12,
                        markup=False)
        for screen in self.screen_stack:
            changed = getattr(screen, "tokens_changed", None)
            if changed is not None and screen.is_mounted:
                with suppress(NoMatches):  # a screen being torn down has no widgets left
                    changed()
