"""AccessToken: an SSO session's token as botocore read it. A module of its own so that the
first frame (which only lists profiles) does not build its dataclass (~3 M instructions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AccessToken:
    value: str = field(repr=False)
    expires_at: datetime
