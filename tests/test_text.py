import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff.errors import AmbiguousWords, InvalidAmendment, WordsNotFound
from lawdiff.text import (
    Occurrence,
    Segment,
    SegmentRef,
    Words,
    content_end,
    find_phrase,
    find_words,
    fold,
    select,
    spaced_insert,
    spaced_omit,
)


def seg(text: str) -> Segment:
    return Segment(SegmentRef((), "text"), text, "s. 1(1)")


def test_find_phrase_respects_word_boundaries() -> None:
    assert find_phrase("England and Wales", "and") == [(8, 11)]
    assert find_phrase("the authority’s director", "authority's") == [(4, 15)]
    assert find_phrase("means—", "means—") == [(0, 6)]


@pytest.mark.parametrize("text, end", [
    ("the officer;", 11), ("the officer; and", 11), ("the officer, or", 11),
    ("the officer.", 11), ("the officer", 11), ("the officer; or", 11),
])
def test_content_end_stops_before_closing_punctuation(text: str, end: int) -> None:
    assert content_end(text) == end


def test_spaced_insert_puts_single_spaces() -> None:
    text = "A local authority shall"
    start, end, new, core = spaced_insert(text, 17, "in Wales")
    assert text[:start] + new + text[end:] == "A local authority in Wales shall"
    assert new[core[0]:core[1]] == "in Wales"
    start, end, new, _ = spaced_insert(text, 0, "Every")
    assert text[:start] + new + text[end:] == "Every A local authority shall"
    text = "the Act 1980;"
    start, end, new, _ = spaced_insert(text, content_end(text), "(in Wales)")
    assert text[:start] + new + text[end:] == "the Act 1980 (in Wales);"
    start, end, new, _ = spaced_insert(text, content_end(text), ", or later")
    assert text[:start] + new + text[end:] == "the Act 1980, or later;"


def test_spaced_omit_removes_one_space() -> None:
    text = "A local authority in Wales shall"
    start, end, _, _ = spaced_omit(text, 18, 26)
    assert text[:start] + text[end:] == "A local authority shall"
    start, end, _, _ = spaced_omit(text, 0, 2)
    assert text[:start] + text[end:] == "local authority in Wales shall"


def test_occurrence_rules() -> None:
    s = [seg("director of x and director of y")]
    assert len(select(s, Words("director of"), Occurrence("both"), operation="op", provision="p")) == 2
    assert len(select(s, Words("director of"), Occurrence("each"), operation="op", provision="p")) == 2
    (m,) = select(s, Words("director of"), Occurrence.nth(2), operation="op", provision="p")
    assert m.start == 18
    with pytest.raises(AmbiguousWords) as info:
        select(s, Words("director of"), Occurrence(), operation="op", provision="p")
    assert len(info.value.places) == 2 and "[director of]" in info.value.places[0]
    with pytest.raises(WordsNotFound):
        select(s, Words("director of"), Occurrence.nth(3), operation="op", provision="p")
    with pytest.raises(WordsNotFound):
        select([seg("only one director of here")], Words("director of"), Occurrence("both"),
               operation="op", provision="p")


def test_the_last_occurrence() -> None:
    s = [seg("director of x and director of y"), seg("and a director of z")]
    (m,) = select(s, Words("director of"), Occurrence("last"), operation="op", provision="p")
    assert (m.segment, m.start) == (1, 6)
    # One occurrence is its own last.
    (m,) = select([seg("the director of x")], Words("director of"), Occurrence("last"),
                  operation="op", provision="p")
    assert m.start == 4
    with pytest.raises(WordsNotFound, match="do not occur"):
        select([seg("nothing here")], Words("director of"), Occurrence("last"), operation="op",
               provision="p")
    assert Occurrence("last").describe() == "where it last occurs"
    assert Occurrence("last").select(3) == [2]
    assert Occurrence("last").select(0) == "do not occur"
    with pytest.raises(InvalidAmendment):
        Occurrence("last", (2,))


def test_ranges_are_inclusive_and_to_the_end_stops_before_punctuation() -> None:
    s = [seg("from here to there and beyond;")]
    (m,) = select(s, Words("here", "there"), Occurrence(), operation="op", provision="p")
    assert s[0].text[m.start:m.end] == "here to there"
    (m,) = select(s, Words("to", to_end=True), Occurrence(), operation="op", provision="p")
    assert s[0].text[m.start:m.end] == "to there and beyond"
    with pytest.raises(WordsNotFound, match="does not follow"):
        select(s, Words("there", "here"), Occurrence(), operation="op", provision="p")


def test_not_found_suggests_near_misses() -> None:
    with pytest.raises(WordsNotFound, match="similar words"):
        select([seg("The Local Authority shall")], Words("local authority"), Occurrence(),
               operation="op", provision="p")


def test_malformed_occurrence_and_words() -> None:
    with pytest.raises(InvalidAmendment):
        Occurrence("some")
    with pytest.raises(InvalidAmendment):
        Occurrence("nth", (2, 1))
    with pytest.raises(InvalidAmendment):
        Words("  ")
    with pytest.raises(InvalidAmendment):
        Words("a", "b", to_end=True)


def test_overlapping_matches_are_ambiguous_not_malformed() -> None:
    with pytest.raises(AmbiguousWords, match="overlap"):
        select([seg("a a a")], Words("a a"), Occurrence("each"), operation="op", provision="p")


@given(st.text(alphabet=st.sampled_from("ab '\"\u2018\u2019\u201c\u201d\u2014\u00e9")))
def test_folding_skips_plain_ascii_but_always_gives_the_translated_text(text: str) -> None:
    expected = "".join({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}.get(c, c)
                       for c in text)
    assert fold(text) == expected


@given(st.lists(st.sampled_from(["the", "local", "authority", "the local", ","]), min_size=1,
                max_size=8).map(" ".join),
       st.sampled_from(["the", "local", "authority", "the local", "absent"]),
       st.sampled_from([Occurrence(), Occurrence("each"), Occurrence("last"),
                        Occurrence.nth(1)]))
def test_select_gives_the_matches_its_rule_picks_or_an_error(
        text: str, words: str, occurrence: Occurrence) -> None:
    # select answers the usual case (the words once, rule "only") at once: the same as the
    # rule applied to every match found.
    segs = [seg(text.replace(" ,", ","))]
    found, _ = find_words(segs, Words(words))
    chosen = occurrence.select(len(found))
    if isinstance(chosen, list):
        assert select(segs, Words(words), occurrence, operation="op", provision="s. 1") == [
            found[i] for i in chosen]
    else:
        with pytest.raises((WordsNotFound, AmbiguousWords)):
            select(segs, Words(words), occurrence, operation="op", provision="s. 1")
