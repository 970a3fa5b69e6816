"""The AWS implementation of the Backend protocol: boto3 for ECR, httpx for the registry.

boto3 and httpx are imported lazily by the modules this one calls, so building an
AwsBackend costs nothing until the first call. Login, clipboard, state and error
translation are imported where used: `ecr-tui password` pays for none of them.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from ecr_tui.core import awsconfig, caches, ecr, regions
from ecr_tui.core.aws_session import MfaPrompt, SessionPool
from ecr_tui.core.errors import ConfigError, EcrTuiError, LoginError
from ecr_tui.core.image_models import Referrer, ScanReport
from ecr_tui.core.models import (
    ClipboardResult,
    ImageConfig,
    ImageDetail,
    LoginRecord,
    LoginResult,
    ManifestInfo,
    Profile,
    PullThroughRule,
    Region,
    Repository,
    TagRow,
    Token,
    utcnow,
)
from ecr_tui.core.tokens import RateLimiter, TokenCache, decode_authorization

log = logging.getLogger("ecr_tui")
T = TypeVar("T")
MAX_INDEX_MANIFESTS = 500
"""Platforms are read from at most this many multi-arch indexes per listing."""
MAX_WORKERS = 32
"""Threads for concurrent AWS and registry calls: I/O bound, bounded for many accounts."""
TOKEN_CALLS_PER_SECOND = 15
"""GetAuthorizationToken calls per second per credential, below ECR's quota of about 20."""


@dataclass(frozen=True, slots=True)
class TagListing:
    rows: list[TagRow]
    warnings: tuple[str, ...] = ()


class AwsBackend:
    name = "aws"

    def __init__(
        self,
        *,
        profile: str | None = None,
        region: str | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], datetime] = utcnow,
        cli_credential_cache: bool = False,
    ) -> None:
        """cli_credential_cache: keep role credentials in the AWS CLI's ~/.aws/cli/cache."""
        self._environ: Mapping[str, str] = os.environ if environ is None else environ
        self._profile_override = profile
        self._region_override = region
        self._clock = clock
        self._pool = SessionPool(self._environ, cli_cache=cli_credential_cache)
        self._tokens = TokenCache(clock)
        self._token_limiter = RateLimiter(TOKEN_CALLS_PER_SECOND, 1.0)
        self._state_store: Any = None
        self._lock = threading.Lock()
        self._profiles: dict[str, Profile] | None = None
        self._accounts: dict[str, str] = {}
        self._registries: dict[tuple[str, str], Any] = {}
        self._executor: ThreadPoolExecutor | None = None

    # -- profiles and regions ------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        loaded = awsconfig.list_profiles(self._environ)
        with self._lock:
            self._profiles = {p.name: p for p in loaded}
        return loaded

    def _profile(self, name: str) -> Profile:
        if self._profiles is None:
            self.profiles()
        assert self._profiles is not None
        if name not in self._profiles:
            raise awsconfig.unknown_profile(name, set(self._profiles))
        return self._profiles[name]

    def default_profile(self) -> str:
        if self._profiles is None:
            self.profiles()
        assert self._profiles is not None
        return awsconfig.default_profile_name(
            list(self._profiles.values()), self._profile_override, self._environ
        )

    def default_region(self, profile: str) -> str | None:
        return regions.resolve_region(
            self._region_override, self._environ, self._profile(profile).region
        )

    def require_region(self, profile: str, region: str | None = None) -> str:
        chosen = region or self.default_region(profile)
        if not chosen:
            raise ConfigError(
                f"no region for profile {profile}",
                fix=f"pass --region or `aws configure set region R --profile {profile}`",
            )
        home = self._profile(profile).region
        regions.check_region(chosen, regions.partition_of(home) if home else None)
        return chosen

    def regions(self, profile: str) -> list[Region]:
        home = self.default_region(profile)
        return regions.ecr_regions(regions.partition_of(home) if home else "aws")

    # -- ECR API --------------------------------------------------------------------------
    def _call(self, profile: str, region: str, operation: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except EcrTuiError:
            raise
        except Exception as exc:  # noqa: BLE001 - every outside failure becomes one line
            from ecr_tui.core.aws_errors import translate

            log.debug("%s failed for %s/%s", operation, profile, region, exc_info=True)
            raise translate(
                exc, profile=profile, region=region, operation=operation, environ=self._environ
            ) from None

    def _client(self, profile: str, region: str, service: str = "ecr") -> Any:
        self._profile(profile)
        return self._call(
            profile, region, "client", lambda: self._pool.client(profile, region, service)
        )

    def account_id(self, profile: str, region: str) -> str:
        if profile not in self._accounts:
            sts = self._client(profile, region, "sts")
            self._accounts[profile] = self._call(
                profile, region, "GetCallerIdentity", lambda: ecr.caller_account(sts)
            )
        return self._accounts[profile]

    def repositories(self, profile: str, region: str) -> list[Repository]:
        region = self.require_region(profile, region)
        client = self._client(profile, region)
        found = self._call(
            profile, region, "DescribeRepositories", lambda: ecr.list_repositories(client)
        )
        caches.store_repository_names(profile, region, (r.name for r in found), self._environ)
        return found

    def regions_with_repositories(self, profile: str, region: str) -> list[str]:
        account = self.account_id(profile, region)
        now = self._clock()
        cached = caches.cached_repository_regions(account, now, self._environ)
        if cached is not None:
            return list(cached)

        def has_repositories(name: str) -> bool:
            client = self._pool.client(profile, name, "ecr")
            return bool(client.describe_repositories(maxResults=1).get("repositories"))

        candidates = [r.name for r in regions.ecr_regions(regions.partition_of(region))]
        found = caches.scan_regions(candidates, has_repositories)
        if found is None:
            return []
        caches.store_repository_regions(account, found, now, self._environ)
        return found

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribeImages", lambda: ecr.describe_images(client, repository)
        )

    def pull_through_cache_rules(self, profile: str, region: str) -> list[PullThroughRule]:
        from ecr_tui.core.pullthrough import list_rules

        region = self.require_region(profile, region)
        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribePullThroughCacheRules", lambda: list_rules(client)
        )

    # -- tokens -----------------------------------------------------------------------------
    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token:
        region = self.require_region(profile, region)
        client = self._client(profile, region)
        identity = self._call(
            profile, region, "credentials", lambda: self._pool.credential_key(profile)
        )

        def fetch() -> Token:
            self._token_limiter.acquire(identity)
            response = self._call(
                profile, region, "GetAuthorizationToken", client.get_authorization_token
            )
            items = response.get("authorizationData") or []
            if not items:
                raise EcrTuiError(f"ECR returned no authorization data in {region}")
            return decode_authorization(items[0], profile=profile, region=region, now=self._clock())

        return self._tokens.get(f"{profile}\0{identity}", region, fetch, refresh=refresh)

    def cached_tokens(self) -> list[Token]:
        return self._tokens.tokens()

    # -- registry ---------------------------------------------------------------------------
    def registry(self, profile: str, region: str) -> Any:
        from ecr_tui.core.registry import RegistryClient

        key = (profile, region)
        with self._lock:
            client = self._registries.get(key)
        if client is None:
            endpoint = self.token(profile, region).endpoint
            client = RegistryClient(
                endpoint, lambda refresh: self.token(profile, region, refresh=refresh)
            )
            with self._lock:
                client = self._registries.setdefault(key, client)
        return client

    def executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=MAX_WORKERS, thread_name_prefix="ecr-tui"
                )
            return self._executor

    def tag_listing(self, profile: str, region: str, repository: str) -> TagListing:
        """Registry tags/list and DescribeImages fetched at once; either may fail alone."""
        from ecr_tui.core.tags import merge_tags

        region = self.require_region(profile, region)
        pool = self.executor()
        names_f: Future[list[str]] = pool.submit(
            lambda: self.registry(profile, region).list_tags(repository)
        )
        images_f: Future[list[ImageDetail]] = pool.submit(self.images, profile, region, repository)
        names, names_err = outcome(names_f)
        images, images_err = outcome(images_f)
        if names_err and images_err:
            raise names_err
        warnings = []
        if names_err:
            warnings.append(f"tags from DescribeImages only: {names_err}")
        if images_err:
            warnings.append(f"no digests, dates or sizes: {images_err}")
        platforms = self._platforms(profile, region, repository, images or [])
        return TagListing(merge_tags(names, images, platforms), tuple(warnings))

    def _platforms(
        self, profile: str, region: str, repository: str, images: list[ImageDetail]
    ) -> dict[str, tuple[str, ...]]:
        indexes = [
            i.digest for i in images if "index" in i.media_type or "manifest.list" in i.media_type
        ][:MAX_INDEX_MANIFESTS]
        if not indexes:
            return {}
        registry = self.registry(profile, region)
        futures = {
            d: self.executor().submit(registry.manifest, repository, d) for d in indexes
        }
        found: dict[str, tuple[str, ...]] = {}
        for digest, future in futures.items():
            info, err = outcome(future)
            if info is not None:
                found[digest] = tuple(p.name for p in info.platforms)
            elif err:
                log.debug("manifest %s: %s", digest, err)
        return found

    def token_calls_max_per_second(self) -> int:
        """The most GetAuthorizationToken calls one credential made in any one second."""
        return self._token_limiter.busiest_window()

    def tags(self, profile: str, region: str, repository: str) -> list[TagRow]:
        return self.tag_listing(profile, region, repository).rows

    def manifest(self, profile: str, region: str, repository: str, reference: str) -> ManifestInfo:
        return self.registry(profile, region).manifest(repository, reference)

    def image_config(
        self, profile: str, region: str, repository: str, config_digest: str
    ) -> ImageConfig:
        return self.registry(profile, region).image_config(repository, config_digest)

    def referrers(
        self, profile: str, region: str, repository: str, digest: str
    ) -> list[Referrer]:
        from ecr_tui.core.referrers import find_referrers

        return find_referrers(self.registry(profile, region), repository, digest, self.executor())

    def scan_findings(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ScanReport:
        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribeImageScanFindings",
            lambda: ecr.scan_findings(client, repository, reference),
        )

    # -- login and copy ---------------------------------------------------------------------
    def login(self, profile: str, region: str, engine: str | None = None) -> LoginResult:
        from ecr_tui.core.login import detect_engine, run_login

        region = self.require_region(profile, region)
        token = self.token(profile, region)
        chosen = detect_engine(engine)
        line = run_login(chosen, token, environ=self._environ)
        note = line if line.startswith(f"{token.registry} is routed to") else ""
        try:
            self.registry(profile, region).ping()
        except EcrTuiError as exc:
            raise LoginError(
                f"{chosen} logged in to {token.registry}, but the registry refused the token: "
                f"{exc.message}",
                fix=exc.fix,
            ) from None
        now = self._clock()
        record = LoginRecord(profile, region, token.registry, chosen, token.expires_at, now)
        self._state().record(record)
        return LoginResult(record, True, note)

    def state_warning(self) -> str | None:
        """The login state file's last problem (corrupt, unreadable), for the UI to show."""
        return self._state().last_warning

    def forget_profile(self, profile: str) -> None:
        """Drop cached sessions, clients and tokens' clients after `aws sso login` renewed it."""
        self._pool.forget(profile)
        with self._lock:
            stale = [self._registries.pop(k) for k in list(self._registries) if k[0] == profile]
            self._accounts.pop(profile, None)
        for client in stale:
            client.close()

    def recorded_logins(self) -> list[LoginRecord]:
        return self._state().load()

    def _state(self) -> Any:
        from ecr_tui.core.state import LoginStateStore

        with self._lock:
            if self._state_store is None:
                self._state_store = LoginStateStore(environ=self._environ)
            return self._state_store

    def copy_password(self, profile: str, region: str) -> ClipboardResult:
        from ecr_tui.core.clipboard import copy_text

        return copy_text(self.token(profile, region).password)

    def set_mfa_prompt(self, prompt: MfaPrompt | None) -> None:
        self._pool.set_mfa_prompt(prompt)

    def close(self) -> None:
        with self._lock:
            registries = list(self._registries.values())
            self._registries.clear()
            executor, self._executor = self._executor, None
        for client in registries:
            client.close()
        if executor:
            executor.shutdown(wait=False, cancel_futures=True)


def outcome(future: Future[T]) -> tuple[T | None, EcrTuiError | None]:
    try:
        return future.result(), None
    except EcrTuiError as exc:
        return None, exc
