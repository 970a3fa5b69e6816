"""The in-app MFA prompt behind backend.set_mfa_prompt: never lets botocore read the tty."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

from ecr_tui.core.errors import CredentialsError

if TYPE_CHECKING:
    from collections.abc import Callable


class MfaPrompting:
    """Mixin for the app. ask_mfa_code runs in a worker thread and blocks on the modal."""

    if TYPE_CHECKING:
        is_running: bool

        def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> Any: ...
        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

    _mfa_lock = threading.Lock()
    _mfa_declined: set[str]

    def reset_mfa_declined(self) -> None:
        """A new user action (switch, refresh) may ask again for a declined profile."""
        self._mfa_declined = set()

    def ask_mfa_code(self, profile: str, serial: str) -> str:
        # One prompt at a time; a declined profile is not asked again by the workers queued
        # behind the first one (they would pop the same dialog right after a cancel).
        with self._mfa_lock:
            if profile in getattr(self, "_mfa_declined", set()):
                raise _cancelled(profile)
            code = self.call_from_thread(self._show_mfa_prompt, profile, serial)
            if not code:
                self._mfa_declined = {*getattr(self, "_mfa_declined", set()), profile}
                raise _cancelled(profile)
            return str(code)

    async def _show_mfa_prompt(self, profile: str, serial: str) -> str | None:
        from ecr_tui.ui.screens.mfa import MfaPrompt

        answer: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()

        def done(code: str | None) -> None:
            if not answer.done():
                answer.set_result(code)

        self.push_screen(MfaPrompt(profile, serial), callback=done)
        return await answer


def _cancelled(profile: str) -> CredentialsError:
    return CredentialsError(
        f"no MFA code entered for profile {profile}",
        fix="press r and type the current code from your MFA device",
    )
