"""Error-text extraction: a corpus of real messages, and properties over generated ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.doctor.extract import extract
from tests.unit.core.doctor.error_corpus import CORPUS

ACCOUNTS = st.from_regex(r"\d{12}", fullmatch=True)
REGIONS = st.sampled_from(["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1",
                           "eu-central-2"])
COMPONENT = st.from_regex(r"[a-z0-9]+(?:[._-][a-z0-9]+)?", fullmatch=True)
REPOS = st.lists(COMPONENT, min_size=1, max_size=3).map("/".join)
TAGS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", fullmatch=True)
WRAPPERS = st.sampled_from([
    'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to '
    'resolve ref "{ref}": not found',
    'Failed to pull image "{ref}": rpc error: code = NotFound desc = failed to pull and unpack '
    'image "{ref}": failed to resolve reference "{ref}": {ref}: not found',
    "Error response from daemon: manifest for {ref} not found: manifest unknown: Requested "
    "image not found",
    "Error: initializing source docker://{ref}: reading manifest in {ref}: manifest unknown",
    "ctr: failed to resolve reference \"{ref}\": unexpected status from HEAD request: 403 "
    "Forbidden",
    "{ref}",
])


@pytest.mark.parametrize(("source", "text", "reference", "platform", "status"), CORPUS,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CORPUS)])
def test_real_messages(source: str, text: str, reference: str, platform: str,
                       status: int | None) -> None:
    found = extract(text)
    assert found.reference is not None, source
    assert found.reference.text() == reference
    assert (found.platform, found.http_status) == (platform, status)


@given(ACCOUNTS, REGIONS, REPOS, TAGS, WRAPPERS)
def test_the_reference_comes_back_from_any_wrapping(account: str, region: str, repo: str,
                                                   tag: str, wrapper: str) -> None:
    ref = f"{account}.dkr.ecr.{region}.amazonaws.com/{repo}:{tag.rstrip('.')}"
    if ref.endswith(":"):
        ref = ref[:-1]
    found = extract(wrapper.format(ref=ref))
    assert found.reference is not None
    assert found.reference.text() == ref
    assert found.reference.registry is not None
    assert (found.reference.registry.account_id, found.reference.registry.region) == (
        account, region)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_is_read_without_raising(text: str) -> None:
    found = extract(text)
    assert found.reference is None or found.reference.host


@given(ACCOUNTS, REPOS, TAGS)
def test_the_first_ecr_reference_wins_over_other_registries_and_later_ones(
        account: str, repo: str, tag: str) -> None:
    tag = tag.rstrip(".") or "x"
    first = f"{account}.dkr.ecr.eu-west-1.amazonaws.com/{repo}:{tag}"
    text = f"pulled ghcr.io/org/x:1 fine, then {first} failed, and 999999999999.dkr.ecr.us-east-1" \
           ".amazonaws.com/other:2 too"
    found = extract(text)
    assert found.reference is not None and found.reference.text() == first


def test_no_ecr_reference_gives_the_other_registry_and_no_reference_gives_none() -> None:
    other = extract("Error response from daemon: manifest for ghcr.io/org/app:1 not found")
    assert other.reference is not None and not other.reference.is_ecr
    assert other.reference.text() == "ghcr.io/org/app:1"
    nothing = extract("no basic auth credentials")
    assert nothing.reference is None and nothing.http_status is None
    assert extract("").reference is None


def test_an_account_id_is_never_taken_for_a_status() -> None:
    found = extract("failed to resolve ref 403403403403.dkr.ecr.us-east-1.amazonaws.com/a:404")
    assert found.http_status is None
    assert found.reference is not None and found.reference.tag == "404"
