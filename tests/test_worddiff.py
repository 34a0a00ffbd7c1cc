"""lawdiff.worddiff: word-level runs of two texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawdiff.worddiff import word_changes

WORDS = st.lists(st.sampled_from(["the", "director", "of", "social", "services", "or", "adult",
                                  "a", "person", ",", ";"]), min_size=1, max_size=14)


def test_a_rewrite_is_one_run_not_one_per_word() -> None:
    assert word_changes("a director of social services, shall",
                        "a person under this section, shall") == [
        (False, "a ", "a "), (True, "director of social services", "person under this section"),
        (False, ", shall", ", shall")]


@given(WORDS, WORDS)
def test_word_changes_cover_both_texts(a: list[str], b: list[str]) -> None:
    before, after = " ".join(a), " ".join(b)
    runs = word_changes(before, after)
    assert "".join(old for _, old, _ in runs) == before
    assert "".join(new for _, _, new in runs) == after
