"""The cached SSO access token of a session, read by botocore's own token code.

`[sso-session NAME]` tokens go through botocore's SSOTokenProvider (which also refreshes a token
carrying a refresh token, with sso-oidc CreateToken); legacy start URLs through its SSOTokenLoader.
ecr-tui never parses the cache format itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecr_tui.core.errors import CredentialsError
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.sso.commands import sso_login_command, sso_session_login_command

if TYPE_CHECKING:
    from ecr_tui.core.sso.access_token import AccessToken


@frozen_record
class SsoSource:
    """Where discovered roles come from: an sso-session, or a legacy profile's start URL."""

    key: str
    """The session name, or the start URL of a legacy profile."""
    start_url: str
    sso_region: str
    legacy_profile: str | None = None
    """A legacy profile using this start URL (the login fix names it); None for a session."""

    @property
    def label(self) -> str:
        return self.start_url if self.legacy_profile else self.key

    def login_fix(self, environ: Mapping[str, str]) -> str:
        if self.legacy_profile:
            return sso_login_command(self.legacy_profile, environ)
        return sso_session_login_command(self.key, environ)


def _file_cache(cache_dir: Path) -> Any:
    from botocore.utils import JSONFileCache

    try:
        from botocore.tokens import _sso_json_dumps as dumps  # botocore's own cache writer
    except ImportError:  # pragma: no cover - older botocore
        return JSONFileCache(str(cache_dir))
    return JSONFileCache(str(cache_dir), dumps_func=dumps)


def _session_provider(botocore_session: Any, source: SsoSource, cache: Any) -> Any:
    from botocore.tokens import SSOTokenProvider

    class SessionTokenProvider(SSOTokenProvider):  # type: ignore[misc]
        # botocore finds the session through a profile; a session no profile names has none.
        def _load_sso_config(self) -> dict[str, str]:
            return {
                "session_name": source.key,
                "sso_region": source.sso_region,
                "sso_start_url": source.start_url,
            }

    return SessionTokenProvider(botocore_session, cache=cache)


def load_access_token(
    botocore_session: Any, source: SsoSource, cache_dir: Path, environ: Mapping[str, str],
    now: datetime | None = None,
) -> AccessToken:
    """A valid token for ``source``, or CredentialsError naming the `aws sso login` fix."""
    cache = _file_cache(cache_dir)
    fix = source.login_fix(environ)
    try:
        if source.legacy_profile:
            from botocore.utils import SSOTokenLoader

            data = SSOTokenLoader(cache=cache)(source.start_url)
            value, expires = data["accessToken"], _aware(data["expiresAt"])
        else:
            frozen = _session_provider(botocore_session, source, cache).load_token()
            token = frozen.get_frozen_token()
            value, expires = token.token, _aware(token.expiration)
    except Exception as exc:  # noqa: BLE001 - any token failure means: log in again
        missing = type(exc).__name__ == "SSOTokenLoadError"
        what = "has no SSO login yet" if missing else "has expired"
        raise CredentialsError(f"SSO session {source.label} {what}", fix=fix) from None
    if expires <= (now or datetime.now(timezone.utc)):
        raise CredentialsError(f"SSO session {source.label} has expired", fix=fix)
    from ecr_tui.core.sso.access_token import AccessToken

    return AccessToken(value, expires)


def _aware(value: Any) -> datetime:
    if isinstance(value, str):
        from botocore.utils import parse_timestamp

        value = parse_timestamp(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
