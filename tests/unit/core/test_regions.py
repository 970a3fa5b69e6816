from __future__ import annotations

import pytest

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.regions import check_region, ecr_regions, partition_of, resolve_region


def test_ecr_regions_come_from_botocore_data() -> None:
    names = {r.name: r for r in ecr_regions("aws")}
    assert "us-east-1" in names and "eu-west-1" in names
    assert names["us-east-1"].description == "US East (N. Virginia)"
    assert all(r.partition == "aws" for r in names.values())
    assert {r.name for r in ecr_regions("aws-cn")} == {"cn-north-1", "cn-northwest-1"}
    assert ecr_regions("no-such-partition") == []


def test_resolution_order_is_the_aws_cli_one() -> None:
    env = {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"}
    assert resolve_region("us-west-2", env, "ap-south-1") == "us-west-2"
    assert resolve_region(None, env, "ap-south-1") == "eu-west-1"
    assert resolve_region(None, {"AWS_DEFAULT_REGION": "eu-west-2"}, "ap-south-1") == "eu-west-2"
    assert resolve_region(None, {}, "ap-south-1") == "ap-south-1"
    assert resolve_region(None, {}, None) is None


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("us-east-1", "aws"),
        ("cn-north-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-isob-east-1", "aws-iso-b"),
        ("eu-isoe-west-1", "aws-iso-e"),
    ],
)
def test_partition_of(region: str, partition: str) -> None:
    assert partition_of(region) == partition


def test_check_region_rejects_typos_and_other_partitions() -> None:
    check_region("eu-west-1", "aws")
    with pytest.raises(ConfigError, match="not an AWS region"):
        check_region("eu-west")
    with pytest.raises(ConfigError, match="outside the aws partition"):
        check_region("cn-north-1", "aws")
