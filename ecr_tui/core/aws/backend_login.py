"""AwsBackend's login: `docker login` (or another client) with a token, the login state file
it is recorded in, and the password copied to the clipboard."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ecr_tui.core import models
from ecr_tui.core.errors import EcrTuiError, LoginError

if TYPE_CHECKING:
    import threading

    from ecr_tui.core.models import ClipboardResult, LoginRecord, LoginResult, Token

T = TypeVar("T")


class AwsLogin:
    """The Backend's login calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _environ: Mapping[str, str]
        _clock: Callable[[], datetime]
        _lock: threading.Lock
        _state_store: Any

        def _call(
            self, profile: str, region: str, operation: str, fn: Callable[[], T]
        ) -> T: ...
        def _client(self, profile: str, region: str, service: str = "ecr") -> Any: ...
        def require_region(self, profile: str, region: str | None = None) -> str: ...
        def token(self, profile: str, region: str, *, refresh: bool = False) -> Token: ...
        def registry(self, profile: str, region: str) -> Any: ...

    def login(
        self, profile: str, region: str, engine: str | None = None, *,
        registry_id: str | None = None,
    ) -> LoginResult:
        from ecr_tui.core.ecr import api as ecr
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
