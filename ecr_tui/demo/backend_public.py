"""DemoBackend's ECR Public (issue 22): the data is in demo/public.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ecr_tui.core import models
from ecr_tui.core.errors import EcrTuiError, LoginError
from ecr_tui.demo.backend_login import ENGINES, TOKEN_LIFETIME

if TYPE_CHECKING:
    import random
    import threading

    from ecr_tui.core.models import ImageDetail, LoginRecord, LoginResult, TagRow, Token
    from ecr_tui.core.public_ecr import PublicRegistry, PublicRepository
    from ecr_tui.demo.profiles import DemoProfile


class DemoPublic:
    """The Backend's public_* calls, mixed into DemoBackend."""

    if TYPE_CHECKING:  # DemoBackend's own, used here
        _clock: Callable[[], datetime]
        _epoch: datetime
        _lock: threading.Lock
        _secret_rng: random.Random
        _tokens: dict[tuple[str, str], Token]
        _logins: list[LoginRecord]

        def _start(self) -> None: ...
        def _spec(self, profile: str, region: str | None, call: str) -> DemoProfile: ...

    def public_token(self, profile: str, *, refresh: bool = False) -> Token:
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION, PUBLIC_HOST, PUBLIC_SCOPE
        from ecr_tui.demo import public

        self._start()
        spec = self._spec(profile, PUBLIC_API_REGION, "token")
        error = public.token_failure(spec.name)
        if error is not None:
            raise error
        now = self._clock()
        with self._lock:
            cached = self._tokens.get((spec.name, PUBLIC_SCOPE))
        if cached is None or refresh or cached.remaining(now) < timedelta(minutes=5):
            with self._lock:
                secret = self._public_secret()
            cached = models.Token(
                registry=PUBLIC_HOST, endpoint=f"https://{PUBLIC_HOST}", username="AWS",
                password=secret, expires_at=now + TOKEN_LIFETIME, profile=spec.name,
                region=PUBLIC_SCOPE, fetched_at=now,
            )
            with self._lock:
                self._tokens[(spec.name, PUBLIC_SCOPE)] = cached
        return cached

    def _public_secret(self) -> str:
        from ecr_tui.demo import data

        return data.password(self._secret_rng)

    def public_login(self, profile: str, engine: str | None = None) -> LoginResult:
        from ecr_tui.core.public_ecr import PUBLIC_SCOPE

        engine = engine or "docker"
        if engine not in ENGINES:
            raise LoginError(f"unknown container engine {engine!r}",
                             fix="use one of " + ", ".join(ENGINES))
        token = self.public_token(profile)
        record = models.LoginRecord(token.profile, PUBLIC_SCOPE, token.registry, engine,
                                    token.expires_at, self._clock())
        with self._lock:
            self._logins = [
                r for r in self._logins
                if (r.profile, r.region, r.engine) != (record.profile, PUBLIC_SCOPE, engine)
            ] + [record]
        return models.LoginResult(record, verified=False,
                                  message=f"demo mode: no {engine} command was run")

    def public_registries(self, profile: str) -> list[PublicRegistry]:
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION
        from ecr_tui.demo import public

        return [public.registry(self._spec(profile, PUBLIC_API_REGION, "repositories").account_id)]

    def public_repositories(self, profile: str) -> list[PublicRepository]:
        from ecr_tui.core.public_ecr import PUBLIC_API_REGION
        from ecr_tui.demo import public

        spec = self._spec(profile, PUBLIC_API_REGION, "repositories")
        return public.repositories(spec.account_id, self._epoch)

    def public_tags(self, profile: str, repository: str) -> list[TagRow]:
        from ecr_tui.demo import public

        self._public_repository(profile, repository)
        return public.tags(repository, self._epoch)

    def public_images(self, profile: str, repository: str) -> list[ImageDetail]:
        from ecr_tui.demo import public

        self._public_repository(profile, repository)
        return public.images(repository, self._epoch)

    def _public_repository(self, profile: str, repository: str) -> None:
        if all(r.name != repository for r in self.public_repositories(profile)):
            raise EcrTuiError(f"no public repository {repository!r} in this registry",
                              fix="check the name with `ecr-tui repos --public`")
