from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.errors import CredentialsError, EcrTuiError
from ecr_tui.core.login.tokens import TokenCache, decode_authorization
from ecr_tui.core.models import Token

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
PASSWORD = "eyJwYXlsb2FkIjoi" + "x" * 2000


def _item(password: str = PASSWORD, expires: object = NOW + timedelta(hours=12)) -> dict:
    raw = base64.b64encode(f"AWS:{password}".encode()).decode()
    return {
        "authorizationToken": raw,
        "expiresAt": expires,
        "proxyEndpoint": "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    }


def test_decode_splits_on_first_colon_and_takes_host_from_proxy_endpoint() -> None:
    token = decode_authorization(_item("pa:ss"), profile="p", region="eu-west-1", now=NOW)
    assert token.username == "AWS"
    assert token.password == "pa:ss"
    assert token.registry == "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
    assert token.remaining(NOW) == timedelta(hours=12)
    assert "pa:ss" not in repr(token)


def test_decode_accepts_epoch_and_naive_times() -> None:
    epoch = decode_authorization(_item(expires=NOW.timestamp()), profile="p", region="r")
    naive = decode_authorization(_item(expires=NOW.replace(tzinfo=None)), profile="p", region="r")
    assert epoch.expires_at == NOW == naive.expires_at


@pytest.mark.parametrize(
    "item",
    [
        {"authorizationToken": "!!!", "expiresAt": NOW, "proxyEndpoint": "https://h"},
        {
            "authorizationToken": base64.b64encode(b"nocolon").decode(),
            "expiresAt": NOW,
            "proxyEndpoint": "https://h",
        },
        {"authorizationToken": base64.b64encode(b"AWS:x").decode(), "proxyEndpoint": "https://h"},
        {"authorizationToken": base64.b64encode(b"AWS:x").decode(), "expiresAt": NOW},
    ],
)
def test_decode_rejects_broken_items_without_echoing_them(item: dict) -> None:
    with pytest.raises(EcrTuiError) as info:
        decode_authorization(item, profile="p", region="r")
    assert item["authorizationToken"] not in str(info.value)


@given(st.text(min_size=1).filter(lambda s: "\x00" not in s))
def test_decode_round_trips_any_password(password: str) -> None:
    token = decode_authorization(_item(password), profile="p", region="r")
    assert token.password == password


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def _token(clock: Clock, ttl: timedelta) -> Token:
    return Token("h", "https://h", "AWS", "pw", clock.now + ttl, "p", "r", clock.now)


def test_cache_reuses_then_refreshes_near_expiry() -> None:
    clock, calls = Clock(), []

    def fetch() -> Token:
        calls.append(clock.now)
        return _token(clock, timedelta(hours=12))

    cache = TokenCache(clock)
    first = cache.get("id", "r", fetch)
    assert cache.get("id", "r", fetch) is first
    assert cache.get("id", "other-region", fetch) is not first
    clock.now += timedelta(hours=11, minutes=56)
    renewed = cache.get("id", "r", fetch)
    assert renewed is not first and not renewed.is_expired(clock.now)
    assert cache.get("id", "r", fetch, refresh=True) is not renewed
    assert len(calls) == 4


def test_cache_never_returns_an_expired_token() -> None:
    clock = Clock()
    cache = TokenCache(clock)
    cache.get("id", "r", lambda: _token(clock, timedelta(hours=1)))
    clock.now += timedelta(hours=2)
    fresh = cache.get("id", "r", lambda: _token(clock, timedelta(hours=12)))
    assert not fresh.is_expired(clock.now)


def test_token_expired_on_arrival_is_reported_and_not_refetched_in_a_loop() -> None:
    clock, calls = Clock(), []

    def fetch() -> Token:
        calls.append(1)
        return _token(clock, -timedelta(days=3000))

    cache = TokenCache(clock)
    for _ in range(5):
        with pytest.raises(CredentialsError, match="clock"):
            cache.get("id", "r", fetch)
    assert len(calls) == 1
    assert cache.tokens()[0].is_expired(clock.now)
    clock.now += timedelta(minutes=2)
    with pytest.raises(CredentialsError):
        cache.get("id", "r", fetch)
    assert len(calls) == 2
