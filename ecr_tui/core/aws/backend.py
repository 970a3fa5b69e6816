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
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ecr_tui.core.aws.accounts import DiscoveredAccounts
from ecr_tui.core.aws.backend_anonymous import AwsAnonymous
from ecr_tui.core.aws.backend_copy import AwsCopy
from ecr_tui.core.aws.backend_doctor import AwsDoctor
from ecr_tui.core.aws.backend_images import AwsImageReads
from ecr_tui.core.aws.backend_lifecycle import AwsLifecycle
from ecr_tui.core.aws.backend_login import AwsLogin
from ecr_tui.core.aws.backend_looking import AwsLooking
from ecr_tui.core.aws.backend_profiles import AwsProfiles
from ecr_tui.core.aws.backend_public import AwsPublic
from ecr_tui.core.aws.backend_repositories import AwsRepositories
from ecr_tui.core.aws.backend_usage import AwsUsage
from ecr_tui.core.aws.backend_writes import AwsWrites
from ecr_tui.core.aws.profile_book import ProfileBook
from ecr_tui.core.aws.session import MfaPrompt, SessionPool
from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.login.tokens import RateLimiter, TokenCache, decode_authorization
from ecr_tui.core.models import ProfileKind, utcnow

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.aws.looking import Looking
    from ecr_tui.core.models import ImageDetail, Token
    from ecr_tui.core.workstation import Workstation

log = logging.getLogger("ecr_tui")
T = TypeVar("T")
TOKEN_CALLS_PER_SECOND = 15
"""GetAuthorizationToken calls per second per credential, below ECR's quota of about 20."""
DESCRIBE_CALLS_PER_SECOND = 50
"""DescribeImages calls by imageIds per second per profile and region. ECR publishes no rate
for DescribeImages (its published API rates are 200 or more a second); a listing makes at
most 50 of them, 16 at a time (tag_stream), then pages."""


class AwsBackend(
    AwsProfiles, AwsImageReads, AwsLogin, AwsUsage, AwsAnonymous, AwsWrites, AwsLifecycle,
    AwsLooking, AwsDoctor, AwsPublic, AwsCopy, AwsRepositories,
):
    """The per-domain calls are in the backend_* mixins beside this module."""

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
        from ecr_tui.core.ecr import api as ecr
        from ecr_tui.core.hosts import parse_registry_host

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

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        from ecr_tui.core.ecr import api as ecr

        client = self._client(profile, region)
        return self._call(
            profile, region, "DescribeImages", lambda: ecr.describe_images(client, repository)
        )

    def image(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ImageDetail | None:
        from ecr_tui.core.ecr import api as ecr

        client = self._client(profile, region)
        self._describe_limiter.acquire((profile, region))  # the pair's own DescribeImages rate
        return self._call(
            profile, region, "DescribeImages",
            lambda: ecr.describe_image(client, repository, reference),
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

    def token_calls_max_per_second(self) -> int:
        """The most GetAuthorizationToken calls one credential made in any one second."""
        return self._token_limiter.busiest_window()

    # -- sessions, the workstation, closing --------------------------------------------------
    def forget_profile(self, profile: str) -> None:
        """Drop cached sessions, clients and tokens' clients after `aws sso login` renewed it."""
        self._pool.forget(profile)
        with self._lock:
            stale = [self._registries.pop(k) for k in list(self._registries) if k[0] == profile]
            self._accounts.pop(profile, None)
        for client in stale:
            client.close()

    def set_mfa_prompt(self, prompt: MfaPrompt | None) -> None:
        self._pool.set_mfa_prompt(prompt)

    def workstation(self) -> Workstation:
        from ecr_tui.core.aws.workstation import LocalWorkstation

        return LocalWorkstation(self._environ)

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
