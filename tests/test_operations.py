import contextlib

import attrs
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from lawdiff.address import Address, Location, address_of, resolve
from lawdiff.codec import operation_from_json, operation_to_json
from lawdiff.designation import Designation, Style, between
from lawdiff.errors import (
    AmbiguousWords,
    AmendmentConflict,
    InvalidAmendment,
    InvalidDesignation,
    InvalidPlacement,
    LawdiffError,
    ProvisionNotFound,
    RangeNotExpressible,
    WordsNotFound,
)
from lawdiff.formats.akn import read_act
from lawdiff.model import Act, Kind, Omitted, Provision
from lawdiff.operations import (
    Applied,
    EditCell,
    Failed,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    RenumberProvision,
    ReplaceChildren,
    SpanEdit,
    SubstituteProvision,
    SubstituteWords,
    _check_order,
    map_span,
)
from lawdiff.render.text import node_lines
from lawdiff.text import Occurrence, TextEdit, Words
from tests.helpers import LASSA, LGHA, act, alpha, num, para, rebuilt, section, sub
from tests.strategies import (
    acts,
    applicable_operations,
    arbitrary_operations,
    designations,
    insert_provision_operations,
    naive_findable,
    named_place_insertions,
    numbered_nodes,
    word_operations,
)

A = Address.parse


def text_of(a, citation: str) -> str:  # type: ignore[no-untyped-def]
    from lawdiff.address import resolve
    return "\n".join(node_lines(resolve(a, A(citation)).node))


def check_inverse(op, before):  # type: ignore[no-untyped-def]
    after = op.apply(before)
    assert op.invert(before).apply(after) == before
    return after


def test_insert_words_after_before_beginning_end() -> None:
    a = act(section("1", sub("1", "The officer may act; and")))
    cases = {
        InsertWords(target=A("s. 1(1)"), position=Position.AFTER, anchor="officer", words="alone"):
            "(1) The officer alone may act; and",
        InsertWords(target=A("s. 1(1)"), position=Position.BEFORE, anchor="officer", words="chief"):
            "(1) The chief officer may act; and",
        InsertWords(target=A("s. 1(1)"), position=Position.AT_BEGINNING, words="Subject to (2),"):
            "(1) Subject to (2), The officer may act; and",
        InsertWords(target=A("s. 1(1)"), position=Position.AT_END, words="at any time"):
            "(1) The officer may act at any time; and",
    }
    for op, expected in cases.items():
        assert text_of(check_inverse(op, a), "s. 1(1)") == expected


def test_substitute_and_omit_words_including_ranges() -> None:
    a = act(section("1", sub("1", "The officer may act in person or by deputy.")))
    sub_range = SubstituteWords(target=A("s. 1(1)"), old=Words("in", "deputy"), new="alone")
    assert text_of(check_inverse(sub_range, a), "s. 1(1)") == "(1) The officer may act alone."
    to_end = OmitWords(target=A("s. 1(1)"), old=Words("in person", to_end=True))
    assert text_of(check_inverse(to_end, a), "s. 1(1)") == "(1) The officer may act."
    omit = OmitWords(target=A("s. 1(1)"), old=Words("or by deputy"))
    assert text_of(check_inverse(omit, a), "s. 1(1)") == "(1) The officer may act in person."


def test_range_from_the_beginning() -> None:
    a = act(section("1", sub("1", "In this section the officer may act in person.")))
    subst = SubstituteWords(target=A("s. 1(1)"), old=Words("the officer", from_start=True),
                            new="The deputy")
    assert subst.describe() == ("in s. 1(1), for the words from the beginning to "
                                "\u201cthe officer\u201d, substitute \u201cThe deputy\u201d")
    assert text_of(check_inverse(subst, a), "s. 1(1)") == "(1) The deputy may act in person."
    omit = OmitWords(target=A("s. 1(1)"), old=Words("section", from_start=True))
    assert text_of(check_inverse(omit, a), "s. 1(1)") == "(1) the officer may act in person."


def test_the_words_after_or_before_given_words_leave_those_words_out() -> None:
    a = act(section("20", sub("1", "The capital is raised in shares of one pound for each.")))
    after = OmitWords(target=A("s. 20(1)"), old=Words("one pound", after=True))
    assert after.describe() == "in s. 20(1), omit the words after \u201cone pound\u201d"
    assert text_of(check_inverse(after, a), "s. 20(1)") == \
        "(1) The capital is raised in shares of one pound."
    subst = SubstituteWords(target=A("s. 20(1)"), old=Words("one pound", after=True), new="each")
    assert text_of(check_inverse(subst, a), "s. 20(1)") == \
        "(1) The capital is raised in shares of one pound each."
    before = SubstituteWords(target=A("s. 20(1)"), old=Words("shares", before=True),
                             new="Capital is in")
    assert text_of(check_inverse(before, a), "s. 20(1)") == \
        "(1) Capital is in shares of one pound for each."
    # nothing after (before) the words, or the words twice: refused, never guessed
    for words in (Words("for each", after=True), Words("The capital", before=True)):
        with pytest.raises(RangeNotExpressible, match="no words"):
            OmitWords(target=A("s. 20(1)"), old=words).apply(a)
    b = act(section("5", sub("1", "The officer and the officer's deputy may act.")))
    with pytest.raises(AmbiguousWords):
        OmitWords(target=A("s. 5(1)"), old=Words("officer", after=True)).apply(b)
    # from opening words the words after would run on through the paragraphs
    c = act(section("4", sub("2", "The persons are—", para("a", "the first; and"),
                             para("b", "the second."))))
    with pytest.raises(RangeNotExpressible, match="would run on"):
        OmitWords(target=A("s. 4(2)"), old=Words("persons", after=True)).apply(c)
    with pytest.raises(RangeNotExpressible, match="comes after the provision's own words"):
        OmitWords(target=A("s. 4(2)"), old=Words("first", before=True)).apply(c)
    with pytest.raises(InvalidAmendment, match="no other end"):
        Words("a", to_end=True, after=True)
    with pytest.raises(InvalidAmendment, match="no other end"):
        Words("a", after=True, before=True)


def test_range_from_the_beginning_stays_in_the_provisions_own_words() -> None:
    a = act(section("4", sub("2", "The persons are—", para("a", "the first; and"),
                             para("b", "the second."))))
    # "the first" is in paragraph (a): from the beginning of s. 4(2) the range would run on
    # through the opening words into the paragraph
    through = OmitWords(target=A("s. 4(2)"), old=Words("the first", from_start=True))
    with pytest.raises(RangeNotExpressible, match=r"would run on through s\. 4\(2\)\(a\)"):
        through.apply(a)
    mine = OmitWords(target=A("s. 4(2)"), old=Words("persons", from_start=True))
    assert text_of(check_inverse(mine, a), "s. 4(2)") .startswith("(2) are—")
    # twice in the own words: which end is meant is not guessed
    b = act(section("5", sub("1", "The officer and the officer's deputy may act.")))
    twice = OmitWords(target=A("s. 5(1)"), old=Words("officer", from_start=True))
    with pytest.raises(AmbiguousWords):
        twice.apply(b)
    with pytest.raises(InvalidAmendment, match="from the beginning"):
        Words("a", "b", from_start=True)


def test_to_the_end_runs_to_the_end_of_the_provision_or_is_refused() -> None:
    """"To the end" never stops short: from opening words with paragraphs after them it
    would run on through the paragraphs, which lawdiff refuses rather than cut short."""
    a = act(section("4", sub("2", "The persons are—", para("a", "the first; and"),
                             para("b", "the second, if any, or the third."))))
    through = OmitWords(target=A("s. 4(2)"), old=Words("persons", to_end=True))
    with pytest.raises(RangeNotExpressible,
                       match=r"in s\. 4\(2\) it would run on through s\. 4\(2\)\(a\)"):
        through.apply(a)
    # From the last text of the provision it is exact ...
    last = OmitWords(target=A("s. 4(2)"), old=Words(", if any", to_end=True))
    assert text_of(check_inverse(last, a), "s. 4(2)(b)") == "(b) the second."
    # ... and "to the end of paragraph (b)" names where the range ends.
    named = SubstituteWords(target=A("s. 4(2)"), new="the last",
                            old=Words("the second", to_end=True, end_of=A("s. 4(2)(b)")))
    assert text_of(check_inverse(named, a), "s. 4(2)(b)") == "(b) the last."
    # "the first" is in (a): to the end of (b) would run on through (b)
    across = attrs.evolve(named, old=Words("the first", to_end=True, end_of=A("s. 4(2)(b)")))
    with pytest.raises(RangeNotExpressible, match="would run on"):
        across.apply(a)
    # "the second" is in (b), after the end of (a)
    within_a = attrs.evolve(named, old=Words("the second", to_end=True, end_of=A("s. 4(2)(a)")))
    with pytest.raises(RangeNotExpressible,
                       match=r"“the second” in s\. 4\(2\)\(b\) comes after s\. 4\(2\)\(a\)"):
        within_a.apply(a)
    # "In paragraph (b), … to the end of the subsection": (b) is where s. 4(2) ends
    holder = SubstituteWords(target=A("s. 4(2)(b)"), new="the last",
                             old=Words("the second", to_end=True, end_of=A("s. 4(2)")))
    assert text_of(check_inverse(holder, a), "s. 4(2)(b)") == "(b) the last."
    not_last = SubstituteWords(target=A("s. 4(2)(a)"), new="x",
                               old=Words("first", to_end=True, end_of=A("s. 4(2)")))
    with pytest.raises(RangeNotExpressible,
                       match=r"from s\. 4\(2\)\(a\) it would run on through s\. 4\(2\)\(b\)"):
        not_last.apply(a)
    with pytest.raises(InvalidAmendment, match=r"to the end of s\. 5 must end within s\. 4\(2\)"):
        OmitWords(target=A("s. 4(2)"), old=Words("x", to_end=True, end_of=A("s. 5")))
    with pytest.raises(InvalidAmendment, match="end_of goes with to_end"):
        Words("x", end_of=A("s. 4"))
    # Parts: whether one holds a section shows only in the Act
    b = act(Provision(Kind.PART, num("1"), heading="General",
                      children=(section("4", sub("2", "The board may act at once.")),)))
    for target, end in (("s. 4(2)", "Pt. 1"), ("Pt. 1", "s. 4(2)")):
        op = OmitWords(target=A(target), old=Words("at", to_end=True, end_of=A(end)))
        assert text_of(check_inverse(op, b), "s. 4(2)") == "(2) The board may act."
    outside = OmitWords(target=A("s. 4(2)"), old=Words("at", to_end=True, end_of=A("Pt. 9")))
    with pytest.raises(ProvisionNotFound):
        outside.apply(b)


def test_ranges_into_a_repealed_provision_or_the_next_column_are_refused_clearly() -> None:
    a = act(section("4", sub("1", "The board may act."), Omitted(Kind.SUBSECTION, num("2"))))
    into_repealed = OmitWords(target=A("s. 4"),
                              old=Words("may", to_end=True, end_of=A("s. 4(2)")))
    with pytest.raises(RangeNotExpressible, match="ends in a provision with no words"):
        into_repealed.apply(a)
    entry = OmitWords(target=A("Sch. 1 entry for “Sections 6 and 7B of this Act”"),
                      old=Words("Sections", to_end=True))
    with pytest.raises(RangeNotExpressible, match="run on into the entry's next column"):
        entry.apply(read_act(LASSA))


def test_the_occurrence_rule_chooses_among_every_start_of_a_range() -> None:
    """Found by audit: starts from which the range would run on still count, so "the"
    that occurs in several places is ambiguous, and "where it first occurs" picks the
    first even if that one is then refused -- never another one that happens to fit."""
    a = act(section("4", attrs.evolve(
        sub("2", "The director may—", para("a", "appoint a deputy director, or"),
            para("b", "pay the deputy director,")),
        wrap_up="and the council may pay the director.")))
    only = OmitWords(target=A("s. 4(2)"), old=Words("director", to_end=True))
    with pytest.raises(AmbiguousWords, match="must occur exactly once but occur 4 times"):
        only.apply(a)
    first = attrs.evolve(only, occurrence=Occurrence.nth(1))
    with pytest.raises(RangeNotExpressible, match="would run on"):
        first.apply(a)
    fourth = attrs.evolve(only, occurrence=Occurrence("last"))
    assert resolve(check_inverse(fourth, a), A("s. 4(2)")).node.wrap_up == (  # type: ignore[union-attr]
        "and the council may pay the.")
    each = attrs.evolve(only, occurrence=Occurrence("each"))
    with pytest.raises(RangeNotExpressible):
        each.apply(a)
    # the same with a named end: "deputy director" is in (a) too
    named = OmitWords(target=A("s. 4(2)"),
                      old=Words("deputy director", to_end=True, end_of=A("s. 4(2)(b)")))
    with pytest.raises(AmbiguousWords):
        named.apply(a)


def test_words_in_a_subsection_are_searched_in_its_paragraphs_too() -> None:
    a = act(section("1", sub("1", "In the following—", para("a", "the officer;"), para("b", "the deputy."))))
    op = SubstituteWords(target=A("s. 1(1)"), old=Words("deputy"), new="assistant")
    assert text_of(check_inverse(op, a), "s. 1(1)(b)") == "(b) the assistant."
    ambiguous = InsertWords(target=A("s. 1(1)"), position=Position.AFTER, anchor="the", words="x")
    with pytest.raises(AmbiguousWords) as info:
        ambiguous.apply(a)
    assert {p.split(":")[0] for p in info.value.places} == {"s. 1(1)", "s. 1(1)(a)", "s. 1(1)(b)"}


def test_changes_made_through_a_part_cite_the_provision_as_the_statute_book_does() -> None:
    """A word change aimed at "Sch. 1 Pt. I" is recorded against "Sch. 1 para. 1"."""
    from lawdiff.designation import Designation, Style

    paragraph = Provision(Kind.SCHEDULE_PARAGRAPH, num("1"), text="The board may act.")
    part = Provision(Kind.PART, Designation("I", Style.UPPER_ROMAN), heading="General",
                     children=(paragraph,))
    a = act(section("1", text="Schedule 1 has effect."),
            Provision(Kind.SCHEDULE, num("1"), heading="The board", children=(part,)))
    result = OmitWords(target=A("Sch. 1 Pt. I"), old=Words("may")).attempt(a)
    assert isinstance(result, Applied)
    assert [str(c.address) for c in result.changes] == ["Sch. 1 para. 1"]
    # a section in a Part of the Act is cited from the Act, whoever names it
    b = act(Provision(Kind.PART, num("2"), heading="Duties",
                      children=(section("5", sub("1", "The board may act.")),)))
    for target in ("Pt. 2", "s. 5", "s. 5(1)"):
        result = OmitWords(target=A(target), old=Words("may")).attempt(b)
        assert isinstance(result, Applied)
        assert [str(c.address) for c in result.changes] == ["s. 5(1)"], target


def test_corpus_instructions_fit_and_fail_clearly() -> None:
    lassa = read_act(LASSA)
    op = InsertWords(target=A("s. 6(2)"), position=Position.AFTER, anchor="director of",
                     words="adult social services or (as the case may be)",
                     occurrence=Occurrence("both"),
                     provenance=Provenance("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(c)"))
    result = op.attempt(lassa)
    assert isinstance(result, Applied) and len(result.changes) == 2
    unqualified = InsertWords(target=A("s. 6(2)"), position=Position.AFTER, anchor="director of",
                              words="x", provenance=Provenance("Sch. 2 para. 2(2)(c)"))
    failed = unqualified.attempt(lassa)
    assert isinstance(failed, Failed) and isinstance(failed.error, AmbiguousWords)
    message = str(failed.error)
    assert "Sch. 2 para. 2(2)(c)" in message and "director of" in message
    assert message.count("[director of]") == 2


def test_word_ops_on_a_repealed_provision_fail() -> None:
    lassa = read_act(LASSA)
    with pytest.raises(WordsNotFound, match="repealed"):
        OmitWords(target=A("s. 6(3)"), old=Words("x")).apply(lassa)


def test_insert_provision_by_order_before_after_and_after_words() -> None:
    lassa = read_act(LASSA)
    a1 = Provision(Kind.SUBSECTION, num("A1"), text="New.")
    for op in (InsertProvision(target=A("s. 6"), provisions=(a1,)),
               InsertProvision(target=A("s. 6"), provisions=(a1,), before=num("1"))):
        after = check_inverse(op, lassa)
        assert [c.num.value for c in after.node_at((0,)).children][:2] == ["A1", "1"]  # type: ignore
    late = Provision(Kind.SUBSECTION, num("5A"), text="Later.")
    after = check_inverse(InsertProvision(target=A("s. 6"), provisions=(late,), after=num("5")), lassa)
    assert [c.num.value for c in after.node_at((0,)).children][5:7] == ["5A", "6"]  # type: ignore
    lgha = read_act(LGHA)
    za = Provision(Kind.PARAGRAPH, alpha("za"), text="the new officer;")
    after = check_inverse(InsertProvision(target=A("s. 2(6)"), provisions=(za,), after_words="means—"), lgha)
    assert text_of(after, "s. 2(6)").splitlines()[1] == "(za) the new officer;"


def test_insert_provision_errors() -> None:
    lassa = read_act(LASSA)
    dup = Provision(Kind.SUBSECTION, num("2"), text="Dup.")
    with pytest.raises(InvalidPlacement, match="already exists"):
        InsertProvision(target=A("s. 6"), provisions=(dup,)).apply(lassa)
    wrong = Provision(Kind.SUBSECTION, num("9"), text="Out of order.")
    with pytest.raises(InvalidPlacement):
        InsertProvision(target=A("s. 6"), provisions=(wrong,), before=num("1")).apply(lassa)
    with pytest.raises(ProvisionNotFound) as missing:
        InsertProvision(target=A("s. 6"), provisions=(wrong,), after=num("77")).apply(lassa)
    assert missing.value.nearest == ("s. 6(8)",)  # the nearest, not the first few
    with pytest.raises(ProvisionNotFound) as missing:
        InsertProvision(target=A("s. 6"), provisions=(wrong,), before=num("5A")).apply(lassa)
    assert missing.value.nearest == ("s. 6(5)", "s. 6(6)")
    with pytest.raises(InvalidAmendment, match="before must be a Designation"):
        InsertProvision(target=A("s. 6"), provisions=(wrong,), before="1")  # type: ignore[arg-type]
    with pytest.raises(WordsNotFound, match="opening words"):
        InsertProvision(target=A("s. 6"), provisions=(wrong,), after_words="means—").apply(lassa)
    with pytest.raises(InvalidAmendment):
        InsertProvision(target=A("s. 6"), provisions=(wrong,), after=num("1"), before=num("2"))


def test_substitute_and_omit_provisions() -> None:
    lassa = read_act(LASSA)
    new = Provision(Kind.SUBSECTION, num("6"), text="Replacement.")
    after = check_inverse(SubstituteProvision(target=A("s. 6(6)"), provisions=(new,)), lassa)
    assert text_of(after, "s. 6(6)") == "(6) Replacement."
    revived = check_inverse(SubstituteProvision(target=A("s. 6(3)"), provisions=(
        Provision(Kind.SUBSECTION, num("3"), text="Revived."),)), lassa)
    assert text_of(revived, "s. 6(3)") == "(3) Revived."
    omitted = check_inverse(OmitProvision(target=A("s. 6(1)")), lassa)
    node = omitted.node_at((0, 0))
    assert isinstance(node, Omitted) and node.how == "omitted"
    assert text_of(omitted, "s. 6(1)") == "(1) . . . . . . ."
    with pytest.raises(ProvisionNotFound, match="already repealed"):
        OmitProvision(target=A("s. 6(3)"), how="repealed").apply(lassa)


def test_edit_cell() -> None:
    lassa = read_act(LASSA)
    op = EditCell(target=A("Sch. 1 entry for “Sections 6 and 7B of this Act”"), column=2,
                  new="Appointment of director; complaints procedure.")
    after = check_inverse(op, lassa)
    last = text_of(after, "Sch. 1").splitlines()[-1]
    assert last.endswith("| Appointment of director; complaints procedure.")
    with pytest.raises(ProvisionNotFound, match="columns"):
        EditCell(target=op.target, column=3, new="x").apply(lassa)
    with pytest.raises(InvalidAmendment):
        EditCell(target=A("Sch. 1"), column=1, new="x")


def test_malformed_operations_are_invalid_amendments() -> None:
    with pytest.raises(InvalidAmendment):
        InsertWords(target=A("s. 1"), position=Position.AFTER, words="x")
    with pytest.raises(InvalidAmendment):
        InsertWords(target=A("s. 1"), position=Position.AT_END, anchor="y", words="x")
    with pytest.raises(InvalidAmendment):
        SubstituteWords(target=A("s. 1"), old=Words("x"), new=" ")
    with pytest.raises(InvalidAmendment):
        OmitProvision(target=A("s. 1"), how="vaporised")


def _edit(start: int, end: int, length: int) -> SpanEdit:
    return SpanEdit(A("s. 1"), "text", None, None, start, end, length)


@pytest.mark.parametrize("edits, expected", [
    ([_edit(0, 2, 5)], (13, 18)),        # replaced before the span: it moves
    ([_edit(10, 10, 3)], (13, 18)),      # inserted right at its start: stays outside
    ([_edit(15, 15, 3)], (10, 15)),      # inserted right at its end: stays outside
    ([_edit(12, 12, 3)], (10, 18)),      # inserted strictly inside: the span holds it
    ([_edit(2, 15, 6)], (2, 2)),         # all its words replaced: empty, where the new words begin
    ([_edit(2, 12, 4)], (6, 9)),         # its first words replaced: starts after the new words
    ([_edit(12, 20, 1)], (10, 12)),      # its last words replaced: ends before the new words
    ([_edit(10, 15, 0)], (10, 10)),      # omitted: empty where they were
    ([_edit(20, 25, 1)], (10, 15)),      # after the span: no change
])
def test_map_span_keeps_only_the_spans_own_words(edits: list[SpanEdit],
                                                  expected: tuple[int, int]) -> None:
    assert map_span(10, 15, edits) == expected


def test_attempt_never_raises_for_overlapping_text_edits() -> None:
    """``attempt`` promises Applied or Failed: two edits of one text that overlap are a
    Failed naming the operation, not an exception."""
    from lawdiff.errors import LawdiffError
    from lawdiff.operations import Failed, ReplaceText
    from lawdiff.text import SegmentRef, TextEdit
    from tests.helpers import act, section, sub

    before = act(section("1", sub("1", "the officer of the authority")))
    ref = SegmentRef((), "text")
    op = ReplaceText(path=(0, 0), edits=(TextEdit(ref, 0, 11, "a person"),
                                         TextEdit(ref, 4, 18, "clerk")))
    result = op.attempt(before)
    assert isinstance(result, Failed)
    assert isinstance(result.error, LawdiffError) and "overlap" in str(result.error)
    with pytest.raises(LawdiffError):
        op.apply(before)


# --- renumbering ------------------------------------------------------------------------------

def test_renumber_a_provision_keeps_its_words_and_place() -> None:
    from lawdiff.operations import RenumberProvision

    a = act(section("5", sub("1", "One.", para("a", "x;"), para("b", "y.")), sub("3", "Three."),
                    sub("5", "Five.")))
    op = RenumberProvision(target=Address.parse("s. 5(3)"), to=num("4"))
    done = op.apply(a)
    assert resolve(done, Address.parse("s. 5(4)")).node == sub("4", "Three.")
    assert [str(c.num) for c in done.node_at((0,)).children] == ["1", "4", "5"]  # type: ignore
    assert op.invert(a).apply(done) == a
    assert [str(c.address) for c in op.attempt(a).changes] == ["s. 5(4)"]  # type: ignore
    # a paragraph keeps its own children's numbers
    para_op = RenumberProvision(target=Address.parse("s. 5(1)(b)"), to=alpha("c"))
    assert resolve(para_op.apply(a), Address.parse("s. 5(1)(c)")).node == para("c", "y.")


@pytest.mark.parametrize(("target", "to", "message"), [
    ("s. 5(3)", "5", "s. 5(5) already exists"),
    ("s. 5(3)", "6", "designation order"),
    ("s. 5(3)", "3", "already numbered 3"),
    ("s. 5(2)", "2A", "s. 5(2) is omitted"),
    ("s. 5(9)", "10", "does not exist"),
])
def test_renumbering_is_refused_when_the_number_is_taken_or_out_of_order(
        target: str, to: str, message: str) -> None:
    from lawdiff.operations import RenumberProvision

    a = act(section("5", sub("1", "One."), Omitted(Kind.SUBSECTION, num("2")), sub("3", "Three."),
                    sub("5", "Five.")))
    result = RenumberProvision(target=Address.parse(target), to=num(to)).attempt(a)
    assert isinstance(result, Failed) and isinstance(result.error, AmendmentConflict)
    assert message in str(result.error)


def test_the_existing_text_becomes_the_first_child() -> None:
    from lawdiff.operations import TextBecomesChild

    plain = act(section("6", heading="Heading", text="The words."))
    op = TextBecomesChild(target=Address.parse("s. 6"), num=num("1"))
    done = op.apply(plain)
    assert done.node_at((0,)) == section("6", sub("1", "The words."), heading="Heading")
    assert op.invert(plain).apply(done) == plain
    # opening words, paragraphs and closing words all move into the new subsection
    listed = act(Provision(Kind.SECTION, num("7"), text="If—",
                           children=(para("a", "x, or"), para("b", "y,")), wrap_up="then z."))
    moved = TextBecomesChild(target=Address.parse("s. 7"), num=num("1")).apply(listed)
    assert moved.node_at((0,)) == Provision(
        Kind.SECTION, num("7"), children=(Provision(Kind.SUBSECTION, num("1"), text="If—",
                                                    children=(para("a", "x, or"), para("b", "y,")),
                                                    wrap_up="then z."),))
    # a subsection's text becomes its paragraph (a)
    sub_op = TextBecomesChild(target=Address.parse("s. 7(1)"), num=alpha("a"))
    deeper = sub_op.apply(act(section("7", sub("1", "Words."))))
    assert resolve(deeper, Address.parse("s. 7(1)(a)")).node == para("a", "Words.")


def test_the_existing_text_cannot_become_a_child_beside_others_of_its_level() -> None:
    from lawdiff.operations import TextBecomesChild

    a = act(section("5", sub("1", "One."), sub("2", "Two.")))
    result = TextBecomesChild(target=Address.parse("s. 5"), num=num("1")).attempt(a)
    assert isinstance(result, Failed) and isinstance(result.error, InvalidPlacement)
    assert "already has subsections" in str(result.error)


def test_words_of_a_provision_become_its_numbered_child() -> None:
    from lawdiff.operations import TextBecomesChild

    plain = act(section("6", sub("2", "The body is satisfied that the person is unfit.")))
    op = TextBecomesChild(target=Address.parse("s. 6(2)"), num=alpha("a"),
                          words=Words("the person", to_end=True))
    done = op.apply(plain)
    assert resolve(done, Address.parse("s. 6(2)")).node == Provision(
        Kind.SUBSECTION, num("2"), text="The body is satisfied that",
        children=(para("a", "the person is unfit."),))
    assert op.invert(plain).apply(done) == plain
    assert "become (a)" in op.describe()
    # the whole of the text named by its words leaves no opening words
    whole = TextBecomesChild(target=Address.parse("s. 6(2)"), num=alpha("a"),
                             words=Words("The body", to_end=True)).apply(plain)
    assert resolve(whole, Address.parse("s. 6(2)")).node == Provision(
        Kind.SUBSECTION, num("2"),
        children=(para("a", "The body is satisfied that the person is unfit."),))
    # a phrase ending where the text ends, its closing full stop with it
    phrase = TextBecomesChild(target=Address.parse("s. 6(2)"), num=alpha("a"),
                              words=Words("the person is unfit")).apply(plain)
    assert resolve(phrase, Address.parse("s. 6(2)(a)")).node == para("a", "the person is unfit.")


@pytest.mark.parametrize(("text", "words", "message"), [
    ("A and B.", Words("A"), "followed in s. 6(2) by"),
    ("A and B.", Words("C", to_end=True), "do not occur"),
    ("A or A.", Words("A", to_end=True), "[A]"),
])
def test_words_that_cannot_become_a_child_are_refused(text: str, words: Words,
                                                       message: str) -> None:
    from lawdiff.operations import TextBecomesChild

    a = act(section("6", sub("2", text)))
    result = TextBecomesChild(target=Address.parse("s. 6(2)"), num=alpha("a"),
                              words=words).attempt(a)
    assert isinstance(result, Failed) and isinstance(result.error, AmendmentConflict)
    assert message in str(result.error) and "become (a)" in str(result.error)


def test_words_become_a_child_only_of_a_provision_with_text_alone() -> None:
    from lawdiff.operations import TextBecomesChild

    listed = act(Provision(Kind.SECTION, num("7"), text="If the body—",
                           children=(sub("1", "x, or"),)))
    result = TextBecomesChild(target=Address.parse("s. 7"), num=num("2"),
                              words=Words("the body", to_end=True)).attempt(listed)
    assert isinstance(result, Failed) and isinstance(result.error, InvalidPlacement)
    assert "already has provisions" in str(result.error)


@given(acts(), st.data())
def test_renumbering_then_its_inverse_gives_the_original(a: Act, data: st.DataObject) -> None:
    """Any provision, given a number between its neighbours', and back."""
    from lawdiff.operations import RenumberProvision, TextBecomesChild

    numbered = [(path, node) for path, node in a.walk()
                if isinstance(node, Provision) and node.num is not None
                and not node.kind.transparent]
    assume(numbered)
    path, node = data.draw(st.sampled_from(numbered))
    assert node.num is not None
    target = address_of(a, path)
    holder = a if len(path) == 1 else a.node_at(path[:-1])
    siblings = [c.num for c in holder.children  # type: ignore[union-attr]
                if isinstance(c, (Provision, Omitted)) and c.kind is node.kind
                and c.num is not None and c.num.style is node.num.style]
    i = siblings.index(node.num)
    before = siblings[i - 1] if i > 0 else None
    after = siblings[i + 1] if i + 1 < len(siblings) else None
    try:
        to = between(before, after) if before is not None or after is not None \
            else between(node.num, None)
    except InvalidDesignation:
        assume(False)
        raise
    op = RenumberProvision(target=target, to=to)
    result = op.attempt(a)
    if isinstance(result, Failed):
        # a number taken elsewhere (a section in another Part): refused, never applied
        assert isinstance(result.error, InvalidPlacement)
        event("renumbering refused")
        return
    event("renumbered")
    assert result.inverse.apply(result.act) == a
    assert operation_from_json(operation_to_json(op)) == op
    child = TextBecomesChild(target=target, num=Designation.parse(
        "1" if node.kind in (Kind.SECTION, Kind.SCHEDULE_PARAGRAPH) else
        ("i" if node.kind is Kind.PARAGRAPH else "a"),
        Style.ROMAN if node.kind is Kind.PARAGRAPH else None))
    moved = child.attempt(a)
    if isinstance(moved, Failed):
        assert isinstance(moved.error, AmendmentConflict)
        event("text kept: refused")
        return
    event("text became the first child")
    assert moved.inverse.apply(moved.act) == a
    assert operation_from_json(operation_to_json(child)) == child
    text = node.text
    if text is not None and text.split():
        first = text.split()[-1]
        tail = TextBecomesChild(target=target, num=child.num, words=Words(first, to_end=True))
        split = tail.attempt(a)
        if isinstance(split, Failed):
            assert isinstance(split.error, AmendmentConflict)
            event("words kept: refused")
            return
        event("words became the first child")
        assert split.inverse.apply(split.act) == a
        assert operation_from_json(operation_to_json(tail)) == tail


def test_words_no_format_could_write_are_a_malformed_operation() -> None:
    with pytest.raises(InvalidAmendment, match="control character U\\+0003"):
        InsertWords(target=Address.parse("s. 6(1)"), words="in \x03Wales",
                    position=Position.AFTER, anchor="local authority")
    with pytest.raises(InvalidAmendment, match="control character"):
        SubstituteWords(target=Address.parse("s. 6(1)"), old=Words("local authority"),
                        new="council\x00")

@st.composite
def _renumberings(draw: st.DrawFn, a: Act) -> Operation:
    """A provision given another number of its style, fitting or not."""
    numbered = [(p, n) for p, n in numbered_nodes(a) if isinstance(n, Provision)]
    assume(numbered)
    path, node = draw(st.sampled_from(numbered))
    assert node.num is not None
    style = node.num.style if node.num.style in (Style.NUMBER, Style.ALPHA, Style.ROMAN) \
        else Style.NUMBER
    taken = [n.num for _, n in numbered if n.num is not None and n.num.style is style]
    to = draw(st.one_of(designations(style), st.sampled_from(taken)) if taken
              else designations(style))
    return RenumberProvision(target=address_of(a, path), to=to)


@given(acts(max_sections=5), st.data())
def test_order_remembered_across_changes_decides_as_checking_afresh(
        a: Act, data: st.DataObject) -> None:
    """An Act remembers which kinds it found in designation order, and changes carry that
    over (checking only around what they bring): every operation must succeed or fail
    exactly as on the same Act built afresh, which checks everything."""
    probe = InsertProvision(target=A("s. 1"), provisions=(section("1", text="x"),))
    for path, node in [((), a), *a.walk()]:  # what is in order is found so, and remembered
        if isinstance(node, (Act, Provision)):
            for kind in {n.kind for _, n in naive_findable(node)}:
                with contextlib.suppress(InvalidPlacement):
                    _check_order(a, path, kind, "", probe)
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.one_of(applicable_operations(a), named_place_insertions(a),
                                 insert_provision_operations(a), _renumberings(a),
                                 arbitrary_operations(a, well_formed=True)))
        got, fresh = op.attempt(a), op.attempt(rebuilt(a))
        event(f"order remembered: {a.ordered(Kind.SECTION)}")
        assert type(got) is type(fresh)
        if isinstance(got, Failed):
            assert isinstance(fresh, Failed)
            assert str(got.error) == str(fresh.error)
            continue
        assert isinstance(fresh, Applied)
        assert got.act == fresh.act
        a = got.act


def _two_parts() -> Act:
    return act(Provision(Kind.PART, num("1"), heading="One", children=(
                   section("1", text="One."), section("7", text="Seven."))),
               Provision(Kind.PART, num("2"), heading="Two", children=(
                   section("8", text="Eight."), section("9", text="Nine."))))


@pytest.mark.parametrize(("op", "error"), [
    (InsertProvision(target=A(""), provisions=(section("10", text="Ten."),), after=num("7")),
     "section 8 would follow section 10"),
    (InsertProvision(target=A(""), provisions=(section("6", text="Six."),), before=num("8")),
     "section 6 would follow section 7"),
    (RenumberProvision(target=A("s. 7"), to=num("8A")), "section 8 would follow section 8A"),
])
def test_order_across_parts_is_still_checked_once_remembered(op: Operation, error: str) -> None:
    # A first insertion finds sections in order and the Act remembers it; later changes
    # carry that over only where what they bring stands in order with its neighbours.
    a = InsertProvision(target=A(""), provisions=(section("2", text="Two."),)).apply(
        _two_parts())
    assert a.ordered(Kind.SECTION)
    for before in (a, rebuilt(a)):
        result = op.attempt(before)
        assert isinstance(result, Failed)
        assert error in str(result.error)
    fits = InsertProvision(target=A(""), provisions=(section("7A", text="x"),), after=num("7"))
    assert fits.apply(a).ordered(Kind.SECTION)
    assert not ReplaceChildren(path=(1,), start=0, end=0, nodes=(
        section("3", text="x"),)).apply(a).ordered(Kind.SECTION)


def _general_edits(op: InsertWords | SubstituteWords | OmitWords, a: Act,
                   loc: Location) -> list[TextEdit] | str:
    """The edits the general search makes (through every segment), or its error."""
    try:
        return op._edits(loc) if isinstance(op, InsertWords) else op._edits(a, loc)
    except LawdiffError as exc:
        return f"{type(exc).__name__}: {exc}"


@st.composite
def _leaf_word_operations(draw: st.DrawFn, a: Act) -> Operation:
    """A word operation on a provision whose words are its own text alone, quoting a run of
    its words (maybe found more than once) or words it does not hold."""
    leaves = [(p, n) for p, n in a.walk() if isinstance(n, Provision) and n.num is not None
              and n.text is not None and not n.children]
    assume(leaves)
    path, node = draw(st.sampled_from(leaves))
    assert node.text is not None
    tokens = node.text.split()
    start = draw(st.integers(0, len(tokens) - 1))
    quoted = draw(st.sampled_from([" ".join(tokens[start:start + 1]),
                                   " ".join(tokens[start:start + 2]), "xylophone"]))
    target = address_of(a, path)
    occurrence = draw(st.sampled_from([Occurrence(), Occurrence(), Occurrence("each")]))
    what = draw(st.sampled_from(["substitute", "omit", "before", "after", "beginning", "end"]))
    if what == "substitute":
        return SubstituteWords(target=target, old=Words(quoted), new="new words",
                               occurrence=occurrence)
    if what == "omit":
        return OmitWords(target=target, old=Words(quoted), occurrence=occurrence)
    if what in ("before", "after"):
        return InsertWords(target=target, words="new words", anchor=quoted,
                           position=Position.BEFORE if what == "before" else Position.AFTER,
                           occurrence=occurrence)
    return InsertWords(target=target, words="new words", position=Position.AT_BEGINNING
                       if what == "beginning" else Position.AT_END)


@given(st.data())
def test_words_found_in_a_leaf_directly_are_those_the_general_search_finds(
        data: st.DataObject) -> None:
    # Word operations find the words directly when the target's words are its own text
    # alone and the rule is "only" (or there are no quoted words); then they must make
    # exactly the edits of the general search, and where the direct way declines (words
    # absent, several times, a range, a parent's words), the general one answers alone.
    a = data.draw(acts())
    source = data.draw(st.sampled_from(["leaf", "leaf", "fitting", "arbitrary"]))
    if source == "leaf":
        op = data.draw(_leaf_word_operations(a))
    elif source == "fitting":
        op = data.draw(word_operations(a))
    else:
        op = data.draw(arbitrary_operations(a, well_formed=True))
        assume(isinstance(op, (InsertWords, SubstituteWords, OmitWords)))
    assert isinstance(op, (InsertWords, SubstituteWords, OmitWords))
    try:
        loc = resolve(a, op.target)
    except LawdiffError:
        event("target not found")
        return
    direct = op._sole_edits(loc)
    general = _general_edits(op, a, loc)
    event("found directly" if direct is not None else "general search only")
    if direct is not None:
        assert direct == general
    if isinstance(general, list) and direct is None and isinstance(loc.node, Provision) \
            and not loc.node.children and loc.node.wrap_up is None and loc.row is None \
            and (isinstance(op, InsertWords) and op.anchor is None):
        raise AssertionError("an insertion at an end of a leaf's text is always direct")


def test_a_leaf_edit_found_directly_gives_the_same_result_and_errors_as_the_general_way(
) -> None:
    a = act(section("1", sub("1", "The local authority shall appoint the officer."),
                    sub("2", "The authority may act.")))
    ops: list[InsertWords | SubstituteWords | OmitWords] = [
        SubstituteWords(target=A("s. 1(1)"), old=Words("local"), new="county"),
        SubstituteWords(target=A("s. 1(1)"), old=Words("the"), new="a"),  # twice: an error
        OmitWords(target=A("s. 1(2)"), old=Words("may")),
        OmitWords(target=A("s. 1(2)"), old=Words("absent")),
        InsertWords(target=A("s. 1(1)"), words="social services", position=Position.AFTER,
                    anchor="local authority"),
        InsertWords(target=A("s. 1(2)"), words="or must", position=Position.AT_END),
    ]
    for op in ops:
        loc = resolve(a, op.target)
        direct = op._sole_edits(loc)
        general = _general_edits(op, a, loc)
        assert direct is None or direct == general
        result = op.attempt(a)
        if isinstance(general, str):
            assert direct is None and isinstance(result, Failed)
            assert general.split(": ", 1)[1] in str(result.error)
        else:
            assert isinstance(result, Applied)
