"""How long to wait before retrying a throttled or failing HTTP request: the server's
Retry-After (seconds or an HTTP date), capped, else exponential backoff."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 30.0


def retry_delay(attempt: int, retry_after: str | None, now: datetime | None = None) -> float:
    """Seconds to wait before retry number attempt+1: Retry-After if given, else backoff."""
    backoff = min(BACKOFF_BASE * 2**attempt, BACKOFF_CAP)
    if not retry_after:
        return backoff
    value = retry_after.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return backoff
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - (now or datetime.now(timezone.utc))).total_seconds()
    if seconds != seconds:  # NaN
        return backoff
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)
