"""Pure text helpers: countdowns, sizes, dates, cells cut to fit. No Textual here."""

from __future__ import annotations

from datetime import datetime, timedelta

from ecr_tui.core.humanize import human_size as core_human_size

WARN_BELOW = timedelta(hours=1)
ERROR_BELOW = timedelta(minutes=10)

def countdown(left: timedelta) -> str:
    """`11:42:07`, hours unbounded; `expired` at or below zero."""
    seconds = int(left.total_seconds())
    if seconds <= 0:
        return "expired"
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def level(left: timedelta) -> str:
    """The colour class for time left: ok, warn (< 1 h), error (< 10 min), expired."""
    if left <= timedelta(0):
        return "expired"
    if left < ERROR_BELOW:
        return "error"
    if left < WARN_BELOW:
        return "warn"
    return "ok"


def short_duration(left: timedelta) -> str:
    """`11h59m`, `52m`, `3d4h`; `expired` at or below zero."""
    minutes = int(left.total_seconds()) // 60
    if left <= timedelta(0):
        return "expired"
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d{hours}h"
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def human_size(size: int | None) -> str:
    return core_human_size(size) if size is not None else "-"


def relative(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "-"
    seconds = int((now - when).total_seconds())
    suffix = "ago" if seconds >= 0 else "from now"
    seconds = abs(seconds)
    for unit, span in (("y", 31_536_000), ("mo", 2_592_000), ("d", 86_400), ("h", 3600), ("m", 60)):
        if seconds >= span:
            return f"{seconds // span}{unit} {suffix}"
    return "just now"


def absolute(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when else "-"


def short_digest(digest: str) -> str:
    return digest.split(":", 1)[-1][:12] if digest else "-"
