"""Columns chosen by width: whole or hidden by priority, headers never cut, cells cut with `…`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.ui.column_layout import ColumnSpec, choose_widths, cut

NAME = ColumnSpec("name", "Name", 0, min_width=22)
DATE = ColumnSpec("created", "Created", 1, whole=True)
MUT = ColumnSpec("mutability", "Mutability", 2, whole=True)
URI = ColumnSpec("uri", "URI", 5, min_width=40, yields=True)
SPECS = (NAME, DATE, MUT, URI)
WANTED = {"name": 47, "created": 16, "mutability": 10, "uri": 92}


def used(widths: dict[str, int]) -> int:
    return sum(w + 2 for w in widths.values())


def test_narrow_keeps_more_than_the_first_column() -> None:
    widths = choose_widths(SPECS, WANTED, 42)
    assert widths == {"name": 22, "created": 16}


def test_a_whole_column_is_never_squeezed() -> None:
    widths = choose_widths(SPECS, WANTED, 50)
    assert widths["created"] == 16 and "mutability" not in widths  # 10 + 2 would not fit whole


def test_a_lower_column_gives_way_when_that_shows_a_higher_one_whole() -> None:
    # 24 + 18 + 12 + 42 = 96 fits every column at its least, with the name cut at 22;
    # without the URI the name is whole (47), which matters more.
    widths = choose_widths(SPECS, WANTED, 96)
    assert widths == {"name": 47, "created": 16, "mutability": 10}


def test_wide_shows_everything_and_widens_by_priority() -> None:
    widths = choose_widths(SPECS, WANTED, 150)
    assert widths["name"] == 47 and widths["uri"] == 150 - 49 - 18 - 12 - 2


def test_cut_ends_with_an_ellipsis_and_keeps_short_text() -> None:
    assert cut("111122223333.dkr.ecr.ap-southeast-2.amazonaws.com", 20) == "111122223333.dkr.ec…"
    assert cut("abc", 3) == "abc" and cut("abc", 0) == ""


@given(
    room=st.integers(min_value=-5, max_value=300),
    wanted=st.fixed_dictionaries({k: st.integers(0, 120) for k in WANTED}),
)
def test_never_wider_than_the_room_and_headers_whole(room: int, wanted: dict[str, int]) -> None:
    widths = choose_widths(SPECS, wanted, room)
    assert used(widths) <= max(room, 0)
    by_key = {s.key: s for s in SPECS}
    for key, width in widths.items():
        spec = by_key[key]
        assert width >= len(spec.label)
        if spec.whole:
            assert width == max(wanted[key], len(spec.label))


def test_only_a_yielding_column_gives_way() -> None:
    error = ColumnSpec("error", "ERROR", 2, min_width=20)
    widths = choose_widths((NAME, error), {"name": 47, "error": 80}, 60)
    assert widths == {"name": 36, "error": 20}  # both shown, both cut
