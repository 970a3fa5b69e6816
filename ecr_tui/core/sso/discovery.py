"""SSO account discovery: every (account, role) the config's SSO sessions reach, as profiles.

For each `[sso-session NAME]` and each legacy start URL with a valid cached token: ListAccounts and
ListAccountRoles through the portal API, cached 24 h (no secret). An expired or missing token skips
that session with the one-line `aws sso login` fix; the other sessions and profiles keep working.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.models import Profile, ProfileKind, utcnow
from ecr_tui.core.profiles.config import AwsConfig, AwsFiles, sso_cache_expiry
from ecr_tui.core.sso.cache import AccountCache, SourceListing, SsoAccount
from ecr_tui.core.sso.tokens import SsoSource

if TYPE_CHECKING:
    from ecr_tui.core.login.tokens import RateLimiter

log = logging.getLogger("ecr_tui")


@frozen_record
class DiscoveredRole:
    """A discovered (account, role) as a profile, and the SSO source that reaches it."""

    profile: Profile
    source: SsoSource


@frozen_record
class Discovery:
    roles: tuple[DiscoveredRole, ...]
    problems: tuple[str, ...] = ()
    """One line per skipped session, with its fix."""


def sso_sources(cfg: AwsConfig) -> list[SsoSource]:
    """Every sso-session, then each legacy start URL once (named after its first profile)."""
    found: dict[str, SsoSource] = {}
    for name, values in cfg.sso_sessions.items():
        if values.get("sso_start_url") and values.get("sso_region"):
            found[name] = SsoSource(name, values["sso_start_url"], values["sso_region"])
    for profile, values in cfg.profiles.items():
        url = values.get("sso_start_url")
        if url and "sso_session" not in values and url not in found and values.get("sso_region"):
            found[url] = SsoSource(url, url, values["sso_region"], legacy_profile=profile)
    return list(found.values())


def _configured_roles(cfg: AwsConfig) -> dict[tuple[str, str, str], str]:
    """(source key, account, role) -> region ('' for none) of every configured SSO profile."""
    taken = {}
    for values in cfg.profiles.values():
        key = values.get("sso_session") or values.get("sso_start_url")
        account, role = values.get("sso_account_id"), values.get("sso_role_name")
        if key and account and role:
            taken[(key, account, role)] = values.get("region", "")
    return taken


def _account_regions(cfg: AwsConfig) -> dict[tuple[str, str], str]:
    regions = {}
    for (key, account, _), region in _configured_roles(cfg).items():
        if region:
            regions.setdefault((key, account), region)
    return regions


def build_roles(
    cfg: AwsConfig, listings: list[tuple[SsoSource, SourceListing]]
) -> list[DiscoveredRole]:
    """Profiles for every listed (account, role) no configured profile already names."""
    taken = _configured_roles(cfg)
    regions = _account_regions(cfg)
    names = set(cfg.profiles)
    seen: set[tuple[str, str]] = set()
    roles = []
    for source, listing in listings:
        expires = sso_cache_expiry(cfg.files.sso_cache, source.key)
        for account in listing.accounts:
            for role in account.roles:
                if (source.key, account.account_id, role) in taken:
                    continue
                if (account.account_id, role) in seen:
                    continue
                seen.add((account.account_id, role))
                name = f"{account.name or account.account_id}/{role}"
                if name in names:
                    name = f"{account.account_id}/{role}"
                names.add(name)
                profile = Profile(
                    name, ProfileKind.SSO_DISCOVERED,
                    regions.get((source.key, account.account_id)) or source.sso_region,
                    expires, account.account_id,
                    f"{source.label}: {account.account_id} {account.email}".strip(),
                    account_name=account.name, role=role, sso_session=source.key,
                )
                roles.append(DiscoveredRole(profile, source))
    return roles


class SsoDiscovery:
    """Lists accounts and roles per SSO session; one instance per backend (one limiter)."""

    def __init__(
        self,
        environ: Mapping[str, str],
        *,
        client: Callable[[str], object],
        botocore_session: Callable[[], object],
        executor: Callable[[], Executor],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._environ = environ
        self._client = client
        self._botocore_session = botocore_session
        self._limiter: RateLimiter | None = None
        self._limiter_lock = threading.Lock()
        self._executor = executor
        self._clock = clock
        self.cache = AccountCache(environ)

    @property
    def limiter(self) -> RateLimiter:
        """The SSO portal's one limiter for this backend, made when the portal is first
        called (the profile list, from the cache, needs neither it nor the portal's code)."""
        from ecr_tui.core.sso import portal as sso_portal

        with self._limiter_lock:
            if self._limiter is None:
                self._limiter = sso_portal.new_sso_limiter(self._environ)
            return self._limiter

    def cached(self, cfg: AwsConfig) -> Discovery:
        """What the cache holds, whatever its age; no network."""
        listings = self.cache.load()
        pairs = [(s, listings[s.key]) for s in sso_sources(cfg) if s.key in listings]
        return Discovery(tuple(build_roles(cfg, pairs)))

    def is_fresh(self, cfg: AwsConfig) -> bool:
        listings, now = self.cache.load(), self._clock()
        return all(
            s.key in listings and listings[s.key].is_fresh(now) for s in sso_sources(cfg)
        )

    def discover(self, cfg: AwsConfig, *, refresh: bool = False) -> Discovery:
        """Fresh cache entries unless ``refresh``; the portal for the rest."""
        cached = self.cache.load()
        now = self._clock()
        pairs, problems = [], []
        for source in sso_sources(cfg):
            listing = cached.get(source.key)
            if refresh or listing is None or not listing.is_fresh(now):
                try:
                    listing = self.list_source(source)
                except EcrTuiError as exc:
                    problems.append(str(exc))
                    continue
                self.cache.save(listing)
            pairs.append((source, listing))
        return Discovery(tuple(build_roles(cfg, pairs)), tuple(problems))

    def access_token(self, source: SsoSource) -> str:
        from ecr_tui.core.sso.tokens import load_access_token

        return load_access_token(
            self._botocore_session(), source, _cache_dir(self._environ), self._environ,
            self._clock(),
        ).value

    def list_source(self, source: SsoSource) -> SourceListing:
        from ecr_tui.core.sso import portal as sso_portal

        token = self.access_token(source)
        client = self._client(source.sso_region)
        try:
            accounts = sso_portal.list_accounts(client, self.limiter, token)
            futures = [
                self._executor().submit(
                    sso_portal.list_account_roles, client, self.limiter, token, a["accountId"]
                )
                for a in accounts
            ]
            found = tuple(
                SsoAccount(
                    a["accountId"], a.get("accountName", ""), a.get("emailAddress", ""),
                    tuple(f.result()),
                )
                for a, f in zip(accounts, futures, strict=True)
            )
        except EcrTuiError:
            raise
        except Exception as exc:  # noqa: BLE001 - the portal's failure becomes one line
            log.debug("listing SSO accounts of %s failed", source.label, exc_info=True)
            raise _portal_error(exc, source, self._environ) from None
        return SourceListing(source.key, source.start_url, source.sso_region, found, self._clock())


def _cache_dir(environ: Mapping[str, str]) -> Path:
    return AwsFiles.from_environ(environ).sso_cache


def _portal_error(exc: BaseException, source: SsoSource, environ: Mapping[str, str]) -> EcrTuiError:
    from ecr_tui.core.errors import CredentialsError, NetworkError

    code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
    if code in ("UnauthorizedException", "UnauthorizedSSOTokenError"):
        return CredentialsError(
            f"SSO session {source.label} was refused by the portal (expired or revoked)",
            fix=source.login_fix(environ),
        )
    if "Endpoint" in type(exc).__name__ or "Timeout" in type(exc).__name__:
        return NetworkError(
            f"cannot reach the SSO portal of {source.label} in {source.sso_region}",
            fix="check network, VPN or HTTPS_PROXY, then retry",
        )
    return EcrTuiError(f"listing the accounts of SSO session {source.label} failed: {code or exc}")
