"""Which of several profiles of one account to use for a read: one whose credentials can answer
now, with a read-only-looking role first. Shared by the fleet, find and the credential helper.

No network call: what a profile can do now is judged from the files (SSO token expiry, keys)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from ecr_tui.core.models import Profile, ProfileKind

_READ_ONLY = re.compile(r"read[-_ ]?only|viewer|view[-_ ]?only|reader|audit|pull", re.I)
_WRITES = re.compile(r"admin|power[-_ ]?user|full[-_ ]?access|owner|write|push|deploy", re.I)
_SSO_KINDS = frozenset({ProfileKind.SSO, ProfileKind.LEGACY_SSO, ProfileKind.SSO_DISCOVERED})


def role_rank(role: str, preference: Sequence[str] = ()) -> tuple[int, int]:
    """Lower is better: the user's `sso_role_preference` in its order, then read-only-looking
    roles, then roles that say nothing, then ones that can write (admin, power user, …)."""
    lowered = [p.lower() for p in preference]
    if role.lower() in lowered:
        return (0, lowered.index(role.lower()))
    if _WRITES.search(role):  # first: "ECRPullPush" can write
        return (3, 0)
    return (1, 0) if _READ_ONLY.search(role) else (2, 0)


def answers_now(profile: Profile, now: datetime) -> bool:
    """Whether the profile's credentials can answer without a login first: an SSO profile needs a
    cached token that has not expired; keys with an expiry, that it has not passed."""
    if profile.kind is ProfileKind.UNKNOWN:
        return False
    if profile.kind in _SSO_KINDS:
        return profile.expires_at is not None and profile.expires_at > now
    return profile.expires_at is None or profile.expires_at > now


def read_rank(
    profile: Profile, now: datetime, preference: Sequence[str] = ()
) -> tuple[bool, tuple[int, int]]:
    """Sort key among profiles of one account: answering now first, then the role's rank."""
    return (not answers_now(profile, now), role_rank(profile.role, preference))
