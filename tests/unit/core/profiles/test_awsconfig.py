"""Profiles of every kind from temporary config files; broken files name file and line."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.models import ENV_PROFILE, ProfileKind
from ecr_tui.core.profiles.config import default_profile_name, list_profiles

CONFIG = """\
[default]
region = us-east-1

[profile role]
role_arn = arn:aws:iam::210987654321:role/reader
source_profile = default
region = eu-west-1

[profile role-mfa]
role_arn = arn:aws:iam::210987654321:role/admin
source_profile = default
mfa_serial = arn:aws:iam::123456789012:mfa/me

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
region = eu-central-1

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_account_id = 444455556666

[profile proc]
credential_process = /bin/false

[profile bare]
region = ap-south-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
"""
CREDENTIALS = """\
[default]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret

[temp]
aws_access_key_id = ASIAEXAMPLE
aws_secret_access_key = secret
aws_session_token = token
x_security_token_expires = 2030-01-01T00:00:00Z
"""


def _write_cache(home: Path, key: str, expires: datetime) -> None:
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(key.encode()).hexdigest() + ".json"
    (cache / name).write_text(json.dumps({"expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}))


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    (tmp_path / ".aws").mkdir()
    (tmp_path / ".aws" / "config").write_text(CONFIG)
    (tmp_path / ".aws" / "credentials").write_text(CREDENTIALS)
    return tmp_path


def test_every_kind_with_region_account_and_detail(home: Path) -> None:
    soon = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(hours=3)
    _write_cache(home, "corp", soon)
    _write_cache(home, "https://legacy.awsapps.com/start", soon - timedelta(days=1))
    profiles = {p.name: p for p in list_profiles({"HOME": str(home)})}
    assert [p for p in profiles] == [
        "default",
        "role",
        "role-mfa",
        "sso-dev",
        "legacy",
        "proc",
        "bare",
        "temp",
    ]
    assert profiles["default"].kind is ProfileKind.STATIC
    assert profiles["default"].region == "us-east-1"
    assert profiles["role"].kind is ProfileKind.ASSUME_ROLE
    assert profiles["role"].account_id == "210987654321"
    assert "via default" in profiles["role"].detail
    assert profiles["role-mfa"].mfa_serial == "arn:aws:iam::123456789012:mfa/me"
    assert profiles["sso-dev"].kind is ProfileKind.SSO
    assert profiles["sso-dev"].expires_at == soon
    assert "corp.awsapps.com" in profiles["sso-dev"].detail
    assert profiles["legacy"].kind is ProfileKind.LEGACY_SSO
    assert profiles["legacy"].expires_at == soon - timedelta(days=1)
    assert profiles["proc"].kind is ProfileKind.PROCESS
    assert profiles["bare"].kind is ProfileKind.UNKNOWN
    assert profiles["temp"].expires_at == datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert ENV_PROFILE not in profiles


def test_sso_without_cache_has_no_expiry(home: Path) -> None:
    profiles = {p.name: p for p in list_profiles({"HOME": str(home)})}
    assert profiles["sso-dev"].expires_at is None


def test_env_entry_and_file_overrides(tmp_path: Path, home: Path) -> None:
    other = tmp_path / "elsewhere"
    other.write_text("[profile only]\nregion = us-west-2\n")
    env = {
        "HOME": str(home),
        "AWS_CONFIG_FILE": str(other),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "missing"),
        "AWS_ACCESS_KEY_ID": "AKIA",
        "AWS_SECRET_ACCESS_KEY": "s",
        "AWS_REGION": "eu-north-1",
    }
    profiles = list_profiles(env)
    assert [p.name for p in profiles] == ["only", ENV_PROFILE]
    assert profiles[1].kind is ProfileKind.ENV
    assert profiles[1].region == "eu-north-1"
    assert default_profile_name(profiles, None, env) == ENV_PROFILE


def test_no_files_at_all_gives_default_chain(tmp_path: Path) -> None:
    profiles = list_profiles({"HOME": str(tmp_path)})
    assert [p.name for p in profiles] == [ENV_PROFILE]
    assert "instance role" in profiles[0].detail


def test_default_profile_order(home: Path) -> None:
    env = {"HOME": str(home)}
    profiles = list_profiles(env)
    assert default_profile_name(profiles, None, env) == "default"
    assert default_profile_name(profiles, None, {**env, "AWS_PROFILE": "role"}) == "role"
    assert default_profile_name(profiles, "proc", {**env, "AWS_PROFILE": "role"}) == "proc"
    with pytest.raises(ConfigError, match="unknown profile 'nope'"):
        default_profile_name(profiles, "nope", env)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("region = us-east-1\n", 1),
        ("[default]\nregion = x\n[default]\nregion = y\n", 3),
        ("[default]\nregion = x\nthis is not a setting\n", 3),
        ("[default]\nregion = x\nregion = y\n", 3),
    ],
)
def test_broken_config_names_file_and_line(home: Path, text: str, line: int) -> None:
    (home / ".aws" / "config").write_text(text)
    with pytest.raises(ConfigError) as info:
        list_profiles({"HOME": str(home)})
    message = str(info.value)
    assert str(home / ".aws" / "config") in message
    assert f"line {line}" in message
    assert "\n" not in message
