"""The system clipboard through pyperclip. Never raises, never echoes the text it handles.

Over SSH there is usually no system clipboard: the UI then falls back to OSC 52 or a reveal dialog.
"""

from __future__ import annotations

import math
import os
import platform
import sys
from collections.abc import Mapping

from ecr_tui.core import models
from ecr_tui.core.errors import ConfigError

MECHANISM = "pyperclip"
CLEAR_ENV = "ECR_TUI_CLIPBOARD_CLEAR_SECONDS"
DEFAULT_CLEAR_SECONDS = 60.0


def unavailable_reason(
    environ: Mapping[str, str] | None = None, system: str | None = None
) -> str | None:
    """Why there is obviously no system clipboard, or None when one may exist."""
    env = os.environ if environ is None else environ
    system = sys.platform if system is None else system
    if system == "darwin" or system.startswith(("win32", "cygwin")):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    if _is_wsl():
        return None
    return "no system clipboard (no display)"


def _is_wsl() -> bool:
    """WSL reaches the Windows clipboard (clip.exe) without any display."""
    return "microsoft" in platform.uname().release.lower()


def copy_text(text: str) -> models.ClipboardResult:
    """Put `text` on the system clipboard. The result says how, or why not."""
    reason = unavailable_reason()
    if reason:
        return models.ClipboardResult(False, reason)
    try:
        import pyperclip  # lazy: `ecr-tui password` and first paint must not pay for it

        pyperclip.copy(text)
    except Exception as exc:  # any failure becomes a reason; the caller falls back
        return models.ClipboardResult(False, _why(exc))
    return models.ClipboardResult(True, MECHANISM)


def paste_text() -> str | None:
    """The clipboard's text, or None when there is no usable clipboard."""
    if unavailable_reason():
        return None
    try:
        import pyperclip

        value = pyperclip.paste()
    except Exception:
        return None
    return value if isinstance(value, str) else None


def clear_if_unchanged(text: str) -> bool:
    """Empty the clipboard if it still holds exactly `text` (the user copied nothing since)."""
    current = paste_text()
    if current is None or current != text:
        return False
    try:
        import pyperclip

        pyperclip.copy("")
    except Exception:
        return False
    return True


def clear_delay(environ: Mapping[str, str] | None = None, override: str | None = None) -> float:
    """Seconds after which a copied password is cleared from the clipboard; 0 never clears.

    `override` (the --clipboard-clear flag) wins over the environment variable.
    """
    env = os.environ if environ is None else environ
    raw = override if override is not None else env.get(CLEAR_ENV, "")
    if not raw.strip():
        return DEFAULT_CLEAR_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        where = "--clipboard-clear" if override is not None else CLEAR_ENV
        raise ConfigError(
            f"{where} must be a number of seconds, not {raw.strip()[:40]!r}",
            fix="use 0 to never clear, or e.g. 60",
        )
    return value


def _why(exc: Exception) -> str:
    """One line for the user. Never str(exc): an exception could quote the text."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "PyperclipTimeoutException" in names:
        return "clipboard timed out"
    if "PyperclipException" in names:
        return "no clipboard tool found (install xclip, xsel or wl-clipboard)"
    if isinstance(exc, ImportError):
        return "pyperclip is not installed"
    return f"clipboard failed ({type(exc).__name__})"
