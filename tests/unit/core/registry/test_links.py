"""RFC 8288 Link header parsing for registry pagination."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.registry.links import next_link, parse_links

BASE = "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/team/api/tags/list?n=2"
HOST = "https://123456789012.dkr.ecr.us-east-1.amazonaws.com"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ('</v2/a/tags/list?n=2&last=b>; rel="next"', f"{HOST}/v2/a/tags/list?n=2&last=b"),
        ("</v2/a/tags/list?last=b>; rel=next", f"{HOST}/v2/a/tags/list?last=b"),
        ('<https://other.example/x>; rel="next"', "https://other.example/x"),
        ('<page3>; rel="next"', f"{HOST}/v2/team/api/tags/page3"),
        ('</first>; rel="first", </p2>; rel="next"', f"{HOST}/p2"),
        ('</p2>; title="a, b; c"; rel="next"', f"{HOST}/p2"),
        ('</p2>; rel="last next"', f"{HOST}/p2"),
        ('</p2>; REL="Next"', f"{HOST}/p2"),
        ('</p2>;rel="prev"', None),
        ('</p2>; rel="prev"; rel="next"', None),  # only the first rel counts
        ('</a,b>; rel="next"', f"{HOST}/a,b"),
        ('</p2>; title="say \\"next\\""; rel=next', f"{HOST}/p2"),
        ('garbage, </p2>; rel="next"', f"{HOST}/p2"),
        ("</p2", None),
    ],
)
def test_next_link(header: str | None, expected: str | None) -> None:
    assert next_link(header, BASE) == expected


def test_parse_links_keeps_params() -> None:
    links = parse_links('<a>; rel="next"; type=text/html, <b>; anchor="#x"')
    assert links == [("a", {"rel": "next", "type": "text/html"}), ("b", {"anchor": "#x"})]


SAFE = "abcdefghijklmnopqrstuvwxyz0123456789-._~%"
segment = st.text(SAFE, min_size=1, max_size=8)
query = st.text(SAFE + "=&,;:+", max_size=20)
OTHER_RELS = ["prev", "first", "last", "self", "alternate"]


@st.composite
def targets(draw: st.DrawFn) -> str:
    path = "/".join(draw(st.lists(segment, min_size=1, max_size=4)))
    kind = draw(st.sampled_from(["absolute", "rooted", "relative"]))
    if kind == "absolute":
        path = f"https://{draw(segment)}.example:{draw(st.integers(1, 65535))}/{path}"
    elif kind == "rooted":
        path = f"/{path}"
    q = draw(query)
    return f"{path}?{q}" if q else path


quoted_text = st.text(st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=15)


@st.composite
def link_value(draw: st.DrawFn, rels: list[str]) -> str:
    params = []
    rel = " ".join(rels)
    if len(rels) == 1 and draw(st.booleans()):
        params.append(f"rel={rel}")
    else:
        params.append(f'rel="{rel}"')
    for name in draw(
        st.lists(st.sampled_from(["title", "type", "hreflang", "x-y"]), unique=True, max_size=3)
    ):
        value = draw(quoted_text).replace("\\", "\\\\").replace('"', '\\"')
        params.append(f'{name}="{value}"')
    params = draw(st.permutations(params))
    spaces = draw(st.sampled_from(["", " ", "  "]))
    return f"<{draw(targets())}>" + "".join(f"{spaces};{spaces}{p}" for p in params)


@st.composite
def link_headers(draw: st.DrawFn) -> tuple[str, str | None]:
    """A header with zero or one rel=next link among others, and that link's target."""
    others = draw(
        st.lists(
            st.lists(st.sampled_from(OTHER_RELS), min_size=1, max_size=2, unique=True), max_size=3
        )
    )
    values = [draw(link_value(rels)) for rels in others]
    expected = None
    if draw(st.booleans()):
        rels = draw(st.permutations(["next", *draw(st.sampled_from([[], ["last"], ["prev"]]))]))
        value = draw(link_value(list(rels)))
        expected = value[1 : value.index(">")]
        values.insert(draw(st.integers(0, len(values))), value)
    return draw(st.sampled_from([",", ", ", " ,\t"])).join(values), expected


@given(link_headers(), targets())
def test_next_link_round_trip(case: tuple[str, str | None], base_path: str) -> None:
    header, expected = case
    base = urljoin("https://registry.example/v2/", base_path)
    assert next_link(header, base) == (urljoin(base, expected) if expected else None)


@given(st.text(), st.text())
def test_next_link_never_raises(header: str, url: str) -> None:
    result = next_link(header, url)
    assert result is None or isinstance(result, str)


@given(st.text(alphabet='<>;,="\\ rel next/:[]'))
def test_next_link_never_raises_on_link_like_text(header: str) -> None:
    next_link(header, BASE)
