"""The AWS backend's copy (issue 21): a registry client per end (the profile's, writing only
with writes on; another account's registry with the same token; an anonymous one for a public
source), the plan read from both while ECR gives the preflight's facts, then the send."""

from __future__ import annotations

from concurrent.futures import Executor, wait
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ecr_tui.core.errors import ConfigError

if TYPE_CHECKING:
    from ecr_tui.core.copy_records import CopyEnd, CopyPlan, CopyProgressCallback, CopyRequest
    from ecr_tui.core.registry.client import RegistryClient


def _client(backend: Any, end: CopyEnd, *, own: list[RegistryClient]) -> RegistryClient:
    """The end's registry client; ones made here are added to `own` (closed after)."""
    if not end.profile:
        from ecr_tui.core.anonymous_registry import registry_endpoint
        from ecr_tui.core.registry.auth import AnonymousAuth
        from ecr_tui.core.registry.bearer import BearerTokens
        from ecr_tui.core.registry.client import RegistryClient

        endpoint = registry_endpoint(end.host, backend._environ)
        scheme, tokens = endpoint.partition("://")[0], BearerTokens()
        client = RegistryClient(endpoint, None, authorizer=lambda http: AnonymousAuth(
            end.host, scheme, tokens, http))
        own.append(client)
        return client
    mine = backend.account_id(end.profile, end.region)
    if not end.account_id or end.account_id == mine:
        return backend.registry(end.profile, end.region)
    from ecr_tui.core.ecr import api as ecr
    from ecr_tui.core.registry.client import RegistryClient
    from ecr_tui.core.registry.cross_account import other_registry_token

    def endpoint() -> str:  # only for a registry host that is not an ECR host
        ecr_client = backend._client(end.profile, end.region)
        return backend._call(end.profile, end.region, "GetAuthorizationToken",
                             lambda: ecr.registry_endpoint(ecr_client, end.account_id))

    token = other_registry_token(backend.token(end.profile, end.region), end.account_id,
                                 endpoint)
    client = RegistryClient(token.endpoint, lambda refresh: token,
                            writes=backend.writes_enabled())
    own.append(client)
    return client


def _facts(backend: Any, request: CopyRequest) -> tuple[str, Any]:
    """(the source's status, the destination repository) from ECR (DescribeImages,
    DescribeRepositories); the source's only where the profile is the registry's account."""
    src, dst = request.source, request.destination
    status = ""
    if src.profile and src.account_id in ("", backend.account_id(src.profile, src.region)):
        image = backend.write_target(src.profile, src.region, src.repository,
                                     src.reference).image
        status = image.image_status if image is not None else ""
    target = backend.write_target(dst.profile, dst.region, dst.repository,
                                  dst.reference or src.reference)
    return status, target.repository


def plan_copy(backend: Any, request: CopyRequest, pool: Executor) -> CopyPlan:
    from ecr_tui.core.copy.reading import read_plan
    from ecr_tui.core.write_records import WRITES_OFF

    if not backend.writes_enabled():
        from ecr_tui.core.errors import WritesOff

        raise WritesOff(WRITES_OFF)
    if not request.destination.profile:
        raise ConfigError(f"no profile writes to {request.destination.host}",
                          fix="copy writes to an ECR registry one of your profiles reaches")
    from ecr_tui.core.registry.http_setup import warm_up

    pool.submit(warm_up)  # httpx and the trust store (its load frees the GIL) beside botocore's
    facts = pool.submit(_facts, backend, request)  # ECR's answers while the registries read
    own: list[RegistryClient] = []
    far = pool.submit(_client, backend, request.destination, own=own)  # both ends' tokens at once
    try:
        plan = read_plan(_client(backend, request.source, own=own), far.result(), request,
                         pool)
    finally:
        wait([far])  # the destination's client is closed too, whatever befell the source's
        for client in own:
            client.close()
    status, repository = facts.result()
    return replace(plan, source_status=status, destination_repository=repository)


def send_copy(
    backend: Any, plan: CopyPlan, on_progress: CopyProgressCallback | None
) -> None:
    from ecr_tui.core.copy.engine import send

    own: list[RegistryClient] = []
    try:
        source = _client(backend, plan.source, own=own)
        destination = _client(backend, plan.destination, own=own)
        if not destination.writes:
            from ecr_tui.core.errors import WritesOff
            from ecr_tui.core.write_records import WRITES_OFF

            raise WritesOff(WRITES_OFF)
        send(source, destination, plan, on_progress)
    finally:
        for client in own:
            client.close()
