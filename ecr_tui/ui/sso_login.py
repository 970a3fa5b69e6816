"""`aws sso login` from inside the TUI: the terminal is handed over, then the profile reloads."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported

from ecr_tui.core.models import ProfileKind
from ecr_tui.core.sso.commands import sso_login_argv

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from ecr_tui.core.backend import Backend
    from ecr_tui.ui.session import Session

SsoRunner = Callable[[list[str]], int]
"""Runs the argv in the user's terminal and returns its exit status."""

SSO_KINDS = (ProfileKind.SSO, ProfileKind.LEGACY_SSO)


class SsoLogin:
    """Mixin for the app."""

    sso_runner: SsoRunner | None = None
    """Injectable for tests; None runs the command in the suspended terminal."""

    if TYPE_CHECKING:
        session: Session
        backend: Backend

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def suspend(self) -> AbstractContextManager[None]: ...
        def switch_profile(self, name: str) -> None: ...

    def sso_profiles_to_renew(self) -> list[str]:
        """SSO profiles whose last call failed, for the command palette."""
        return [
            name for name, profile in self.session.profiles.items()
            if profile.kind in SSO_KINDS and name in self.session.failures
        ]

    def action_sso_login(self, name: str | None = None) -> None:
        name = name or self.session.profile
        profile = self.session.profiles.get(name or "")
        if profile is None or profile.kind not in SSO_KINDS:
            self.notify(f"{name or 'No profile'} is not an SSO profile", severity="warning",
                        markup=False)
            return
        argv = sso_login_argv(profile.name, os.environ)
        command = " ".join(argv)
        machine = self.backend.workstation()  # the demo's runs nothing and says so
        try:
            run = machine.run_in_terminal(argv, self.sso_runner or self._run_in_terminal)
        except SuspendNotSupported:
            self.notify(f"This terminal cannot be handed over: run `{command}` elsewhere, "
                        "then press r", severity="warning", timeout=12, markup=False)
            return
        except OSError as exc:
            self.notify(f"cannot run `{command}`: {exc.strerror or type(exc).__name__} "
                        "(fix: install the AWS CLI v2)", severity="error", markup=False)
            return
        if run.status is None:
            self.notify(run.said, timeout=10, markup=False)
            return
        if run.status != 0:
            self.notify(f"`{command}` failed (exit status {run.status})", severity="error",
                        markup=False)
            return
        self.session.failures.pop(profile.name, None)
        self.backend.forget_profile(profile.name)  # drop the session holding the old token
        self.notify(f"SSO login done for {profile.name}; reloading", markup=False)
        self.switch_profile(profile.name)

    def _run_in_terminal(self, argv: list[str]) -> int:
        import subprocess

        with self.suspend():
            return subprocess.run(argv, check=False).returncode
