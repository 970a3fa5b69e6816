"""Ask for an MFA code on the controlling terminal (/dev/tty), never on stdin: stdin may carry
a pipe (`| docker login`, the server URL docker hands a credential helper)."""

from __future__ import annotations

import os

from ecr_tui.core.errors import CredentialsError


def terminal_mfa_prompt(profile: str, serial: str) -> str:
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        raise CredentialsError(
            f"profile {profile} needs an MFA code ({serial}) but there is no terminal to ask on",
            fix="run it from a terminal, or use a profile without mfa_serial",
        ) from None
    import getpass

    code = getpass.getpass(f"MFA code for {serial} (profile {profile}): ").strip()
    if not code:
        raise CredentialsError(f"no MFA code entered for profile {profile}",
                               fix="type the current code from your MFA device")
    return code
