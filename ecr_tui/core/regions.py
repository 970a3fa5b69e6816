"""ECR regions from botocore's data, and the AWS CLI's default-region resolution."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ecr_tui.core import models
from ecr_tui.core.errors import ConfigError

if TYPE_CHECKING:
    from ecr_tui.core.models import Region

_lock = threading.Lock()
_endpoints: dict[str, Any] | None = None

# Region-name prefixes, so a partition is known without loading botocore's data.
_PARTITION_PREFIXES = (
    ("cn-", "aws-cn"),
    ("us-gov-", "aws-us-gov"),
    ("us-isob-", "aws-iso-b"),
    ("us-isof-", "aws-iso-f"),
    ("us-iso-", "aws-iso"),
    ("eu-isoe-", "aws-iso-e"),
    ("eusc-", "aws-eusc"),
)
_REGION_SHAPE = r"^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$"
"""Compiled (and cached by `re`) when first checked: not at import, before the first frame."""


def partition_of(region: str) -> str:
    for prefix, partition in _PARTITION_PREFIXES:
        if region.startswith(prefix):
            return partition
    return "aws"


def _load_endpoints() -> dict[str, Any]:
    global _endpoints
    with _lock:
        if _endpoints is None:
            from botocore.loaders import create_loader

            _endpoints = create_loader().load_data("endpoints")
        return _endpoints


def ecr_regions(partition: str = "aws") -> list[Region]:
    """ECR's regions in one partition, sorted by name, with their descriptions."""
    for part in _load_endpoints()["partitions"]:
        if part["partition"] != partition:
            continue
        described = part.get("regions", {})
        services = part.get("services", {})
        # ECR's endpoint prefix in botocore's data is "api.ecr".
        ecr = (services.get("api.ecr") or services.get("ecr") or {}).get("endpoints", {})
        names = [name for name in ecr if name in described]
        return [
            models.Region(name, partition, described[name].get("description", ""))
            for name in sorted(names)
        ]
    return []


def check_region(region: str, partition: str | None = None) -> None:
    """Reject a region name that cannot be an ECR region (typos, wrong partition)."""
    if not re.match(_REGION_SHAPE, region):
        raise ConfigError(
            f"{region!r} is not an AWS region name", fix="use a name like us-east-1 or eu-west-1"
        )
    if partition and partition_of(region) != partition:
        raise ConfigError(
            f"region {region} is outside the {partition} partition of this profile",
            fix=f"pick a region of {partition} (ecr-tui regions)",
        )


def resolve_region(
    override: str | None, environ: Mapping[str, str], profile_region: str | None
) -> str | None:
    """The AWS CLI's order: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region."""
    for candidate in (
        override,
        environ.get("AWS_REGION"),
        environ.get("AWS_DEFAULT_REGION"),
        profile_region,
    ):
        if candidate:
            return candidate.strip()
    return None
