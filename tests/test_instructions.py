"""The parser checked against every real instruction the project holds.

Schedule 2 paragraphs 2 and 3, fed as their verbatim text, must compile to
exactly the operations written in amendments/ (commencement aside, which the
text does not carry), and consolidating from them must give the same Acts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from lawdiff.address import Address, resolve
from lawdiff.amendment import Amendment
from lawdiff.engine import consolidate
from lawdiff.errors import AmbiguousWords, BatchError, InstructionParseError, InvalidAmendment
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.instructions import item_citation, operations_from_text
from lawdiff.model import Act, Kind, Provision
from lawdiff.operations import OmitWords, Operation, SubstituteWords
from lawdiff.parse import parse
from lawdiff.text import Occurrence, Words
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, act, num, para, section, sub

CORPUS = [(PARA_2, LASSA), (PARA_3, LGHA)]
SCHEDULE_2 = "Children Act 2004 (c. 31), Sch. 2"


def comparable(op: Operation, keep_citation: bool = True, keep_text: bool = True) -> Operation:
    """The operation without what the text cannot carry: its commencement (and, for an item
    read on its own, the citation, which depends on where the item stands; for two wordings
    of one change, the verbatim text)."""
    citation = op.provenance.citation if keep_citation else None
    text = op.provenance.text if keep_text else None
    return attrs.evolve(op, commencement=(), provenance=attrs.evolve(op.provenance,
                                                                     citation=citation, text=text))


@pytest.mark.parametrize("amendment, statute", CORPUS, ids=["para-2", "para-3"])
def test_verbatim_text_parses_into_exactly_the_operations_in_the_file(amendment: Path,
                                                                       statute: Path) -> None:
    written = read_amendment(amendment)
    assert written.text is not None
    parsed = operations_from_text(written.text, SCHEDULE_2, read_act(statute))
    assert [comparable(op) for op in parsed] == [comparable(op) for op in written.operations]


@pytest.mark.parametrize("amendment, statute", CORPUS, ids=["para-2", "para-3"])
def test_every_operation_text_parses_to_that_operation(amendment: Path, statute: Path) -> None:
    for op in read_amendment(amendment).operations:
        assert op.provenance.text is not None
        (parsed,) = operations_from_text(op.provenance.text, SCHEDULE_2, read_act(statute))
        assert comparable(parsed, keep_citation=False) == comparable(op, keep_citation=False)


@pytest.mark.parametrize("amendment, statute", CORPUS, ids=["para-2", "para-3"])
def test_consolidating_from_parsed_operations_gives_the_same_act(amendment: Path,
                                                                 statute: Path) -> None:
    written = read_amendment(amendment)
    base = read_act(statute)
    assert written.text is not None
    parsed_ops = operations_from_text(written.text, SCHEDULE_2, base)
    # Carry the file's commencement facts over, so both consolidate as at the same days.
    dated = [attrs.evolve(p, commencement=w.commencement)
             for p, w in zip(parsed_ops, written.operations, strict=True)]
    from_text = Amendment(written.citation, written.amends, dated)
    assert consolidate(base, [from_text]).act == consolidate(base, [written]).act


def test_item_citations() -> None:
    assert item_citation(SCHEDULE_2, ("2", "2", "b")) == "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"
    assert item_citation("Children Act 2004 (c. 31)", ("5", "1")) == "Children Act 2004 (c. 31), s. 5(1)"


def test_and_before_a_paragraph_needs_and_uses_the_act() -> None:
    text = "In section 1, in subsection (1), omit paragraph (b) and the word “and” before it."
    with pytest.raises(InvalidAmendment, match="needs the amended Act"):
        operations_from_text(text, "Test Act 2020 (c. 1)")
    a = act(section("1", sub("1", "The persons are—", para("a", "the first; and"), para("b", "the second."))))
    ops = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    assert any(isinstance(op, OmitWords) and str(op.target) == "s. 1(1)(a)" for op in ops)
    result = consolidate(a, [Amendment("Test Act 2020 (c. 1), s. 1", "ukpga/2000/1", ops)])
    assert result.act.node_at((0, 0, 0)).text == "the first;"  # type: ignore[union-attr]


def test_unreadable_text_reports_the_span() -> None:
    with pytest.raises(InstructionParseError) as info:
        parse("in subsection (1), for “X” substitute")
    assert info.value.unparsed and info.value.unparsed in "in subsection (1), for “X” substitute"


def test_jsonl_interface() -> None:
    lines = ["in subsection (1), after “local authority” insert “in Wales”",
             "in subsection (2), after “director of”, in both places, insert “adult social services or "
             "(as the case may be)”",
             "for the words from “A” to “B” substitute “C”",
             "this is not an instruction"]
    done = subprocess.run([sys.executable, "-m", "lawdiff", "parse", "--jsonl"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, check=False)
    assert done.returncode == 1
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == 4
    assert out[0] == {"ops": [{"action": "insert", "position": "after", "anchor": "local authority",
                               "old": None, "new": "in Wales", "occurrence": None,
                               "target": "subsection (1)", "range": False, "places": None,
                               "range_end": None, "words_part": None, "as_inserted_by": None,
                               "act": None}]}
    assert (out[1]["ops"][0]["occurrence"], out[1]["ops"][0]["places"]) == ("all", "both")
    assert out[2]["ops"][0]["old"] == "A \u2026 B" and out[2]["ops"][0]["range"] is True
    assert set(out[3]) == {"error", "unparsed"} and out[3]["unparsed"]
    ok = subprocess.run([sys.executable, "-m", "lawdiff", "parse", "--jsonl"], input=lines[0] + "\n",
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0


def _listed_act() -> Act:
    """s. 1(1): "The fee is due to the council— (a) the council if …; (b) the board if …,
    and is paid to the council." (the council in the opening, a paragraph and the closing)."""
    subsection = attrs.evolve(
        sub("1", "The fee is due to the council—", para("a", "the council, if it asks;"),
            para("b", "the board, if the council agrees,")),
        wrap_up="and is paid to the council.")
    return act(section("1", subsection))


def _words_of(a: Act) -> tuple[str | None, str | None, str | None]:
    node = a.node_at((0, 0))
    assert isinstance(node, Provision)
    first = node.children[0]
    assert isinstance(first, Provision)
    return node.text, first.text, node.wrap_up


def _apply(text: str, a: Act) -> Act:
    ops = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    return consolidate(a, [Amendment("Test Act 2020 (c. 1), s. 1", "ukpga/2000/1", ops)]).act


def test_words_before_a_paragraph_change_only_the_opening_words() -> None:
    a = _listed_act()
    text = ("In section 1(1), in the words before paragraph (a), for “the council” substitute "
            "“the authority”.")
    # Without the limit the words occur four times in s. 1(1) and the change would fail.
    assert _words_of(_apply(text, a)) == (
        "The fee is due to the authority—", "the council, if it asks;", "and is paid to the council.")


def test_closing_words_change_only_the_closing_words() -> None:
    a = _listed_act()
    text = "In section 1(1), in the words after paragraph (b), omit “to the council”."
    assert _words_of(_apply(text, a))[2] == "and is paid."
    text = "In section 1(1), in the closing words, omit “to the council”."
    assert _words_of(_apply(text, a))[2] == "and is paid."


def test_opening_words_need_the_act_and_the_right_neighbour() -> None:
    a = _listed_act()
    text = "In section 1(1), in the words before paragraph (a), omit “the council”."
    with pytest.raises(InvalidAmendment, match="needs the amended Act"):
        operations_from_text(text, "Test Act 2020 (c. 1)")
    with pytest.raises(InvalidAmendment, match="not the first provision"):
        operations_from_text(text.replace("(a)", "(b)"), "Test Act 2020 (c. 1)", a)
    with pytest.raises(InvalidAmendment, match="not the last provision"):
        operations_from_text("In section 1(1), in the words after paragraph (a), omit “x”.",
                             "Test Act 2020 (c. 1)", a)
    with pytest.raises(InvalidAmendment, match="do not occur"):
        operations_from_text("In section 1(1), in the opening words, omit “the board”.",
                             "Test Act 2020 (c. 1)", a)
    with pytest.raises(InvalidAmendment, match="cannot be limited"):
        operations_from_text("In section 1(1), in the opening words, at the end insert “x”.",
                             "Test Act 2020 (c. 1)", a)


def test_insert_with_no_place_goes_by_designation_order() -> None:
    a = act(section("1", sub("1", "The first."), sub("2", "The second.")))
    result = _apply("In section 1, insert— “(1A) Between.”", a)
    node = result.node_at((0,))
    assert isinstance(node, Provision)
    assert [str(c.num) for c in node.children if isinstance(c, Provision)] == ["1", "1A", "2"]


def test_where_it_last_occurs_changes_the_last_occurrence() -> None:
    a = act(section("1", sub("1", "The council may ask the council or the board."),
                    sub("2", "The council decides.")))
    text = "In section 1(1), for “the council”, where it last occurs, substitute “the authority”."
    (op,) = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    assert isinstance(op, SubstituteWords) and op.occurrence == Occurrence("last")
    node = _apply(text, a).node_at((0, 0))
    assert isinstance(node, Provision)
    assert node.text == "The council may ask the authority or the board."
    # Limited to opening words, the last occurrence there is counted over the provision.
    listed = _listed_act()
    text = ("In section 1(1), in the words before paragraph (a), for “the council”, where it "
            "last occurs, substitute “the authority”.")
    (op,) = operations_from_text(text, "Test Act 2020 (c. 1)", listed)
    assert isinstance(op, SubstituteWords) and op.occurrence == Occurrence.nth(1)


def test_the_verb_first_old_form_compiles_like_the_other_old_forms() -> None:
    a = act(section("1", sub("1", "The first."), sub("2", "The second.")),
            section("2", sub("1", "Other.")))
    pairs = [
        ("There shall be inserted after section 1 the following section— “1A Heading (1) New.”",
         "After section 1 there shall be inserted the following section— “1A Heading (1) New.”"),
        ("In section 1, there shall be substituted for subsection (2) the following subsection— "
         "“(2) The new second.”",
         "In section 1, for subsection (2) there shall be substituted the following subsection— "
         "“(2) The new second.”"),
        ("In section 1, there shall be inserted at the end of subsection (1) the words “and more”.",
         "In section 1, at the end of subsection (1) there shall be inserted the words “and more”."),
        ("In section 1(2), there shall be substituted for the word “second” the word “last”.",
         "In section 1(2), for the word “second” there shall be substituted the word “last”."),
    ]
    for verb_first, usual in pairs:
        ours = operations_from_text(verb_first, "Test Act 2020 (c. 1)", a)
        theirs = operations_from_text(usual, "Test Act 2020 (c. 1)", a)
        assert [comparable(o, keep_citation=False, keep_text=False) for o in ours] == [
            comparable(o, keep_citation=False, keep_text=False) for o in theirs]
        _apply(verb_first, a)


def test_that_subsection_after_a_paragraph_of_it_is_the_subsection() -> None:
    a = act(section("1", sub("1", "The persons are—", para("a", "the first; and"),
                             para("b", "the second.")), sub("2", "Other.")))
    text = ("In section 1— (a) in subsection (1)(b), for “second” substitute “last”; (b) in that "
            "subsection, for “persons” substitute “people”.")
    ops = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    assert [str(op.target) for op in ops] == ["s. 1(1)(b)", "s. 1(1)"]
    node = _apply(text, a).node_at((0, 0))
    assert isinstance(node, Provision) and node.text == "The people are—"


def test_a_range_to_the_end_of_a_named_provision_ends_there_or_is_refused() -> None:
    a = act(section("4", sub("2", "The persons are—", para("a", "the first; and"),
                             para("b", "the second, if any, or the third.")),
                    sub("3", "Other words here.")))
    done = _apply("In section 4(2), for the words from “if any” to the end of paragraph (b) "
                  "substitute “at most”.", a)
    assert resolve(done, Address.parse("s. 4(2)(b)")).node == para("b", "the second, at most.")
    done = _apply("In section 4(3), omit the words from “words” to the end of the subsection.", a)
    assert resolve(done, Address.parse("s. 4(3)")).node == sub("3", "Other.")
    # from paragraph (a) to the end of the subsection would run on through paragraph (b)
    with pytest.raises(BatchError, match=r"from s\. 4\(2\)\(a\) it would run on through s\. 4\(2\)\(b\)"):
        _apply("In section 4(2)(a), omit the words from “first” to the end of the subsection.", a)


def test_a_range_from_the_beginning_runs_from_the_start_of_the_provisions_own_words() -> None:
    a = act(section("4", sub("2", "Subject to subsection (3), the persons are—",
                             para("a", "the first; and"), para("b", "the second.")),
                    sub("3", "In this section the Minister may act.")))
    done = _apply("In section 4(3), for the words from the beginning to “Minister” substitute "
                  "“The Secretary of State”.", a)
    assert resolve(done, Address.parse("s. 4(3)")).node == \
        sub("3", "The Secretary of State may act.")
    done = _apply("In section 4(2), omit the words from the beginning to “(3),”.", a)
    assert resolve(done, Address.parse("s. 4(2)")).node.text == "the persons are—"
    # “the second” is in paragraph (b): the range would run on through the opening words
    with pytest.raises(BatchError, match=r"would run on through s\. 4\(2\)\(a\)"):
        _apply("In section 4(2), omit the words from the beginning to “the second”.", a)


def test_the_whole_opening_or_closing_words_replaced() -> None:
    a = act(section("4", attrs.evolve(sub("2", "The persons are—", para("a", "the first; and"),
                                          para("b", "the second,")), wrap_up="and no others.")))
    done = _apply("In section 4(2), for the opening words substitute “The people are—”.", a)
    assert resolve(done, Address.parse("s. 4(2)")).node.text == "The people are—"
    done = _apply("In section 4, for the words before paragraph (a) of subsection (2) "
                  "substitute “Those persons are—”.", a)
    assert resolve(done, Address.parse("s. 4(2)")).node.text == "Those persons are—"
    done = _apply("In section 4(2), for the words after paragraph (b) substitute “but not "
                  "others.”", a)
    node = resolve(done, Address.parse("s. 4(2)")).node
    assert (node.text, node.wrap_up) == ("The persons are—", "but not others.")
    # paragraph (b) is not the first: the words before it are not the opening words
    with pytest.raises(InvalidAmendment, match="not the first"):
        _apply("In section 4(2), for the words before paragraph (b) substitute “X”.", a)
    # a provision with no provisions below it has no opening words
    with pytest.raises(InvalidAmendment, match="has no opening words"):
        _apply("In section 4(2)(a), for the opening words substitute “X”.", a)


# --- version 2 families -------------------------------------------------------------------

def _texts(a: Act) -> list[str]:
    return [node.text for _, node in a.walk() if isinstance(node, Provision) and node.text]


def test_in_any_enactment_compiles_only_for_an_act_in_scope() -> None:
    a = act(section("1", sub("1", "Ask the Minister, then the Minister."), sub("2", "Other.")),
            section("2", sub("1", "Then the Minister decides.")))
    text = "In any enactment, for “the Minister”, wherever occurring, substitute “the Secretary”."
    with pytest.raises(InvalidAmendment, match="in scope"):
        operations_from_text(text, "Test Act 2020 (c. 1)", a)
    with pytest.raises(InvalidAmendment, match="in scope"):
        operations_from_text(text, "Test Act 2020 (c. 1)", any_enactment=True)
    ops = operations_from_text(text, "Test Act 2020 (c. 1)", a, any_enactment=True)
    # one operation per section holding the words, each naming its places exactly
    assert [(str(o.target), o.occurrence) for o in ops if isinstance(o, SubstituteWords)] == [
        ("s. 1", Occurrence.nth(1, 2)), ("s. 2", Occurrence.nth(1))]
    done = consolidate(a, [Amendment("Test Act 2020 (c. 1), s. 1", "ukpga/2000/1", ops)]).act
    assert _texts(done) == ["Ask the Secretary, then the Secretary.", "Other.",
                            "Then the Secretary decides."]
    # the occurrence rule counts over the whole Act: the second place is in section 1
    second = operations_from_text("In any enactment, for “the Minister”, in the second place "
                                  "where it occurs, substitute “X”.", "Test Act 2020 (c. 1)", a,
                                  any_enactment=True)
    assert [(str(o.target), o.occurrence) for o in second if isinstance(o, SubstituteWords)] == [
        ("s. 1", Occurrence.nth(2))]
    # without a qualifier the words must occur once in the whole Act
    with pytest.raises(AmbiguousWords):
        operations_from_text("In any enactment, omit “the Minister”.", "Test Act 2020 (c. 1)", a,
                             any_enactment=True)


def test_as_inserted_by_is_kept_in_the_provenance_and_narrows_nothing() -> None:
    a = act(section("1", sub("1", "The council may ask."), sub("2", "Other.")))
    text = "In section 1(1) (as inserted by section 3 of the X Act 2004), omit “may ask”."
    (op,) = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    assert op.provenance.as_inserted_by == "as inserted by section 3 of the X Act 2004"
    assert isinstance(op, OmitWords) and op.occurrence == Occurrence()
    from lawdiff.codec import operation_from_json, operation_to_json
    assert operation_to_json(op)["provenance"]["as_inserted_by"] == op.provenance.as_inserted_by
    assert operation_from_json(operation_to_json(op)) == op


def test_a_range_with_an_occurrence_needs_every_start_to_have_its_end() -> None:
    a = act(section("1", sub("1", "A one B, A two B.")))
    text = "In section 1(1), omit the words from “A”, where it first occurs, to “B”."
    with pytest.raises(InvalidAmendment, match="needs the amended Act"):
        operations_from_text(text, "Test Act 2020 (c. 1)")
    (op,) = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    assert isinstance(op, OmitWords) and op.occurrence == Occurrence.nth(1)
    # the second “A” has no “B” after it: the second place of “A” is no place of the range
    b = act(section("1", sub("1", "A one B, A two.")))
    with pytest.raises(InvalidAmendment, match="not the places of the range"):
        operations_from_text(text.replace("first", "second"), "Test Act 2020 (c. 1)", b)


def test_renumbering_compiles_to_the_two_renumbering_operations() -> None:
    from lawdiff.operations import RenumberProvision, TextBecomesChild

    a = act(section("5", sub("1", "One."), sub("3", "Three.")),
            section("6", heading="Six", text="The words."))
    (op,) = operations_from_text("In section 5, subsection (3) is renumbered as subsection (4).",
                                 "Test Act 2020 (c. 1)", a)
    assert isinstance(op, RenumberProvision) and (str(op.target), str(op.to)) == ("s. 5(3)", "4")
    (op,) = operations_from_text("The existing text of section 6 becomes subsection (1) of that "
                                 "section.", "Test Act 2020 (c. 1)", a)
    assert isinstance(op, TextBecomesChild) and (str(op.target), str(op.num)) == ("s. 6", "1")
    done = _apply("In section 6— (a) the existing text becomes subsection (1); (b) after "
                  "subsection (1) insert— “(2) More words.”", a)
    assert done.node_at((1,)) == section("6", sub("1", "The words."), sub("2", "More words."),
                                         heading="Six")
    with pytest.raises(BatchError, match="already exists"):
        _apply("In section 5, subsection (3) becomes subsection (1).", a)


def test_words_that_become_a_numbered_provision_compile_to_text_becomes_child() -> None:
    from lawdiff.operations import TextBecomesChild

    a = act(section("47", sub("1", "The body may act if doing so would be incidental to it.")))
    text = ("In section 47(1)— (a) the words from “doing so would be incidental” to the end "
            "become paragraph (a); (b) after paragraph (a) insert— “(b) it is necessary.”")
    (op, _) = operations_from_text(text, "Test Act 2020 (c. 1)", a)
    assert isinstance(op, TextBecomesChild) and op.words == Words(
        "doing so would be incidental", to_end=True)
    done = _apply(text, a)
    assert done.node_at((0,)) == section("47", Provision(
        Kind.SUBSECTION, num("1"), text="The body may act if",
        children=(para("a", "doing so would be incidental to it."),
                  para("b", "it is necessary."))))
    # words with more text after them cannot become a provision: the batch fails whole
    with pytest.raises(BatchError, match=r"are followed in s\. 47"):
        _apply("In section 47(1), the words “The body” become paragraph (a).", a)


def test_the_words_after_or_before_given_words_compile_with_those_words_left_out() -> None:
    a = act(section("20", sub("1", "The capital is raised in shares of one pound for each."),
                    sub("2", "If the body is satisfied that it is fit, it may act.")))
    done = _apply("In section 20— (a) in subsection (1), omit the words after “one pound”; "
                  "(b) in subsection (2), the words after “satisfied” become paragraph (a).", a)
    assert done.node_at((0,)) == section("20", sub(
        "1", "The capital is raised in shares of one pound."), Provision(
        Kind.SUBSECTION, num("2"), text="If the body is satisfied",
        children=(para("a", "that it is fit, it may act."),)))
    done = _apply("In section 20(1), for the words before “shares” substitute “Capital is in”.",
                  a)
    assert done.node_at((0, 0)) == sub("1", "Capital is in shares of one pound for each.")


def test_an_entry_named_by_how_it_begins_must_be_the_only_one() -> None:
    from lawdiff.model import Row, Table

    table = Table((Row(("A district council.", "x")), Row(("A district councillor.", "y"))))
    a = act(Provision(Kind.SCHEDULE, num("2"), children=(table,)))
    done = _apply("In Schedule 2, in the entry beginning “A district council”, for “x” "
                  "substitute “z”.", a)
    assert done.node_at((0, 0)).rows[0].cells == ("A district council.", "z")  # type: ignore[union-attr]
    with pytest.raises(BatchError, match="2 entries begin with"):
        _apply("In Schedule 2, in the entry beginning “A district”, for “x” substitute “z”.", a)


def test_words_at_the_end_of_a_provision_must_end_it() -> None:
    a = act(section("5", sub("1", "The list—", para("a", "the first and the second; and"),
                             para("b", "the third."))))
    done = _apply("In section 5(1), at the end of paragraph (a) omit “and”.", a)
    assert resolve(done, Address.parse("s. 5(1)(a)")).node == para("a", "the first and the "
                                                                        "second;")
    with pytest.raises(InvalidAmendment, match="needs the amended Act"):
        operations_from_text("In section 5(1), omit “and” at the end of paragraph (a).",
                             "Test Act 2020 (c. 1)")
    with pytest.raises(InvalidAmendment, match="does not stand at the end"):
        operations_from_text("In section 5(1), at the end of paragraph (b) omit “the”.",
                             "Test Act 2020 (c. 1)", a)


def test_provisions_inserted_beside_a_regulation_article_or_rule_are_of_that_kind() -> None:
    from lawdiff.model import Kind
    from lawdiff.operations import InsertProvision, SubstituteProvision

    cite = "Test Regulations 2020 (S.I. 2020/1), reg. 2"
    (op,) = operations_from_text("After regulation 4 insert— “4A Heading (1) Text.”", cite)
    assert isinstance(op, InsertProvision) and op.provisions[0].kind is Kind.REGULATION
    assert op.provisions[0].children[0].kind is Kind.NUMBERED_PARAGRAPH  # type: ignore[union-attr]
    (op,) = operations_from_text("For article 3 substitute— “3 Heading (1) New.”", cite)
    assert isinstance(op, SubstituteProvision) and op.provisions[0].kind is Kind.ARTICLE
    (op,) = operations_from_text("After section 4 insert— “4A Heading (1) Text.”", cite)
    assert isinstance(op, InsertProvision) and op.provisions[0].kind is Kind.SECTION


@pytest.mark.parametrize("text", [
    "In section 2, after “X” omit “Y”.",
    "In section 2, before the words “X”, for “Y” substitute “Z”.",
])
def test_words_placed_by_other_words_are_not_compiled(text: str) -> None:
    # The parser reads the locating words as the op's anchor; the core has no place for
    # them on an omission or substitution, so dropping them would be a guess.
    with pytest.raises(InvalidAmendment, match=r"placed (after|before) other words"):
        operations_from_text(text, "Test Act 2024, s. 1")
