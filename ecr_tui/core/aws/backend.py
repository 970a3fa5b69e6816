"""The AWS implementation of the Backend protocol: boto3 for ECR, httpx for the registry.

boto3 and httpx are imported lazily by the modules this one calls, so building an
AwsBackend costs nothing until the first call. Login, clipboard, state and error
translation are imported where used: `ecr-tui password` pays for none of them.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ecr_tui.core import models, regions
from ecr_tui.core.aws.accounts import DiscoveredAccounts
from ecr_tui.core.aws.profile_book import ProfileBook
from ecr_tui.core.aws.session import MfaPrompt, SessionPool
from ecr_tui.core.ecr import api as ecr
from ecr_tui.core.errors import EcrTuiError, LoginError
from ecr_tui.core.hosts import parse_registry_host
from ecr_tui.core.login.tokens import RateLimiter, TokenCache, decode_authorization
from ecr_tui.core.models import Profile, ProfileKind, utcnow
from ecr_tui.core.store import caches

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.anonymous_registry import AnonymousRegistry
    from ecr_tui.core.aws.looking import Looking
    from ecr_tui.core.backend import TagProgress
    from ecr_tui.core.copy_records import CopyPlan, CopyProgressCallback, CopyRequest
    from ecr_tui.core.image_records import Referrer, ScanReport
    from ecr_tui.core.lifecycle_records import LifecyclePreview
    from ecr_tui.core.models import (
        ClipboardResult,
        DiscoveryReport,
        ImageConfig,
        ImageDetail,
        LoginRecord,
        LoginResult,
        ManifestInfo,
        PullThroughRule,
        Region,
        Repository,
        TagListing,
        TagRow,
        Token,
    )
    from ecr_tui.core.public_ecr import PublicRegistry, PublicRepository
    from ecr_tui.core.usage_records import WorkloadImage
    from ecr_tui.core.workstation import Workstation
    from ecr_tui.core.write_records import AuditLog, WriteTarget

log = logging.getLogger("ecr_tui")
T = TypeVar("T")
TOKEN_CALLS_PER_SECOND = 15
"""GetAuthorizationToken calls per second per credential, below ECR's quota of about 20."""
DESCRIBE_CALLS_PER_SECOND = 50
"""DescribeImages calls by imageIds per second per profile and region. ECR publishes no rate
for DescribeImages (its published API rates are 200 or more a second); a listing makes at
most 50 of them, 16 at a time (tag_stream), then pages."""


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
        allow_writes: bool = False,
    ) -> None:
        """cli_credential_cache: keep role credentials in the AWS CLI's ~/.aws/cli/cache;
        allow_writes: the writes switch (clients then carry the write list too)."""
        self._environ: Mapping[str, str] = os.environ if environ is None else environ
        self._clock = clock
        self._writes = allow_writes
        self._pool = SessionPool(self._environ, cli_cache=cli_credential_cache,
                                 writes=allow_writes)
        self._tokens = TokenCache(clock)
        self._token_limiter = RateLimiter(TOKEN_CALLS_PER_SECOND, 1.0)
        self._describe_limiter = RateLimiter(DESCRIBE_CALLS_PER_SECOND, 1.0)
        self._state_store: Any = None
        self._lock = threading.Lock()
        self._accounts: dict[str, str] = {}
        self._registries: dict[tuple[str, str], Any] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._usage: tuple[Any, Any] | None = None
        self._looking_now: Looking | None = None
        self._anonymous: Any = None  # AnonymousRegistries, made on first use
        discovered = DiscoveredAccounts(self._environ, self._pool, self.executor)
        self._book = ProfileBook(self._environ, discovered, profile=profile, region=region)

    # -- profiles and regions (ProfileBook) ----------------------------------------------
    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        return self._book.profiles(discovered=discovered)

    def discover_profiles(self, *, refresh: bool = False) -> DiscoveryReport:
        return self._book.discover(refresh=refresh)

    def discovery_is_fresh(self) -> bool:
        return self._book.is_fresh()

    def profile(self, name: str) -> Profile:
        return self._book.get(name)

    def default_profile(self) -> str:
        return self._book.default_profile()

    def default_region(self, profile: str) -> str | None:
        return self._book.default_region(profile)

    def require_region(self, profile: str, region: str | None = None) -> str:
        return self._book.require_region(profile, region)

    def regions(self, profile: str) -> list[Region]:
        return self._book.regions(profile)

    # -- ECR API --------------------------------------------------------------------------
    def _call(self, profile: str, region: str, operation: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except EcrTuiError:
            raise
        except Exception as exc:  # noqa: BLE001 - every outside failure becomes one line
            from ecr_tui.core.aws.errors import translate

            log.debug("%s failed for %s/%s", operation, profile, region, exc_info=True)
            raise translate(
                exc, profile=profile, region=region, operation=operation, environ=self._environ
            ) from None

    def _client(self, profile: str, region: str, service: str = "ecr") -> Any:
        name = self._book.get(profile).name  # an ACCOUNT_ID/ROLE alias shares the role's client
        return self._call(
            profile, region, "client", lambda: self._pool.client(name, region, service)
        )

    def account_id(self, profile: str, region: str) -> str:
        """What ECR said (a repository's registryId, the token's host), else STS: a bastion
        with ECR endpoints and no STS endpoint still shows its account."""
        configured = self._book.get(profile)
        if configured.kind is ProfileKind.SSO_DISCOVERED and configured.account_id:
            return configured.account_id
        with self._lock:
            known = self._accounts.get(profile)
        if known:
            return known
        try:
            host = parse_registry_host(self.token(profile, region).registry)
        except EcrTuiError:
            host = None  # GetAuthorizationToken may be denied where STS is not
        if host is not None:
            return self._learn_account(profile, host.account_id)
        sts = self._client(profile, region, "sts")
        account = self._call(profile, region, "GetCallerIdentity", lambda: ecr.caller_account(sts))
        return self._learn_account(profile, account)

    def _learn_account(self, profile: str, account: str) -> str:
        with self._lock:
            return self._accounts.setdefault(profile, account)

    def repositories(self, profile: str, region: str) -> list[Repository]:
        region = self.require_region(profile, region)
        client = self._client(profile, region)
        found = self._call(
            profile, region, "DescribeRepositories", lambda: ecr.list_repositories(client)
        )
        if found and found[0].registry_id:
            self._learn_account(profile, found[0].registry_id)
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

    def image(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ImageDetail | None:
        client = self._client(profile, region)
        self._describe_limiter.acquire((profile, region))  # the pair's own DescribeImages rate
        return self._call(
            profile, region, "DescribeImages",
            lambda: ecr.describe_image(client, repository, reference),
        )

    def pull_through_cache_rules(self, profile: str, region: str) -> list[PullThroughRule]:
        from ecr_tui.core.ecr.pullthrough import list_rules

        region = self.require_region(profile, region)
        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribePullThroughCacheRules", lambda: list_rules(client)
        )

    # -- tokens -----------------------------------------------------------------------------
    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token:
        region = self.require_region(profile, region)
        client = self._client(profile, region)
        name = self._book.get(profile).name
        identity = self._call(
            profile, region, "credentials", lambda: self._pool.credential_key(name)
        )

        def fetch() -> Token:
            self._token_limiter.acquire((identity, region))
            response = self._call(
                profile, region, "GetAuthorizationToken", client.get_authorization_token
            )
            items = response.get("authorizationData") or []
            if not items:
                raise EcrTuiError(f"ECR returned no authorization data in {region}")
            return decode_authorization(items[0], profile=profile, region=region, now=self._clock())

        return self._tokens.get(f"{name}\0{identity}", region, fetch, refresh=refresh)

    def cached_tokens(self) -> list[Token]:
        return self._tokens.tokens()

    def held_expiries(self) -> list[datetime]:
        """When each token and loaded role credential held in memory expires (the token agent
        lets nothing live to its last 5 minutes)."""
        return [t.expires_at for t in self.cached_tokens()] + self._pool.credential_expiries()

    # -- registry ---------------------------------------------------------------------------
    def registry(self, profile: str, region: str) -> Any:
        from ecr_tui.core.registry.client import RegistryClient

        key = (profile, region)
        with self._lock:
            client = self._registries.get(key)
        if client is None:
            endpoint = self.token(profile, region).endpoint
            client = RegistryClient(
                endpoint, lambda refresh: self.token(profile, region, refresh=refresh),
                manifests=self._looking.cache,
                writes=self._writes,  # the registry's PUT/POST/PATCH leave only with writes on
            )
            with self._lock:
                client = self._registries.setdefault(key, client)
        return client

    def prepare_registry(self, profile: str, region: str) -> None:
        with self._lock:
            if (profile, region) in self._registries:
                return
        if not any((t.profile, t.region) == (profile, region) for t in self.cached_tokens()):
            return  # no token yet: making the client would call AWS
        try:
            self.registry(profile, region)
        except EcrTuiError:  # the listing reports it, where it matters
            log.debug("registry client for %s/%s not made", profile, region, exc_info=True)

    def executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                from concurrent.futures import ThreadPoolExecutor

                from ecr_tui.core.fleet.completions import MAX_WORKERS

                self._executor = ThreadPoolExecutor(
                    max_workers=MAX_WORKERS, thread_name_prefix="ecr-tui"
                )
            return self._executor

    def tag_listing(
        self,
        profile: str,
        region: str,
        repository: str,
        on_progress: TagProgress | None = None,
    ) -> TagListing:
        """Registry names page by page, DescribeImages details 100 tags a call, several at
        once; either source may fail alone."""
        from ecr_tui.core.registry.http_setup import warm_up
        from ecr_tui.core.registry.tag_stream import TagSources, TagStream

        region = self.require_region(profile, region)
        client = self._client(profile, region)
        key = (profile, region)

        def call(operation: str, fn: Callable[[], T]) -> T:
            self._describe_limiter.acquire(key)
            return self._call(profile, region, operation, fn)

        sources = TagSources(
            list_names=lambda on_page: self.registry(profile, region).list_tags(
                repository, on_page=on_page
            ),
            describe_tags=lambda tags: call(
                "DescribeImages", lambda: ecr.describe_images_by_tags(client, repository, tags)
            ),
            describe_all=lambda on_page: self._call(
                profile, region, "DescribeImages",
                lambda: ecr.describe_images(client, repository, on_page=on_page),
            ),
            platforms=self._looking.platforms,  # the manifest cache only: a GET is a pull
            warm_up=warm_up,  # while GetAuthorizationToken is on its way
        )
        return TagStream(sources, self.executor(), on_progress).run()

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
        from ecr_tui.core.registry.referrers import find_referrers

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
    def login(
        self, profile: str, region: str, engine: str | None = None, *,
        registry_id: str | None = None,
    ) -> LoginResult:
        from ecr_tui.core.login.engine import detect_engine, run_login

        region = self.require_region(profile, region)
        token = self.token(profile, region)
        registry = self.registry(profile, region)
        if registry_id:
            from ecr_tui.core.registry.cross_account import (
                other_registry_client,
                other_registry_token,
            )

            def endpoint() -> str:  # only for a registry host that is not an ECR host
                client = self._client(profile, region)
                return self._call(
                    profile, region, "GetAuthorizationToken",
                    lambda: ecr.registry_endpoint(client, registry_id),
                )

            token = other_registry_token(token, registry_id, endpoint)
            registry = other_registry_client(token)
        chosen = detect_engine(engine)
        line = run_login(chosen, token, environ=self._environ)
        note = line if line.startswith(f"{token.registry} is routed to") else ""
        try:
            registry.ping()
        except EcrTuiError as exc:
            raise LoginError(
                f"{chosen} logged in to {token.registry}, but the registry refused the token: "
                f"{exc.message}",
                fix=exc.fix,
            ) from None
        now = self._clock()
        record = models.LoginRecord(profile, region, token.registry, chosen, token.expires_at, now)
        self._state().record(record)
        return models.LoginResult(record, True, note)

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
        from ecr_tui.core.store.state import LoginStateStore

        with self._lock:
            if self._state_store is None:
                self._state_store = LoginStateStore(environ=self._environ)
            return self._state_store

    def copy_password(self, profile: str, region: str) -> ClipboardResult:
        from ecr_tui.core.login.clipboard import copy_text

        return copy_text(self.token(profile, region).password)

    def set_mfa_prompt(self, prompt: MfaPrompt | None) -> None:
        self._pool.set_mfa_prompt(prompt)

    def workstation(self) -> Workstation:
        from ecr_tui.core.aws.workstation import LocalWorkstation

        return LocalWorkstation(self._environ)

    # -- workloads (In use where) ----------------------------------------------------------
    def workloads(
        self, profile: str, region: str, *, refresh: bool = False
    ) -> list[WorkloadImage]:
        from ecr_tui.core.aws.workloads import PairReader

        region = self.require_region(profile, region)
        cache, limits = self._usage_parts()
        key = (profile, region)
        reader = PairReader(
            lambda service: self._client(profile, region, service),
            lambda service, op, fn: self._call(
                profile, region, op, lambda: limits.call(service, key, fn)),
            self.executor(), profile=profile, region=region,
        )
        account = self._book.get(profile).account_id or self._accounts.get(profile) or profile
        found = cache.get((account, region), reader.read, refresh=refresh)
        return [w if w.profile == profile else replace(w, profile=profile) for w in found]

    def _usage_parts(self) -> tuple[Any, Any]:
        from ecr_tui.core.aws.workloads import PairLimits, WorkloadCache

        with self._lock:
            if self._usage is None:
                from ecr_tui.core.store.settings import load_settings

                ttl = load_settings(self._environ).usage_ttl_seconds
                self._usage = (WorkloadCache(lambda: ttl, self._clock), PairLimits())
            return self._usage

    def close(self) -> None:
        with self._lock:
            registries = list(self._registries.values())
            self._registries.clear()
            executor, self._executor = self._executor, None
        for client in registries:
            client.close()
        if executor:
            executor.shutdown(wait=False, cancel_futures=True)
        if self._anonymous is not None:
            self._anonymous.close()

    # -- any registry, anonymously (core/registry/anonymous) ------------------------------
    def anonymous_registry(self, host: str) -> AnonymousRegistry:
        from ecr_tui.core.registry.anonymous import AnonymousRegistries

        pool = self.executor()  # before the lock: executor() takes it too
        with self._lock:
            if self._anonymous is None:
                self._anonymous = AnonymousRegistries(pool, environ=self._environ)
            registries = self._anonymous
        return registries.host(host)

    # -- writes (issue 21; the calls are in ecr/writes.py) ------------------------------------
    def writes_enabled(self) -> bool:
        return self._writes

    def _write_client(self, profile: str, region: str) -> Any:
        if not self._writes:
            from ecr_tui.core.errors import WritesOff
            from ecr_tui.core.write_records import WRITES_OFF

            raise WritesOff(WRITES_OFF)
        return self._client(profile, region)

    def write_target(
        self, profile: str, region: str, repository: str, reference: str
    ) -> WriteTarget:
        from ecr_tui.core.write_records import WriteTarget

        client = self._write_client(profile, region)
        repo = self._call(profile, region, "DescribeRepositories",
                          lambda: ecr.describe_repository(client, repository))
        image = self._call(profile, region, "DescribeImages",
                           lambda: ecr.describe_image(client, repository, reference,
                                                      any_status=True))
        return WriteTarget(repo.registry_id or self.account_id(profile, region), repo, image)

    def put_tag(self, profile: str, region: str, repository: str, digest: str, tag: str) -> bool:
        from ecr_tui.core.ecr.writes import retag

        client = self._write_client(profile, region)
        return self._call(profile, region, "PutImage",
                          lambda: retag(client, repository, digest, tag))

    def remove_tag(self, profile: str, region: str, repository: str, tag: str) -> None:
        from ecr_tui.core.ecr.writes import delete

        client = self._write_client(profile, region)
        self._call(profile, region, "BatchDeleteImage",
                   lambda: delete(client, repository, [{"imageTag": tag}]))

    def delete_images(
        self, profile: str, region: str, repository: str, digests: Sequence[str]
    ) -> None:
        from ecr_tui.core.ecr.writes import delete

        client = self._write_client(profile, region)
        ids = [{"imageDigest": d} for d in digests]
        self._call(profile, region, "BatchDeleteImage", lambda: delete(client, repository, ids))

    def audit_log(self) -> AuditLog:
        from ecr_tui.core.writes.audit import FileAuditLog

        return FileAuditLog(self._environ)

    # -- lifecycle (read only) --------------------------------------------------------------
    def lifecycle_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.core.lifecycle.ecr_calls import get_policy

        client = self._client(profile, region)
        return self._call(profile, region, "GetLifecyclePolicy",
                          lambda: get_policy(client, repository))

    def lifecycle_preview(
        self, profile: str, region: str, repository: str
    ) -> LifecyclePreview | None:
        from ecr_tui.core.lifecycle.ecr_calls import get_preview

        client = self._client(profile, region)
        return self._call(profile, region, "GetLifecyclePolicyPreview",
                          lambda: get_preview(client, repository))

    # -- looking is not pulling (issue 19) ----------------------------------------------------
    @property
    def _looking(self) -> Looking:
        """Made on first use: the first frame pays for no manifest cache."""
        from ecr_tui.core.aws.looking import Looking

        with self._lock:
            if self._looking_now is None:
                self._looking_now = Looking(self._environ)
            return self._looking_now

    def index_manifests(
        self, profile: str, region: str, repository: str, digests: list[str], *,
        fetch: bool = False,
    ) -> dict[str, ManifestInfo]:
        def get(digest: str) -> ManifestInfo:
            return self.registry(profile, region).manifest(repository, digest)

        return self._looking.manifests(digests, get if fetch else None, self.executor())

    def pull_time_excluded(self, profile: str, region: str) -> bool | None:
        from ecr_tui.core.aws.looking import caller_is_excluded

        def ask() -> bool:
            ecr_client, sts = self._client(profile, region), self._client(profile, region, "sts")
            return self._call(profile, region, "ListPullTimeUpdateExclusions",
                              lambda: caller_is_excluded(ecr_client, sts))

        return self._looking.excluded((profile, region), ask)

    # -- why can't it pull? (issue 20) ------------------------------------------------------
    def repository_policy(self, profile: str, region: str, repository: str) -> str | None:
        from ecr_tui.core.ecr.policies import repository_policy

        client = self._client(profile, region)
        return self._call(profile, region, "GetRepositoryPolicy",
                          lambda: repository_policy(client, repository))

    def registry_policy(self, profile: str, region: str) -> str | None:
        from ecr_tui.core.ecr.policies import registry_policy

        client = self._client(profile, region)
        return self._call(profile, region, "GetRegistryPolicy", lambda: registry_policy(client))

    # -- ECR Public (issue 22): the logic is in core/aws/public.py --------------------------
    def _public(self) -> Any:
        from ecr_tui.core.aws.public import PublicEcr
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION

        def identity(profile: str) -> str:
            name = self._book.get(profile).name
            return self._call(profile, PUBLIC_API_REGION, "credentials",
                              lambda: self._pool.credential_key(name))

        return PublicEcr(
            environ=self._environ, clock=self._clock,
            client=lambda profile: self._client(profile, PUBLIC_API_REGION, "ecr-public"),
            identity=identity,
            call=lambda profile, op, fn: self._call(profile, PUBLIC_API_REGION, op, fn),
            tokens=self._tokens, limiter=self._token_limiter, executor=self.executor,
            record_login=lambda record: self._state().record(record),
        )

    def public_token(self, profile: str, *, refresh: bool = False) -> Token:
        return self._public().token(profile, refresh=refresh)

    def public_login(self, profile: str, engine: str | None = None) -> LoginResult:
        return self._public().login(profile, engine)

    def public_registries(self, profile: str) -> list[PublicRegistry]:
        return self._public().registries(profile)

    def public_repositories(self, profile: str) -> list[PublicRepository]:
        return self._public().repositories(profile)

    def public_tags(self, profile: str, repository: str) -> list[TagRow]:
        return self._public().tags(profile, repository)

    def public_images(self, profile: str, repository: str) -> list[ImageDetail]:
        return self._public().images(profile, repository)

    # -- copy (issue 21; core/aws/copying.py, core/copy) ---------------------------------------
    def copy_plan(self, request: CopyRequest) -> CopyPlan:
        from ecr_tui.core.aws.copying import plan_copy

        return plan_copy(self, request, self.executor())

    def copy_image(
        self, plan: CopyPlan, on_progress: CopyProgressCallback | None = None
    ) -> None:
        from ecr_tui.core.aws.copying import send_copy

        send_copy(self, plan, on_progress)
