"""EcrTuiApp and make_app(): a thin shell holding the backend, clock and the one error path."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand, get_system_commands_provider
from textual.command import Provider
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ecr_tui.core.errors import CredentialsError, EcrTuiError, NetworkError
from ecr_tui.core.login.clipboard import DEFAULT_CLEAR_SECONDS, clear_delay
from ecr_tui.core.models import Target, utcnow
from ecr_tui.core.store.memory import Favourite, MemoryStore, Recent, now_text
from ecr_tui.core.store.settings import ENGINES, Settings, config_path
from ecr_tui.ui.app_navigation import AppNavigation
from ecr_tui.ui.app_tokens import AppTokens
from ecr_tui.ui.bindings import APP_BINDINGS
from ecr_tui.ui.clipboard_clear import ClipboardClearing
from ecr_tui.ui.credential_actions import CredentialActions
from ecr_tui.ui.gc_tuning import GcTuning
from ecr_tui.ui.keymap import check_keymap, keys_of
from ecr_tui.ui.mfa import MfaPrompting
from ecr_tui.ui.screens.main import MainScreen
from ecr_tui.ui.session import Session
from ecr_tui.ui.sso_login import SsoLogin
from ecr_tui.ui.theme_check import theme_problem

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend
    from ecr_tui.ui.app_view import ProfilesRefreshed, RulesWanted

log = logging.getLogger(__name__)

QUIET_CALLS = frozenset({"account"})
"""Workers whose failure is never a notification of its own."""


def _palette(name: str) -> Callable[[], type[Provider]]:
    def load() -> type[Provider]:
        from ecr_tui.ui import palette

        return getattr(palette, name)

    return load


class EcrTuiApp(AppNavigation, AppTokens, CredentialActions, ClipboardClearing, SsoLogin,
                MfaPrompting, App[None]):
    CSS_PATH = "ecr_tui.tcss"
    TITLE = "ecr-tui"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (160, "-wide")]
    """Each screen's class by the terminal's width; the .tcss lays out by these."""
    BINDINGS = APP_BINDINGS
    COMMANDS = {
        get_system_commands_provider,
        _palette("ProfileCommands"),
        _palette("RegionCommands"),
        _palette("RepositoryCommands"),
        _palette("FavouriteCommands"),
        _palette("RecentCommands"),
    }

    def __init__(
        self,
        backend: Backend,
        *,
        profile: str | None = None,
        region: str | None = None,
        clock: Callable[[], datetime] | None = None,
        clipboard_clear: float | None = None,
        settings: Settings | None = None,
        memory: MemoryStore | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings(config_path())
        self.memory = memory or MemoryStore()
        self.keymap, key_warnings = check_keymap(self.settings.keys, f"{self.settings.path}: keys")
        self.start_warnings = (*self.settings.warnings, *key_warnings)
        self.backend = backend
        self.clock: Callable[[], datetime] = clock or utcnow
        self.initial_profile = profile
        self.initial_region = region
        self.session = Session()
        self.worker_context: dict[Worker[Any], tuple[Target | None, str]] = {}
        self._gc = GcTuning()
        self.clipboard_clear_seconds = (
            clipboard_clear if clipboard_clear is not None else _env_clear_delay()
        )
        wanted_theme = self.memory.remembered.theme_for(self.settings.theme)
        problem = theme_problem(wanted_theme, self.settings.path, self.available_themes)
        if problem:
            self.start_warnings += (problem,)
        elif wanted_theme:
            self._start_with_theme(wanted_theme)
        self._start_theme = self.theme
        """A different theme at exit was chosen in the palette: remembered for the next run."""
        self._mfa_declined: set[str] = set()
        self._shown_state_warning: str | None = None
        self._shown_memory_warning: str | None = None

    def _start_with_theme(self, name: str) -> None:
        """What Textual's theme watcher does, minus its queued re-parse of every style: the
        stylesheet is first parsed after this, with this theme's variables already in it, so
        the first frame pays for one parse instead of two."""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.stylesheet.set_variables(self.get_css_variables())
        self.update_classes(
            {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    def on_mount(self) -> None:
        self.backend.set_mfa_prompt(self.ask_mfa_code)
        self.set_keymap(self.keymap)
        self.set_interval(1.0, self.tick, name="countdowns")
        self._gc.start()
        self.call_after_refresh(self._gc.freeze)
        for warning in self.start_warnings:  # once, at start
            self.notify(warning, title="Settings", severity="warning", timeout=15, markup=False)
        self._memory_problem()  # remembered.json corrupt (moved aside) or unreadable

    def on_unmount(self) -> None:
        self._gc.stop()
        self.backend.set_mfa_prompt(None)
        if self.theme != self._start_theme and self.theme in self.available_themes:
            self.memory.set_theme(self.theme, self.settings.theme)  # chosen in the palette

    def tick(self) -> None:
        """The one timer: every countdown is recomputed from its absolute expiry."""
        now = self.clock()
        for screen in self._seen_screens():
            self.catch_up(screen, now)

    def catch_up(self, screen: Screen[Any], now: datetime | None = None) -> None:
        """A screen's countdowns, now (each screen calls it again when it comes back on top)."""
        update = getattr(screen, "update_countdowns", None)
        if update is not None and screen.is_mounted:
            with suppress(NoMatches):  # a screen being torn down has no widgets left
                update(now or self.clock())

    def _seen_screens(self) -> list[Screen[Any]]:
        """The top screen and those showing through it: a covered screen is not repainted
        (Textual repaints the whole top screen for any change below it)."""
        seen = []
        for screen in reversed(self.screen_stack):
            seen.append(screen)
            if screen.styles.background.a == 1:
                break
        return seen

    def token_expiry(self, target: Target | None) -> datetime | None:
        if target is None:
            return None
        token = self.session.token_for(target)
        if token is not None:
            return token.expires_at
        expiries = [
            r.expires_at for r in self.session.logins if (r.profile, r.region) == target
        ]
        return max(expiries, default=None)

    # -- the one error path -------------------------------------------------------------
    def error_line(self, error: EcrTuiError) -> str:
        line = str(error)
        return f"{line} — press r to retry" if isinstance(error, NetworkError) else line

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        target, what = self.worker_context.pop(worker, (None, worker.group))
        if event.state != WorkerState.ERROR or worker.error is None:
            return
        self.report_failure(worker.error, target, what, cancelled=worker.is_cancelled)

    def report_failure(
        self, error: BaseException, target: Target | None, what: str, *, cancelled: bool = False
    ) -> None:
        """Show an outside error as one line (unless stale) and tell every screen."""
        if not isinstance(error, EcrTuiError):
            log.error("unexpected error while loading %s", what, exc_info=error)
            error = EcrTuiError(f"Unexpected error while loading {what}: {type(error).__name__}")
        if isinstance(error, CredentialsError) and target is not None:
            self.session.failures[target.profile] = error
        if what in ("login", "copy", "reveal"):
            self._busy(None)
        if what == "token":
            self.refresh_tokens()  # a token that arrived expired is cached: show it as such
        stale = cancelled or (target is not None and target != self.session.target)
        line = self.error_line(error)
        # The account is a header detail: its lookup fails for the same cause as the calls
        # beside it (which say so), or only because STS is out of reach (nothing to fix).
        quiet = what in QUIET_CALLS or any(n.message == line for n in self._notifications)
        if quiet:
            log.debug("not shown again (%s): %s", what, line)
        elif not stale:
            self.notify(line, severity="error", timeout=8, markup=False)
        from ecr_tui.ui.messages import CallFailed

        message = CallFailed(target, what, error)
        for screen in self.screen_stack:
            screen.post_message(message)

    # -- tokens, login, password ----------------------------------------------------------
    def _busy(self, text: str | None) -> None:
        from ecr_tui.ui.widgets.header_bar import HeaderBar

        for screen in self.screen_stack:
            for header in screen.query(HeaderBar):
                header.show_busy(text)

    def _begin(self, target: Target | None, what: str) -> Worker[Any]:
        worker = get_current_worker()
        self.worker_context[worker] = (target, what)
        return worker

    # -- what screens ask for that only the app can reach ---------------------------------
    def on_rules_wanted(self, message: RulesWanted) -> None:
        self.main_screen.load_rules(message.target)

    def on_profiles_refreshed(self, message: ProfilesRefreshed) -> None:
        from ecr_tui.ui.many_messages import ProfilesDiscovered
        from ecr_tui.ui.messages import ProfilesLoaded

        main = self.main_screen
        main.post_message(ProfilesLoaded(message.profiles, message.default))
        main.post_message(ProfilesDiscovered(message.problems))

    def remember_opened(self, target: Target, repository: str, tag: str = "") -> None:
        recent = Recent(target.profile, target.region, repository, tag, now_text(self.clock()))
        self.memory.add_recent(recent)
        self._memory_problem()

    def toggle_favourite(self, favourite: Favourite) -> bool:
        now_favourite = self.memory.toggle_favourite(favourite)
        self._memory_problem()
        return now_favourite

    def _memory_problem(self) -> None:
        """A state file that cannot be written: said once, the choice kept for this run."""
        if self.memory.warning and self.memory.warning != self._shown_memory_warning:
            self._shown_memory_warning = self.memory.warning
            self.notify(self.memory.warning, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in APP_BINDINGS:
            if binding.action != "quit":
                yield SystemCommand(binding.description, f"key {keys_of(binding, self.keymap)}",
                                    partial(self.run_action, binding.action))
        for engine in ENGINES:
            yield SystemCommand(f"Log in with {engine}", f"{engine} login to the current registry",
                                partial(self.action_login, engine))
        yield SystemCommand("Pull URI through the cache",
                            "the reference that pulls an upstream image through this registry",
                            self.action_pull_uri)
        for name in self.sso_profiles_to_renew():
            yield SystemCommand(f"SSO login: {name}", f"run aws sso login for {name}, then reload",
                                partial(self.action_sso_login, name))
        for binding in getattr(screen, "BINDINGS", []):
            yield SystemCommand(binding.description, f"key {keys_of(binding, self.keymap)}",
                                partial(self.run_action, binding.action, screen))


def make_app(
    backend: Backend,
    *,
    profile: str | None = None,
    region: str | None = None,
    clock: Callable[[], datetime] | None = None,
    clipboard_clear: float | None = None,
    settings: Settings | None = None,
    memory: MemoryStore | None = None,
) -> EcrTuiApp:
    return EcrTuiApp(
        backend, profile=profile, region=region, clock=clock, clipboard_clear=clipboard_clear,
        settings=settings, memory=memory,
    )


def _env_clear_delay() -> float:
    try:
        return clear_delay()
    except EcrTuiError:
        log.warning("ignoring an invalid clipboard clear delay", exc_info=True)
        return DEFAULT_CLEAR_SECONDS
