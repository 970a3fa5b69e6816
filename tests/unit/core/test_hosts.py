"""Registry host parsing and image URIs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.hosts import (
    RegistryHost,
    host_from_endpoint,
    image_uri,
    parse_registry_host,
)

ACCOUNT = "123456789012"


@pytest.mark.parametrize(
    ("url", "host"),
    [
        (
            f"https://{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com",
            f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com",
        ),
        (
            f"https://{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/",
            f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com",
        ),
        ("http://127.0.0.1:5000", "127.0.0.1:5000"),
        ("http://127.0.0.1:5000/v2/", "127.0.0.1:5000"),
        ("localhost:5000", "localhost:5000"),
        ("HTTPS://Registry.Example.COM", "registry.example.com"),
        ("https://AWS:secret@registry.example.com", "registry.example.com"),
    ],
)
def test_host_from_endpoint(url: str, host: str) -> None:
    assert host_from_endpoint(url) == host


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        (f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com", ("us-east-1", False, False, "aws")),
        (f"{ACCOUNT}.dkr.ecr-fips.us-gov-west-1.amazonaws.com",
         ("us-gov-west-1", True, False, "aws-us-gov")),
        (f"{ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn", ("cn-north-1", False, False, "aws-cn")),
        (f"{ACCOUNT}.dkr-ecr.eu-west-3.on.aws", ("eu-west-3", False, True, "aws")),
        (f"{ACCOUNT}.dkr-ecr-fips.us-east-2.on.aws", ("us-east-2", True, True, "aws")),
        (f"{ACCOUNT}.dkr-ecr.cn-northwest-1.on.amazonwebservices.com.cn",
         ("cn-northwest-1", False, True, "aws-cn")),
        (f"{ACCOUNT}.DKR.ECR.AP-SOUTHEAST-2.AMAZONAWS.COM:443",
         ("ap-southeast-2", False, False, "aws")),
        (f"https://{ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com",
         ("eu-central-1", False, False, "aws")),
    ],
)  # fmt: skip
def test_parse_registry_host_forms(host: str, expected: tuple[str, bool, bool, str]) -> None:
    assert parse_registry_host(host) == RegistryHost(ACCOUNT, *expected)


def test_parse_public_registry_host() -> None:
    public = RegistryHost("", "us-east-1", False, False, "aws", public=True)
    assert parse_registry_host("public.ecr.aws") == public


@pytest.mark.parametrize(
    "host",
    [
        "",
        "127.0.0.1:5000",
        "docker.io",
        "12345678901.dkr.ecr.us-east-1.amazonaws.com",  # 11 digits
        f"{ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com",  # China region, global domain
        f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com.cn",  # global region, China domain
        f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com.evil.example",
        f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com:99999999",
        f"{ACCOUNT}.dkr-ecr.us-east-1.amazonaws.com",
    ],
)
def test_parse_registry_host_rejects(host: str) -> None:
    assert parse_registry_host(host) is None


def test_image_uri() -> None:
    host = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com"
    assert image_uri(host, "team/api") == f"{host}/team/api"
    assert image_uri(host, "team/api", tag="v1") == f"{host}/team/api:v1"
    assert image_uri(f"https://{host}", "api", digest="sha256:ab") == f"{host}/api@sha256:ab"
    assert image_uri(host, "api", "v1", "sha256:ab") == f"{host}/api:v1@sha256:ab"


REGION_PREFIXES = ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "us-gov"]
DIRECTIONS = ["east", "west", "north", "south", "central", "northeast", "southeast"]
FORMS = ["standard", "fips", "dualstack", "dualstack-fips"]


@st.composite
def registry_hosts(draw: st.DrawFn) -> tuple[str, RegistryHost]:
    account = draw(st.text("0123456789", min_size=12, max_size=12))
    region = f"{draw(st.sampled_from(REGION_PREFIXES))}-{draw(st.sampled_from(DIRECTIONS))}-"
    region += str(draw(st.integers(1, 15)))
    form = draw(st.sampled_from(FORMS))
    china = region.startswith("cn-")
    fips = form.endswith("fips")
    dualstack = form.startswith("dualstack")
    if dualstack:
        suffix = "on.amazonwebservices.com.cn" if china else "on.aws"
        host = f"{account}.dkr-ecr{'-fips' if fips else ''}.{region}.{suffix}"
    else:
        suffix = "amazonaws.com.cn" if china else "amazonaws.com"
        host = f"{account}.dkr.ecr{'-fips' if fips else ''}.{region}.{suffix}"
    port = draw(st.none() | st.integers(1, 65535))
    if port is not None:
        host += f":{port}"
    host = "".join(c.upper() if draw(st.booleans()) else c for c in host)
    partition = "aws-cn" if china else "aws-us-gov" if region.startswith("us-gov-") else "aws"
    return host, RegistryHost(account, region, fips, dualstack, partition)


@given(registry_hosts())
def test_every_host_form_parses_back(case: tuple[str, RegistryHost]) -> None:
    host, expected = case
    assert parse_registry_host(host) == expected
    assert parse_registry_host(f"https://{host}/") == expected


@given(st.text())
def test_parse_registry_host_never_raises(text: str) -> None:
    result = parse_registry_host(text)
    assert result is None or isinstance(result, RegistryHost)


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_parse_registry_host_never_raises_on_url_like_text(text: str) -> None:
    parse_registry_host(f"https://{text}")
    parse_registry_host(f"{ACCOUNT}.dkr.ecr.{text}")
