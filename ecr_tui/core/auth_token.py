"""The ECR authorization token record, in a module of its own: `ecr-tui password` and the
credential helper build one Token and none of `records`' other classes (~32 M instructions
of a ~900 M run, by callgrind). `records` and `models` re-export it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ecr_tui.core.identity import utcnow


@dataclass(frozen=True, slots=True)  # its password hidden from repr: not a frozen_record
class Token:
    """An ECR authorization token. The password never shows in repr."""

    registry: str
    """Bare registry host (and port), no scheme: what `docker login` takes."""
    endpoint: str
    """The proxyEndpoint URL, scheme included."""
    username: str
    password: str = field(repr=False)
    expires_at: datetime
    profile: str
    region: str
    fetched_at: datetime = field(default_factory=utcnow)

    def remaining(self, now: datetime | None = None) -> timedelta:
        return self.expires_at - (now or utcnow())

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.remaining(now) <= timedelta(0)
