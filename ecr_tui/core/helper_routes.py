"""Which profile (and region) the credential helper uses for a registry host.

In order: the `registries` map of config.toml (host -> profile); a configured profile of the
host's account, one of the host's region first; a discovered SSO role of that account. A
profile's account comes from its config (SSO account, role ARN) or from the account cache
(filled by GetCallerIdentity, only when nothing else reached the host).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ecr_tui.core.hosts import host_from_endpoint, parse_registry_host, registry_host
from ecr_tui.core.models import Profile, ProfileKind, utcnow

ASKABLE_KINDS = frozenset(
    {ProfileKind.STATIC, ProfileKind.PROCESS, ProfileKind.ENV, ProfileKind.ASSUME_ROLE}
)
"""Kinds whose account may be unknown from the config alone: GetCallerIdentity tells it."""


@dataclass(frozen=True, slots=True)
class Route:
    profile: str
    region: str | None
    """None: the profile's own region (the host does not say, e.g. a local registry)."""
    reason: str
    """Why this profile: 'config', 'account', 'sso-discovered'."""


def normal_host(server_url: str) -> str:
    """`https://HOST/v2/` or `HOST` -> `host` (lower case, port kept)."""
    return host_from_endpoint(server_url)


def account_of(profile: Profile, accounts: Mapping[str, str]) -> str | None:
    return profile.account_id or accounts.get(profile.name)


def route(
    server_url: str,
    *,
    registries: Mapping[str, str],
    profiles: Sequence[Profile],
    accounts: Mapping[str, str],
    preferred: str | None = None,
    now: datetime | None = None,
) -> Route | None:
    """The profile that reaches this registry, or None when none does. Among several of the
    account: `preferred` (AWS_PROFILE), then one of the host's region, then one that needs no
    MFA code, then one whose SSO session has not expired, then file order."""
    host = normal_host(server_url)
    parsed = parse_registry_host(host)
    region = parsed.region if parsed else None
    explicit = {normal_host(k): v for k, v in registries.items()}
    if host in explicit:
        return Route(explicit[host], region, "config")
    if parsed is None or parsed.public:
        return None
    configured = [p for p in profiles if p.kind is not ProfileKind.SSO_DISCOVERED]
    discovered = [p for p in profiles if p.kind is ProfileKind.SSO_DISCOVERED]
    for group, reason in ((configured, "account"), (discovered, "sso-discovered")):
        same = [p for p in group if account_of(p, accounts) == parsed.account_id]
        moment = now or utcnow()
        same.sort(key=lambda p: (  # stable: file order otherwise
            p.name != preferred,
            p.region != parsed.region,
            p.mfa_serial is not None,
            p.expires_at is not None and p.expires_at <= moment,
        ))
        if same:
            return Route(same[0].name, parsed.region, reason)
    return None


def unknown_accounts(profiles: Sequence[Profile], accounts: Mapping[str, str]) -> list[Profile]:
    """Configured profiles whose account only GetCallerIdentity can tell."""
    return [
        p for p in profiles
        if p.kind in ASKABLE_KINDS and not p.mfa_serial and account_of(p, accounts) is None
    ]


def known_registries(
    *, registries: Mapping[str, str], profiles: Sequence[Profile], accounts: Mapping[str, str]
) -> dict[str, str]:
    """host -> profile for every registry reachable without a network call (for `list`)."""
    found = {normal_host(host): profile for host, profile in registries.items()}
    for p in profiles:
        account = account_of(p, accounts)
        if account and p.region:
            found.setdefault(registry_host(account, p.region), p.name)
    return found
