"""Proving a login to a registry that may answer Basic credentials with a Bearer challenge
(public.ecr.aws does): GET /v2/ with Basic; on `401 WWW-Authenticate: Bearer realm=…,service=…`
the realm is asked for a token with the same Basic credentials, and /v2/ again with it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ecr_tui.core.errors import NetworkError, RegistryError
from ecr_tui.core.registry.http_setup import import_httpx, registry_tls

if TYPE_CHECKING:
    import httpx

    from ecr_tui.core.models import Token

_PARAM = r'(\w+)="([^"]*)"'


def bearer_challenge(header: str) -> dict[str, str] | None:
    """`Bearer realm="…",service="…",scope="…"` → its parameters; None for any other scheme."""
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return {k.lower(): v for k, v in re.findall(_PARAM, rest)}


def prove_login(endpoint: str, token: Token, *, transport: httpx.BaseTransport | None = None,
                timeout: float = 30.0) -> None:
    """Raises RegistryError when the registry refuses the token, NetworkError when unreachable."""
    import_httpx()
    import httpx

    from ecr_tui.core.registry.client import basic_auth

    basic = {"Authorization": basic_auth(token)}
    url = f"{endpoint.rstrip('/')}/v2/"
    try:
        with httpx.Client(timeout=timeout, transport=transport, trust_env=True,
                          verify=registry_tls() if transport is None else True,
                          headers={"User-Agent": "ecr-tui"}) as client:
            response = client.get(url, headers=basic)
            challenge = bearer_challenge(response.headers.get("www-authenticate", ""))
            if response.status_code == 401 and challenge and challenge.get("realm"):
                params = {"service": challenge["service"]} if "service" in challenge else {}
                answer = client.get(challenge["realm"], params=params, headers=basic)
                bearer = _token_of(answer) if answer.status_code == 200 else ""
                if bearer:
                    response = client.get(url, headers={"Authorization": f"Bearer {bearer}"})
    except httpx.HTTPError as exc:
        raise NetworkError(f"cannot reach {token.registry}: {type(exc).__name__}",
                           fix="check network, VPN or HTTPS_PROXY") from None
    if response.status_code != 200:
        raise RegistryError(f"GET /v2/ answered HTTP {response.status_code}",
                            fix="check the profile's ECR Public permissions")


def _token_of(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    value = body.get("token") or body.get("access_token") if isinstance(body, dict) else ""
    return value if isinstance(value, str) else ""
