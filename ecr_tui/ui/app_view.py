"""The screens' view of the app: what they may read and call (AppView), and the messages they
post to ask the app for what only it can do (reach another screen).

Screens, widgets, workers and the palette type ``self.app`` with AppView, never with the App
class: ecr_tui.ui.app imports the screens, so nothing it imports may import it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message

from ecr_tui.core.models import Profile, Target

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from textual.screen import Screen
    from textual.worker import Worker

    from ecr_tui.core.backend import Backend
    from ecr_tui.core.errors import EcrTuiError
    from ecr_tui.core.store.memory import Favourite, MemoryStore
    from ecr_tui.core.store.settings import Settings
    from ecr_tui.ui.session import Session


class AppView(Protocol):
    """The app as screens see it: shared state, the one error path, navigation."""

    backend: Backend
    session: Session
    settings: Settings
    memory: MemoryStore
    keymap: dict[str, str]
    clock: Callable[[], datetime]
    initial_profile: str | None
    initial_region: str | None
    worker_context: dict[Worker[Any], tuple[Target | None, str]]

    # -- state and the one error path
    def token_expiry(self, target: Target | None) -> datetime | None: ...
    def error_line(self, error: EcrTuiError) -> str: ...
    def report_failure(
        self, error: BaseException, target: Target | None, what: str, *, cancelled: bool = False
    ) -> None: ...
    def refresh_tokens(self) -> object: ...
    def fetch_token(self, target: Target) -> object: ...
    def reset_mfa_declined(self) -> None: ...
    def catch_up(self, screen: Screen[Any], now: datetime | None = None) -> None: ...
    def copy_text(self, text: str, what: str) -> None: ...
    def remember_opened(self, target: Target, repository: str, tag: str = "") -> None: ...
    def toggle_favourite(self, favourite: Favourite) -> bool: ...

    # -- navigation
    def go_to(self, profile: str, region: str | None = None, repository: str | None = None,
              tag: str | None = None) -> None: ...
    def switch_profile(self, name: str) -> None: ...
    def switch_region(self, name: str) -> None: ...
    def open_repository(self, name: str) -> None: ...

    # -- what Textual's App gives every screen
    @property
    def screen_stack(self) -> list[Screen[Any]]: ...
    def notify(self, message: str, **kwargs: Any) -> None: ...
    def push_screen(self, screen: Any, callback: Any = None) -> Any: ...
    def pop_screen(self) -> Any: ...
    def post_message(self, message: Message) -> bool: ...
    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...
    def get_key_display(self, binding: Any) -> str: ...


@dataclass
class RulesWanted(Message):
    """Reload a registry's pull-through-cache rules (the main screen's worker loads them)."""

    target: Target


@dataclass
class ProfilesRefreshed(Message):
    """SSO discovery ran outside the main screen: the main screen shows the new profiles."""

    profiles: list[Profile]
    default: str
    problems: tuple[str, ...]
