"""Short human forms of sizes, durations and cut text, shared by the CLI and the UI."""

from __future__ import annotations


def human_size(size: int | None) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"


def human_remaining(seconds: float | None) -> str:
    """'11h59m', '9m05s', 'expired'; '' when unknown."""
    if seconds is None:
        return ""
    if seconds <= 0:
        return "expired"
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def login_line(engine: str, registry: str, seconds_left: float, note: str = "") -> str:
    """The one sentence the CLI and the TUI both say after a login."""
    line = f"Logged in {engine} to {registry}, expires in {human_remaining(seconds_left)}"
    return f"{line} — {note}" if note else line


def ellipsize(text: str, width: int, *, keep_end: int = 0) -> str:
    """TEXT in at most WIDTH characters. A cut text always shows `…` where it was cut: at the
    end, or before the last KEEP_END characters (the part that tells similar texts apart)."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    keep_end = min(keep_end, width - 2) if keep_end > 0 else 0
    head = width - 1 - keep_end
    return text[:head] + "…" + (text[-keep_end:] if keep_end else "")
