"""The account in the header comes from what ECR already said; STS only when nothing did."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from ecr_tui.core.aws.backend import AwsBackend

ENV = {"HOME": "/nonexistent", "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "a",
       "AWS_SECRET_ACCESS_KEY": "b"}


def _clients() -> dict[str, Any]:
    return {
        service: boto3.client(service, region_name="eu-west-1", aws_access_key_id="a",
                              aws_secret_access_key="b")
        for service in ("ecr", "sts")
    }


def _backend(monkeypatch: pytest.MonkeyPatch, clients: dict[str, Any]) -> AwsBackend:
    backend = AwsBackend(environ=ENV)
    monkeypatch.setattr(backend, "_client", lambda p, r, service="ecr": clients[service])
    monkeypatch.setattr(backend._pool, "credential_key", lambda profile: "key")
    return backend


def _token(endpoint: str) -> dict[str, Any]:
    expires = datetime.now(timezone.utc) + timedelta(hours=12)
    token = base64.b64encode(b"AWS:secret").decode()
    return {"authorizationData": [
        {"authorizationToken": token, "expiresAt": expires, "proxyEndpoint": endpoint}
    ]}


def test_repositories_say_the_account_and_sts_is_never_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clients = _clients()
    backend = _backend(monkeypatch, clients)
    repo = {"repositoryName": "app", "registryId": "123456789012",
            "repositoryUri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app"}
    with Stubber(clients["ecr"]) as ecr, Stubber(clients["sts"]) as sts:
        ecr.add_response("describe_repositories", {"repositories": [repo]})
        backend.repositories("(env)", "eu-west-1")
        assert backend.account_id("(env)", "eu-west-1") == "123456789012"
        ecr.assert_no_pending_responses()
        sts.assert_no_pending_responses()


def test_the_token_host_says_the_account_when_there_are_no_repositories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clients = _clients()
    backend = _backend(monkeypatch, clients)
    with Stubber(clients["ecr"]) as ecr, Stubber(clients["sts"]):
        # No STS response queued: a GetCallerIdentity call would fail the test.
        ecr.add_response("get_authorization_token",
                         _token("https://210987654321.dkr.ecr.eu-west-1.amazonaws.com"))
        assert backend.account_id("(env)", "eu-west-1") == "210987654321"


def test_sts_only_when_ecr_names_no_account(monkeypatch: pytest.MonkeyPatch) -> None:
    clients = _clients()
    backend = _backend(monkeypatch, clients)
    with Stubber(clients["ecr"]) as ecr, Stubber(clients["sts"]) as sts:
        ecr.add_response("get_authorization_token", _token("https://registry.internal:5000"))
        identity = {"Account": "555566667777", "Arn": "arn:aws:iam::555566667777:user/x",
                    "UserId": "u"}
        sts.add_response("get_caller_identity", identity)
        assert backend.account_id("(env)", "eu-west-1") == "555566667777"
        assert backend.account_id("(env)", "eu-west-1") == "555566667777"  # asked once
