"""ECR's write calls through botocore's Stubber: the retag recipe sends back exactly the bytes
and media type it read, with the digest; failures ECR lists become one line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

from ecr_tui.core.ecr import api
from ecr_tui.core.ecr.writes import MANIFEST_TYPES, delete, retag
from ecr_tui.core.errors import EcrTuiError

# Odd spacing and key order, a non-ASCII annotation: any re-serialisation would change the digest.
MANIFEST = ('{"schemaVersion":2,  "mediaType":"application/vnd.oci.image.index.v1+json",'
            '"manifests":[],"annotations":{"note":"caf\u00e9"}}')
DIGEST = "sha256:" + hashlib.sha256(MANIFEST.encode()).hexdigest()
INDEX = "application/vnd.oci.image.index.v1+json"


@pytest.fixture()
def client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> object:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    return boto3.client("ecr", region_name="eu-west-1", aws_access_key_id="a",
                        aws_secret_access_key="b")


def test_retag_puts_back_the_bytes_read_with_their_media_type_and_digest(client) -> None:
    with Stubber(client) as stub:
        stub.add_response(
            "batch_get_image",
            {"images": [{"imageId": {"imageDigest": DIGEST}, "imageManifest": MANIFEST,
                         "imageManifestMediaType": INDEX}], "failures": []},
            {"repositoryName": "team/api", "imageIds": [{"imageDigest": DIGEST}],
             "acceptedMediaTypes": list(MANIFEST_TYPES)},
        )
        stub.add_response(
            "put_image", {"image": {"imageId": {"imageDigest": DIGEST, "imageTag": "prod"}}},
            {"repositoryName": "team/api", "imageManifest": MANIFEST, "imageDigest": DIGEST,
             "imageTag": "prod", "imageManifestMediaType": INDEX},
        )
        assert retag(client, "team/api", DIGEST, "prod") is True
        stub.assert_no_pending_responses()


def test_retag_to_a_tag_that_already_names_the_digest_is_unchanged(client) -> None:
    with Stubber(client) as stub:
        stub.add_response("batch_get_image", {"images": [
            {"imageId": {"imageDigest": DIGEST}, "imageManifest": MANIFEST}]})
        stub.add_client_error("put_image", "ImageAlreadyExistsException", "already")
        assert retag(client, "team/api", DIGEST, "prod") is False


def test_failures_ecr_lists_are_one_line(client) -> None:
    with Stubber(client) as stub:
        stub.add_response("batch_get_image", {"images": [], "failures": [
            {"imageId": {"imageDigest": DIGEST}, "failureCode": "ImageNotFound",
             "failureReason": "Requested image not found"}]})
        stub.add_response("batch_delete_image", {"failures": [
            {"imageId": {"imageTag": "old"}, "failureCode": "ImageNotFound",
             "failureReason": "Requested image not found"}]})
        with pytest.raises(EcrTuiError, match=f"{DIGEST}: Requested image not found"):
            retag(client, "team/api", DIGEST, "prod")
        with pytest.raises(EcrTuiError, match="ECR did not delete old: Requested image not"):
            delete(client, "team/api", [{"imageTag": "old"}])


def test_the_preflight_asks_for_archived_images_too(client) -> None:
    with Stubber(client) as stub:
        stub.add_response(
            "describe_images",
            {"imageDetails": [{"imageDigest": DIGEST, "imageStatus": "ARCHIVED"}]},
            {"repositoryName": "team/api", "imageIds": [{"imageTag": "v0"}],
             "filter": {"imageStatus": "ANY"}},
        )
        stub.add_response("describe_repositories", {"repositories": [{
            "repositoryName": "team/api", "registryId": "111122223333",
            "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
            "imageTagMutabilityExclusionFilters": [
                {"filterType": "WILDCARD", "filter": "dev-*"}]}]},
            {"repositoryNames": ["team/api"]})
        image = api.describe_image(client, "team/api", "v0", any_status=True)
        repo = api.describe_repository(client, "team/api")
    assert image is not None and image.image_status == "ARCHIVED"
    assert repo.tag_mutability_exclusions == ("dev-*",)
