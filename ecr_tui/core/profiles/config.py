"""AWS config/credentials files → typed profiles.

botocore parses these files lazily and fails at first use; we read them up front, with
botocore's own loader (only botocore.configloader, not boto3), so a broken file is one clear
line naming the file and the line, and the names are exactly those boto3 accepts.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.models import ENV_PROFILE, Profile, ProfileKind
from ecr_tui.core.profiles.files import load_config_file, load_credentials_file


@frozen_record
class AwsFiles:
    """Where the AWS config, credentials and SSO token cache are for this environment."""

    config: Path
    credentials: Path
    sso_cache: Path

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> AwsFiles:
        home = Path(environ.get("HOME") or Path.home())

        def pick(var: str, default: Path) -> Path:
            value = environ.get(var)
            return Path(value).expanduser() if value else default

        return cls(
            config=pick("AWS_CONFIG_FILE", home / ".aws" / "config"),
            credentials=pick("AWS_SHARED_CREDENTIALS_FILE", home / ".aws" / "credentials"),
            sso_cache=home / ".aws" / "sso" / "cache",
        )


@frozen_record
class AwsConfig:
    """The parsed files: profile settings merged from config and credentials."""

    profiles: dict[str, dict[str, str]]
    sso_sessions: dict[str, dict[str, str]]
    files: AwsFiles

    @classmethod
    def load(cls, environ: Mapping[str, str]) -> AwsConfig:
        """What botocore's Session.full_config holds: the config file's profiles, then the
        credentials file's sections merged over them (its values win, as in botocore)."""
        files = AwsFiles.from_environ(environ)
        profiles, sessions = load_config_file(files.config)
        for name, values in load_credentials_file(files.credentials).items():
            profiles.setdefault(name, {}).update(values)
        return cls(profiles=profiles, sso_sessions=sessions, files=files)

    def profile_names(self) -> list[str]:
        return list(self.profiles)

    def settings(self, name: str) -> dict[str, str]:
        return self.profiles.get(name, {})


def _parse_time(value: str) -> datetime | None:
    text = value.strip()
    if not text:
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def sso_cache_expiry(cache_dir: Path, key: str) -> datetime | None:
    """expiresAt of the SSO cache file botocore keys by sha1(session name or start URL)."""
    path = cache_dir / (hashlib.sha1(key.encode("utf-8")).hexdigest() + ".json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("expiresAt") if isinstance(data, dict) else None
    return _parse_time(value) if isinstance(value, str) else None


def _account_from_arn(arn: str) -> str | None:
    parts = arn.split(":")
    return parts[4] if len(parts) > 5 and parts[4].isdigit() else None


def _build_profile(name: str, cfg: AwsConfig) -> Profile:
    s = cfg.settings(name)
    region = s.get("region") or None
    mfa = s.get("mfa_serial") or None
    if "role_arn" in s:
        source = (
            s.get("source_profile")
            or s.get("credential_source")
            or ("web identity" if "web_identity_token_file" in s else "?")
        )
        return Profile(
            name,
            ProfileKind.ASSUME_ROLE,
            region,
            None,
            _account_from_arn(s["role_arn"]),
            f"{s['role_arn']} via {source}" + (" (MFA)" if mfa else ""),
            mfa,
            role=s["role_arn"].rpartition("/")[2],
        )
    if "sso_session" in s:
        session = s["sso_session"]
        start_url = cfg.sso_sessions.get(session, {}).get("sso_start_url", "")
        return Profile(
            name,
            ProfileKind.SSO,
            region,
            sso_cache_expiry(cfg.files.sso_cache, session),
            s.get("sso_account_id"),
            f"sso-session {session} {start_url}".strip(),
            role=s.get("sso_role_name", ""),
        )
    if "sso_start_url" in s:
        url = s["sso_start_url"]
        return Profile(
            name,
            ProfileKind.LEGACY_SSO,
            region,
            sso_cache_expiry(cfg.files.sso_cache, url),
            s.get("sso_account_id"),
            url,
            role=s.get("sso_role_name", ""),
        )
    if "credential_process" in s:
        return Profile(name, ProfileKind.PROCESS, region, None, None, s["credential_process"])
    if "aws_access_key_id" in s:
        # Tools like saml2aws and aws-vault leave the expiry beside temporary keys.
        expiry = next(
            (
                _parse_time(s[k])
                for k in ("aws_expiration", "x_security_token_expires", "expiration")
                if k in s
            ),
            None,
        )
        temporary = "aws_session_token" in s or "aws_security_token" in s
        return Profile(
            name,
            ProfileKind.STATIC,
            region,
            expiry,
            None,
            "temporary keys" if temporary else "access keys",
        )
    return Profile(name, ProfileKind.UNKNOWN, region, None, None, "no credentials in profile")


def environment_has_credentials(environ: Mapping[str, str]) -> bool:
    """Keys, a web identity or container credentials in the environment."""
    return bool(
        (environ.get("AWS_ACCESS_KEY_ID") and environ.get("AWS_SECRET_ACCESS_KEY"))
        or (environ.get("AWS_WEB_IDENTITY_TOKEN_FILE") and environ.get("AWS_ROLE_ARN"))
        or environ.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        or environ.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")
    )


def env_profile(environ: Mapping[str, str], has_profiles: bool) -> Profile | None:
    """The pseudo-profile for credentials that come from the environment, if any."""
    region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None
    if environ.get("AWS_ACCESS_KEY_ID") and environ.get("AWS_SECRET_ACCESS_KEY"):
        detail = "environment variables" + (
            " (session token)" if environ.get("AWS_SESSION_TOKEN") else ""
        )
    elif environ.get("AWS_WEB_IDENTITY_TOKEN_FILE") and environ.get("AWS_ROLE_ARN"):
        detail = f"web identity {environ['AWS_ROLE_ARN']}"
    elif environ.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") or environ.get(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI"
    ):
        detail = "container credentials"
    elif not has_profiles:
        detail = "default chain (instance role)"
    else:
        return None
    return Profile(ENV_PROFILE, ProfileKind.ENV, region, None, None, detail)


def list_profiles(
    environ: Mapping[str, str] | None = None, cfg: AwsConfig | None = None
) -> list[Profile]:
    """Every profile of the config and credentials files (`cfg`: as already loaded), then
    the env entry if any."""
    env = os.environ if environ is None else environ
    cfg = AwsConfig.load(env) if cfg is None else cfg
    profiles = [_build_profile(name, cfg) for name in cfg.profile_names()]
    extra = env_profile(env, bool(profiles))
    return profiles + ([extra] if extra else [])


def default_profile_name(
    profiles: list[Profile], override: str | None, environ: Mapping[str, str]
) -> str:
    names = {p.name for p in profiles}
    for candidate in (override, environ.get("AWS_PROFILE"), environ.get("AWS_DEFAULT_PROFILE")):
        if candidate:
            if candidate not in names and candidate != ENV_PROFILE:
                raise unknown_profile(candidate, profiles)
            return candidate
    if any(p.kind is ProfileKind.ENV for p in profiles):
        return ENV_PROFILE
    if "default" in names:
        return "default"
    return profiles[0].name if profiles else ENV_PROFILE


SHOWN_NAMES = 8
"""Profile names an unknown-profile line lists before counting the rest."""


def unknown_profile(name: str, profiles: Iterable[Profile]) -> ConfigError:
    """The configured names first (file order), then how many SSO roles were discovered."""
    configured = [p.name for p in profiles if p.kind is not ProfileKind.SSO_DISCOVERED]
    discovered = sum(1 for p in profiles if p.kind is ProfileKind.SSO_DISCOVERED)
    known = ", ".join(configured[:SHOWN_NAMES]) or "none"
    if len(configured) > SHOWN_NAMES:
        known += f" and {len(configured) - SHOWN_NAMES} more"
    if discovered:
        known += f"; {discovered} more discovered through SSO: `ecr-tui profiles` lists them"
    return ConfigError(
        f"unknown profile {name!r} (configured: {known})",
        fix="check `aws configure list-profiles` or AWS_CONFIG_FILE",
    )
