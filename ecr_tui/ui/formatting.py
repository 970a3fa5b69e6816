"""Pure text helpers: countdowns, sizes, dates, semver keys. No Textual here."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

WARN_BELOW = timedelta(hours=1)
ERROR_BELOW = timedelta(minutes=10)

_SEMVER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


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
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


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


def semver_key(tag: str) -> tuple[int, int, int, int, str]:
    """Sort key: semver tags by version (releases after pre-releases), others first."""
    match = _SEMVER.match(tag)
    if not match:
        return (-1, 0, 0, 0, tag)
    major, minor, patch, pre = match.groups()
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre or "")
