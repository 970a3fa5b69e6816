"""ECR registry host names: parse the known forms, build image URIs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.regions import partition_of

_REGION = r"[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}"
_PORT = r"(?::(?P<port>\d{1,5}))?"
_HOST = (
    r"(?P<account>\d{12})\."
    r"(?:"
    rf"dkr\.ecr(?P<fips>-fips)?\.(?P<region>{_REGION})\.amazonaws\.com(?P<cn>\.cn)?"
    rf"|dkr-ecr(?P<ds_fips>-fips)?\.(?P<ds_region>{_REGION})"
    r"\.(?:on\.aws|(?P<ds_cn>on\.amazonwebservices\.com\.cn))"
    r")" + _PORT
)
_PUBLIC = r"public\.ecr\.aws" + _PORT
"""Patterns, not compiled ones: `re` compiles and caches them at first use (the TUI's first
frame parses no registry host)."""


@frozen_record
class RegistryHost:
    """What an ECR registry host name says: account, region, endpoint variant, partition."""

    account_id: str
    region: str
    fips: bool
    dualstack: bool
    partition: str
    public: bool = False


def host_from_endpoint(url: str) -> str:
    """Bare host[:port] (what `docker login` takes) from a proxyEndpoint or a bare host."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else f"//{text}")
    netloc = parts.netloc.rpartition("@")[2]
    return netloc.lower().rstrip(".")


def parse_registry_host(host: str) -> RegistryHost | None:
    """The account, region and flavour of an ECR registry host; None for any other host."""
    text = host.strip().lower()
    if "://" in text or "/" in text:
        try:
            text = host_from_endpoint(text)
        except ValueError:
            return None
    if re.fullmatch(_PUBLIC, text):
        return RegistryHost(
            "", "us-east-1", fips=False, dualstack=False, partition="aws", public=True
        )
    match = re.fullmatch(_HOST, text)
    if match is None:
        return None
    dualstack = match["ds_region"] is not None
    region = match["ds_region"] if dualstack else match["region"]
    china_domain = bool(match["ds_cn"] if dualstack else match["cn"])
    partition = partition_of(region)
    # A China region lives only under the China domains, and vice versa.
    if china_domain != (partition == "aws-cn"):
        return None
    return RegistryHost(
        account_id=match["account"],
        region=region,
        fips=bool(match["ds_fips"] if dualstack else match["fips"]),
        dualstack=dualstack,
        partition=partition,
    )


def image_uri(host: str, repository: str, tag: str | None = None, digest: str | None = None) -> str:
    """`host/repository[:tag][@digest]`, the reference `docker pull` takes."""
    uri = f"{host_from_endpoint(host)}/{repository.strip('/')}"
    if tag:
        uri += f":{tag}"
    if digest:
        uri += f"@{digest}"
    return uri


def registry_host(account_id: str, region: str) -> str:
    """The private registry host of an account in a region (China regions under `.cn`)."""
    suffix = ".cn" if partition_of(region) == "aws-cn" else ""
    return f"{account_id}.dkr.ecr.{region}.amazonaws.com{suffix}"
