"""Registry host -> profile for the credential helper: config map, account, discovered SSO."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ecr_tui.core.hosts import parse_registry_host
from ecr_tui.core.login.helper_routes import (
    Route,
    can_answer,
    known_registries,
    route,
    routes,
    unknown_accounts,
)
from ecr_tui.core.models import Profile, ProfileKind

A, B = "111122223333", "444455556666"
NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
HOST_A = f"{A}.dkr.ecr.eu-west-1.amazonaws.com"


def p(name: str, kind: ProfileKind, account: str | None = None, region: str | None = None,
      **kw: object) -> Profile:
    return Profile(name, kind, region, account_id=account, **kw)  # type: ignore[arg-type]


PROFILES = [
    p("default", ProfileKind.STATIC, None, "us-east-1"),
    p("a-mfa", ProfileKind.ASSUME_ROLE, A, "eu-west-1", mfa_serial="arn:aws:iam::1:mfa/me"),
    p("a-us", ProfileKind.SSO, A, "us-east-1", expires_at=NOW + timedelta(hours=1)),
    p("a-eu", ProfileKind.SSO, A, "eu-west-1", expires_at=NOW + timedelta(hours=1)),
    p("a-eu-expired", ProfileKind.SSO, A, "eu-west-1", expires_at=NOW - timedelta(hours=1)),
]


def go(host: str, profiles=PROFILES, registries=None, accounts=None, preferred=None):
    return route(host, registries=registries or {}, profiles=profiles, accounts=accounts or {},
                 preferred=preferred, now=NOW)


def test_the_config_map_wins_and_takes_the_region_from_an_ecr_host() -> None:
    assert go(f"https://{HOST_A}/v2/", registries={HOST_A: "default"}) == Route(
        "default", "eu-west-1", "config")


def test_a_non_ecr_host_only_through_the_config_map() -> None:
    assert go("127.0.0.1:5000", registries={"127.0.0.1:5000": "x"}) == Route("x", None, "config")
    assert go("127.0.0.1:5000") is None
    assert go("ghcr.io") is None
    assert go("public.ecr.aws") is None


def test_a_profile_of_the_account_in_the_hosts_region_without_mfa_first() -> None:
    assert go(HOST_A) == Route("a-eu", "eu-west-1", "account")
    assert go(HOST_A.replace("eu-west-1", "us-east-1")).profile == "a-us"
    assert go(HOST_A, preferred="a-us").profile == "a-us"


def test_unknown_account_is_none_and_the_account_cache_fills_the_gap() -> None:
    host_b = f"{B}.dkr.ecr.eu-west-1.amazonaws.com"
    assert go(host_b) is None
    assert go(host_b, accounts={"default": B}) == Route("default", "eu-west-1", "account")
    assert [x.name for x in unknown_accounts(PROFILES, {})] == ["default"]
    assert unknown_accounts(PROFILES, {"default": B}) == []


def test_discovered_sso_roles_are_the_last_resort() -> None:
    discovered = [
        p("sso:dev/ReadOnly", ProfileKind.SSO_DISCOVERED, B, "us-east-1"),
        p("sso:dev/Admin", ProfileKind.SSO_DISCOVERED, B, "eu-west-1"),
    ]
    host_b = f"{B}.dkr.ecr.eu-west-1.amazonaws.com"
    assert go(host_b, [*PROFILES, *discovered]) == Route(
        "sso:dev/Admin", "eu-west-1", "sso-discovered")
    configured_b = p("b-static", ProfileKind.STATIC, None, "us-east-1")
    assert go(host_b, [*discovered, configured_b], accounts={"b-static": B}).profile == "b-static"


@pytest.mark.parametrize(
    ("host", "account", "region"),
    [
        (f"{A}.dkr.ecr.eu-west-1.amazonaws.com", A, "eu-west-1"),
        (f"{A}.dkr.ecr-fips.us-gov-west-1.amazonaws.com", A, "us-gov-west-1"),
        (f"{A}.dkr.ecr.cn-north-1.amazonaws.com.cn", A, "cn-north-1"),
        (f"{A}.dkr-ecr.ap-southeast-2.on.aws", A, "ap-southeast-2"),
        (f"https://{A}.dkr.ecr.us-east-1.amazonaws.com", A, "us-east-1"),
    ],
)
def test_real_ecr_hostnames_give_account_and_region(host: str, account: str, region: str) -> None:
    parsed = parse_registry_host(host)
    assert parsed is not None and (parsed.account_id, parsed.region) == (account, region)
    found = go(host, [p("x", ProfileKind.SSO, account, "us-east-1")])
    assert found == Route("x", region, "account")


def test_known_registries_need_no_call() -> None:
    found = known_registries(registries={"https://127.0.0.1:5000": "default"},
                             profiles=PROFILES, accounts={"default": B})
    assert found["127.0.0.1:5000"] == "default"
    assert found[f"{B}.dkr.ecr.us-east-1.amazonaws.com"] == "default"
    assert found[HOST_A] == "a-mfa"


def test_a_profile_that_can_answer_now_comes_before_the_hosts_region_and_the_config() -> None:
    """Issue 16: an SSO profile never logged in (no cached token) or expired is tried last."""
    never = p("ops-sso", ProfileKind.SSO, A, "eu-west-1")
    expired = p("old-sso", ProfileKind.SSO, A, "eu-west-1", expires_at=NOW - timedelta(hours=1))
    static = p("ops-keys", ProfileKind.STATIC, None, "us-east-1")
    found = routes(HOST_A, registries={}, profiles=[never, expired, static],
                   accounts={"ops-keys": A}, now=NOW)
    assert [r.profile for r in found] == ["ops-keys", "ops-sso", "old-sso"]
    assert can_answer(found, [never, expired, static], NOW)
    assert not can_answer(found[1:], [never, expired, static], NOW)


def test_among_answering_roles_of_the_account_a_read_only_one_first() -> None:
    live = NOW + timedelta(hours=1)
    admin = p("team/AdministratorAccess", ProfileKind.SSO_DISCOVERED, B, "us-east-1",
              expires_at=live, role="AdministratorAccess")
    reader = p("team/ReadOnly", ProfileKind.SSO_DISCOVERED, B, "us-east-1", expires_at=live,
               role="ReadOnly")
    host_b = f"{B}.dkr.ecr.us-east-1.amazonaws.com"
    assert go(host_b, [admin, reader]).profile == "team/ReadOnly"
