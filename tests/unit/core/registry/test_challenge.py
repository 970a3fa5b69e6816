"""WWW-Authenticate read as RFC 9110 writes it: quoted strings with commas and escapes, several
challenges in one header, token68, odd spacing (hypothesis writes the headers)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.registry.challenge import Challenge, bearer_challenge, parse_challenges

TOKEN_CHARS = "!#$%&'*+.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-"
tokens = st.text(alphabet=TOKEN_CHARS, min_size=1, max_size=12)
values = st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=30)
spaces = st.sampled_from(["", " ", "  ", "\t"])


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def challenges(draw: st.DrawFn) -> tuple[str, Challenge]:
    scheme = draw(tokens)
    names = draw(st.lists(tokens.map(str.lower), min_size=1, max_size=4, unique=True))
    params = {name: draw(values) for name in names}
    parts = []
    for name, value in params.items():
        plain = value and all(c in TOKEN_CHARS for c in value) and draw(st.booleans())
        parts.append(f"{name}{draw(spaces)}={draw(spaces)}{value if plain else _quote(value)}")
    text = f"{scheme} " + (draw(spaces) + "," + draw(spaces)).join(parts)
    return text, Challenge(scheme.lower(), params)


@given(st.lists(challenges(), min_size=1, max_size=4), spaces)
def test_every_challenge_and_parameter_comes_back(
    written: list[tuple[str, Challenge]], gap: str
) -> None:
    header = f",{gap}".join(text for text, _ in written)
    assert parse_challenges(header) == [expected for _, expected in written]


@given(st.lists(st.sampled_from([",", " ", ", ,"]), max_size=3))
def test_empty_list_elements_are_skipped(junk: list[str]) -> None:
    header = "".join(junk) + 'Bearer realm="r"' + "".join(junk)
    assert parse_challenges(header) == [Challenge("bearer", {"realm": "r"})]


def test_public_ecr_aws_challenge() -> None:
    header = ('Bearer realm="https://public.ecr.aws/token/",service="public.ecr.aws",'
              'scope="aws"')
    assert bearer_challenge(header) == Challenge("bearer", {
        "realm": "https://public.ecr.aws/token/", "service": "public.ecr.aws", "scope": "aws"})


def test_docker_hub_challenge_with_a_scope_holding_commas() -> None:
    header = ('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",'
              'scope="repository:library/nginx:pull,push"')
    challenge = bearer_challenge(header)
    assert challenge is not None
    assert challenge.params["scope"] == "repository:library/nginx:pull,push"


def test_token68_and_a_bearer_after_basic() -> None:
    header = ('Negotiate dGVzdA==, Basic realm="x, y", BEARER Realm="https://t/", '
              "error=invalid_token")
    found = parse_challenges(header)
    assert [c.scheme for c in found] == ["negotiate", "basic", "bearer"]
    assert found[0].token68 == "dGVzdA=="
    assert found[1].params == {"realm": "x, y"}
    assert bearer_challenge(header) == Challenge(
        "bearer", {"realm": "https://t/", "error": "invalid_token"})


def test_a_bearer_without_realm_is_no_bearer_challenge() -> None:
    assert bearer_challenge('Bearer service="x"') is None
    assert bearer_challenge('Basic realm="x"') is None
    assert bearer_challenge("") is None


def test_an_unclosed_quote_keeps_what_came_before() -> None:
    assert parse_challenges('Basic realm="ok", Bearer realm="never closed') == [
        Challenge("basic", {"realm": "ok"}), Challenge("bearer", {})]
