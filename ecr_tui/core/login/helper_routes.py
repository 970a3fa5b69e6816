"""Which profile (and region) the credential helper uses for a registry host.

In order: the `registries` map of config.toml (host -> profile); a configured profile of the
host's account that can answer now, one of the host's region first; a discovered SSO role of that
account; then the account's profiles that cannot answer now (tried last, for their fix). A
profile's account comes from its config (SSO account, role ARN) or from the account cache
(filled by GetCallerIdentity, only when nothing else reached the host).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.hosts import host_from_endpoint, parse_registry_host, registry_host
from ecr_tui.core.models import Profile, ProfileKind, utcnow
from ecr_tui.core.role_choice import answers_now, role_rank

ASKABLE_KINDS = frozenset(
    {ProfileKind.STATIC, ProfileKind.PROCESS, ProfileKind.ENV, ProfileKind.ASSUME_ROLE}
)
"""Kinds whose account may be unknown from the config alone: GetCallerIdentity tells it."""


@frozen_record
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


def routes(
    server_url: str,
    *,
    registries: Mapping[str, str],
    profiles: Sequence[Profile],
    accounts: Mapping[str, str],
    preferred: str | None = None,
    now: datetime | None = None,
) -> list[Route]:
    """Every profile that may serve this registry, best first (the helper tries them in turn).
    A `registries` entry is the only one. Else the account's profiles: ones that can answer now
    (credentials present, SSO session logged in and not expired) first; then configured before
    discovered, `preferred` (AWS_PROFILE), one of the host's region, one needing no MFA code, a
    read-only role, file order."""
    host = normal_host(server_url)
    parsed = parse_registry_host(host)
    region = parsed.region if parsed else None
    explicit = {normal_host(k): v for k, v in registries.items()}
    if host in explicit:
        return [Route(explicit[host], region, "config")]
    if parsed is None or parsed.public:
        return []
    moment = now or utcnow()
    same = [p for p in profiles if account_of(p, accounts) == parsed.account_id]
    same.sort(key=lambda p: (  # stable: file order otherwise
        not answers_now(p, moment),
        p.kind is ProfileKind.SSO_DISCOVERED,
        p.name != preferred,
        p.region != parsed.region,
        p.mfa_serial is not None,
        role_rank(p.role),
    ))
    return [
        Route(p.name, parsed.region,
              "sso-discovered" if p.kind is ProfileKind.SSO_DISCOVERED else "account")
        for p in same
    ]


def route(server_url: str, **kwargs: Any) -> Route | None:
    """The best of `routes` (what `status` shows), or None when no profile reaches the host."""
    found = routes(server_url, **kwargs)
    return found[0] if found else None


def can_answer(found: Sequence[Route], profiles: Sequence[Profile], now: datetime) -> bool:
    """Whether the best route's profile can answer now (else more profiles are worth finding)."""
    if not found:
        return False
    if found[0].reason == "config":
        return True
    by_name = {p.name: p for p in profiles}
    best = by_name.get(found[0].profile)
    return best is not None and answers_now(best, now)


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
