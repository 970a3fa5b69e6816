"""Which way a copy's blob bytes go: over ecr-tui's own sockets only where httpx would talk
straight to both registries; a proxy in the environment (httpx honours every `*_proxy`) or a
test transport keeps them on httpx, which applies it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest

from ecr_tui.core.records import Token
from ecr_tui.core.registry.blob_pipe import usable
from ecr_tui.core.registry.client import RegistryClient, proxied

HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com"
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy")


def client(**kwargs: object) -> RegistryClient:
    now = datetime.now(timezone.utc)
    token = Token(HOST, f"https://{HOST}", "AWS", "pw", now + timedelta(hours=1), "p", "r", now)
    return RegistryClient(f"https://{HOST}", lambda refresh: token, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_straight_to_the_registry_the_pipe_is_used() -> None:
    with client() as a, client() as b:
        assert a.direct is not None and usable(a, b)


@pytest.mark.parametrize("variable", PROXY_VARIABLES)
def test_a_proxy_in_the_environment_keeps_the_bytes_on_httpx(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "http://proxy.example:3128")
    with client() as a, client() as b:
        assert a.direct is None and not usable(a, b)


def test_a_test_transport_keeps_the_bytes_on_httpx() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with client(transport=transport) as a, client() as b:
        assert not usable(a, b) and not usable(b, a)


def test_no_proxy_alone_is_not_a_proxy() -> None:
    assert not proxied({"NO_PROXY": "localhost", "no_proxy": "*"})
    assert proxied({"https_proxy": "http://p:1"}) and not proxied({"HTTPS_PROXY": ""})
