"""Calls to the IAM Identity Center portal API (botocore `sso`), under one shared limiter.

Identity Center allows about 20 requests/s in total and answers 429 above it: every call waits
for the limiter (below that rate), and a 429 is retried with backoff, never reported as a failure.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, TypeVar

from ecr_tui.core.login.tokens import RateLimiter

T = TypeVar("T")
SSO_CALLS_PER_SECOND = 15
"""Portal calls per second for all of the user's processes, below Identity Center's ~20."""
PAGE_SIZE = 100
THROTTLE_CODES = {"TooManyRequestsException", "ThrottlingException", "Throttling"}
MAX_THROTTLE_RETRIES = 40
"""Retries of one throttled call (a minute or more of backoff): a throttle alone never fails."""
SSO_KEY = "sso"


def new_sso_limiter(environ: Mapping[str, str] | None = None) -> RateLimiter:
    """With ``environ``: the limiter every process of the user shares (a file in the state
    directory); without: this process's own."""
    if environ is None:
        return RateLimiter(SSO_CALLS_PER_SECOND, 1.0)
    from ecr_tui.core.sso.shared_limiter import shared_limiter
    from ecr_tui.core.store.paths import state_dir

    return shared_limiter(SSO_CALLS_PER_SECOND, 1.0, state_dir(environ))


def _throttled(exc: BaseException) -> bool:
    response = getattr(exc, "response", None)
    code = (response or {}).get("Error", {}).get("Code", "") if isinstance(response, dict) else ""
    status = (response or {}).get("ResponseMetadata", {}).get("HTTPStatusCode") if isinstance(
        response, dict) else None
    return code in THROTTLE_CODES or status == 429


def limited_call(
    limiter: RateLimiter, fn: Callable[..., T], *, sleep: Callable[[float], None] = time.sleep,
    limiter_key: Hashable = SSO_KEY, **kwargs: Any,
) -> T:
    """``fn(**kwargs)`` after the limiter allows it (for ``limiter_key``: the portal, or one
    pair's ECS or Lambda); 429s and throttling errors are retried with jittered backoff."""
    delay = 0.25
    for attempt in range(MAX_THROTTLE_RETRIES + 1):
        limiter.acquire(limiter_key)
        try:
            return fn(**kwargs)
        except Exception as exc:
            if not _throttled(exc) or attempt == MAX_THROTTLE_RETRIES:
                raise
        sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 4.0)
    raise AssertionError("unreachable")


def _pages(
    limiter: RateLimiter, fn: Callable[..., dict[str, Any]], key: str, **kwargs: Any
) -> Iterator[dict[str, Any]]:
    token: str | None = None
    while True:
        extra = {"nextToken": token} if token else {}
        page = limited_call(limiter, fn, maxResults=PAGE_SIZE, **kwargs, **extra)
        yield from page.get(key) or []
        token = page.get("nextToken")
        if not token:
            return


def list_accounts(client: Any, limiter: RateLimiter, access_token: str) -> list[dict[str, Any]]:
    return list(_pages(limiter, client.list_accounts, "accountList", accessToken=access_token))


def list_account_roles(
    client: Any, limiter: RateLimiter, access_token: str, account_id: str
) -> list[str]:
    roles = _pages(
        limiter, client.list_account_roles, "roleList", accessToken=access_token,
        accountId=account_id,
    )
    return [r["roleName"] for r in roles if r.get("roleName")]


def role_credentials(
    client: Any, limiter: RateLimiter, access_token: str, account_id: str, role: str
) -> dict[str, str]:
    """botocore's refreshable-credentials metadata for one (account, role)."""
    from datetime import datetime, timezone

    response = limited_call(
        limiter, client.get_role_credentials, roleName=role, accountId=account_id,
        accessToken=access_token,
    )
    creds = response["roleCredentials"]
    expiry = datetime.fromtimestamp(creds["expiration"] / 1000, timezone.utc)
    return {
        "access_key": creds["accessKeyId"],
        "secret_key": creds["secretAccessKey"],
        "token": creds["sessionToken"],
        "expiry_time": expiry.isoformat(),
    }
