"""lawdiff.worddiff: word-level runs of two texts."""

from __future__ import annotations

import itertools
from difflib import SequenceMatcher

from hypothesis import given
from hypothesis import strategies as st

from lawdiff.worddiff import (
    COST_LIMIT,
    TOKEN_RE,
    _cost,
    longest_ascending,
    matching_blocks,
    opcodes,
    word_changes,
)

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


TOKENS = st.lists(st.sampled_from(["the", " ", "cat", "sat", ",", "mat", "x", "y"]), max_size=30)


@given(TOKENS, TOKENS)
def test_cheap_inputs_are_matched_as_difflib_matches_them(a: list[str], b: list[str]) -> None:
    expected = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert opcodes(a, b) == [tuple(op) for op in expected]


@given(TOKENS, TOKENS)
def test_matching_in_pieces_gives_true_matches_in_order(a: list[str], b: list[str]) -> None:
    blocks = matching_blocks(a, b, cost_limit=0)  # always cut into pieces
    for i, j, n in blocks:
        assert n > 0 and a[i:i + n] == b[j:j + n]
    for (i, j, n), (k, m, _) in itertools.pairwise(blocks):
        assert i + n <= k and j + n <= m and (i + n, j + n) != (k, m)
    runs = opcodes(a, b, cost_limit=0)
    assert [x for tag, i1, i2, _, _ in runs for x in a[i1:i2]] == a
    assert [x for tag, _, _, j1, j2 in runs for x in b[j1:j2]] == b


@given(st.lists(st.integers(0, 20), max_size=25))
def test_longest_ascending_is_a_longest_ascending_run(values: list[int]) -> None:
    pairs = list(enumerate(values))
    run = longest_ascending(pairs)
    assert all(p in pairs for p in run)
    assert all(x[0] < y[0] and x[1] < y[1] for x, y in itertools.pairwise(run))
    best = [1] * len(values)  # the longest strictly ascending run ending at each place
    for k in range(len(values)):
        for i in range(k):
            if values[i] < values[k]:
                best[k] = max(best[k], best[i] + 1)
    assert len(run) == max(best, default=0)


def test_a_long_text_is_matched_in_pieces_at_words_that_occur_once() -> None:
    """Above the cost limit (about 500 words) the match is cut at a common start and end and
    at unique words: as few tokens change as with difflib, without its quadratic time (an
    insertion in repeated text may stand at another of its equivalent places)."""
    before = " ".join(f"w{k}" for k in range(800))
    after = before.replace("w17 ", "w17 new ").replace(" w799", " changed")
    a, b = TOKEN_RE.findall(before), TOKEN_RE.findall(after)
    assert _cost(a, b) > COST_LIMIT

    def changed(ops: list[tuple[str, int, int, int, int]]) -> int:
        return sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal")

    reference = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert changed(opcodes(a, b)) == changed(reference) == 4
    assert [(o, n) for changed, o, n in word_changes(before, after) if changed] == [
        ("", "new "), ("w799", "changed")]
