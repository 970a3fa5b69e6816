"""One ECR token serves every registry its principal may pull from: the host of another
account's registry in the same region, with the same password."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.hosts import host_from_endpoint, parse_registry_host
from ecr_tui.core.models import Token

_ACCOUNT = re.compile(r"^\d{12}$")


def other_registry_token(token: Token, account_id: str, endpoint: Callable[[], str]) -> Token:
    """``token`` pointed at ``account_id``'s registry. An ECR host is rewritten; any other host
    (a private endpoint, a stand-in) asks ECR for that registry's ``proxyEndpoint``."""
    if not _ACCOUNT.match(account_id):
        raise EcrTuiError(
            f"{account_id!r} is not an AWS account id", fix="pass the 12-digit account id"
        )
    parsed = parse_registry_host(token.registry)
    if parsed is not None and not parsed.public:
        host = account_id + token.registry[len(parsed.account_id):]
        url = token.endpoint.replace(token.registry, host, 1)
    else:
        url = endpoint().rstrip("/")
        if not url:
            raise EcrTuiError(f"ECR gave no registry endpoint for account {account_id}")
        host = host_from_endpoint(url)
    return dataclasses.replace(token, registry=host, endpoint=url)


def other_registry_client(token: Token) -> Any:
    """A registry client for ``token``'s host that never fetches another token."""
    from ecr_tui.core.registry.client import RegistryClient

    return RegistryClient(token.endpoint, lambda refresh: token)
