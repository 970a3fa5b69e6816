"""Where ecr-tui keeps its files (XDG), and the one safe way to write them.

`$XDG_CONFIG_HOME/ecr-tui/` holds what the user writes (config.toml), `$XDG_STATE_HOME/ecr-tui/`
what the app remembers, `$XDG_CACHE_HOME/ecr-tui/` what it can rebuild. No secret goes in any.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

APP_DIR = "ecr-tui"
_XDG_DEFAULTS = {
    "XDG_CONFIG_HOME": (".config",),
    "XDG_STATE_HOME": (".local", "state"),
    "XDG_CACHE_HOME": (".cache",),
}


def _xdg(var: str, environ: Mapping[str, str] | None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get(var)
    if base and os.path.isabs(base):  # the spec: a relative value is invalid, use the default
        return Path(base) / APP_DIR
    home = env.get("HOME") or os.path.expanduser("~")
    return Path(home, *_XDG_DEFAULTS[var]) / APP_DIR


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    return _xdg("XDG_CONFIG_HOME", environ)


def state_dir(environ: Mapping[str, str] | None = None) -> Path:
    return _xdg("XDG_STATE_HOME", environ)


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    return _xdg("XDG_CACHE_HOME", environ)


def ensure_private_dir(directory: Path) -> None:
    """Create a 0700 directory; tighten one we own, never a shared sticky one such as /tmp."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = directory.stat()
    if st.st_mode & 0o077 and st.st_uid == os.getuid() and not st.st_mode & stat.S_ISVTX:
        directory.chmod(0o700)


def atomic_write_text(path: Path, text: str) -> None:
    """Write a 0600 file all at once: a temporary file in the same 0700 directory, then rename."""
    ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def set_aside(path: Path, why: str) -> tuple[str, Path | None]:
    """Move a corrupt file of ours to `NAME.corrupt-STAMP` beside it, so the next write cannot
    destroy what the user may want back: (one line for the user, where it went or None)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():  # two corruptions in one second must not overwrite each other
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, target)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return f"{path} is corrupt ({why}) and could not be moved aside: {reason}", None
    return f"{path} was corrupt ({why}); moved aside to {target.name}", target
