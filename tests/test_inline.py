"""Inline marks: validation, the straddle rule, and carrying marks through edits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff.errors import InvalidStatute
from lawdiff.inline import Mark, check_marks, collapse_marked, map_marks, slice_marks

TEXT = "the director of social services"
EM = Mark("text", 4, 12, "emphasis")  # "director"


def spans(marks: tuple[Mark, ...], text: str) -> list[tuple[str, str]]:
    return [(m.name, text[m.start:m.end]) for m in marks]


def edit(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def test_a_mark_needs_a_known_or_qualified_name_and_words() -> None:
    with pytest.raises(InvalidStatute, match="unknown mark name"):
        Mark("text", 0, 1, "bold")
    with pytest.raises(InvalidStatute, match="covers no words"):
        Mark("text", 2, 2, "emphasis")
    assert Mark("text", 2, 2, "footnote-ref").is_atom
    assert Mark("text", 0, 3, "{urn:x}Thing").name == "{urn:x}Thing"


def test_marks_must_fit_their_text_and_nest() -> None:
    check_marks((EM, Mark("text", 4, 8, "strong")), {"text": TEXT}, "s. 1")
    with pytest.raises(InvalidStatute, match="runs past the end"):
        check_marks((Mark("text", 0, 99, "emphasis"),), {"text": TEXT}, "s. 1")
    with pytest.raises(InvalidStatute, match="overlap without nesting"):
        check_marks((EM, Mark("text", 8, 15, "strong")), {"text": TEXT}, "s. 1")
    with pytest.raises(InvalidStatute, match="does not have"):
        check_marks((EM,), {"heading": TEXT}, "s. 1")


def test_a_mark_moves_with_its_words() -> None:
    new = edit(TEXT, 0, 0, "adult ")
    (m,) = map_marks((EM,), "text", [(0, 0, 6)])
    assert new[m.start:m.end] == "director"


def test_new_words_inside_a_mark_take_it() -> None:
    # "director" -> "dir ector": an insertion strictly inside the mark.
    (m,) = map_marks((EM,), "text", [(7, 7, 1)])
    assert edit(TEXT, 7, 7, " ")[m.start:m.end] == "dir ector"


def test_words_inserted_at_a_marks_edge_fall_outside_it() -> None:
    new = edit(TEXT, 12, 12, " general")
    (m,) = map_marks((EM,), "text", [(12, 12, 8)])
    assert new[m.start:m.end] == "director"
    (m,) = map_marks((EM,), "text", [(4, 4, 6)])
    assert edit(TEXT, 4, 4, "adult ")[m.start:m.end] == "director"


def test_a_mark_partly_replaced_keeps_its_untouched_words() -> None:
    marked = Mark("text", 0, 12, "citation")  # "the director"
    new = edit(TEXT, 4, 15, "officer")  # "director of" -> "officer"
    (m,) = map_marks((marked,), "text", [(4, 15, 7)])
    assert new[m.start:m.end] == "the "  # its untouched words, the space included
    (m,) = map_marks((marked,), "text", [(4, 15, 7)], text=new)
    assert new[m.start:m.end] == "the"  # trimmed as a reader reads it


def test_a_mark_all_of_whose_words_go_goes_with_them() -> None:
    assert map_marks((EM,), "text", [(4, 12, 7)]) == ()
    assert map_marks((EM,), "text", [(0, 20, 0)]) == ()


def test_an_atom_inside_replaced_words_goes_and_one_at_the_edge_stays() -> None:
    ref = Mark("text", 8, 8, "footnote-ref")
    assert map_marks((ref,), "text", [(4, 12, 3)]) == ()
    (kept,) = map_marks((ref,), "text", [(8, 12, 0)])
    assert kept.start == 8


def test_marks_of_other_fields_are_untouched() -> None:
    heading = Mark("heading", 0, 3, "emphasis")
    assert map_marks((heading,), "text", [(0, 5, 0)]) == (heading,)


def test_inserted_marks_land_on_the_new_words_and_join_their_neighbours() -> None:
    # Cut "rect" out of "director", then an inverse puts it back with its mark.
    cut = map_marks((EM,), "text", [(6, 10, 0)])
    assert spans(cut, edit(TEXT, 6, 10, "")) == [("emphasis", "dior")]
    restored = map_marks(cut, "text", [(6, 6, 4)], [(Mark("text", 0, 4, "emphasis"),)])
    assert restored == (EM,)


def test_slice_marks_clips_to_the_span() -> None:
    assert slice_marks((EM,), "text", 8, 20) == (Mark("text", 0, 4, "emphasis"),)
    assert slice_marks((EM,), "text", 13, 20) == ()


def test_collapse_marked_moves_marks_with_the_words() -> None:
    text, marks = collapse_marked("  The   Secretary of State  may ",
                                  (Mark("text", 8, 26, "substitution"),), "text")
    assert text == "The Secretary of State may"
    assert spans(marks, text) == [("substitution", "Secretary of State")]


words = st.text(alphabet="ab ", min_size=1, max_size=30)


@st.composite
def marked_texts(draw: st.DrawFn) -> tuple[str, tuple[Mark, ...]]:
    text = draw(words)
    marks: list[Mark] = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        if start == end:
            marks.append(Mark("text", start, start, "footnote-ref"))
        elif all(m.end <= start or m.start >= end or (m.start <= start and end <= m.end)
                 or (start <= m.start and m.end <= end) for m in marks if not m.is_atom):
            marks.append(Mark("text", start, end, "emphasis" if len(marks) % 2 else "strong"))
    return text, tuple(marks)


@given(marked_texts(), st.data())
def test_mapping_through_any_edits_keeps_marks_valid_and_nested(
        case: tuple[str, tuple[Mark, ...]], data: st.DataObject) -> None:
    text, marks = case
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=4)))
    edits: list[tuple[int, int, int]] = []
    new_text = text
    shift = 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if edits and a < edits[-1][1]:
            continue
        length = data.draw(st.integers(0, 3))
        edits.append((a, b, length))
        new_text = new_text[:a + shift] + "x" * length + new_text[b + shift:]
        shift += length - (b - a)
    mapped = map_marks(marks, "text", edits)
    check_marks(mapped, {"text": new_text}, "test")
    # A mark untouched by every edit still covers its words (joined to an identical
    # neighbour that meets it, if any).
    for m in marks:
        if m.is_atom or any(not (b < m.start or a > m.end) for a, b, _ in edits):
            continue
        moved = m.start + sum(n - (b - a) for a, b, n in edits if b <= m.start)
        width = m.end - m.start
        assert any(n.name == m.name and n.start <= moved and moved + width <= n.end
                   and new_text[moved:moved + width] == text[m.start:m.end] for n in mapped)


def test_pieces_that_meet_are_not_joined_across_another_marks_edge() -> None:
    # Found by the property above: strong [1, 2) inside emphasis [0, 2), and strong [2, 3)
    # after it; joining the two strongs would cross the emphasis's end.
    marks = (Mark("text", 2, 3, "strong"), Mark("text", 0, 2, "emphasis"),
             Mark("text", 1, 2, "strong"))
    mapped = map_marks(marks, "text", [(0, 0, 0)])
    check_marks(mapped, {"text": "aaa"}, "test")
    assert sorted((m.name, m.start, m.end) for m in mapped) == [
        ("emphasis", 0, 2), ("strong", 1, 2), ("strong", 2, 3)]
    joined = map_marks((Mark("text", 0, 1, "strong"), Mark("text", 1, 2, "strong")), "text",
                       [(2, 2, 1)])
    assert [(m.name, m.start, m.end) for m in joined] == [("strong", 0, 2)]
