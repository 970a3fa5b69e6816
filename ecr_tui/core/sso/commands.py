"""The `aws sso login` command that renews an SSO profile (no AWS libraries needed)."""

from __future__ import annotations

from collections.abc import Mapping


def sso_login_argv(profile: str, environ: Mapping[str, str]) -> list[str]:
    """The command that renews an SSO profile's session, as the TUI runs it."""
    # The browser callback of `aws sso login` cannot reach a laptop over SSH.
    device = ["--use-device-code"] if environ.get("SSH_CONNECTION") else []
    return ["aws", "sso", "login", "--profile", profile, *device]


def sso_login_command(profile: str, environ: Mapping[str, str]) -> str:
    return " ".join(sso_login_argv(profile, environ))


def sso_session_login_argv(session: str, environ: Mapping[str, str]) -> list[str]:
    """The command that renews an `[sso-session NAME]` whatever profile uses it."""
    device = ["--use-device-code"] if environ.get("SSH_CONNECTION") else []
    return ["aws", "sso", "login", "--sso-session", session, *device]


def sso_session_login_command(session: str, environ: Mapping[str, str]) -> str:
    return " ".join(sso_session_login_argv(session, environ))
