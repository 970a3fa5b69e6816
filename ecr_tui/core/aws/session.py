"""botocore sessions and clients, one session per profile, clients per (profile, region).

botocore clients are thread-safe, sessions are not: creation happens under a lock and the
clients are shared by worker threads. Every client carries the read-only allowlist.

The parsing shortcuts its clients carry are in `raw_parsing.py`.

A fleet's sessions and clients (~5,500 objects an account) are frozen out of the collector's
generations as they are made (_settle): full collections rescanning them took 3.3 s for 600
clients of 200 accounts, 9x those of 40 accounts.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from ecr_tui.core.aws.allowlist import guard, write_guard
from ecr_tui.core.aws.raw_parsing import RAW_LISTS, raw_list, utc_timestamp
from ecr_tui.core.models import ENV_PROFILE

MfaPrompt = Callable[[str, str], str]
RoleCredentials = Callable[[], dict[str, str]]
"""Fetches refreshable-credentials metadata: access_key, secret_key, token, expiry_time."""

FREEZE_FROM_CLIENTS = 16
"""From this many clients on (a fleet, not a TUI on a few profiles), each new one is frozen out
of the garbage collector's generations with everything alive then (see the top)."""


def cli_cache_dir(environ: Mapping[str, str]) -> str:
    """The AWS CLI's own credential cache, `~/.aws/cli/cache` (HOME taken from environ)."""
    import os

    home = environ.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, ".aws", "cli", "cache")


class SessionPool:
    def __init__(
        self, environ: Mapping[str, str], *, cli_cache: bool = False, writes: bool = False
    ) -> None:
        """writes: clients carry the write list too (the switch; off unless the user said so)."""
        self._environ = environ
        self._writes = writes
        self._cli_cache = cli_cache
        self._lock = threading.RLock()
        self._sessions: dict[str, Any] = {}
        self._clients: dict[tuple[str, str, str], Any] = {}
        self._mfa_prompt: MfaPrompt | None = None
        self._loader: Any = None
        self._roles: dict[str, RoleCredentials] = {}
        self._sso_limiter: Any = None

    def register_role(self, profile: str, fetch: RoleCredentials) -> None:
        """A profile whose credentials come from ``fetch`` (an SSO-discovered role), not a file.
        Nothing is fetched until a client of the profile first signs a request."""
        with self._lock:
            if profile not in self._roles:
                self._roles[profile] = fetch
    def set_mfa_prompt(self, prompt: MfaPrompt | None) -> None:
        with self._lock:
            self._mfa_prompt = prompt
            for name, session in self._sessions.items():
                if name not in self._roles:
                    self._install_prompt(name, session)

    def core_session(self, profile: str) -> Any:
        """The profile's botocore session: clients are made from it without importing boto3
        (~25 ms of every `ecr-tui password` and credential-helper run)."""
        known = self._sessions.get(profile)  # no lock to read: workers line up there to create
        if known is not None:
            return known
        with self._lock:
            if profile not in self._sessions:
                fetch = self._roles.get(profile)
                session = self._botocore_session(profile_free=fetch is not None)
                if fetch is not None:
                    _install_role_credentials(session, fetch)
                elif profile != ENV_PROFILE:
                    session.set_config_variable("profile", profile)
                session.get_component("response_parser_factory").set_parser_defaults(
                    timestamp_parser=utc_timestamp
                )
                if fetch is None:
                    self._install_prompt(profile, session)
                    self._pace_sso(session)
                    if self._cli_cache:
                        self._use_cli_cache(session)
                self._sessions[profile] = session
            return self._sessions[profile]

    def botocore_session(self) -> Any:
        """A fresh botocore session sharing the pool's data loader (for SSO token reading);
        made outside the lock once the loader exists (each role's credential fetch makes one)."""
        if self._loader is None:
            with self._lock:
                return self._botocore_session(profile_free=True)
        return self._botocore_session(profile_free=True)

    def sso_client(self, sso_region: str) -> Any:
        """The portal client of one region: unsigned (the bearer token goes in a header), no
        retries of its own (sso_portal.limited_call paces and retries), allowlisted."""
        key = ("", sso_region, "sso")
        known = self._clients.get(key)  # a credential fetch never waits for client creation
        if known is not None:
            return known
        with self._lock:
            if key not in self._clients:
                from botocore import UNSIGNED
                from botocore.config import Config

                config = Config(
                    signature_version=UNSIGNED,
                    retries={"mode": "standard", "total_max_attempts": 1},
                    connect_timeout=10, read_timeout=30, max_pool_connections=20,
                    user_agent_extra="ecr-tui",
                )
                client = self._botocore_session(profile_free=True).create_client(
                    "sso", region_name=sso_region, config=config
                )
                client.meta.events.register("provide-client-params", guard)
                self._clients[key] = client
            return self._clients[key]

    def _botocore_session(self, *, profile_free: bool = False) -> Any:
        """``profile_free``: the session ignores AWS_PROFILE (which may name an SSO-discovered
        role, unknown to botocore's config: ProfileNotFound) — for the portal and role sessions."""
        # One data loader for every profile: the service model, endpoint rules and partitions
        # are parsed once (~60 ms a session otherwise; 30 profiles paid 2 s for it).
        import botocore.session

        session = botocore.session.get_session()
        profile_var = session.session_var_map["profile"]
        session.session_var_map["profile"] = (None, None, None, None)
        if self._loader is None:
            from ecr_tui.core.aws.loader import create_loader

            # Read profile-free, from this session: a throwaway one cost ~50 M instructions.
            self._loader = create_loader(session.get_config_variable("data_path"))
        if not profile_free:
            session.session_var_map["profile"] = profile_var  # AWS_PROFILE again
        session.register_component("data_loader", self._loader)
        return session

    def client(self, profile: str, region: str, service: str = "ecr") -> Any:
        key = (profile, region, service)
        known = self._clients.get(key)
        if known is not None:
            return known
        with self._lock:
            if key not in self._clients:
                from botocore.config import Config

                config = Config(
                    retries={"mode": "standard", "max_attempts": 4},
                    connect_timeout=10,
                    read_timeout=30,
                    max_pool_connections=20,
                    user_agent_extra="ecr-tui",
                )
                client = self.core_session(profile).create_client(
                    service, region_name=region, config=config
                )
                # The earliest hook: the guard runs before parameters are built or anything is sent.
                client.meta.events.register(
                    "provide-client-params", write_guard if self._writes else guard
                )
                if service == "ecr":
                    for operation in RAW_LISTS:
                        client.meta.events.register(f"before-parse.ecr.{operation}", raw_list)
                self._clients[key] = client
                if len(self._clients) >= FREEZE_FROM_CLIENTS:
                    _settle()
            return self._clients[key]

    def credential_key(self, profile: str) -> str:
        """A stable identity for caching tokens: the access key id of the credentials."""
        credentials = self.core_session(profile).get_credentials()
        if credentials is None:
            from botocore.exceptions import NoCredentialsError

            raise NoCredentialsError()
        return credentials.get_frozen_credentials().access_key

    def credential_expiries(self) -> list[datetime]:
        """When the refreshable credentials loaded so far expire (none are loaded here)."""
        found = []
        for session in list(self._sessions.values()):
            credentials = getattr(session, "_credentials", None)  # loaded ones only, never load
            expiry = getattr(credentials, "_expiry_time", None)
            if isinstance(expiry, datetime):
                found.append(expiry if expiry.tzinfo else expiry.replace(tzinfo=timezone.utc))
        return found

    def _pace_sso(self, session: Any) -> None:
        """botocore's own SSO provider asks the portal for role credentials: under the user's
        shared SSO limit too, each attempt."""
        with self._lock:
            if self._sso_limiter is None:
                from ecr_tui.core.sso.portal import new_sso_limiter

                self._sso_limiter = new_sso_limiter(self._environ)
            limiter = self._sso_limiter

        def pace(**_: Any) -> None:
            from ecr_tui.core.sso.portal import SSO_KEY

            limiter.acquire(SSO_KEY)

        session.register("before-send.sso", pace)

    def forget(self, profile: str) -> None:
        """Drop a profile's session and clients, e.g. after `aws sso login` renewed it."""
        with self._lock:
            self._sessions.pop(profile, None)
            for key in [k for k in self._clients if k[0] == profile]:
                del self._clients[key]
        gc.unfreeze()  # the dropped ones are collected by the next _settle

    def _use_cli_cache(self, session: Any) -> None:
        # As the AWS CLI does: role credentials shared with it, so an MFA code lasts the hour.
        from botocore.utils import JSONFileCache

        cache = JSONFileCache(cli_cache_dir(self._environ))
        resolver = session.get_component("credential_provider")
        for name in ("assume-role", "assume-role-with-web-identity"):
            provider = resolver.get_provider(name)
            if provider is not None:
                provider.cache = cache

    def _install_prompt(self, profile: str, session: Any) -> None:
        # Replace botocore's getpass prompt so it never reads the TUI's terminal.
        prompt = self._mfa_prompt
        if prompt is None:
            return
        resolver = session.get_component("credential_provider")
        provider = resolver.get_provider("assume-role")

        def ask(text: str) -> str:
            serial = text.split("for ", 1)[-1].rstrip(": ")
            return prompt(profile, serial)

        provider._prompter = ask


_frozen = threading.Event()


def _settle() -> None:
    """Collect what is not frozen yet (~0.4 ms: no garbage gets frozen), freeze the rest. The
    first time only freezes: a full collection of all that is imported costs ~60 ms. (Not
    gc.get_freeze_count(): it walks every frozen object, ~2 ms a client at 40 accounts.)"""
    if _frozen.is_set():
        gc.collect()
    _frozen.set()
    gc.freeze()


def _install_role_credentials(botocore_session: Any, fetch: RoleCredentials) -> None:
    """Make ``fetch`` the session's only credential source: fetched on first use, refreshed
    before expiry, held in memory only."""
    from botocore.credentials import (
        CredentialProvider,
        CredentialResolver,
        DeferredRefreshableCredentials,
    )

    class DiscoveredRoleProvider(CredentialProvider):  # type: ignore[misc]
        METHOD = "sso-discovered"
        CANONICAL_NAME = "sso-discovered"

        def load(self) -> Any:
            return DeferredRefreshableCredentials(refresh_using=fetch, method=self.METHOD)

    botocore_session.register_component(
        "credential_provider", CredentialResolver([DiscoveredRoleProvider()])
    )
