"""AwsBackend's ECR Public (issue 22): the logic is in core/aws/public.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from ecr_tui.core.aws.profile_book import ProfileBook
    from ecr_tui.core.aws.session import SessionPool
    from ecr_tui.core.login.tokens import RateLimiter, TokenCache
    from ecr_tui.core.models import ImageDetail, LoginResult, TagRow, Token
    from ecr_tui.core.public_ecr import PublicRegistry, PublicRepository

T = TypeVar("T")


class AwsPublic:
    """The Backend's public_* calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _environ: Mapping[str, str]
        _clock: Callable[[], datetime]
        _book: ProfileBook
        _pool: SessionPool
        _tokens: TokenCache
        _token_limiter: RateLimiter

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def _state(self) -> Any: ...
        def executor(self) -> ThreadPoolExecutor: ...

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
