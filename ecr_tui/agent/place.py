"""Where the agent listens, and which environment it serves.

The socket lives in `$XDG_RUNTIME_DIR/ecr-tui/` (per user, cleared at logout), else in
`$TMPDIR/ecr-tui-UID/` (or /tmp): a 0700 directory that must be ours, or there is no agent.
One agent per environment: what a `get` answers depends on AWS_PROFILE, the config files, the
endpoints, so the socket's name carries a digest of those variables, and a request carries the
whole digest.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

APP_DIR = "ecr-tui"
IDLE_ENV = "ECR_TUI_AGENT_IDLE_SECONDS"
TIMEOUT_ENV = "ECR_TUI_AGENT_TIMEOUT"
IDLE_SECONDS = 30 * 60.0
"""The agent leaves after this long without a request."""
REPLY_TIMEOUT = 30.0
"""The longest a `get` waits for the agent (a cold registry may need SSO discovery first)."""
START_TIMEOUT = 5.0
"""The longest a `get` waits for an agent to start, its own or another helper's."""
SOCKET_PATH_MAX = 107 if sys.platform.startswith("linux") else 103
"""sun_path holds 108 bytes on Linux, 104 on macOS, the final NUL included."""
_SHAPING_PREFIXES = ("AWS_", "ECR_TUI_")
_SHAPING_NAMES = frozenset({
    "HOME", "PATH", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "HTTP_PROXY",
    "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
})
_CLIENT_ONLY = frozenset({TIMEOUT_ENV})


def _seconds(environ: Mapping[str, str], name: str, default: float) -> float:
    try:
        value = float(environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def idle_seconds(environ: Mapping[str, str]) -> float:
    return _seconds(environ, IDLE_ENV, IDLE_SECONDS)


def reply_timeout(environ: Mapping[str, str]) -> float:
    return _seconds(environ, TIMEOUT_ENV, REPLY_TIMEOUT)


def fingerprint(environ: Mapping[str, str]) -> str:
    """A digest of the variables that change what a `get` answers (never their values)."""
    shaping = sorted(
        (k, v) for k, v in environ.items()
        if (k.upper().startswith(_SHAPING_PREFIXES) or k.upper() in _SHAPING_NAMES)
        and k not in _CLIENT_ONLY
    )
    over_ssh = "SSH_CONNECTION" in environ  # only whether: the fix says --use-device-code
    text = "\0".join(f"{k}={v}" for k, v in shaping) + f"\0ssh={over_ssh}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def agent_dir(environ: Mapping[str, str]) -> Path | None:
    """The user's 0700 directory for agent sockets, made if missing; None when it is not ours."""
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        directory = Path(runtime) / APP_DIR
    else:
        tmp = environ.get("TMPDIR", "")
        directory = Path(tmp if os.path.isabs(tmp) else "/tmp") / f"{APP_DIR}-{os.getuid()}"
    try:
        os.mkdir(directory, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        st = os.lstat(directory)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
            return None  # a link, or another user's: never listen or ask there
        if st.st_mode & 0o077:
            os.chmod(directory, 0o700)
    except OSError:
        return None
    return directory


def socket_path(environ: Mapping[str, str], digest: str | None = None) -> Path | None:
    directory = agent_dir(environ)
    if directory is None:
        return None
    path = directory / f"agent-{(digest or fingerprint(environ))[:16]}.sock"
    return path if len(os.fsencode(path)) <= SOCKET_PATH_MAX else None


def sockets(environ: Mapping[str, str]) -> list[Path]:
    """Every agent socket of the user (one per environment), for status and stop."""
    directory = agent_dir(environ)
    return sorted(directory.glob("agent-*.sock")) if directory else []
