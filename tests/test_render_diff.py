"""lawdiff.render.diff: unified and word-level diffs for people."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lawdiff.render.diff import unified_diff, word_diff, word_diff_line

_DELETED = re.compile(r"\[-(.*?)-\]")
_INSERTED = re.compile(r"\{\+(.*?)\+\}")


def side(marked: str, keep: str) -> str:
    """The old (``keep="old"``) or new text a word-diff line stands for, white space collapsed."""
    if keep == "old":
        text = _DELETED.sub(r" \1 ", _INSERTED.sub(" ", marked))
    else:
        text = _INSERTED.sub(r" \1 ", _DELETED.sub(" ", marked))
    return " ".join(re.sub(r"\s+([,.;])", r"\1", text).split())


def test_a_rewrite_is_one_change_not_one_per_word() -> None:
    line = word_diff_line("a director of social services, shall", "a person under this section, shall")
    assert line == "a [-director of social services-]{+person under this section+}, shall"


def test_an_insertion_in_repeated_text_is_shown_leftmost() -> None:
    before = "Appointment of director of social services; complaints procedure."
    after = ("Appointment of director of adult social services or director of social services; "
             "complaints procedure.")
    assert word_diff_line(before, after) == (
        "Appointment of {+director of adult social services or+} director of social services; "
        "complaints procedure.")
    # a deletion slides the same way
    assert word_diff_line(after, before) == (
        "Appointment of [-director of adult social services or-] director of social services; "
        "complaints procedure.")


def test_word_diff_pairs_lines_by_number() -> None:
    before = "(1) A local authority shall act.\n(2) Another.\n"
    after = "(A1) New first.\n(1) A local authority in Wales shall act.\n(2) Another.\n"
    assert word_diff(before, after) == ("{+(A1) New first.+}\n"
                                        "(1) A local authority {+in Wales+} shall act.\n")
    assert word_diff(before, before) == ""


def test_unified_diff_names_both_sides() -> None:
    out = unified_diff("a\n", "b\n", "old", "new")
    assert out.splitlines()[:2] == ["--- old", "+++ new"]


WORDS = st.lists(st.sampled_from(["the", "director", "of", "social", "services", "or", "adult",
                                  "a", "person", ",", ";"]), min_size=1, max_size=14)


@given(WORDS, WORDS)
def test_each_side_of_a_word_diff_is_its_text(a: list[str], b: list[str]) -> None:
    before, after = " ".join(a), " ".join(b)
    line = word_diff_line(before, after)
    assert side(line, "old") == side(before, "old")
    assert side(line, "new") == side(after, "new")
