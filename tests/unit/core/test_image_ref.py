from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.image_ref import parse_image_reference

DIGEST = "sha256:" + "ab" * 32


def test_private_host_with_tag_and_digest() -> None:
    ref = parse_image_reference(
        f"123456789012.DKR.ECR.eu-west-1.amazonaws.com/team/api:v1.2@{DIGEST}"
    )
    assert ref is not None and ref.is_ecr and not ref.is_public
    assert (ref.registry.account_id, ref.registry.region) == ("123456789012", "eu-west-1")
    assert (ref.repository, ref.tag, ref.digest) == ("team/api", "v1.2", DIGEST)
    assert ref.host == "123456789012.dkr.ecr.eu-west-1.amazonaws.com"


def test_every_ecr_host_form() -> None:
    for host, region in [
        ("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com", "us-east-1"),
        ("123456789012.dkr-ecr.eu-west-1.on.aws", "eu-west-1"),
        ("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "cn-north-1"),
    ]:
        ref = parse_image_reference(f"{host}/api@{DIGEST}")
        assert ref is not None and ref.registry is not None
        assert ref.registry.region == region and ref.digest == DIGEST and ref.tag == ""


def test_public_and_foreign_and_bare() -> None:
    public = parse_image_reference("public.ecr.aws/nginx/nginx:1.27")
    assert public is not None and public.is_public and public.repository == "nginx/nginx"
    foreign = parse_image_reference("localhost:5000/app:dev")
    assert foreign is not None and not foreign.is_ecr and foreign.host == "localhost:5000"
    assert parse_image_reference("team/api:v1") is None
    assert parse_image_reference("api") is None
    bad_digest = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:xyz"
    assert parse_image_reference(bad_digest) is None
    assert parse_image_reference("123456789012.dkr.ecr.us-east-1.amazonaws.com/API:v1") is None


_seg = st.from_regex(r"[a-z0-9]{1,8}(?:[-_.][a-z0-9]{1,5})?", fullmatch=True)


@given(
    account=st.from_regex(r"\d{12}", fullmatch=True),
    region=st.sampled_from(["us-east-1", "eu-west-1", "ap-southeast-2"]),
    parts=st.lists(_seg, min_size=1, max_size=3),
    tag=st.one_of(st.just(""), st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", fullmatch=True)),
    digest=st.one_of(st.just(""), st.from_regex(r"sha256:[0-9a-f]{64}", fullmatch=True)),
)
def test_written_back_reads_the_same(account, region, parts, tag, digest) -> None:
    text = f"{account}.dkr.ecr.{region}.amazonaws.com/{'/'.join(parts)}"
    text += f":{tag}" if tag else ""
    text += f"@{digest}" if digest else ""
    ref = parse_image_reference(text)
    assert ref is not None and ref.text() == text
    assert ref.registry is not None and ref.registry.account_id == account
