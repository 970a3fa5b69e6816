"""Who and when a result belongs to: profiles, their kinds, the (profile, region) target, and the
clock every record uses. Imports only `frozen`: `models` and `records` both build on it."""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from ecr_tui.core.frozen import frozen_record

ENV_PROFILE = "(env)"
"""Pseudo-profile for credentials from the environment or the default chain."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ProfileKind(str, enum.Enum):
    STATIC = "static"
    ASSUME_ROLE = "assume-role"
    SSO = "sso"
    LEGACY_SSO = "sso-legacy"
    SSO_DISCOVERED = "sso-discovered"
    """An (account, role) an SSO session reaches, found through the portal API, not configured."""
    PROCESS = "process"
    ENV = "env"
    UNKNOWN = "unknown"


@frozen_record
class Profile:
    """An AWS profile as the config files (or SSO discovery) describe it."""

    name: str
    kind: ProfileKind
    region: str | None = None
    expires_at: datetime | None = None
    """SSO session or credential expiry, where knowable without a network call."""
    account_id: str | None = None
    detail: str = ""
    """One line saying where the credentials come from (role ARN, SSO start URL, ...)."""
    mfa_serial: str | None = None
    account_name: str = ""
    """SSO-discovered only: the portal's account name."""
    role: str = ""
    """The role the profile acts as, where the config names it: the permission set of an SSO
    profile (configured or discovered), the role ARN's name of an assume-role profile."""
    sso_session: str = ""
    """SSO-discovered only: the sso-session name, or the start URL of a legacy profile."""


@frozen_record
class Target:
    """What a result belongs to: used to drop stale results after a switch."""

    profile: str
    region: str


@frozen_record
class ProfileRegion:
    """One (profile, region) pair, as login sets and the fleet name them."""

    profile: str
    region: str
