"""Proving a login where the registry answers Basic credentials with a Bearer challenge
(public.ecr.aws), with httpx.MockTransport."""

from __future__ import annotations

import httpx
import pytest

from ecr_tui.core.errors import RegistryError
from ecr_tui.core.models import Token, utcnow
from ecr_tui.core.registry.client import basic_auth
from ecr_tui.core.registry.login_check import bearer_challenge, prove_login

TOKEN = Token("public.ecr.aws", "https://public.ecr.aws", "AWS", "pw", utcnow(), "p", "public")


def registry(accept: str) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        auth = request.headers.get("authorization", "")
        if request.url.path == "/token/":
            assert request.url.params["service"] == "public.ecr.aws"
            ok = auth == basic_auth(TOKEN)
            return httpx.Response(200 if ok else 401, json={"token": "bearer-1"} if ok else {})
        if auth == accept:
            return httpx.Response(200, json={})
        return httpx.Response(401, headers={"www-authenticate": (
            'Bearer realm="https://public.ecr.aws/token/",service="public.ecr.aws",scope="aws"')})

    return httpx.MockTransport(handle)


def test_a_bearer_challenge_is_answered_with_the_basic_credentials() -> None:
    prove_login(TOKEN.endpoint, TOKEN, transport=registry("Bearer bearer-1"))


def test_a_registry_that_refuses_the_token_is_an_error() -> None:
    with pytest.raises(RegistryError, match="HTTP 401"):
        prove_login(TOKEN.endpoint, TOKEN, transport=registry("Bearer never"))


def test_challenge_parsing() -> None:
    assert bearer_challenge('Bearer realm="r",service="s"') == {"realm": "r", "service": "s"}
    assert bearer_challenge('Basic realm="r"') is None
