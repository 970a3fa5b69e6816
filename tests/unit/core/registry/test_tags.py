from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.core.models import ImageDetail, TagRow
from ecr_tui.core.registry.tags import merge_tags, semver_key, sort_tags

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_merge_fills_what_describe_images_knows_and_keeps_unknown_empty() -> None:
    images = [
        ImageDetail("sha256:a", ("v1", "latest"), T0, 10, "m1"),
        ImageDetail("sha256:b", ("v2",), T0 + timedelta(days=1), 20, "index"),
    ]
    rows = merge_tags(["v1", "v2", "latest", "orphan"], images, {"sha256:b": ("linux/amd64",)})
    by = {r.tag: r for r in rows}
    assert by["v1"].digest == by["latest"].digest == "sha256:a"
    assert by["v2"].platforms == ("linux/amd64",)
    assert by["orphan"] == TagRow("orphan")
    assert rows[0].tag == "v2"  # newest first
    assert rows[-1].tag == "orphan"  # unknown dates last


def test_merge_without_registry_uses_describe_images_tags() -> None:
    rows = merge_tags(None, [ImageDetail("sha256:a", ("x", "y"), T0, 1)])
    assert sorted(r.tag for r in rows) == ["x", "y"]


def test_merge_without_describe_images_keeps_every_tag() -> None:
    assert [r.tag for r in sort_tags(merge_tags(["b", "a"], None), "name")] == ["a", "b"]


def test_semver_order() -> None:
    rows = [TagRow(t) for t in ["1.2.0", "v1.10.0", "1.2.0-rc1", "latest", "1.9", "abc"]]
    assert [r.tag for r in sort_tags(rows, "semver")] == [
        "v1.10.0",
        "1.9",
        "1.2.0",
        "1.2.0-rc1",
        "abc",
        "latest",
    ]


def test_size_and_name_sorts() -> None:
    rows = [TagRow("a", size_bytes=5), TagRow("b", size_bytes=None), TagRow("c", size_bytes=9)]
    assert [r.tag for r in sort_tags(rows, "size")] == ["c", "a", "b"]
    assert [r.tag for r in sort_tags(rows, "name", reverse=True)] == ["c", "b", "a"]


versions = st.tuples(*(st.integers(0, 999),) * 3)


@given(st.lists(versions, min_size=1, max_size=30))
def test_semver_sort_is_numeric_descending(triples: list[tuple[int, int, int]]) -> None:
    rows = [TagRow(f"{a}.{b}.{c}") for a, b, c in triples]
    ordered = [semver_key(r.tag)[1] for r in sort_tags(rows, "semver")]
    assert ordered == sorted(ordered, reverse=True)


@given(st.lists(st.text(min_size=1, max_size=20), max_size=30))
def test_every_sort_keeps_every_row(tags: list[str]) -> None:
    rows = [TagRow(t) for t in tags]
    for key in ("pushed", "name", "semver", "size"):
        assert sorted(r.tag for r in sort_tags(rows, key)) == sorted(tags)


def test_every_field_of_an_image_reaches_its_row() -> None:
    # merge_tags builds TagRow positionally (speed): each value must reach its field.
    from ecr_tui.core.models import ScanSummary

    scan = ScanSummary("COMPLETE", (("HIGH", 1),))
    image = ImageDetail("sha256:a", ("v1",), T0, 42, "index", "artifact", scan,
                        T0 + timedelta(days=1), "ARCHIVED", T0 + timedelta(days=2),
                        T0 + timedelta(days=3))
    (row,) = merge_tags(["v1"], [image], {"sha256:a": ("linux/amd64",)})
    assert row == TagRow(
        tag="v1", digest="sha256:a", pushed_at=T0, size_bytes=42, platforms=("linux/amd64",),
        media_type="index", scan=scan, last_pull=T0 + timedelta(days=1), image_status="ARCHIVED",
        last_archived_at=T0 + timedelta(days=2), last_activated_at=T0 + timedelta(days=3),
    )


moments = st.one_of(st.none(), st.integers(0, 5).map(lambda d: T0 + timedelta(days=d)))


@given(st.lists(st.tuples(st.sampled_from("abcde"), moments), max_size=40), st.booleans())
def test_newest_first_is_by_date_then_tag_with_or_without_dates(
    rows_in: list[tuple[str, datetime | None]], oldest_first: bool
) -> None:
    # Two stable sorts stand in for the (date, tag) key when every date is known: same order.
    rows = [TagRow(tag, f"sha256:{i}", pushed) for i, (tag, pushed) in enumerate(rows_in)]
    reverse = False if oldest_first else None
    expected = sorted(rows, key=lambda r: (r.pushed_at or datetime(1970, 1, 1, tzinfo=timezone.utc),
                                           r.tag), reverse=not oldest_first)
    assert sort_tags(rows, "pushed", reverse=reverse) == expected
    dated = [r for r in rows if r.pushed_at is not None]
    assert sort_tags(dated, "pushed", reverse=reverse) == [r for r in expected if r.pushed_at]
