"""Demo backends that fail on purpose, for the UI fault tests."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from ecr_tui.core.errors import CredentialsError, NetworkError
from ecr_tui.core.login import clipboard
from ecr_tui.core.login.tokens import TokenCache
from ecr_tui.core.models import ClipboardResult, LoginRecord, TagListing, TagRow, Token
from ecr_tui.core.store.state import LoginStateStore
from ecr_tui.demo.backend import DemoBackend


class FlakyNetworkBackend(DemoBackend):
    """DescribeRepositories fails with a NetworkError `failures` times, then works."""

    def __init__(self, failures: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.failures_left = failures
        self.repo_calls = 0
        self._count_lock = threading.Lock()

    def repositories(self, profile: str, region: str):  # noqa: ANN201
        with self._count_lock:
            self.repo_calls += 1
            fail = self.failures_left > 0
            self.failures_left -= int(fail)
        if fail:
            raise NetworkError(
                "cannot reach AWS in us-east-1: Could not connect to the endpoint URL",
                fix="check network, VPN or HTTPS_PROXY, then retry",
            )
        return super().repositories(profile, region)


class StateFileBackend(DemoBackend):
    """Recorded logins from a real LoginStateStore file, warnings included."""

    def __init__(self, path: Path, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.store = LoginStateStore(path)

    def recorded_logins(self) -> list[LoginRecord]:
        return self.store.load()

    def state_warning(self) -> str | None:
        return self.store.last_warning


class SystemClipboardBackend(DemoBackend):
    """Copies through the core clipboard (pyperclip), like the AWS backend."""

    def copy_password(self, profile: str, region: str) -> ClipboardResult:
        return clipboard.copy_text(self.token(profile, region).password)


class PartialListingBackend(DemoBackend):
    """tag_listing like the AWS backend's when DescribeImages is denied."""

    WARNING = (
        "no digests, dates or sizes: access denied: ecr:DescribeImages for profile default "
        "in us-east-1 [x] (fix: grant ecr:DescribeImages to this identity)"
    )

    def tag_listing(
        self, profile: str, region: str, repository: str, on_progress: object = None
    ) -> TagListing:
        rows = [TagRow(tag=r.tag) for r in self.tags(profile, region, repository)]
        return TagListing(rows, (self.WARNING,))


class ExpiredTokenBackend(DemoBackend):
    """GetAuthorizationToken answers with a token already expired (clock skew), cached by
    the core TokenCache exactly as the AWS backend caches it."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.token_calls = 0
        self.cache = TokenCache(self._clock)

    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token:
        def fetch() -> Token:
            self.token_calls += 1
            fresh = self._new_token(profile, region, self._clock())
            return replace(fresh, expires_at=self._clock() - timedelta(hours=1))

        return self.cache.get(profile, region, fetch, refresh=refresh)

    def cached_tokens(self) -> list[Token]:
        return self.cache.tokens()


class MfaBackend(DemoBackend):
    """prod-admin asks for an MFA code through the installed prompt, like botocore would."""

    SERIAL = "arn:aws:iam::444455556666:mfa/oncall"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.codes: list[str] = []

    def _ask(self, profile: str) -> None:
        if profile != "prod-admin":
            return
        if self._mfa_prompt is None:
            raise CredentialsError("no MFA prompt installed")
        self.codes.append(self._mfa_prompt(profile, self.SERIAL))

    def repositories(self, profile: str, region: str):  # noqa: ANN201
        self._ask(profile)
        return super().repositories(profile, region)
