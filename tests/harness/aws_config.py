"""A throwaway ~/.aws with profiles of every kind (static, role, MFA, SSO, process)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
EU_ACCESS_KEY = "AKIAI44QH8DHBEXAMPLE"
EU_SECRET_KEY = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
SSO_START_URL = "https://corp.awsapps.com/start"
OLD_START_URL = "https://old-corp.awsapps.com/start"
NEVER_START_URL = "https://never.awsapps.com/start"
LEGACY_START_URL = "https://legacy.awsapps.com/start"

PROFILES = (
    "default", "static-eu", "role", "role-mfa", "sso-dev", "sso-expired", "sso-never",
    "legacy-sso", "proc", "proc-fail",
)

PROC_SCRIPT = """\
import json
from datetime import datetime, timedelta, timezone

expiry = datetime.now(timezone.utc) + timedelta(hours=1)
print(json.dumps({
    "Version": 1,
    "AccessKeyId": "ASIAPROCESSEXAMPLE01",
    "SecretAccessKey": "process/secret/EXAMPLEKEY",
    "SessionToken": "process-session-token-EXAMPLE",
    "Expiration": expiry.strftime("%Y-%m-%dT%H:%M:%SZ"),
}))
"""

PROC_FAIL_SCRIPT = """\
import sys

print("boom: token broker unreachable", file=sys.stderr)
sys.exit(1)
"""


@dataclass(frozen=True)
class AwsFiles:
    config: Path
    credentials: Path
    sso_cache: Path


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sso_cache(cache_dir: Path, key: str, start_url: str, expires: datetime, session: str) -> None:
    name = hashlib.sha1(key.encode()).hexdigest() + ".json"
    data = {
        "startUrl": start_url,
        "region": "us-east-1",
        "accessToken": f"sso-access-token-{session}-EXAMPLE",
        "expiresAt": _iso(expires),
        "clientId": f"sso-client-{session}",
        "clientSecret": f"sso-client-secret-{session}",
        "registrationExpiresAt": _iso(expires + timedelta(days=80)),
        "refreshToken": f"sso-refresh-{session}",
    }
    (cache_dir / name).write_text(json.dumps(data, indent=2), encoding="utf-8")


def _script(path: Path, body: str) -> str:
    path.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(path)


def write_aws_files(home: Path, account_id: str) -> AwsFiles:
    aws = home / ".aws"
    cache = aws / "sso" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    os.chmod(aws, 0o700)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _sso_cache(cache, "corp", SSO_START_URL, now + timedelta(hours=8), "corp")
    _sso_cache(cache, "old", OLD_START_URL, now - timedelta(hours=2), "old")
    _sso_cache(cache, LEGACY_START_URL, LEGACY_START_URL, now + timedelta(hours=8), "legacy")
    bin_dir = home / "bin"
    bin_dir.mkdir(exist_ok=True)
    proc = _script(bin_dir / "cred-proc", PROC_SCRIPT)
    proc_fail = _script(bin_dir / "cred-proc-fail", PROC_FAIL_SCRIPT)

    config = aws / "config"
    config.write_text(f"""\
[default]
region = us-east-1

[profile static-eu]
region = eu-west-1

[profile role]
role_arn = arn:aws:iam::{account_id}:role/ecr-reader
source_profile = default
region = us-east-1

[profile role-mfa]
role_arn = arn:aws:iam::{account_id}:role/ecr-reader
source_profile = default
mfa_serial = arn:aws:iam::{account_id}:mfa/oncall
region = us-east-1

[profile sso-dev]
sso_session = corp
sso_account_id = {account_id}
sso_role_name = ECRReadOnly
region = us-east-1

[profile sso-expired]
sso_session = old
sso_account_id = {account_id}
sso_role_name = ECRReadOnly
region = us-east-1

[profile sso-never]
sso_session = never
sso_account_id = {account_id}
sso_role_name = ECRReadOnly
region = us-east-1

[profile legacy-sso]
sso_start_url = {LEGACY_START_URL}
sso_region = us-east-1
sso_account_id = {account_id}
sso_role_name = ECRReadOnly
region = us-east-1

[profile proc]
credential_process = {proc}
region = us-east-1

[profile proc-fail]
credential_process = {proc_fail}
region = us-east-1

[sso-session corp]
sso_start_url = {SSO_START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[sso-session old]
sso_start_url = {OLD_START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[sso-session never]
sso_start_url = {NEVER_START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
""", encoding="utf-8")
    credentials = aws / "credentials"
    credentials.write_text(f"""\
[default]
aws_access_key_id = {ACCESS_KEY}
aws_secret_access_key = {SECRET_KEY}

[static-eu]
aws_access_key_id = {EU_ACCESS_KEY}
aws_secret_access_key = {EU_SECRET_KEY}
""", encoding="utf-8")
    credentials.chmod(0o600)
    return AwsFiles(config=config, credentials=credentials, sso_cache=cache)


def bench_profile_name(index: int) -> str:
    return f"acct-{index:02d}"


def append_bench_profiles(files: AwsFiles, keys: list[str]) -> tuple[str, ...]:
    """Static profiles ``acct-00``.. with one access key each (opt-in, for benchmarks)."""
    names = tuple(bench_profile_name(i) for i in range(len(keys)))
    with files.config.open("a", encoding="utf-8") as config:
        for name in names:
            config.write(f"\n[profile {name}]\nregion = us-east-1\n")
    with files.credentials.open("a", encoding="utf-8") as credentials:
        for name, key in zip(names, keys, strict=True):
            credentials.write(
                f"\n[{name}]\naws_access_key_id = {key}\n"
                f"aws_secret_access_key = bench/{name}/EXAMPLEKEY\n"
            )
    return names
