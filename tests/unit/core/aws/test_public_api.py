"""ECR Public through botocore's Stubber: the allowlist's ecr-public reads, paging, catalog data,
the token without a proxyEndpoint, and denied permissions as one line."""

from __future__ import annotations

import base64
from datetime import datetime, timezone

import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from ecr_tui.core.aws.allowlist import READ_OPERATIONS, ReadOnlyViolation
from ecr_tui.core.aws.errors import translate
from ecr_tui.core.aws.session import SessionPool
from ecr_tui.core.ecr import public_api
from ecr_tui.core.login.tokens import decode_authorization

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def test_the_ecr_public_allowlist_is_exactly_its_reads() -> None:
    assert READ_OPERATIONS["ecr-public"] == {
        "DescribeRegistries", "DescribeRepositories", "GetRepositoryCatalogData",
        "DescribeImageTags", "DescribeImages", "GetAuthorizationToken",
    }


@pytest.fixture()
def client(tmp_path) -> object:
    pool = SessionPool({"HOME": str(tmp_path)})
    session = botocore.session.Session()
    session.set_credentials("a", "b")
    pool._sessions["x"] = session
    return pool.client("x", "us-east-1", "ecr-public")


def test_pool_clients_refuse_ecr_public_writes(client) -> None:
    with Stubber(client), pytest.raises(ReadOnlyViolation, match="ecr-public:PutImage"):
        client.put_image(repositoryName="a", imageManifest="{}")


def test_image_tags_follow_next_token_newest_first(client) -> None:
    def item(tag: str, day: int) -> dict:
        return {"imageTag": tag, "createdAt": WHEN, "imageDetail": {
            "imageDigest": f"sha256:{tag:0>64}", "imageSizeInBytes": 5,
            "imagePushedAt": WHEN.replace(day=day)}}

    with Stubber(client) as stub:
        stub.add_response("describe_image_tags", {"imageTagDetails": [item("1", 2)],
                          "nextToken": "t"}, {"repositoryName": "team/r", "maxResults": 1000})
        stub.add_response("describe_image_tags", {"imageTagDetails": [item("2", 9)]},
                          {"repositoryName": "team/r", "maxResults": 1000, "nextToken": "t"})
        rows = public_api.image_tags(client, "team/r")
    assert [r.tag for r in rows] == ["2", "1"]
    assert rows[0].size_bytes == 5 and rows[0].digest.endswith("2")


def test_registries_and_catalog_data(client) -> None:
    with Stubber(client) as stub:
        stub.add_response("describe_registries", {"registries": [{
            "registryId": "123456789012", "registryArn": "arn", "registryUri": "u",
            "verified": False, "aliases": [
                {"name": "other", "status": "ACTIVE", "primaryRegistryAlias": False,
                 "defaultRegistryAlias": True},
                {"name": "mine", "status": "ACTIVE", "primaryRegistryAlias": True,
                 "defaultRegistryAlias": False}]}]}, {"maxResults": 1000})
        stub.add_response("get_repository_catalog_data", {"catalogData": {
            "description": "d", "aboutText": "a", "usageText": "u",
            "architectures": ["ARM 64"], "operatingSystems": ["Linux"]}},
            {"repositoryName": "team/r"})
        [registry] = public_api.list_registries(client)
        catalog = public_api.catalog(client, "team/r")
    assert registry.alias == "mine"
    assert (catalog.about, catalog.usage, catalog.architectures) == ("a", "u", ("ARM 64",))


def test_the_public_token_has_no_proxy_endpoint() -> None:
    data = {"authorizationToken": base64.b64encode(b"AWS:secret").decode(), "expiresAt": WHEN}
    token = decode_authorization(data, profile="p", region="public",
                                 endpoint="https://public.ecr.aws")
    assert (token.registry, token.password, token.region) == ("public.ecr.aws", "secret", "public")


@pytest.mark.parametrize(("message", "line"), [
    ("User: u is not authorized to perform: sts:GetServiceBearerToken on resource: *",
     "access denied: sts:GetServiceBearerToken for profile p"),
    ("User: u is not authorized to perform: ecr-public:GetAuthorizationToken on resource: *",
     "access denied: ecr-public:GetAuthorizationToken for profile p"),
])
def test_a_denied_public_token_names_both_permissions(message: str, line: str) -> None:
    exc = ClientError({"Error": {"Code": "AccessDeniedException", "Message": message}},
                      "GetAuthorizationToken")
    error = translate(exc, profile="p", region="us-east-1",
                      operation="ecr-public:GetAuthorizationToken", environ={})
    assert error.message.startswith(line)
    assert "ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken" in (error.fix or "")
