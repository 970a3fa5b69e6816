"""Filtering as you type narrows the last answer: the same answers as a full scan, always."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecr_tui.ui.widgets.substring_filter import SubstringFilter

WORDS = st.lists(st.text(alphabet="ab-1", max_size=6), max_size=40)
TYPING = st.lists(st.text(alphabet="ab-1", min_size=0, max_size=4), max_size=8)


@given(words=WORDS, typing=TYPING)
def test_every_answer_equals_a_full_scan(words: list[str], typing: list[str]) -> None:
    search = SubstringFilter(words, words)
    needle = ""
    for step in typing:
        needle = (needle + step) if len(step) % 2 else needle[: len(needle) // 2]
        assert search(needle) == [w for w in words if needle in w]
        for at, word in enumerate(words):
            where = search.locate(needle, at)
            expected = search(needle).index(word) if needle in word else None
            if where is not None:
                assert search(needle)[where] == word
            assert (where is None) == (expected is None)


def test_a_longer_needle_scans_only_the_last_answer() -> None:
    class Counting(str):
        checks = 0

        def __contains__(self, needle: object) -> bool:
            Counting.checks += 1
            return super().__contains__(needle)

    hay = [Counting(f"svc-{i:04d}") for i in range(1000)]
    search = SubstringFilter(list(range(1000)), hay)
    search("svc-00")
    Counting.checks = 0
    assert search("svc-001") == list(range(10, 20))
    assert Counting.checks == 100  # the 100 names matching svc-00, not all 1,000


def test_a_second_haystack_matches_too() -> None:
    search = SubstringFilter(["a", "b"], ["latest", "v1"], ["sha256:abc", "sha256:def"])
    assert search("def") == ["b"] and search("lat") == ["a"] and search("sha256") == ["a", "b"]
