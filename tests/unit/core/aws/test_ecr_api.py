"""ECR calls through botocore's Stubber: pagination, models, the read-only allowlist."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import botocore.session
import pytest
from botocore.stub import Stubber

from ecr_tui.core.aws.allowlist import READ_OPERATIONS, ReadOnlyViolation, is_allowed
from ecr_tui.core.aws.session import SessionPool
from ecr_tui.core.ecr import api as ecr

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/q-Ab12"


@pytest.fixture()
def client(monkeypatch: pytest.MonkeyPatch, tmp_path) -> object:
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    return boto3.client(
        "ecr", region_name="eu-west-1", aws_access_key_id="a", aws_secret_access_key="b"
    )


def _repo(name: str) -> dict:
    return {
        "repositoryName": name,
        "repositoryUri": f"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{name}",
        "registryId": "123456789012",
        "repositoryArn": f"arn:aws:ecr:eu-west-1:123456789012:repository/{name}",
        "createdAt": WHEN,
        "imageTagMutability": "IMMUTABLE",
        "imageScanningConfiguration": {"scanOnPush": True},
    }


def test_repositories_follow_next_token_with_page_size_1000(client) -> None:
    with Stubber(client) as stub:
        stub.add_response(
            "describe_repositories",
            {"repositories": [_repo("b/two")], "nextToken": "t1"},
            {"maxResults": 1000},
        )
        stub.add_response(
            "describe_repositories",
            {"repositories": [_repo("a/one")]},
            {"maxResults": 1000, "nextToken": "t1"},
        )
        repos = ecr.list_repositories(client)
    assert [r.name for r in repos] == ["a/one", "b/two"]
    assert repos[0].scan_on_push is True and repos[0].tag_mutability == "IMMUTABLE"
    assert repos[0].created_at == WHEN


def test_repositories_carry_the_tag_mutability_exclusion_filters(client) -> None:
    excluded = {**_repo("a/one"), "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
                "imageTagMutabilityExclusionFilters": [
                    {"filterType": "WILDCARD", "filter": "latest"},
                    {"filterType": "WILDCARD", "filter": "dev-*"}]}
    with Stubber(client) as stub:
        stub.add_response("describe_repositories",
                          {"repositories": [excluded, _repo("b/two")]}, {"maxResults": 1000})
        one, two = ecr.list_repositories(client)
    assert one.tag_mutability_exclusions == ("latest", "dev-*")
    assert one.mutability_words() == "immutable except latest, dev-*"
    assert two.tag_mutability_exclusions == () and two.mutability_words() == "immutable"


def test_images_carry_scan_summary_and_pull_time(client) -> None:
    item = {
        "imageDigest": "sha256:" + "a" * 64,
        "imageTags": ["v1", "latest"],
        "imagePushedAt": WHEN,
        "imageSizeInBytes": 1234,
        "imageManifestMediaType": "application/vnd.oci.image.index.v1+json",
        "imageScanStatus": {"status": "COMPLETE"},
        "imageScanFindingsSummary": {"findingSeverityCounts": {"HIGH": 2, "CRITICAL": 1}},
        "lastRecordedPullTime": WHEN,
    }
    with Stubber(client) as stub:
        stub.add_response(
            "describe_images",
            {"imageDetails": [item]},
            {"repositoryName": "a/one", "maxResults": 1000, "filter": {"imageStatus": "ANY"}},
        )
        (image,) = ecr.describe_images(client, "a/one")
    assert image.tags == ("v1", "latest")
    assert image.scan is not None and image.scan.counts == (("CRITICAL", 1), ("HIGH", 2))
    assert image.scan.short() == "C1 H2"
    assert image.last_pull == WHEN


def test_every_image_status_is_asked_for_and_archive_times_kept(client) -> None:
    archived = {"imageDigest": "sha256:" + "c" * 64, "imageTags": ["old"],
                "imageStatus": "ARCHIVED", "lastArchivedAt": WHEN}
    activating = {"imageDigest": "sha256:" + "d" * 64, "imageStatus": "ACTIVATING",
                  "lastArchivedAt": WHEN, "lastActivatedAt": WHEN}
    every = {"imageStatus": "ANY"}
    with Stubber(client) as stub:
        stub.add_response("describe_images", {"imageDetails": [archived]},
                          {"repositoryName": "a/one", "imageIds": [{"imageTag": "old"}],
                           "filter": every})
        stub.add_response("describe_images", {"imageDetails": [activating]},
                          {"repositoryName": "a/one", "filter": every,
                           "imageIds": [{"imageDigest": activating["imageDigest"]}]})
        (old,) = ecr.describe_images_by_tags(client, "a/one", ["old"])
        back = ecr.describe_image(client, "a/one", activating["imageDigest"])
    assert (old.image_status, old.last_archived_at, old.last_activated_at) == (
        "ARCHIVED", WHEN, None)
    assert back is not None and back.image_status == "ACTIVATING"
    assert back.last_activated_at == WHEN


def test_pull_through_cache_rules_every_page_typed(client) -> None:
    from ecr_tui.core.ecr.pullthrough import list_rules

    def rule(prefix: str, **extra: object) -> dict:
        return {"ecrRepositoryPrefix": prefix, "upstreamRegistryUrl": "quay.io",
                "registryId": "123456789012", "createdAt": WHEN, **extra}

    with Stubber(client) as stub:
        stub.add_response(
            "describe_pull_through_cache_rules",
            {"pullThroughCacheRules": [rule("quay", upstreamRegistry="quay")], "nextToken": "t"},
            {"maxResults": 1000},
        )
        stub.add_response(
            "describe_pull_through_cache_rules",
            {"pullThroughCacheRules": [rule("ROOT", credentialArn=SECRET)]},
            {"maxResults": 1000, "nextToken": "t"},
        )
        rules = list_rules(client)
    assert [r.prefix for r in rules] == ["ROOT", "quay"]
    assert rules[0].credential_arn == SECRET
    assert rules[1].credential_arn is None and rules[1].upstream_registry == "quay"
    assert rules[1].upstream_repository_prefix == "ROOT" and rules[1].created_at == WHEN


def test_allowlist() -> None:
    assert is_allowed("ecr", "DescribeImages")
    assert is_allowed("ecr", "GetAuthorizationToken")
    assert is_allowed("sts", "GetCallerIdentity")
    # Whole names, not prefixes: a Describe/Get/List operation nobody reviewed stays refused.
    assert is_allowed("ecr", "DescribeImageScanFindings")
    assert not is_allowed("ecr", "DescribeRegistry")
    assert not is_allowed("ecr", "GetDownloadUrlForLayer")
    assert not is_allowed("ecr", "BatchGetImage")
    assert not is_allowed("ecr", "StartImageScan")
    assert not is_allowed("ecr", "PutImage")
    assert not is_allowed("ecr", "DeleteRepository")
    assert not is_allowed("sts", "AssumeRole")
    assert not is_allowed("s3", "GetObject")


def test_the_ecr_allowlist_is_exactly_the_reviewed_reads() -> None:
    assert READ_OPERATIONS["ecr"] == {
        "DescribeRepositories", "DescribeImages", "DescribeImageScanFindings",
        "DescribePullThroughCacheRules", "GetAuthorizationToken",
        "GetLifecyclePolicy", "GetLifecyclePolicyPreview", "ListPullTimeUpdateExclusions",
        "GetRepositoryPolicy", "GetRegistryPolicy",  # issue 20: the doctor's policy check
    }
    # The doctor reads policies; setting or deleting them stays refused.
    for write in ("SetRepositoryPolicy", "DeleteRepositoryPolicy", "PutRegistryPolicy",
                  "DeleteRegistryPolicy"):
        assert not is_allowed("ecr", write)


def test_pool_clients_refuse_writes_before_sending(tmp_path) -> None:
    env = {"HOME": str(tmp_path)}
    pool = SessionPool(env)
    session = botocore.session.Session()
    session.set_credentials("a", "b")
    pool._sessions["x"] = session
    client = pool.client("x", "eu-west-1")
    assert pool.client("x", "eu-west-1") is client
    with Stubber(client):  # no responses queued: anything sent would fail differently
        with pytest.raises(ReadOnlyViolation, match="ecr:DeleteRepository"):
            client.delete_repository(repositoryName="a")


def test_describe_images_list_is_passed_on_raw_and_still_becomes_models() -> None:
    import json
    from types import SimpleNamespace

    from ecr_tui.core.aws.raw_parsing import raw_list

    item = {"imageDigest": "sha256:" + "b" * 64, "imageTags": ["v1"], "imagePushedAt": 1.7e9}
    response = {"status_code": 200, "body": json.dumps({"imageDetails": [item], "nextToken": "t"})}
    custom: dict = {}
    raw_list(SimpleNamespace(name="DescribeImages"), response, custom)
    assert custom == {"imageDetails": [item]}
    assert json.loads(response["body"]) == {"nextToken": "t"}
    image = ecr.image_from_api(custom["imageDetails"][0])
    assert image.pushed_at == datetime.fromtimestamp(1.7e9, timezone.utc)
    untouched = {"status_code": 400, "body": b"{}"}
    raw_list(SimpleNamespace(name="DescribeImages"), untouched, custom := {})
    assert custom == {} and untouched["body"] == b"{}"


def test_first_images_is_one_call_for_a_screenful_of_every_status(client) -> None:
    first = {"imageDigest": "sha256:" + "e" * 64, "imageTags": ["v9"], "imagePushedAt": WHEN}
    with Stubber(client) as stub:
        stub.add_response("describe_images", {"imageDetails": [first], "nextToken": "more"},
                          {"repositoryName": "a/one", "maxResults": 100,
                           "filter": {"imageStatus": "ANY"}})
        (image,) = ecr.first_images(client, "a/one", 100)
    assert (image.tags, image.pushed_at) == (("v9",), WHEN)  # the next page is not asked for


def test_every_field_of_an_image_lands_in_its_own_place() -> None:
    # image_from_api fills ImageDetail positionally (speed): each value must reach its field.
    from ecr_tui.core.models import ImageDetail, ScanSummary

    later = datetime(2026, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    item = {
        "imageDigest": "sha256:" + "e" * 64, "imageTags": ["v2", "stable"],
        "imagePushedAt": WHEN.timestamp(), "imageSizeInBytes": 987,
        "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactMediaType": "application/vnd.example+json",
        "imageScanStatus": {"status": "COMPLETE"},
        "imageScanFindingsSummary": {"findingSeverityCounts": {"LOW": 4}},
        "lastRecordedPullTime": later, "imageStatus": "ARCHIVED",
        "lastArchivedAt": 1767225600, "lastActivatedAt": later.timestamp() + 60,
    }
    assert ecr.image_from_api(item) == ImageDetail(
        digest=item["imageDigest"], tags=("v2", "stable"), pushed_at=WHEN, size_bytes=987,
        media_type=item["imageManifestMediaType"], artifact_media_type=item["artifactMediaType"],
        scan=ScanSummary(status="COMPLETE", counts=(("LOW", 4),)), last_pull=later,
        image_status="ARCHIVED", last_archived_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
        last_activated_at=datetime(2026, 2, 3, 4, 6, 6, tzinfo=timezone.utc),
    )
    assert ecr.image_from_api({"imageDigest": "sha256:f"}) == ImageDetail("sha256:f")
