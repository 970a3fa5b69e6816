"""ECR Public for the AWS backend: the public.ecr.aws token (always from us-east-1), the login
to it, and your own public registry (aliases, repositories with catalog data, tags, images).
AwsBackend's public_* methods delegate here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ecr_tui.core.ecr import public_api
from ecr_tui.core.errors import EcrTuiError, LoginError
from ecr_tui.core.public_ecr import (
    PUBLIC_SCOPE,
    PublicRegistry,
    PublicRepository,
    public_registry_url,
)

if TYPE_CHECKING:
    from ecr_tui.core.login.tokens import RateLimiter, TokenCache
    from ecr_tui.core.models import ImageDetail, LoginRecord, LoginResult, TagRow, Token

T = TypeVar("T")
Call = Callable[[str, str, Callable[[], Any]], Any]
"""(profile, operation, fn) → fn(), failures translated to one line."""


class PublicEcr:
    def __init__(
        self,
        *,
        environ: Mapping[str, str],
        clock: Callable[[], datetime],
        client: Callable[[str], Any],
        identity: Callable[[str], str],
        call: Call,
        tokens: TokenCache,
        limiter: RateLimiter,
        executor: Callable[[], Executor],
        record_login: Callable[[LoginRecord], None],
    ) -> None:
        self._environ = environ
        self._clock = clock
        self._client = client
        self._identity = identity
        self._call = call
        self._tokens = tokens
        self._limiter = limiter
        self._executor = executor
        self._record_login = record_login

    def token(self, profile: str, *, refresh: bool = False) -> Token:
        """Cached as the private tokens are, under the `public` scope of the credential."""
        from ecr_tui.core.login.tokens import decode_authorization

        client = self._client(profile)
        identity = self._identity(profile)

        def fetch() -> Token:
            self._limiter.acquire((identity, PUBLIC_SCOPE))
            response = self._call(profile, "ecr-public:GetAuthorizationToken",
                                  client.get_authorization_token)
            data = response.get("authorizationData")
            if not data:
                raise EcrTuiError("ECR Public returned no authorization data")
            return decode_authorization(
                data, profile=profile, region=PUBLIC_SCOPE, now=self._clock(),
                endpoint=public_registry_url(self._environ),
            )

        return self._tokens.get(f"{profile}\0{identity}", PUBLIC_SCOPE, fetch, refresh=refresh)

    def login(self, profile: str, engine: str | None = None) -> LoginResult:
        from ecr_tui.core import models
        from ecr_tui.core.login.engine import detect_engine, run_login
        from ecr_tui.core.registry.login_check import prove_login

        token = self.token(profile)
        chosen = detect_engine(engine)
        line = run_login(chosen, token, environ=self._environ)
        note = line if line.startswith(f"{token.registry} is routed to") else ""
        try:
            prove_login(token.endpoint, token)
        except EcrTuiError as exc:
            raise LoginError(
                f"{chosen} logged in to {token.registry}, but the registry refused the token: "
                f"{exc.message}", fix=exc.fix,
            ) from None
        record = models.LoginRecord(profile, PUBLIC_SCOPE, token.registry, chosen,
                                    token.expires_at, self._clock())
        self._record_login(record)
        return models.LoginResult(record, True, note)

    def registries(self, profile: str) -> list[PublicRegistry]:
        client = self._client(profile)
        return self._call(profile, "ecr-public:DescribeRegistries",
                          lambda: public_api.list_registries(client))

    def repositories(self, profile: str) -> list[PublicRepository]:
        """Every public repository with its catalog data (GetRepositoryCatalogData, in parallel
        on the backend's pool);
        a repository whose catalog cannot be read is listed without it."""
        from dataclasses import replace

        client = self._client(profile)
        found: list[PublicRepository] = self._call(
            profile, "ecr-public:DescribeRepositories",
            lambda: public_api.list_repositories(client),
        )

        def with_catalog(repo: PublicRepository) -> PublicRepository:
            try:
                data = self._call(profile, "ecr-public:GetRepositoryCatalogData",
                                  lambda: public_api.catalog(client, repo.name))
            except EcrTuiError:
                return repo
            return replace(repo, catalog=data)

        return list(self._executor().map(with_catalog, found))

    def tags(self, profile: str, repository: str) -> list[TagRow]:
        client = self._client(profile)
        return self._call(profile, "ecr-public:DescribeImageTags",
                          lambda: public_api.image_tags(client, repository))

    def images(self, profile: str, repository: str) -> list[ImageDetail]:
        client = self._client(profile)
        return self._call(profile, "ecr-public:DescribeImages",
                          lambda: public_api.images(client, repository))

