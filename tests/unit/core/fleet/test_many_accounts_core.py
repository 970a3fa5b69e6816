"""Unit tests of the many-account core: portal paging and throttling (botocore Stubber), the
account cache, discovered profiles and their dedup, role choice, pairs, queries, the allowlist."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import botocore.session
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.stub import Stubber

from ecr_tui.core.aws.allowlist import is_allowed
from ecr_tui.core.fleet.find_query import QueryKind, parse_query
from ecr_tui.core.fleet.runner import choose_pairs, one_role_per_account
from ecr_tui.core.login.tokens import RateLimiter
from ecr_tui.core.models import Profile, ProfileKind, Region, Target, utcnow
from ecr_tui.core.profiles.config import AwsConfig
from ecr_tui.core.sso import portal as sso_portal
from ecr_tui.core.sso.cache import AccountCache, SourceListing, SsoAccount
from ecr_tui.core.sso.discovery import build_roles, sso_sources

DIGEST = "sha256:" + "ab" * 32


def sso_client():
    session = botocore.session.get_session()
    return session.create_client(
        "sso", region_name="us-east-1", config=Config(signature_version=UNSIGNED),
        aws_access_key_id="x", aws_secret_access_key="y",
    )


def test_accounts_are_read_across_pages_of_at_most_100() -> None:
    client = sso_client()
    with Stubber(client) as stub:
        stub.add_response("list_accounts", {
            "accountList": [{"accountId": "111111111111", "accountName": "a"}],
            "nextToken": "t1"}, {"accessToken": "tok", "maxResults": 100})
        stub.add_response("list_accounts", {
            "accountList": [{"accountId": "222222222222", "accountName": "b"}]},
            {"accessToken": "tok", "maxResults": 100, "nextToken": "t1"})
        accounts = sso_portal.list_accounts(client, RateLimiter(100, 1.0), "tok")
    assert [a["accountId"] for a in accounts] == ["111111111111", "222222222222"]


def test_throttling_is_retried_never_a_failure() -> None:
    client = sso_client()
    slept: list[float] = []
    with Stubber(client) as stub:
        for _ in range(5):
            stub.add_client_error("list_account_roles", "TooManyRequestsException",
                                  "Rate exceeded", 429)
        stub.add_response("list_account_roles", {"roleList": [{"roleName": "ReadOnly"}]})
        roles = sso_portal.limited_call(
            RateLimiter(100, 1.0), client.list_account_roles, sleep=slept.append,
            accessToken="tok", accountId="111111111111", maxResults=100,
        )
    assert roles["roleList"] == [{"roleName": "ReadOnly"}]
    assert len(slept) == 5 and slept[-1] > slept[0]


def test_other_portal_errors_are_not_retried() -> None:
    client = sso_client()
    with Stubber(client) as stub:
        stub.add_client_error("list_accounts", "UnauthorizedException", "expired", 401)
        with pytest.raises(Exception, match="UnauthorizedException"):
            sso_portal.list_accounts(client, RateLimiter(100, 1.0), "tok")


def test_account_cache_is_private_and_expires_after_a_day(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    cache = AccountCache(env)
    now = utcnow()
    listing = SourceListing("corp", "https://x/start", "us-east-1",
                            (SsoAccount("111111111111", "a", "a@x", ("ReadOnly",)),), now)
    cache.save(listing)
    assert cache.load()["corp"] == listing
    assert stat.S_IMODE(cache.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.path.parent.stat().st_mode) == 0o700
    assert listing.is_fresh(now + timedelta(hours=23))
    assert not listing.is_fresh(now + timedelta(hours=24))
    cache.path.write_text("{not json")
    assert cache.load() == {}


def _config(tmp_path: Path) -> AwsConfig:
    config = tmp_path / "config"
    config.write_text("""\
[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile legacy]
sso_start_url = https://legacy/start
sso_region = us-west-2
sso_account_id = 333333333333
sso_role_name = Admin

[profile a/Admin]
region = us-east-1

[sso-session corp]
sso_start_url = https://corp/start
sso_region = us-east-1
""")
    return AwsConfig.load({"AWS_CONFIG_FILE": str(config), "HOME": str(tmp_path),
                           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")})


def test_sources_are_sessions_and_legacy_start_urls(tmp_path: Path) -> None:
    sources = sso_sources(_config(tmp_path))
    assert [(s.key, s.sso_region, s.legacy_profile) for s in sources] == [
        ("corp", "us-east-1", None), ("https://legacy/start", "us-west-2", "legacy")]
    assert sources[1].login_fix({"SSH_CONNECTION": "x"}) == (
        "aws sso login --profile legacy --use-device-code")
    assert sources[0].login_fix({}) == "aws sso login --sso-session corp"


def test_discovered_roles_dedup_name_and_region(tmp_path: Path) -> None:
    cfg = _config(tmp_path)
    corp, legacy = sso_sources(cfg)
    now = utcnow()
    accounts = (SsoAccount("111111111111", "a", "", ("ReadOnly", "Admin")),
                SsoAccount("222222222222", "b", "", ("ReadOnly",)))
    roles = build_roles(cfg, [
        (corp, SourceListing("corp", corp.start_url, "us-east-1", accounts, now)),
        (legacy, SourceListing(legacy.key, legacy.start_url, "us-west-2",
                               (SsoAccount("333333333333", "c", "", ("Admin", "View")),
                                SsoAccount("222222222222", "b", "", ("ReadOnly",))), now)),
    ])
    got = {r.profile.name: r.profile for r in roles}
    # dev hides (corp, a, ReadOnly); legacy hides (legacy, c, Admin); b/ReadOnly only once;
    # "a/Admin" is a configured name, so the discovered one is addressed by its id.
    assert set(got) == {"111111111111/Admin", "b/ReadOnly", "c/View"}
    assert got["111111111111/Admin"].region == "eu-west-1"  # the config says so for account a
    assert got["b/ReadOnly"].region == "us-east-1"  # the session's sso_region
    assert got["c/View"].sso_session == "https://legacy/start"
    assert all(p.kind is ProfileKind.SSO_DISCOVERED and p.account_id for p in got.values())


def _discovered(account: str, role: str) -> Profile:
    return Profile(f"{account}/{role}", ProfileKind.SSO_DISCOVERED, "us-east-1",
                   account_id=account, role=role)


def test_one_role_per_account_prefers_read_only_or_the_setting() -> None:
    profiles = [_discovered("1", "AdministratorAccess"), _discovered("1", "ReadOnlyAccess"),
                _discovered("2", "PowerUser"), _discovered("2", "Billing"),
                Profile("static", ProfileKind.STATIC, "eu-west-1")]
    chosen = {p.name for p in one_role_per_account(profiles, ())}
    assert chosen == {"static", "1/ReadOnlyAccess", "2/Billing"}
    chosen = {p.name for p in one_role_per_account(profiles, ("poweruser",))}
    assert "2/PowerUser" in chosen


def test_pairs_are_the_union_of_regions_or_every_region() -> None:
    profiles = [Profile("a", ProfileKind.STATIC, "eu-west-1"),
                Profile("mfa", ProfileKind.ASSUME_ROLE, "us-east-1", mfa_serial="arn"),
                _discovered("1", "ReadOnly")]
    by_name = {p.name: p for p in profiles}
    pairs = choose_pairs(profiles, [], [], all_regions=None, resolve=by_name.__getitem__,
                         preference=())
    assert pairs == [Target("a", "eu-west-1"), Target("a", "us-east-1"),
                     Target("1/ReadOnly", "eu-west-1"), Target("1/ReadOnly", "us-east-1")]
    pairs = choose_pairs(profiles, ["mfa"], [], resolve=by_name.__getitem__, preference=(),
                         all_regions=lambda p: [Region("r-1"), Region("r-2")])
    assert pairs == [Target("mfa", "r-1"), Target("mfa", "r-2")]


@pytest.mark.parametrize(("text", "kind"), [
    ("payments", QueryKind.NAME), ("*pay*", QueryKind.GLOB), (DIGEST, QueryKind.DIGEST),
    ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1", QueryKind.REFERENCE),
    (f"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@{DIGEST}", QueryKind.REFERENCE),
    # Another registry's image is no account's: its tags are read anonymously (issue 22).
    ("docker.io/library/nginx", QueryKind.OUTSIDE),
    ("public.ecr.aws/nginx/nginx:1.27", QueryKind.OUTSIDE),
])
def test_queries(text: str, kind: QueryKind) -> None:
    query = parse_query(text)
    assert query.kind is kind
    if kind is QueryKind.REFERENCE:
        assert (query.account_id, query.region, query.repository) == (
            "123456789012", "eu-west-1", "team/api")
        assert query.tag == "v1" or query.digest == DIGEST
    if kind is QueryKind.OUTSIDE:
        assert query.outside is not None and query.outside.text() == text
        assert not query.matches_name(query.repository)  # nothing of the fleet's is searched
    assert parse_query("payments").matches_name("team/payments-api")
    assert parse_query("team/*").matches_name("team/api")
    assert not parse_query("team/*").matches_name("other/api")


def test_the_allowlist_grows_by_the_portal_reads_only() -> None:
    for op in ("ListAccounts", "ListAccountRoles", "GetRoleCredentials"):
        assert is_allowed("sso", op)
    assert is_allowed("sso-oidc", "CreateToken")
    assert not is_allowed("sso", "Logout")
    assert not is_allowed("sso-oidc", "RegisterClient")
    assert not is_allowed("sso-oidc", "StartDeviceAuthorization")


def test_registry_id_rewrites_an_ecr_host_keeping_the_password() -> None:
    from datetime import datetime, timezone

    from ecr_tui.core.models import Token
    from ecr_tui.core.registry.cross_account import other_registry_token

    token = Token("111111111111.dkr.ecr.eu-west-1.amazonaws.com",
                  "https://111111111111.dkr.ecr.eu-west-1.amazonaws.com", "AWS", "secret",
                  datetime(2030, 1, 1, tzinfo=timezone.utc), "p", "eu-west-1")

    def never() -> str:
        raise AssertionError("an ECR host needs no call")

    other = other_registry_token(token, "222222222222", never)
    assert other.registry == "222222222222.dkr.ecr.eu-west-1.amazonaws.com"
    assert other.endpoint == "https://222222222222.dkr.ecr.eu-west-1.amazonaws.com"
    assert other.password == "secret"
    with pytest.raises(Exception, match="not an AWS account id"):
        other_registry_token(token, "12", never)


def _cached_token(cache: Path, key: str, expires: str) -> None:
    import hashlib
    import json

    cache.mkdir(parents=True, exist_ok=True)
    (cache / (hashlib.sha1(key.encode()).hexdigest() + ".json")).write_text(json.dumps({
        "startUrl": "https://corp/start", "region": "us-east-1",
        "accessToken": f"token-of-{key}", "expiresAt": expires,
    }))


def test_cached_tokens_are_read_by_botocore_and_expired_ones_name_the_fix(tmp_path: Path) -> None:
    from ecr_tui.core.errors import CredentialsError
    from ecr_tui.core.sso.tokens import SsoSource, load_access_token

    cache = tmp_path / "cache"
    later = (utcnow() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    earlier = (utcnow() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _cached_token(cache, "corp", later)
    _cached_token(cache, "https://legacy/start", later)
    _cached_token(cache, "old", earlier)
    session = botocore.session.get_session()
    corp = SsoSource("corp", "https://corp/start", "us-east-1")
    assert load_access_token(session, corp, cache, {}).value == "token-of-corp"
    legacy = SsoSource("https://legacy/start", "https://legacy/start", "us-east-1", "leg")
    assert load_access_token(session, legacy, cache, {}).value == "token-of-https://legacy/start"
    old = SsoSource("old", "https://corp/start", "us-east-1")
    with pytest.raises(CredentialsError, match="has expired") as expired:
        load_access_token(session, old, cache, {"SSH_CONNECTION": "x"})
    assert expired.value.fix == "aws sso login --sso-session old --use-device-code"
    assert "token-of" not in str(expired.value)
    with pytest.raises(CredentialsError, match="no SSO login yet"):
        load_access_token(session, SsoSource("never", "u", "us-east-1"), cache, {})
