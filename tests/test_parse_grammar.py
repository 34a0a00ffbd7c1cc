"""Unit tests of the instruction grammar (lawdiff.parse)."""

from __future__ import annotations

import io
import json
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from parse_strategies import Drawn, instructions

from lawdiff.errors import InstructionParseError
from lawdiff.parse import (
    ParsedOp,
    QuotedProvision,
    parse,
    parse_instruction_line,
    parse_jsonl_line,
    run_jsonl,
)

PARA_2 = """2 (1) The Local Authority Social Services Act 1970 is amended as follows.
(2) In section 6 (director of social services)—
(a) before subsection (1) insert—
“(A1) A local authority in England shall appoint an officer, to be known as the director of \
adult social services, for the purposes of their social services functions, other than those \
for which the authority’s director of children’s services is responsible under section 18 of \
the Children Act 2004.”;
(b) in subsection (1), after “local authority” insert “in Wales”;
(c) in subsection (2), after “director of”, in both places, insert “adult social services or \
(as the case may be)”;
(d) in subsection (6), for “a director of social services” substitute “a person under this \
section”.
(3) In Schedule 1, in the entry for “Sections 6 and 7B of this Act”, after the words \
“Appointment of” insert “director of adult social services or”."""

PARA_3 = """3 In section 2 of the Local Government and Housing Act 1989 (politically restricted \
posts), in subsection (6)—
(a) after “means—” insert—
“(za) the director of children’s services appointed under section 18 of the Children Act 2004 \
and the director of adult social services appointed under section 6(A1) of the Local Authority \
Social Services Act 1970 (in the case of a local authority in England);”;
(b) in paragraph (a), at the end insert “(in the case of a local authority in Wales)”;
(c) in paragraph (c) after “director of social services” insert “(in the case of a local \
authority in Wales)”."""

A1_TEXT = ("A local authority in England shall appoint an officer, to be known as the director "
           "of adult social services, for the purposes of their social services functions, other "
           "than those for which the authority’s director of children’s services is responsible "
           "under section 18 of the Children Act 2004.")
ZA_TEXT = ("the director of children’s services appointed under section 18 of the Children Act "
           "2004 and the director of adult social services appointed under section 6(A1) of the "
           "Local Authority Social Services Act 1970 (in the case of a local authority in "
           "England);")


_PLACES = {"first": [1], "second": [2], "third": [3], "last": "last"}


def op(action: str, **fields: Any) -> dict[str, Any]:
    """A machine-reading op (version 2) with the defaults filled in.  ``places`` follows
    from a version-1 ``occurrence`` that names places ("first" is [1], a list is itself);
    "all" must say whether it was "both" or "each"."""
    out: dict[str, Any] = {"action": action, "position": None, "anchor": None, "old": None,
                           "new": None, "occurrence": None, "target": None, "range": False,
                           "places": None, "range_end": None, "words_part": None,
                           "as_inserted_by": None, "act": None}
    occurrence = fields.get("occurrence")
    if "places" not in fields and occurrence is not None:
        assert occurrence != "all", "say places='both' or places='each'"
        out["places"] = occurrence if isinstance(occurrence, list) else _PLACES[occurrence]
    out.update(fields)
    return out


LASSA_ACT = "Local Authority Social Services Act 1970"
LGHA_ACT = "Local Government and Housing Act 1989"
PARA_2_OPS = [
    op("insert", position="before", new=f"(A1) {A1_TEXT}", target="subsection (1)",
       act=LASSA_ACT),
    op("insert", position="after", anchor="local authority", new="in Wales",
       target="subsection (1)", act=LASSA_ACT),
    op("insert", position="after", anchor="director of",
       new="adult social services or (as the case may be)", occurrence="all", places="both",
       target="subsection (2)", act=LASSA_ACT),
    op("substitute", old="a director of social services", new="a person under this section",
       target="subsection (6)", act=LASSA_ACT),
    op("insert", position="after", anchor="Appointment of",
       new="director of adult social services or",
       target="the entry for “Sections 6 and 7B of this Act”", act=LASSA_ACT),
]
PARA_3_OPS = [
    op("insert", position="after", anchor="means—", new=f"(za) {ZA_TEXT}",
       target="subsection (6)", act=LGHA_ACT),
    op("insert", position="at_end", new="(in the case of a local authority in Wales)",
       target="paragraph (a)", act=LGHA_ACT),
    op("insert", position="after", anchor="director of social services",
       new="(in the case of a local authority in Wales)", target="paragraph (c)", act=LGHA_ACT),
]


def machine(text: str) -> list[dict[str, Any]]:
    return [o.to_json() for o in parse(text)]


def one(text: str) -> dict[str, Any]:
    ops = machine(text)
    assert len(ops) == 1, ops
    return ops[0]


def straight(text: str) -> str:
    return text.replace("“", '"').replace("”", '"')


# --- the Children Act 2004, Sch. 2 paras. 2 and 3 --------------------------------------------

def test_children_act_para_2_machine_form() -> None:
    assert machine(PARA_2) == PARA_2_OPS


def test_children_act_para_3_machine_form() -> None:
    assert machine(PARA_3) == PARA_3_OPS


def test_children_act_para_2_richer_fields() -> None:
    ops = parse(PARA_2)
    assert [o.address for o in ops] == [
        "s. 6(1)", "s. 6(1)", "s. 6(2)", "s. 6(6)",
        "Sch. 1 entry for “Sections 6 and 7B of this Act”"]
    assert [o.label for o in ops] == [("2", "2", "a"), ("2", "2", "b"), ("2", "2", "c"),
                                      ("2", "2", "d"), ("2", "3")]
    assert {o.act for o in ops} == {"Local Authority Social Services Act 1970"}
    assert [o.occurrence_rule for o in ops] == ["only", "only", "both", "only", "only"]
    assert [o.structural for o in ops] == [True, False, False, False, False]
    assert ops[0].provisions == (QuotedProvision("A1", None, A1_TEXT),)
    assert ops[0].omit_how is None
    b = ops[1]
    assert b.text == "(b) in subsection (1), after “local authority” insert “in Wales”;"
    assert PARA_2[b.span[0]:b.span[1]] == b.text
    assert ops[4].text.startswith("(3) In Schedule 1") and ops[4].text.endswith("or”.")


def test_children_act_para_3_richer_fields() -> None:
    ops = parse(PARA_3)
    assert [o.address for o in ops] == ["s. 2(6)", "s. 2(6)(a)", "s. 2(6)(c)"]
    assert [o.label for o in ops] == [("3", "a"), ("3", "b"), ("3", "c")]
    assert {o.act for o in ops} == {"Local Government and Housing Act 1989"}
    assert ops[0].structural and ops[0].provisions == (QuotedProvision("za", None, ZA_TEXT),)
    assert [o.position for o in ops] == ["after", "at_end", "after"]
    assert ops[0].text.startswith("(a) after “means—” insert—")


@pytest.mark.parametrize("variant", [
    lambda t: " ".join(t.split()),
    straight,
    lambda t: t.replace("insert—", "insert–").replace(")—", ")–"),
    lambda t: t.replace("insert—", "insert-").replace(")—", ")-"),
    lambda t: t.replace(" ", "\n").replace("—\n", "—"),
    lambda t: straight(" ".join(t.replace("insert—", "insert –").split())),
], ids=["one-line", "straight-quotes", "en-dash", "hyphen", "line-breaks", "mixed"])
def test_children_act_variants_give_the_same_ops(variant: Any) -> None:
    assert machine(variant(PARA_2)) == PARA_2_OPS
    assert machine(variant(PARA_3)) == PARA_3_OPS


def test_line_breaks_anywhere_white_space_is() -> None:
    text = "in subsection\n(1),\nafter “local\nauthority”\ninsert\n“in\nWales”"
    assert one(text) == {**PARA_2_OPS[1], "act": None}


def test_a_single_item_keeps_its_number_as_label() -> None:
    ops = parse("(b) in subsection (1), after “local authority” insert “in Wales”;")
    assert ops[0].label == ("b",) and ops[0].to_json() == {**PARA_2_OPS[1], "act": None}
    assert parse("in subsection (1), after “x” insert “y”")[0].label == ()


# --- idioms ----------------------------------------------------------------------------------

IDIOMS: list[tuple[str, dict[str, Any]]] = [
    ("after “X” insert “Y”", op("insert", position="after", anchor="X", new="Y")),
    ("before “X” insert “Y”", op("insert", position="before", anchor="X", new="Y")),
    ("at the end insert “Y”", op("insert", position="at_end", new="Y")),
    ("at the beginning insert “Y”", op("insert", position="at_beginning", new="Y")),
    ("at the appropriate place insert “Y”", op("insert", new="Y")),
    ("at the end of subsection (2) insert “Y”",
     op("insert", position="at_end", new="Y", target="subsection (2)")),
    ("for “X” substitute “Y”", op("substitute", old="X", new="Y")),
    ("for the words from “A” to “B” substitute “Z”",
     op("substitute", old="A … B", new="Z", range=True)),
    ("for the words from “A” to the end substitute “Z”",
     op("substitute", old="A …", new="Z", range=True)),
    ("for the words from “A” onwards there shall be substituted the words “Z”",
     op("substitute", old="A …", new="Z", range=True)),
    ("omit “X”", op("omit", old="X")),
    ("omit the words “X”", op("omit", old="X")),
    ("omit the word “X”", op("omit", old="X")),
    ("omit the words from “A” to “B”", op("omit", old="A … B", range=True)),
    ("omit subsection (3)", op("omit", target="subsection (3)")),
    ("omit sections 5 to 7", op("omit", target="sections 5 to 7")),
    ("for the words “X” there shall be substituted the words “Y”",
     op("substitute", old="X", new="Y")),
    ("for “X” there is substituted “Y”", op("substitute", old="X", new="Y")),
    ("the words “X” shall be omitted", op("omit", old="X")),
    ("the words “X” shall cease to have effect", op("omit", old="X")),
    ("after the word “X” there shall be inserted the words “Y”",
     op("insert", position="after", anchor="X", new="Y")),
    ("at the end there shall be added the words “Y”", op("insert", position="at_end", new="Y")),
    ("subsection (3) shall cease to have effect", op("omit", target="subsection (3)")),
    ("section 5 shall be repealed", op("omit", target="section 5")),
    ("Section 45(1) is repealed.", op("omit", target="Section 45(1)")),
    ("The words “Y” shall be substituted for the words “X”", op("substitute", old="X", new="Y")),
    ("Paragraph 4 of the Schedule to the principal Measure is hereby amended by substituting for "
     "the words “X” the words “Y”.",
     op("substitute", old="X", new="Y", target="Paragraph 4 of the Schedule",
        act="principal Measure")),
    ("after “X”, in both places, insert “Y”",
     op("insert", position="after", anchor="X", new="Y", occurrence="all", places="both")),
    ("for “X”, in each place, substitute “Y”", op("substitute", old="X", new="Y",
                                                  occurrence="all", places="each")),
    ("for “X”, in each place it occurs, substitute “Y”",
     op("substitute", old="X", new="Y", occurrence="all", places="each")),
    ("for “X” wherever occurring substitute “Y”",
     op("substitute", old="X", new="Y", occurrence="all", places="each")),
    ("for “X” (wherever it occurs) substitute “Y”",
     op("substitute", old="X", new="Y", occurrence="all", places="each")),
    ("omit “X”, in each place where it occurs",
     op("omit", old="X", occurrence="all", places="each")),
    ("after “X”, where it first occurs, insert “Y”",
     op("insert", position="after", anchor="X", new="Y", occurrence="first")),
    ("after “X” in the first place insert “Y”",
     op("insert", position="after", anchor="X", new="Y", occurrence="first")),
    ("for “X”, in the second place it occurs, substitute “Y”",
     op("substitute", old="X", new="Y", occurrence="second")),
    ("before “X” in the third place where it occurs there is inserted “Y”",
     op("insert", position="before", anchor="X", new="Y", occurrence="third")),
    ("for “X”, in the first and third places, substitute “Y”",
     op("substitute", old="X", new="Y", occurrence=[1, 3])),
    ("for “X” (in the fourth place where it occurs) substitute “Y”",
     op("substitute", old="X", new="Y", occurrence=[4])),
    ("for the words “X” where they first appear, there shall be substituted the words “Y”",
     op("substitute", old="X", new="Y", occurrence="first")),
    ("In section 6 (director of social services), in subsection (1), after “X” insert “Y”",
     op("insert", position="after", anchor="X", new="Y", target="subsection (1)")),
    ("In section 12(3) of the Finance Act 1990, for “X” substitute “Y”",
     op("substitute", old="X", new="Y", target="section 12(3)", act="Finance Act 1990")),
    ("In paragraph 4(2)(b) of Schedule 1 to the Finance Act 1990, omit “X”.",
     op("omit", old="X", target="paragraph 4(2)(b) of Schedule 1", act="Finance Act 1990")),
    ("In Schedule 1, in the entry for “A”, omit “X”",
     op("omit", old="X", target="the entry for “A”")),
    ("in the definition of “relevant body”, omit “X”",
     op("omit", old="X", target="the definition of “relevant body”")),
    ("omit the definition of “relevant body”", op("omit", target="the definition of “relevant body”")),
    ("after paragraph (b) insert “; or”",
     op("insert", position="after", new="; or", target="paragraph (b)")),
    # The last occurrence (invented examples).
    ("for “X” where it last occurs substitute “Y”",
     op("substitute", old="X", new="Y", occurrence="last")),
    ("omit “X”, in the last place where it occurs", op("omit", old="X", occurrence="last")),
    ("after the words “X”, where they last occur, insert “Y”",
     op("insert", position="after", anchor="X", new="Y", occurrence="last")),
    ("for “X” (where it occurs for the last time) substitute “Y”",
     op("substitute", old="X", new="Y", occurrence="last")),
    ("for the words “X” in the last place where they appear there shall be substituted the "
     "words “Y”", op("substitute", old="X", new="Y", occurrence="last")),
    # The verb-first old form (invented examples).
    ("There shall be inserted after section 5 of that Act the following section— "
     "“5A Heading (1) Text.”",
     op("insert", position="after", new="5A Heading (1) Text.", target="section 5",
        act="that Act")),
    ("There shall be substituted for subsection (2) the following subsection— “(2) New.”",
     op("substitute", new="(2) New.", target="subsection (2)")),
    ("There shall be inserted at the end of subsection (3) the words “or otherwise”.",
     op("insert", position="at_end", new="or otherwise", target="subsection (3)")),
    ("There shall be added at the end of section 5 the following subsection— “(6) New.”",
     op("insert", position="at_end", new="(6) New.", target="section 5")),
    ("There is inserted before paragraph (a)— “(za) new;”",
     op("insert", position="before", new="(za) new;", target="paragraph (a)")),
    ("There shall be inserted after the word “X” the words “Y”",
     op("insert", position="after", anchor="X", new="Y")),
    ("There shall be substituted for the words “X”, in each place where they occur, the words "
     "“Y”", op("substitute", old="X", new="Y", occurrence="all", places="each")),
    ("There shall be substituted for the words from “A” to the end the words “Z”",
     op("substitute", old="A …", new="Z", range=True)),
    ("In section 2(1) there shall be inserted in the appropriate place the following "
     "definition— ““a” means b;”", op("insert", new="“a” means b;", target="section 2(1)")),
]


@pytest.mark.parametrize(("text", "expected"), IDIOMS, ids=[t[:50] for t, _ in IDIOMS])
def test_idiom(text: str, expected: dict[str, Any]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(("text", "expected"), IDIOMS[:12], ids=[t[:50] for t, _ in IDIOMS[:12]])
def test_idiom_with_straight_quotes(text: str, expected: dict[str, Any]) -> None:
    assert one(straight(text)) == expected


def test_omit_provision_and_the_word_before_it() -> None:
    assert machine("omit paragraph (c) and the word “and” before it") == [
        op("omit", target="paragraph (c)"),
        op("omit", old="and", position="before", target="paragraph (c)"),
    ]
    ops = parse("sub-paragraph (c) and the word “and” immediately preceding it are repealed,")
    assert [o.omit_how for o in ops] == ["repealed", "repealed"]
    assert [o.position for o in ops] == [None, "before"]


def test_omit_word_at_end_of_a_provision() -> None:
    assert one("omit “and” at the end of sub-paragraph (1)(a)") == op(
        "omit", old="and", position="at_end", target="sub-paragraph (1)(a)")


def test_several_changes_in_one_item() -> None:
    assert machine("in paragraph 1(a) of Schedule 3, for “£59.00” substitute “£60.00”, "
                   "for “£53.00” substitute “£58.00” and for “£10.00” substitute “£11.50”;") == [
        op("substitute", old=o, new=n, target="paragraph 1(a) of Schedule 3")
        for o, n in (("£59.00", "£60.00"), ("£53.00", "£58.00"), ("£10.00", "£11.50"))]


def test_a_shared_substitution() -> None:
    text = ("In subsections (6) and (8) for the words “A”, and in subsection (7) for the words "
            "“B”, there shall be substituted the words “C”.")
    assert machine(text) == [op("substitute", old="A", new="C", target="subsections (6) and (8)"),
                             op("substitute", old="B", new="C", target="subsection (7)")]


def test_that_paragraph_refers_back() -> None:
    text = ("In regulation 9— (a) after “4(1)” in paragraph (a) there shall be inserted “,5A(1)”, "
            "and (b) before “7(1)” in that paragraph there shall be inserted “6A and”.")
    ops = parse(text)
    assert [o.target for o in ops] == ["paragraph (a)", "paragraph (a)"]
    assert [o.address for o in ops] == ["reg. 9(a)", "reg. 9(a)"]


def test_omit_richer_fields() -> None:
    a, = parse("In section 5, omit subsection (3).")
    assert (a.structural, a.provisions, a.omit_how, a.address) == (True, (), "omitted", "s. 5(3)")
    b, = parse("In section 5, subsection (3) shall cease to have effect.")
    assert (b.structural, b.omit_how, b.address) == (True, "repealed", "s. 5(3)")
    c, = parse("In section 5, the words “X” shall cease to have effect.")
    assert (c.structural, c.omit_how, c.old) == (False, "repealed", "X")


def test_range_richer_fields() -> None:
    a, = parse("for the words from “A” to “B” substitute “Z”")
    assert (a.words_from, a.words_to, a.old, a.range) == ("A", "B", "A … B", True)
    b, = parse("omit the words from “A” to the end")
    assert (b.words_from, b.words_to, b.old) == ("A", None, "A …")


def test_occurrence_rules() -> None:
    def rule(text: str) -> tuple[str, tuple[int, ...]]:
        o = parse(text)[0]
        return o.occurrence_rule, o.occurrence_indices

    assert rule("omit “X”") == ("only", ())
    assert rule("omit “X”, in both places") == ("both", ())
    assert rule("omit “X”, in each place") == ("each", ())
    assert rule("omit “X” wherever occurring") == ("each", ())
    assert rule("omit “X”, where it first occurs") == ("nth", (1,))
    assert rule("omit “X”, in the first and third places") == ("nth", (1, 3))


def test_addresses() -> None:
    def address(text: str) -> str | None:
        return parse(text)[0].address

    assert address("In section 6, omit subsection (1)") == "s. 6(1)"
    assert address("In section 2(6)(a), omit “X”") == "s. 2(6)(a)"
    assert address("In section 6, omit “X”") == "s. 6"
    assert address("In Schedule 1, omit “X”") == "Sch. 1"
    assert address("In paragraph 4(2)(b) of Schedule 1, omit “X”") == "Sch. 1 para. 4(2)(b)"
    assert address("In Schedule 1, in paragraph 4, in sub-paragraph (2)(b), omit “X”") == \
        "Sch. 1 para. 4(2)(b)"
    assert address("In Part 2, omit “X”") == "Pt. 2"
    assert address("In Schedule 1, in the entry for \"X\", omit “Y”") == "Sch. 1 entry for “X”"
    assert address("In regulation 4, in paragraph (2), omit “X”") == "reg. 4(2)"
    assert address("In section 28(3) and (4), omit “X”") == "s. 28(3) and s. 28(4)"
    assert address("omit “X”") is None


def test_act_is_carried_in_context() -> None:
    ops = parse("In the Children Act 1989— (a) in section 5, omit “X”; (b) in section 6, omit “Y”.")
    assert [(o.act, o.address, o.label) for o in ops] == [
        ("Children Act 1989", "s. 5", ("a",)), ("Children Act 1989", "s. 6", ("b",))]
    lead = parse("(1) Section 6 of the X Act 1990 is amended as follows. (2) Omit subsection (3).")
    assert [(o.act, o.address, o.target) for o in lead] == [
        ("X Act 1990", "s. 6(3)", "subsection (3)")]


def test_item_with_no_reference_takes_its_context_target() -> None:
    ops = parse("In section 6— (a) after “X” insert “Y”; (b) in subsection (2), omit “Z”.")
    assert [o.target for o in ops] == ["section 6", "subsection (2)"]


def test_nested_items_and_labels() -> None:
    text = ("In paragraph 4— (a) in sub-paragraph (1)— (i) for “Four” there shall be substituted "
            "“One”; and (ii) the words “local authority” shall be omitted; and (b) sub-paragraph "
            "(2) shall be omitted.")
    ops = parse(text)
    assert [o.label for o in ops] == [("a", "i"), ("a", "ii"), ("b",)]
    assert [o.target for o in ops] == ["sub-paragraph (1)", "sub-paragraph (1)",
                                       "sub-paragraph (2)"]


def test_older_and_passive_forms() -> None:
    assert one("In section 28, in subsection (1), the word “and” at the end of paragraph (a) "
               "is omitted.") == op("omit", old="and", position="at_end", target="paragraph (a)")
    assert one("After subsection (1) of section 30 there shall be inserted the following "
               "subsection— “(1A) X.”") == op("insert", position="after", new="(1A) X.",
                                             target="subsection (1) of section 30")
    assert one("In subsection (1), in the appropriate place insert— ““X” means Y;”") == op(
        "insert", new="“X” means Y;", target="subsection (1)")
    assert parse("2.—(1) The Act of 1990 shall be amended as follows.") == ()
    assert machine("In section 31 for the words “A” there shall be substituted the words “B”, "
                   "and for the words “C” there shall be substituted the words “D”.") == [
        op("substitute", old="A", new="B", target="section 31"),
        op("substitute", old="C", new="D", target="section 31")]


def test_substituted_words_in_the_following_enactments() -> None:
    text = ("The words “Y” shall be substituted for the words “X” in each place where they "
            "occur in the following enactments— (a) the A Act 1926, section 9; (b) the B Act "
            "1956, section 4(1) and (2); and (c) the C Act 1960, Schedule 1, paragraph 1(1)(b).")
    o, = parse(text)
    assert o.to_json() == op("substitute", old="X", new="Y", occurrence="all", places="each")
    assert (o.address, o.act, o.text) == (None, None, text[:-1] + ".")


def test_heading_and_title_locators() -> None:
    assert one("In the heading of section 5, for “X” substitute “Y”")["target"] == \
        "the heading of section 5"
    assert one("In the italic heading before section 20, omit “X”")["target"] == \
        "the italic heading before section 20"
    assert one("In Schedule 3, under the heading “Health”, omit “X”")["target"] == "Schedule 3"


def test_entries_and_notes_named_without_quotes() -> None:
    o, = parse("In Part 6 of Schedule 1, after the entry for the Children's Commissioner for "
               "Wales insert— “The Citizen Voice Body.”")
    assert o.target == "the entry for the Children's Commissioner for Wales"
    assert o.address == "Sch. 1 Pt. 6 entry for “the Children's Commissioner for Wales”"
    assert not o.structural and o.new == "The Citizen Voice Body."


# --- quoted structures -----------------------------------------------------------------------

def test_inserted_part_with_sections() -> None:
    o, = parse("In the Wales Act 2006, before Part 1 (the Assembly) insert— “Part A1 Permanence "
               "A1 Permanence of the Assembly (1) The Assembly is permanent. (2) It stays. "
               "A2 Welsh law (1) There is Welsh law.”")
    assert o.provisions == (QuotedProvision("A1", "Permanence", None, (
        QuotedProvision("A1", "Permanence of the Assembly", None, (
            QuotedProvision("1", None, "The Assembly is permanent."),
            QuotedProvision("2", None, "It stays."))),
        QuotedProvision("A2", "Welsh law", None, (
            QuotedProvision("1", None, "There is Welsh law."),)))),)
    assert (o.target, o.address, o.act) == ("Part 1", "Pt. 1", "Wales Act 2006")


def test_nested_quotes_inside_a_structure() -> None:
    for text in ("after subsection (4) insert— “(5) In this section “the relevant provisions” "
                 "means— (a) sections 1 to 3, and (b) section 5.”",
                 straight("after subsection (4) insert— “(5) In this section “the relevant "
                          "provisions” means— (a) sections 1 to 3, and (b) section 5.”")):
        o, = parse(text)
        assert o.provisions[0].text in (
            "In this section “the relevant provisions” means—",
            'In this section "the relevant provisions" means—')
        assert [c.num for c in o.provisions[0].children] == ["a", "b"]



def test_several_quoted_provisions_are_joined() -> None:
    for text in ("after subsection (2) insert— “(2A) First. (2B) Second.”",
                 "after subsection (2) insert— “(2A) First.” “(2B) Second.”"):
        o = parse(text)[0]
        assert o.to_json() == op("insert", position="after", new="(2A) First. (2B) Second.",
                                 target="subsection (2)")
        assert o.provisions == (QuotedProvision("2A", None, "First."),
                                QuotedProvision("2B", None, "Second."))


def test_substituted_provision_with_children() -> None:
    o = parse("for subsection (2) substitute— “(2) The new text— (a) one; (b) two, and (c) "
              "three.”")[0]
    assert o.new == "(2) The new text— (a) one; (b) two, and (c) three."
    assert o.provisions == (QuotedProvision("2", None, "The new text—", (
        QuotedProvision("a", None, "one;"), QuotedProvision("b", None, "two, and"),
        QuotedProvision("c", None, "three."))),)


def test_inserted_section_with_heading() -> None:
    o = parse("after section 6 insert— “6A Directors of adult services (1) A local authority "
              "must appoint one. (2) Subsection (1) does not apply in Wales.”")[0]
    assert o.provisions == (QuotedProvision("6A", "Directors of adult services", None, (
        QuotedProvision("1", None, "A local authority must appoint one."),
        QuotedProvision("2", None, "Subsection (1) does not apply in Wales."))),)
    assert o.target == "section 6" and o.position == "after" and o.structural


def test_inserted_section_without_subsections() -> None:
    o = parse("after section 6 insert— “6A Heading\nThe text.”")[0]
    assert o.provisions == (QuotedProvision("6A", "Heading", "The text."),)
    o = parse("after section 6 insert— “6A Heading. The text.”")[0]
    assert o.provisions == (QuotedProvision("6A", "Heading", "The text."),)


def test_inserted_schedule_paragraph() -> None:
    o = parse("In Schedule 2, after paragraph 3 insert— “3A(1) One. (2) Two.”")[0]
    assert o.provisions == (QuotedProvision("3A", None, None, (
        QuotedProvision("1", None, "One."), QuotedProvision("2", None, "Two."))),)
    assert o.address == "Sch. 2 para. 3"


def test_inserted_definition_is_words_not_structure() -> None:
    o = parse("at the appropriate place insert— ““relevant body” means a body;”")[0]
    assert o.new == "“relevant body” means a body;"
    assert not o.structural and o.provisions == ()


def test_words_block_insertion_of_a_paragraph_is_structural() -> None:
    o = parse("in subsection (6), after “means—” insert— “(za) a thing;”")[0]
    assert o.structural and o.provisions == (QuotedProvision("za", None, "a thing;"),)
    assert o.anchor == "means—" and o.address == "(6)"


# --- errors ----------------------------------------------------------------------------------

ERRORS = [
    ("Section 5 shall have effect as if for “X” there were substituted “Y”.",
     "Section 5 shall have effect as if for “X” there were substituted “Y”"),
    ("The X Act 1990 is amended in accordance with Schedule 3.",
     "The X Act 1990 is amended in accordance with Schedule 3"),
    ("In section 5, after “X” insert “Y” and make it so.", "make it so"),
    ("In section 5, for “X” substitute “Y", "“Y"),
    # "last" is one rule; combined with other places no rule says which matches.
    ("for “X”, in the first and last places, substitute “Y”", "in the first and last places"),
    ("In section 2— (a) omit “X”; (b) the X Act applies with modifications.",
     "the X Act applies with modifications"),
    ("Schedule 1 has effect subject to the following modifications— (a) omit “X”.",
     "Schedule 1 has effect subject to the following modifications"),
    ("In section 5, the following modifications apply— (a) omit “X”.",
     "the following modifications apply"),
    ("The words “A” shall be substituted for the words “B” in each place where they occur in "
     "the following enactments— (a) the X Act 1926, section 9 and more; (b) the Y Act 1990.",
     "and more"),
    ("after section 6 insert— “6A Heading and then the text on one line”",
     "6A Heading and then the text on one line"),
    ("omit “X” ” and more", "”"),
]


@pytest.mark.parametrize(("text", "unparsed"), ERRORS, ids=[u[:40] for _, u in ERRORS])
def test_errors_name_the_exact_span(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    err = info.value
    assert err.text == text
    assert err.unparsed == unparsed
    assert text[err.span[0]:err.span[1]] == unparsed


def test_a_lead_in_alone_is_context() -> None:
    assert parse("The Local Authority Social Services Act 1970 is amended as follows.") == ()
    result = parse_instruction_line("The X Act 1970 is amended as follows.")
    assert "error" in result and result["unparsed"] == "The X Act 1970 is amended as follows."


def test_parse_instruction_line_reports_errors_without_raising() -> None:
    assert parse_instruction_line("omit “X”") == {"ops": [op("omit", old="X")]}
    assert parse_instruction_line("   ") == {"ops": []}
    bad = parse_instruction_line("Section 5 applies with modifications.")
    assert set(bad) == {"error", "unparsed"}
    assert bad["unparsed"] == "Section 5 applies with modifications"


def test_run_jsonl() -> None:
    src = io.StringIO("omit “X”\n\nnonsense here\nafter “a” insert “b”\n")
    out = io.StringIO()
    assert run_jsonl(src, out) == 1
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 4
    assert lines[0] == {"ops": [op("omit", old="X")]}
    assert lines[1] == {"ops": []}
    assert "error" in lines[2]
    assert lines[3]["ops"][0]["anchor"] == "a"
    assert "“" not in out.getvalue() or "\\u" not in out.getvalue()
    ok = io.StringIO()
    assert run_jsonl(io.StringIO("omit “é”\n"), ok) == 0
    assert "é" in ok.getvalue()


def test_parsed_op_is_frozen_and_serialises() -> None:
    o = parse("omit “X”, in both places")[0]
    assert isinstance(o, ParsedOp)
    with pytest.raises(AttributeError):
        o.action = "insert"  # type: ignore[misc]
    assert list(o.to_json()) == ["action", "position", "anchor", "old", "new", "occurrence",
                                 "target", "range", "places", "range_end", "words_part",
                                 "as_inserted_by", "act"]
    assert o.occurrence == "all"


# --- properties ------------------------------------------------------------------------------

@given(st.text(max_size=300))
def test_parse_instruction_line_never_raises(text: str) -> None:
    result = parse_instruction_line(text)
    assert ("ops" in result) != ("error" in result)


_PIECES = st.sampled_from(["in", "section", "(1)", "(a)", "“", "”", '"', "after", "insert—",
                           "for", "substitute", "omit", "and", ";", "—", "Schedule 1", ",",
                           "the words", "from", "to the end", "\n", "(2A) x", "6A Head"])


@given(st.lists(_PIECES, max_size=25))
def test_parse_instruction_line_never_raises_on_near_instructions(pieces: list[str]) -> None:
    result = parse_instruction_line(" ".join(pieces))
    assert ("ops" in result) != ("error" in result)


_WORD = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Co", "Cc"),
                                       blacklist_characters="“”\"\u2028\u2029\x85"),
                min_size=1, max_size=30).filter(lambda s: s.strip() != "")
# --- regressions: nothing read is dropped or widened -----------------------------------------

@pytest.mark.parametrize("text, range_end", [
    ("In section 4(1), for the words from “a” to the end of paragraph (b) substitute “y”",
     "s. 4(1)(b)"),
    ("In section 4(1), omit the words from “a” to the end of paragraph (b)", "s. 4(1)(b)"),
    ("In section 4(1)(b), omit the words from “a” to the end of the subsection", "s. 4(1)"),
    ("In section 4— (a) in subsection (2), omit “x”; (b) in subsection (3)(c), omit the words "
     "from “a” to the end of that subsection.", "s. 4(3)"),
])
def test_a_range_to_the_end_of_a_named_provision_names_where_it_ends(text: str,
                                                                     range_end: str) -> None:
    op = parse(text)[-1]
    assert (op.range, op.words_from, op.words_to, op.range_end_address) == (True, "a", None,
                                                                             range_end)
    # the machine interface has no field for it: "a …", as for "to the end"
    assert parse_instruction_line(text)["ops"][-1]["old"] == "a …"


@pytest.mark.parametrize("text, unparsed", [
    # a sentence, definition or entry is no provision a range can end with
    ("In section 4(1), omit the words from “a” to the end of the definition", "of the definition"),
    ("In section 4(1), omit the words from “a” to the end of the sentence", "of the sentence"),
    # nothing named for "the subsection" to be
    ("for the words from “A” to the end of the subsection substitute “Z”", "the subsection"),
    # "paragraphs (a) and (b)" is not one provision
    ("In section 4(1), omit the words from “a” to the end of paragraphs (a) and (b)",
     "of paragraphs (a) and (b)"),
])
def test_a_range_to_the_end_of_anything_else_is_an_error(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


@pytest.mark.parametrize(("text", "target", "address", "part", "beside"), [
    ("In section 2(5), in the words before paragraph (a), omit “x”",
     "the words before paragraph (a)", "s. 2(5)", "opening", "s. 2(5)(a)"),
    ("In section 2(5), in the words after paragraph (c), omit “x”",
     "the words after paragraph (c)", "s. 2(5)", "closing", "s. 2(5)(c)"),
    ("In section 2, in the opening words of subsection (5), omit “x”",
     "the opening words of subsection (5)", "s. 2(5)", "opening", None),
    ("In section 2(5), in the closing words, omit “x”",
     "the closing words", "s. 2(5)", "closing", None),
    ("In section 2— (a) in the opening words, omit “x”.",
     "the opening words", "s. 2", "opening", None),
])
def test_opening_and_closing_words_narrow_the_target(text: str, target: str, address: str,
                                                     part: str, beside: str | None) -> None:
    o, = parse(text)
    assert (o.target, o.address, o.words_part, o.beside) == (target, address, part, beside)


def test_words_before_a_provision_carry_down_to_sub_items() -> None:
    ops = parse("In paragraph (5)— (a) in the words before sub-paragraph (a)— (i) for “the” "
                "substitute “a”; (b) in sub-paragraph (c), omit “x”.")
    assert [(o.target, o.words_part) for o in ops] == [
        ("the words before sub-paragraph (a)", "opening"), ("sub-paragraph (c)", None)]


def test_no_provision_may_be_named_inside_opening_words() -> None:
    with pytest.raises(InstructionParseError) as info:
        parse("In section 2, in the opening words, in subsection (1), omit “x”")
    assert info.value.unparsed == "subsection (1)"


def test_that_paragraph_with_nothing_named_is_an_error() -> None:
    with pytest.raises(InstructionParseError) as info:
        parse("in that paragraph, omit “x”")
    assert info.value.unparsed == "that paragraph"


def test_the_verb_first_form_gives_the_same_ops_as_the_usual_old_form() -> None:
    pairs = [
        ("In section 5— (a) there shall be inserted after subsection (2) the following "
         "subsection— “(2A) New.”; (b) there shall be substituted for the words from “A” to "
         "the end the words “B”.",
         "In section 5— (a) after subsection (2) there shall be inserted the following "
         "subsection— “(2A) New.”; (b) for the words from “A” to the end there shall be "
         "substituted the words “B”."),
        ("There shall be inserted after section 5 of the X Act 1990 the following sections— "
         "“5A Head (1) Text. 5B Other (1) More.”",
         "After section 5 of the X Act 1990 there shall be inserted the following sections— "
         "“5A Head (1) Text. 5B Other (1) More.”"),
    ]
    for verb_first, usual in pairs:
        ours = [attrs.evolve(o, text="", span=(0, 0), lead_ins=(), number_end=0) for o in parse(verb_first)]
        theirs = [attrs.evolve(o, text="", span=(0, 0), lead_ins=(), number_end=0) for o in parse(usual)]
        assert ours == theirs
    o, = parse(pairs[1][0])
    assert o.structural and [q.num for q in o.provisions] == ["5A", "5B"]
    assert o.act == "X Act 1990" and o.text == pairs[1][0]


@pytest.mark.parametrize(("text", "unparsed"), [
    # The new words must be described ("the words") or set off by a dash.
    ("There shall be inserted after “X” “Y”.", "There shall be inserted after “X” “Y”"),
    ("There shall be substituted for “X” “Y”.", "There shall be substituted for “X” “Y”"),
    # A verb-first substitution does not wait for its words in a later clause.
    ("There shall be substituted for “X”, and in subsection (2) for “Z”, the words “Y”.",
     "There shall be substituted for “X”, and in subsection (2) for “Z”, the words “Y”"),
    # "inserted" takes a place, not "for".
    ("There shall be inserted for “X” the words “Y”.",
     "There shall be inserted for “X” the words “Y”"),
])
def test_the_verb_first_form_needs_its_words_described(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


@pytest.mark.parametrize(("text", "expected"), [
    ("In section 5, there shall be omitted the words “X”.",
     [op("omit", old="X", target="section 5")]),
    ("There shall be omitted from subsection (2) the words “X”.",
     [op("omit", old="X", target="subsection (2)")]),
    ("There is omitted from subsection (2) of section 7 of the X Act 1990 the word “and”.",
     [op("omit", old="and", target="subsection (2) of section 7", act="X Act 1990")]),
    ("There shall be omitted from section 5(2), the words “X” and “Z”.",
     [op("omit", old="X", target="section 5(2)"), op("omit", old="Z", target="section 5(2)")]),
    ("There shall be omitted from section 5 the words from “A” to “B”.",
     [op("omit", old="A … B", target="section 5", range=True)]),
    ("In section 5, there are repealed the words “X”, where they first occur.",
     [op("omit", old="X", target="section 5", occurrence="first")]),
    ("In section 5, there shall be omitted the word “X” (in both places).",
     [op("omit", old="X", target="section 5", occurrence="all", places="both")]),
])
def test_verb_first_omissions_of_words(text: str, expected: list[dict[str, Any]]) -> None:
    got = parse(text)
    assert [o.to_json() for o in got] == expected
    assert {o.omit_how for o in got} == {"repealed" if "repealed" in text else "omitted"}


@pytest.mark.parametrize("text", [
    # whole provisions, and a range with no words named, are not read in this form
    "There shall be omitted from section 5 subsection (2).",
    "There shall be repealed subsection (3).",
    "There shall be omitted from “A” to “B”.",
    # the verb-first form takes no "for" after "omitted"
    "There shall be omitted for “X” the words “Y”.",
])
def test_verb_first_omissions_of_other_things_are_refused(text: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == text.rstrip(".")


@pytest.mark.parametrize("text", [
    "In subsection (2), the words from “A” to “B” (inclusive) shall be omitted.",
    "In subsection (2), omit the words from “A” to “B” (both inclusive).",
    "In subsection (2), omit the words from “A” to “B” inclusive.",
    "In subsection (2), there shall be omitted the words from “A” to “B” (inclusive).",
])
def test_a_range_said_to_be_inclusive_is_the_same_range(text: str) -> None:
    assert one(text) == op("omit", old="A … B", target="subsection (2)", range=True)


def test_inclusive_ranges_keep_their_refusals() -> None:
    got = parse_instruction_line("In subsection (2), for the words from “A” to “B” (inclusive) "
                                 "substitute “Y”")
    assert got["ops"][0]["old"] == "A … B" and got["ops"][0]["new"] == "Y"
    # a qualifier after the last words is still refused
    got = parse_instruction_line("omit the words from “A” to “B” inclusive, where it first "
                                 "occurs")
    assert got["unparsed"] == "where it first occurs"
    # "to the end (inclusive)" says nothing a range to the end does not: not read
    got = parse_instruction_line("omit the words from “A” to the end (inclusive)")
    assert got["unparsed"] == "(inclusive)"


@pytest.mark.parametrize(("text", "target", "new"), [
    ("Subsection (2) is renumbered subsection (3).", "Subsection (2)", "subsection (3)"),
    ("In section 5, paragraph (b) shall be renumbered paragraph (c).", "paragraph (b)",
     "paragraph (c)"),
])
def test_renumbered_without_as(text: str, target: str, new: str) -> None:
    assert one(text) == op("renumber", target=target, new=new)
    assert "error" in parse_instruction_line("Subsection (2) is renumbered accordingly.")


@pytest.mark.parametrize("text", [
    "In section 5, for “X” on each occasion it occurs substitute “Y”.",
    "In section 5, for “X”, on every occasion that it appears, substitute “Y”.",
    "In section 5, for “X” every time it occurs substitute “Y”.",
    "In section 5, for “X” each time the word appears substitute “Y”.",
])
def test_each_occasion_and_every_time_are_each_place(text: str) -> None:
    assert one(text) == op("substitute", old="X", new="Y", target="section 5",
                           occurrence="all", places="each")


@pytest.mark.parametrize(("text", "active"), [
    ("After regulation 29 the following regulation shall be inserted— “29A (1) Text.”",
     "After regulation 29 insert the following regulation— “29A (1) Text.”"),
    ("In section 5, after subsection (2) the following subsection is inserted— “(2A) Text.”",
     "In section 5, after subsection (2) insert the following subsection— “(2A) Text.”"),
    ("In section 5, for subsection (2) the following subsection shall be substituted— "
     "“(2) Text.”", "In section 5, for subsection (2) substitute the following subsection— "
     "“(2) Text.”"),
    ("In section 5, for subsection (2) the following is substituted— “(2) Text.”",
     "In section 5, for subsection (2) substitute the following— “(2) Text.”"),
    ("In section 5, at the end the following subsection is added— “(3) Text.”",
     "In section 5, at the end add the following subsection— “(3) Text.”"),
    ("In section 5, after “X” the following words are inserted “Y”.",
     "In section 5, after “X” insert the following words “Y”."),
])
def test_the_new_text_described_before_a_passive_verb_after_the_place(text: str,
                                                                      active: str) -> None:
    got, = parse(text)
    want, = parse(active)
    assert attrs.evolve(got, text=want.text, span=want.span) == want


def test_the_new_text_described_twice_is_refused() -> None:
    got = parse_instruction_line("In section 5, after subsection (2) the following subsection "
                                 "is inserted the following subsection— “(2A) Text.”")
    assert "error" in got


def test_the_only_annex() -> None:
    # S.I. 2019/459, reg. 95 (the Annex of Commission Regulation (EC) No 2150/2005)
    assert one("In the Annex (list of elements required for the annual report on the "
               "application of the flexible use of airspace), in the fifth indent after "
               "“between” insert “the United Kingdom and”.") == op(
        "insert", position="after", anchor="between", new="the United Kingdom and",
        target="the fifth indent")
    assert one("In the Annex, in point 5, omit “Y”.") == op("omit", old="Y", target="point 5")
    assert one("In the Annex, omit “Y”.") == op("omit", old="Y", target="the Annex")


@pytest.mark.parametrize(("text", "expected"), [
    ("In section 5, for the figure “10” substitute “20”.",
     op("substitute", old="10", new="20", target="section 5")),
    ("In section 5, for the words and figures “section 5(1)” there shall be substituted the "
     "words and figures “section 6(1)”.",
     op("substitute", old="section 5(1)", new="section 6(1)", target="section 5")),
    ("In section 5, for the sum “£10” substitute the sum “£20”.",
     op("substitute", old="£10", new="£20", target="section 5")),
    ("In section 5, for the date “1st April 2020” substitute “1st April 2021”.",
     op("substitute", old="1st April 2020", new="1st April 2021", target="section 5")),
    ("In section 5, the figures “10” are omitted.", op("omit", old="10", target="section 5")),
    ("In section 5, after the letter “A” insert the letters “BC”.",
     op("insert", position="after", anchor="A", new="BC", target="section 5")),
])
def test_quoted_words_named_by_what_they_are(text: str, expected: dict[str, Any]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(("text", "position", "target"), [
    ("In section 5, at the end of the definition of “X” insert “Y”.", "at_end",
     "the definition of “X”"),
    ("In section 5, at the beginning of the definition of “X” insert “Y”.", "at_beginning",
     "the definition of “X”"),
    ("In Schedule 1, at the end of the entry for “X” insert “Y”.", "at_end",
     "the entry for “X”"),
])
def test_the_end_of_a_definition_or_entry(text: str, position: str, target: str) -> None:
    assert one(text) == op("insert", position=position, new="Y", target=target)


@pytest.mark.parametrize(("text", "usual"), [
    ("In section 5, substitute “Y” for “X”.", "In section 5, for “X” substitute “Y”."),
    ("In section 5, substitute the words “Y” for the words “X” wherever they occur.",
     "In section 5, for the words “X” wherever they occur substitute the words “Y”."),
    ("In section 5, substitute “Y” for the words from “A” to “B”.",
     "In section 5, for the words from “A” to “B” substitute “Y”."),
    ("In section 5, substitute the following for subsection (2)— “(2) Text.”",
     "In section 5, for subsection (2) substitute— “(2) Text.”"),
    ("In section 5, substitute the following subsection for subsection (2)— “(2) Text.”",
     "In section 5, for subsection (2) substitute the following subsection— “(2) Text.”"),
    ("In section 5, substitute for subsection (2)— “(2) Text.”",
     "In section 5, for subsection (2) substitute— “(2) Text.”"),
    ("In section 5, insert the following after subsection (2)— “(2A) Text.”",
     "In section 5, after subsection (2) insert the following— “(2A) Text.”"),
    ("In section 5, insert the following before subsection (2)— “(1A) Text.”",
     "In section 5, before subsection (2) insert the following— “(1A) Text.”"),
    ("In section 5, insert the following at the appropriate place— ““X” means Y;”.",
     "In section 5, at the appropriate place insert the following— ““X” means Y;”."),
])
def test_the_verb_first_then_the_new_text_then_the_place(text: str, usual: str) -> None:
    got = parse(text)
    want = parse(usual)
    assert [attrs.evolve(g, text=w.text, span=w.span) for g, w in zip(got, want, strict=True)] \
        == list(want)


@pytest.mark.parametrize("text", [
    # several old words, or quotations side by side, with one new text
    "In section 5, substitute “Y” for “X” and “Z”.",
    "In section 5, substitute “Y” “Z” for “X”.",
    # the place first needs its new text set off by a dash or described
    "In section 5, substitute for subsection (2) “(2) Text.”",
    "In section 5, substitute for “X” the words “Y”.",
])
def test_substitute_first_refusals(text: str) -> None:
    assert "error" in parse_instruction_line(text)


@pytest.mark.parametrize(("text", "word", "target"), [
    ("In section 5, paragraph (b) (and the word “and” immediately preceding it) is repealed.",
     "and", "paragraph (b)"),
    ("In section 5, omit paragraph (b) (and the “and” before it).", "and", "paragraph (b)"),
    ("In section 5, omit paragraphs (b) and (c) (and the word “or” immediately preceding "
     "them).", "or", "paragraphs (b) and (c)"),
])
def test_the_word_before_a_provision_omitted_in_brackets(text: str, word: str,
                                                         target: str) -> None:
    got = parse(text)
    assert [o.to_json() for o in got] == [
        op("omit", target=target), op("omit", position="before", old=word, target=target)]


@pytest.mark.parametrize(("text", "unparsed"), [
    # once dropped as a heading: the place is before the heading, not before paragraph 10
    ("In Schedule 17A, before paragraph 10 (and the heading before it) insert— “9B Text.”",
     "before paragraph 10 (and the heading before it) insert— “9B Text.”"),
    ("In section 5, omit paragraph (b) (and section 6).", "(and section 6)"),
    ("In section 5, omit paragraph (b) (and the word “X”).", "(and the word “X”)"),
    # S.I. 2025/3, reg. 6(5)(b): substituting paragraph (a) whole would take its "and" too
    ("In regulation 21— (b) for paragraph (1)(a) (but not the “and” after it) substitute— "
     "“(a) text;”", "for paragraph (1)(a) (but not the “and” after it) substitute— “(a) text;”"),
    ("In section 5, omit subsection (2) (or, in Scotland, subsection (3)).",
     "(or, in Scotland, subsection (3))"),
    ("In section 5, omit subsection (2) (including the heading).", "(including the heading)"),
    # where in the provision the change is made, in brackets: not a heading to drop
    ("In section 5(1) (in the definition of “X”), for “A” substitute “B”.",
     "(in the definition of “X”), for “A” substitute “B”"),
    ("In section 5 (in the English language text), for “A” substitute “B”.",
     "(in the English language text), for “A” substitute “B”"),
])
def test_a_parenthesis_beginning_with_and_is_never_dropped(text: str, unparsed: str) -> None:
    assert parse_instruction_line(text)["unparsed"] == unparsed


def test_the_last_occurrence_richer_fields() -> None:
    o, = parse("for “X”, where it last occurs, substitute “Y”")
    assert (o.occurrence_rule, o.occurrence_indices, o.occurrence) == ("last", (), "last")


@pytest.mark.parametrize(("text", "targets", "addresses"), [
    # One subsection named, with a paragraph below it.
    ("In section 2— (a) in subsection (1)(b), omit “x”; (b) in that subsection, omit “y”",
     ["subsection (1)(b)", "subsection (1)"], ["s. 2(1)(b)", "s. 2(1)"]),
    # The subsection is the outer core of a chain.
    ("In section 2— (a) in subsection (2), omit “w”; (b) in paragraph (b) of subsection (1), "
     "omit “x”; (c) in that subsection, omit “y”",
     ["subsection (2)", "paragraph (b) of subsection (1)", "subsection (1)"],
     ["s. 2(2)", "s. 2(1)(b)", "s. 2(1)"]),
    # A list below one subsection still names one subsection.
    ("In section 2— (a) in subsection (1)(a) and (b), omit “x”; (b) in that subsection, "
     "omit “y”", ["subsection (1)(a) and (b)", "subsection (1)"],
     ["s. 2(1)(a) and s. 2(1)(b)", "s. 2(1)"]),
    # A section's subsection.
    ("In section 2(1)(b), omit “x”; and in that subsection, omit “y”",
     ["section 2(1)(b)", "section 2(1)"], ["s. 2(1)(b)", "s. 2(1)"]),
    # A Schedule paragraph's one sub-paragraph, and the Schedule of a chain.
    ("In paragraph 4(2)(b) of Schedule 1, omit “x”; in that sub-paragraph, omit “y”; and in "
     "that Schedule, omit “z”",
     ["paragraph 4(2)(b) of Schedule 1", "paragraph 4(2) of Schedule 1", "Schedule 1"],
     ["Sch. 1 para. 4(2)(b)", "Sch. 1 para. 4(2)", "Sch. 1"]),
    # "that paragraph" still means the paragraph of "subsection (1)(b)".
    ("In section 2— (a) in subsection (1)(b), omit “x”; (b) in that paragraph, omit “y”; "
     "(c) in that subsection, omit “z”",
     ["subsection (1)(b)", "subsection (1)(b)", "subsection (1)"],
     ["s. 2(1)(b)", "s. 2(1)(b)", "s. 2(1)"]),
])
def test_that_subsection_is_the_one_subsection_named(text: str, targets: list[str],
                                                     addresses: list[str]) -> None:
    ops = parse(text)
    assert [o.target for o in ops] == targets
    assert [o.address for o in ops] == addresses


def test_that_paragraph_is_the_innermost_level_of_the_last_reference() -> None:
    ops = parse("In section 2— (a) in subsection (1)(b), omit “x”; (b) in that paragraph, "
                "omit “y”")
    assert [o.address for o in ops] == ["s. 2(1)(b)", "s. 2(1)(b)"]
    assert [o.target for o in ops] == ["subsection (1)(b)", "subsection (1)(b)"]


@pytest.mark.parametrize("text", [
    # A Schedule's "paragraph 4(2)(b)" names two paragraphs, 4 and (b).
    "In Schedule 1— (a) in paragraph 4(2)(b), omit “x”; (b) in that paragraph, omit “y”",
    # The word for the second level of "sub-paragraph (a)(i)" cannot be told.
    "In paragraph 3— (a) in sub-paragraph (a)(i), omit “x”; (b) in that sub-paragraph, omit “y”",
    # The items of the list differ at the subsection: "(1)(a)" and "(2)(b)".
    "In section 2— (a) in subsections (1)(a) and (2)(b), omit “x”; (b) in that subsection, "
    "omit “y”",
    # A list names no single subsection.
    "In section 2— (a) in subsections (1) and (2), omit “x”; (b) in that subsection, omit “y”",
    # The paragraph named was in another section.
    "(1) In section 2, in paragraph (a), omit “x”. (2) In section 3, in that paragraph, omit “y”.",
])
def test_that_refers_only_to_one_provision_of_its_kind_in_context(text: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed.startswith("that ")


@pytest.mark.parametrize(("text", "unparsed"), [
    ("in subsection (1) (b), omit “x”", "(b)"),
    ("in section 6 (blah omit “z” blah), omit “x”", "(blah omit “z” blah)"),
    ("omit section 6 (iv)", "(iv)"),
])
def test_a_parenthesis_after_a_reference_must_be_a_heading(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


@pytest.mark.parametrize(("text", "unparsed"), [
    ("In section 8, subsections (4) to (9) (so far as extending to Scotland) are repealed.",
     "so far as extending to Scotland"),
    ("In section 3 (except subsection (2)), for “x” substitute “y”.",
     "except subsection (2)"),
    ("omit section 5 (in its application to Wales)", "in its application to Wales"),
])
def test_a_parenthesis_limiting_extent_is_refused_not_skipped(text: str,
                                                              unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


@pytest.mark.parametrize(("text", "unparsed"), [
    # Inner first: neither dropping the paragraph nor guessing the nesting.
    ("In section 3, in paragraph (a) in subsection (2) after “x” insert “y”.",
     "in subsection (2)"),
    ("In Schedule 16, in item 14 in column (2) after “x” insert “y”.", "in column (2)"),
    # Not in the regulation: neither nested nor a fresh start.
    ("In regulation 2, in paragraph 2 of Schedule 1, omit “x”",
     "in paragraph 2 of Schedule 1"),
    # A Form's paragraph 2 is not the Schedule's paragraph 2.
    ("In the Schedule, in Form 1A, in paragraph 2, omit “X”", "in paragraph 2"),
])
def test_a_later_phrase_never_drops_an_earlier_provision(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


@pytest.mark.parametrize(("text", "address"), [
    # legislation.gov.uk numbers a Schedule's rules as the Schedule's paragraphs
    ("In Schedule 5, in rule 20 (notification), after paragraph (1) insert “(2) x.”",
     "Sch. 5 para. 20(1)"),
    ("In Schedule 5, in rules 20 and 21, omit “x”", "Sch. 5 para. 20 and Sch. 5 para. 21"),
    # an Article's numbered paragraphs are its own, not a Schedule's
    ("In Article 2 (definitions), in paragraph 2, omit “x”", "art. 2(2)"),
    ("In Article 2, in paragraphs 1 and 2, omit “x”", "art. 2(1) and art. 2(2)"),
    # another enactment named: a fresh start, not a nesting
    ("In Schedule 5, in section 3 of the Children Act 1989, omit “x”", "s. 3"),
])
def test_a_reference_takes_its_place_in_context(text: str, address: str) -> None:
    o, = parse(text)
    assert o.address == address


def test_phrases_outer_first_still_nest() -> None:
    o, = parse("In section 3, in subsection (2) in paragraph (a) after “x” insert “y”.")
    assert o.address == "s. 3(2)(a)"
    a, b = parse("In section 6, in subsection (1), for “x” substitute “y”, and in "
                 "subsection (2), for “a” substitute “b”.")
    assert (a.address, b.address) == ("s. 6(1)", "s. 6(2)")


@pytest.mark.parametrize("text", [
    "In section 6 (director of social services)— (a) omit “x”.",
    "In section 148 of the Government of Wales Act 2006 (meaning of “Welsh public records”), "
    "omit “x”",
])
def test_headings_after_a_reference_are_still_read(text: str) -> None:
    o, = parse(text)
    assert o.old == "x" and o.target is not None and o.target.startswith("section")


@pytest.mark.parametrize(("text", "unparsed"), [
    ("for “x” substitute “y” “z”", "“z”"),
    ("after “a” insert “b” “c”", "“c”"),
])
def test_quotations_side_by_side_are_not_joined(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


def test_quoted_provisions_side_by_side_are_still_joined() -> None:
    o, = parse("after subsection (1) insert— “(1A) a.” “(1B) b.”")
    assert [p.num for p in o.provisions] == ["1A", "1B"]


@pytest.mark.parametrize(("text", "unparsed"), [
    ("omit “x” or", "or"),
    ("omit “x” and.", "and"),
    ("omit “x”, but", "but"),
    ("omit “x”; but", "but"),
])
def test_a_dangling_list_word_is_the_span(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed
    assert text[info.value.span[0]:info.value.span[1]] == unparsed


def test_an_item_may_still_end_with_and_or_or() -> None:
    assert [o.old for o in parse("(a) omit “x”; and (b) omit “y”; or")] == ["x", "y"]


def test_run_jsonl_reads_bytes_and_goes_on_after_a_line_that_is_not_utf8() -> None:
    src = io.BytesIO(b"\xef\xbb\xbf" + "omit “X”\r\n".encode() + b"bad \xff line\n\n"
                     + "omit “é”".encode())
    out = io.BytesIO()
    assert run_jsonl(src, out) == 1
    data = out.getvalue()
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert lines == [{"ops": [op("omit", old="X")]},
                     {"error": "line 2 is not UTF-8 text", "unparsed": "bad \ufffd line"},
                     {"ops": []},
                     {"ops": [op("omit", old="é")]}]
    assert "é".encode() in data  # written as UTF-8, not escaped


def test_run_jsonl_uses_the_bytes_under_a_text_stream() -> None:
    # sys.stdin is a text stream: its buffer is read, so a bad byte cannot stop the run.
    raw = "omit “X”\n".encode() + b"\xc3(\n" + "omit “Y”\n".encode()
    src = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    sink = io.BytesIO()
    out = io.TextIOWrapper(sink, encoding="latin-1")
    assert run_jsonl(src, out) == 1
    lines = [json.loads(line) for line in sink.getvalue().decode("utf-8").splitlines()]
    assert [list(line) for line in lines] == [["ops"], ["error", "unparsed"], ["ops"]]
    assert lines[1]["error"] == "line 2 is not UTF-8 text"
    assert lines[2]["ops"][0]["old"] == "Y"


def test_parse_jsonl_line_drops_a_bom_only_on_line_one() -> None:
    assert parse_jsonl_line(b"\xef\xbb\xbfomit \xe2\x80\x9cX\xe2\x80\x9d\n", 1) == {
        "ops": [op("omit", old="X")]}
    assert "error" in parse_jsonl_line(b"\xef\xbb\xbfomit \xe2\x80\x9cX\xe2\x80\x9d\n", 2)


@pytest.mark.parametrize(("text", "occurrence"), [
    ("in subsection (1), for “a” in each place where those words appear substitute “b”", "all"),
    ("for “a”, wherever those words occur, substitute “b”", "all"),
    ("for “a”, in each place where that word occurs, substitute “b”", "all"),
    ("for “a”, in both places where those words occur, substitute “b”", "all"),
    ("for “a”, where those words first occur, substitute “b”", "first"),
])
def test_occurrence_qualifiers_naming_the_words(text: str, occurrence: str) -> None:
    o, = parse(text)
    assert (o.old, o.new, o.occurrence) == ("a", "b", occurrence)


@pytest.mark.parametrize("text", ["omit “x”, “y” and “z”", "omit “x”, “y”, and “z”",
                                  "omit the words “x”, “y” and the words “z”"])
def test_omit_a_list_of_quotations(text: str) -> None:
    assert [o.old for o in parse(text)] == ["x", "y", "z"]


def test_insert_with_no_place_puts_provisions_in_the_provision_in_context() -> None:
    o, = parse("In section 2, insert— “(A1) The first.”")
    assert o.to_json() == op("insert", new="(A1) The first.", target="section 2")
    assert (o.structural, o.address, [p.num for p in o.provisions]) == (True, "s. 2", ["A1"])


@pytest.mark.parametrize(("text", "unparsed"), [
    ("In section 2, insert “x”", "insert “x”"),
    ("In section 2, insert— “x”", "insert— “x”"),
])
def test_words_inserted_with_no_place_are_an_error(text: str, unparsed: str) -> None:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    assert info.value.unparsed == unparsed


def test_each_op_carries_its_instruction_with_the_lead_ins_around_it() -> None:
    """The standalone wording recorded as an operation's verbatim text: enclosing lead-ins
    (without their numbers), then the item with its number; an item with no lead-in alone."""
    ops = parse("4 In section 2— (a) in subsection (1)— (i) omit “x”; (ii) omit “y”; "
                "(b) in subsection (2),\nomit “z”.")
    assert [op.instruction for op in ops] == [
        "In section 2— in subsection (1)— (i) omit “x”;",
        "In section 2— in subsection (1)— (ii) omit “y”;",
        "In section 2— (b) in subsection (2), omit “z”.",
    ]
    (single,) = parse("(3) In section 5, omit “x”.")
    assert single.instruction == "In section 5, omit “x”."


# --- the parser never emits what the core rejects -------------------------------------------

def _raises(text: str) -> InstructionParseError:
    with pytest.raises(InstructionParseError) as info:
        parse(text)
    err = info.value
    assert err.text == text and text[err.span[0]:err.span[1]] == err.unparsed
    return err


@pytest.mark.parametrize(("text", "unparsed"), [
    ("omit “X”, in the first and first places", "in the first and first places"),
    ("omit “X” (in the first and first places)", "in the first and first places"),
    ("for “X”, in the first, third and first places, substitute “Y”",
     "in the first, third and first places"),
    ("after “X”, in the second and second places, insert “Y”", "in the second and second places"),
    # the closing bracket of a qualifier in brackets is not part of it
    ("omit “X” (in the first and last places)", "in the first and last places"),
])
def test_a_place_named_twice_is_refused(text: str, unparsed: str) -> None:
    assert _raises(text).unparsed == unparsed
    result = parse_instruction_line(text)
    assert "ops" not in result and result["unparsed"] == unparsed


@pytest.mark.parametrize(("text", "indices", "occurrence"), [
    ("omit “X”, in the third and first places", (1, 3), [1, 3]),
    ("omit “X”, in the second and first places", (1, 2), [1, 2]),
    ("for “X”, in the fifth, second and fourth places, substitute “Y”", (2, 4, 5), [2, 4, 5]),
    ("omit “X”, in the first and third places", (1, 3), [1, 3]),
])
def test_places_given_out_of_order_are_the_same_places_in_order(
        text: str, indices: tuple[int, ...], occurrence: list[int]) -> None:
    from lawdiff.text import Occurrence

    o, = parse(text)
    assert (o.occurrence_rule, o.occurrence_indices, o.occurrence) == ("nth", indices,
                                                                       occurrence)
    Occurrence(o.occurrence_rule, o.occurrence_indices)  # the core takes it


@pytest.mark.parametrize(("text", "unparsed", "at"), [
    ("for “” substitute “b”", "“”", 4),
    ("omit “ ”", "“ ”", 5),
    ("for “a” substitute “”", "“”", 19),
    ("after “” insert “x”", "“”", 6),
    ("after “a” insert “\n”", "“\n”", 17),
    ("at the end insert “  ”", "“  ”", 18),
    ("omit the words from “a” to “ ”", "“ ”", 27),
    ("for the words from “” to the end substitute “b”", "“”", 19),
    ("omit “x”, “” and “z”", "“”", 10),
    ("In the entry for “”, omit “x”", "“”", 17),
    ("the words “” shall be omitted", "“”", 10),
    ('omit ""', '""', 5),
])
def test_an_empty_quotation_is_refused_with_its_span(text: str, unparsed: str, at: int) -> None:
    err = _raises(text)
    assert (err.unparsed, err.span) == (unparsed, (at, at + len(unparsed)))
    assert parse_instruction_line(text)["unparsed"] == unparsed


_CORE_PIECES = st.sampled_from(["in", "section", "(1)", "(a)", "“X”", "“”", "“ ”", "“Y”",
                                "after", "insert", "for", "substitute", "omit", "and", ";",
                                ",", "the words", "from", "to", "the end", "of paragraph (b)",
                                "in the first and first places", "in the third and first places",
                                "in the second place", "where it last occurs", "in both places"])


@given(st.lists(_CORE_PIECES, max_size=16))
def test_near_instructions_read_only_words_and_rules_the_core_takes(pieces: list[str]) -> None:
    """Random runs of grammar words rarely parse (that is what the test below is for); what
    does parse has non-empty words and an occurrence rule the core accepts."""
    from lawdiff.text import Occurrence

    try:
        ops = parse(" ".join(pieces))
    except InstructionParseError:
        return
    for o in ops:
        for words in (o.anchor, o.old, o.new, o.words_from, o.words_to):
            assert words is None or words.strip(), o
        Occurrence(o.occurrence_rule, o.occurrence_indices)


@given(instructions())
def test_instructions_built_from_the_grammar_read_exactly(drawn: Drawn) -> None:
    """Every instruction drawn from the grammar (tests/parse_strategies.py: each form, each
    locator, each occurrence qualifier and place, either kind of quotation mark, any white
    space) parses, and to exactly the ops its form's rules give."""
    assert parse_instruction_line(drawn.text) == {"ops": drawn.ops}, drawn.text


@given(instructions())
def test_ops_read_are_ops_the_core_takes(drawn: Drawn) -> None:
    """Every op read from a generated instruction that names a provision compiles into a
    lawdiff operation, which survives its JSON form unchanged."""
    from lawdiff.codec import operation_from_json, operation_to_json
    from lawdiff.instructions import to_operation

    assume(drawn.address is not None and not drawn.address.startswith("("))
    # Words at the end of a provision are placed by the amended text (tests/test_instructions.py).
    assume(drawn.form != "end-words" or drawn.ops[0]["action"] != "omit")
    parsed = parse(drawn.text)
    assert len(parsed) == len(drawn.ops)
    for p in parsed:
        operation = to_operation(p, "Test Act 2000 (c. 1)")
        assert operation_from_json(operation_to_json(operation)) == operation
        assert operation.provenance.text == p.instruction


# --- closing words after a quoted list ------------------------------------------------------

@pytest.mark.parametrize(("text", "unparsed"), [
    # the audit's case: words after the last paragraph, at the level of the list
    ("for subsection (2) substitute— “(2) A grant may be made if— (a) the applicant is poor, or "
     "(b) the applicant is old, and the authority agrees.”", "and the authority agrees"),
    ("after subsection (1) insert— “(1A) A person commits an offence if— (a) he does X, or "
     "(b) he does Y, and is liable on summary conviction to a fine.”",
     "and is liable on summary conviction to a fine"),
    ("for subsection (2) substitute— “(2) The period ends on— (a) the first day, or (b) the "
     "tenth day, whichever is the later.”", "whichever is the later"),
    ("for subsection (2) substitute— “(2) It is— (a) A; or (b) B; but this is subject to "
     "section 4.”", "but this is subject to section 4"),
    ("for subsection (2) substitute— “(2) A person— (a) who is poor, or (b) who is old (or ill, "
     "or both), may apply.”", "may apply"),
    ("for subsection (2) substitute— “(2) In a case— (a) of A, or (b) of B, the Secretary of "
     "State may pay.”", "the Secretary of State may pay"),
    # nested lists: the words may close (a)'s list, (2)'s, or be (ii)'s own
    ("for subsection (2) substitute— “(2) X means— (a) A— (i) foo, or (ii) bar, and baz; or "
     "(b) B.”", "and baz"),
    # opening words that are a subordinate clause need closing words with the main clause
    ("for subsection (2) substitute— “(2) If— (a) the applicant is poor, or (b) the applicant "
     "is old, a grant is made.”", "a grant is made"),
    ("for subsection (2) substitute— “(2) Where a person— (a) is poor, or (b) is old, "
     "regulations apply.”", "regulations apply"),
    ("for subsection (2) substitute— “(2) If— (a) the applicant is poor, or (b) the applicant "
     "is old.”", "the applicant is old"),
    # a section's opening words and its list of paragraphs
    ("after section 4 insert— “4A Meaning of “X”. In this Act “X” means— (a) A, and (b) B, "
     "and C.”", "and C"),
])
def test_closing_words_after_a_quoted_list_are_refused_not_merged(text: str,
                                                                  unparsed: str) -> None:
    err = _raises(text)
    assert err.unparsed == unparsed
    assert "closing words" in str(err)


@pytest.mark.parametrize(("text", "last"), [
    # punctuation followed by words that do not open closing words, as in the corpus
    ("after section 4 insert— “4A Meaning. In this Act “the appropriate Law Officer” means— "
     "(a) the Lord Advocate, where the action is on behalf of the Scottish Administration, and "
     "(b) the Advocate General for Scotland, in any other case.”",
     "the Advocate General for Scotland, in any other case."),
    ("for subsection (2) substitute— “(2) For the purposes of the table— (a) if X is not whole, "
     "round it down, and (b) if Y is not whole, round it up to the nearest whole number.”",
     "if Y is not whole, round it up to the nearest whole number."),
    # "and" or "or" inside brackets opens nothing
    ("for subsection (2) substitute— “(2) A person— (a) who is poor, or (b) who is old (or "
     "ill, or both).”", "who is old (or ill, or both)."),
    # no punctuation inside the last paragraph
    ("for subsection (2) substitute— “(2) The new text— (a) one; (b) two, and (c) three.”",
     "three."),
    # "If X, …" has its main clause in the opening words
    ("for subsection (2) substitute— “(2) If the court so orders, the person must— (a) pay; "
     "or (b) leave.”", "leave."),
    # paragraphs quoted on their own have no opening words in the quotation to close
    ("for paragraphs (a) and (b) substitute— “(a) X, or (b) Y, and Z.”", "Y, and Z."),
])
def test_a_last_paragraph_with_no_sign_of_closing_words_is_read(text: str, last: str) -> None:
    o, = parse(text)

    def last_leaf(p: QuotedProvision) -> QuotedProvision:
        return last_leaf(p.children[-1]) if p.children else p

    assert last_leaf(o.provisions[-1]).text == last

    def no_wrap_up(p: QuotedProvision) -> bool:
        return p.wrap_up is None and all(no_wrap_up(c) for c in p.children)

    assert all(no_wrap_up(p) for p in o.provisions)


# --- a range must end within or around the provision amended --------------------------------

@pytest.mark.parametrize(("text", "unparsed"), [
    ("In section 1(2), in paragraph (a), for the words from “X” to the end of paragraph (b) "
     "substitute “Y”", "of paragraph (b)"),
    # "in paragraph (a)" after the range narrows the op all the same
    ("In section 1(2), for the words from “X” to the end of paragraph (b), in paragraph (a), "
     "substitute “Y”", "of paragraph (b)"),
    ("In section 5(2), omit the words from “X” to the end of section 6", "of section 6"),
    ("In section 5(2), the words from “X” to the end of subsection (3) shall be omitted",
     "of subsection (3)"),
    # each provision of a list must lie within or around where the range ends
    ("In section 1, in subsections (1) and (2), omit the words from “X” to the end of "
     "paragraph (b)", "of paragraph (b)"),
    # "that paragraph" is checked against the op's own provision, not the lead-in's
    ("In section 4— (a) in paragraph (b), omit “x”; (b) omit the words from “a” to the end of "
     "that paragraph, in paragraph (c).", "of that paragraph"),
])
def test_a_range_ending_outside_the_provision_amended_is_refused(text: str,
                                                                 unparsed: str) -> None:
    err = _raises(text)
    assert err.unparsed == unparsed
    assert "outside" in str(err)


@pytest.mark.parametrize(("text", "address", "range_end"), [
    ("In section 1(2), for the words from “X” to the end of paragraph (b), in paragraph (b), "
     "substitute “Y”", "s. 1(2)(b)", "s. 1(2)(b)"),
    ("In section 5(2)(a), omit the words from “X” to the end of section 5", "s. 5(2)(a)", "s. 5"),
    ("In section 1, in subsections (1) and (2), omit the words from “X” to the end of the "
     "section", "s. 1(1) and s. 1(2)", "s. 1"),
    ("In section 1(2), omit the words from “X” to the end of paragraph (b)", "s. 1(2)",
     "s. 1(2)(b)"),
])
def test_a_range_ending_within_or_around_the_provision_amended_is_read(
        text: str, address: str, range_end: str) -> None:
    o, = parse(text)
    assert (o.address, o.range_end_address, o.range) == (address, range_end, True)


# --- empty input ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("", "no instruction given: the input is empty"),
    ("  \n\t", "no instruction given: the input is blank (white space only)"),
])
def test_empty_input_is_no_instruction(text: str, message: str) -> None:
    err = _raises(text)
    assert (str(err), err.span, err.unparsed) == (message, (0, 0), "")
    # the machine interface still reads a blank line as no ops
    assert parse_instruction_line(text) == {"ops": []}


def test_lawdiff_parse_of_an_empty_file_or_stdin_says_so(
        tmp_path: Any, capsys: Any, monkeypatch: Any) -> None:
    from lawdiff.cli import main

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["parse", str(empty)]) == 1
    assert capsys.readouterr().err == "lawdiff: error: no instruction given: the input is empty\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["parse"]) == 1
    assert capsys.readouterr().err == "lawdiff: error: no instruction given: the input is empty\n"


# --- version 2: occurrence qualifiers in every position and wording --------------------------

@pytest.mark.parametrize(("text", "occurrence", "places"), [
    # after the words, between commas, in brackets or after a space
    ("for “X”, in both places, substitute “Y”", "all", "both"),
    ("for “X” (in both places where it occurs) substitute “Y”", "all", "both"),
    ("for “X”, in every place, substitute “Y”", "all", "each"),
    ("for “X”, in each of the places where it occurs, substitute “Y”", "all", "each"),
    ("for “X”, wherever it appears, substitute “Y”", "all", "each"),
    ("for “X”, on each occasion on which it occurs, substitute “Y”", "all", "each"),
    ("for “X”, on each occasion, substitute “Y”", "all", "each"),
    ("for “X” (in each case) substitute “Y”", "all", "each"),
    ("for “X”, each time it occurs, substitute “Y”", "all", "each"),
    ("for “X”, where it occurs for the first time, substitute “Y”", "first", [1]),
    ("for “X”, in the first two places where it occurs, substitute “Y”", [1, 2], [1, 2]),
    ("for “X”, in the first three places, substitute “Y”", [1, 2, 3], [1, 2, 3]),
    ("for “X”, in the first and third places, substitute “Y”", [1, 3], [1, 3]),
    ("for “X”, in the second, fourth and fifth places, substitute “Y”", [2, 4, 5], [2, 4, 5]),
    ("for “X”, in the last place where it occurs, substitute “Y”", "last", "last"),
    # after the new words
    ("for “X” substitute “Y”, in both places", "all", "both"),
    ("for “X” substitute “Y” wherever occurring", "all", "each"),
    # before the words, as a locating phrase
    ("in each place where it occurs, for “X” substitute “Y”", "all", "each"),
    ("wherever occurring, for “X” substitute “Y”", "all", "each"),
    ("in both places, for “X” substitute “Y”", "all", "both"),
    ("in the second place where it occurs, for “X” substitute “Y”", "second", [2]),
    # attached to the words
    ("for the second “X” substitute “Y”", "second", [2]),
    ("for the first occurrence of “X” substitute “Y”", "first", [1]),
    ("for the last “X” substitute “Y”", "last", "last"),
    ("for every reference to “X” substitute “Y”", "all", "each"),
    ("for each reference to “X” substitute “Y”", "all", "each"),
    ("for each occurrence of the words “X” substitute “Y”", "all", "each"),
])
def test_occurrence_qualifiers_in_every_position(text: str, occurrence: Any, places: Any) -> None:
    assert parse_instruction_line(text) == {"ops": [op("substitute", old="X", new="Y",
                                                       occurrence=occurrence, places=places)]}


@pytest.mark.parametrize(("text", "action", "fields"), [
    ("after the second “X” insert “Y”", "insert", {"position": "after", "anchor": "X"}),
    ("before the last “X” insert “Y”", "insert", {"position": "before", "anchor": "X"}),
    ("in both places, after “X” insert “Y”", "insert", {"position": "after", "anchor": "X"}),
    ("omit the third “X”", "omit", {"old": "X"}),
    ("omit every reference to “X”", "omit", {"old": "X"}),
    ("the words “X”, wherever they occur, are repealed", "omit", {"old": "X"}),
    ("wherever occurring, omit “X”", "omit", {"old": "X"}),
])
def test_occurrence_qualifiers_for_every_action(text: str, action: str,
                                                fields: dict[str, Any]) -> None:
    o, = parse(text)
    assert o.action == action and o.occurrence_rule != "only"
    assert all(getattr(o, k) == v for k, v in fields.items())


@pytest.mark.parametrize(("text", "unparsed"), [
    # a place named twice, in two positions
    ("for the first “X”, in both places, substitute “Y”", "in both places"),
    ("in both places, for “X”, in both places, substitute “Y”", "in both places"),
    # a qualifier with no words to speak of
    ("in each place, omit subsection (2)", "in each place"),
    # after a list of provisions, "in each case" may mean "in each of them"
    ("In sections 2 and 3, in each case, for “X” substitute “Y”", "in each case"),
    # "the last" with other places, as before
    ("for “X”, in the first and last places, substitute “Y”", "in the first and last places"),
])
def test_occurrence_qualifiers_that_cannot_be_told_are_refused(text: str, unparsed: str) -> None:
    assert parse_instruction_line(text)["unparsed"] == unparsed


# --- version 2: ranges whose first words carry an occurrence ---------------------------------

@pytest.mark.parametrize(("text", "old", "occurrence", "places"), [
    ("omit the words from “A”, where it first occurs, to “B”", "A … B", "first", [1]),
    ("omit the words from “A” (in the second place where it occurs) to “B”", "A … B", "second",
     [2]),
    ("omit the words from the second “A” to “B”", "A … B", "second", [2]),
    ("omit the words from the last “A” to the end", "A …", "last", "last"),
    ("omit the words from “A” (where it first occurs) onwards", "A …", "first", [1]),
    ("omit the words from “A” to the end, in both places", "A …", "all", "both"),
])
def test_ranges_whose_first_words_carry_an_occurrence(text: str, old: str, occurrence: Any,
                                                      places: Any) -> None:
    assert parse_instruction_line(text) == {"ops": [op("omit", old=old, range=True,
                                                       occurrence=occurrence, places=places)]}


@pytest.mark.parametrize(("text", "unparsed"), [
    # of the last words, or of the whole range? it cannot be told
    ("omit the words from “A” to “B”, where it first occurs", "where it first occurs"),
    ("omit the words from “A” to “B” (in both places)", "in both places"),
    # the range runs to the first of its last words after its first words
    ("omit the words from “A” to the second “B”", "the second"),
    ("omit the words from the second “A”, in both places, to “B”", "the second"),
])
def test_a_range_whose_last_words_carry_an_occurrence_is_refused(text: str,
                                                                unparsed: str) -> None:
    assert parse_instruction_line(text)["unparsed"].startswith(unparsed)


# --- version 2: several quoted words "respectively" -----------------------------------------

@pytest.mark.parametrize("text", [
    "for “A” and “B” substitute “C” and “D” respectively",
    "for “A” and “B” substitute “C” and “D”, respectively;",
    "for “A” and “B” there shall be substituted respectively “C” and “D”",
    "for the words “A” and “B” substitute respectively the words “C” and “D”",
])
def test_words_substituted_respectively_are_one_op_each(text: str) -> None:
    assert machine(text) == [op("substitute", old="A", new="C"),
                             op("substitute", old="B", new="D")]


def test_respectively_with_three_and_with_insertions() -> None:
    assert machine("for “A”, “B” and “C” substitute “D”, “E” and “F” respectively") == [
        op("substitute", old=a, new=b) for a, b in (("A", "D"), ("B", "E"), ("C", "F"))]
    assert machine("after “A” and “B” insert “C” and “D” respectively") == [
        op("insert", position="after", anchor="A", new="C"),
        op("insert", position="after", anchor="B", new="D")]
    assert machine("after “A” insert “B” and after “C” insert “D”") == [
        op("insert", position="after", anchor="A", new="B"),
        op("insert", position="after", anchor="C", new="D")]


@pytest.mark.parametrize(("text", "unparsed"), [
    ("for “A” and “B” substitute “C”", "“B” substitute “C”"),
    ("for “A” and “B” substitute “C” and “D”", "“B” substitute “C” and “D”"),
    ("for “A” and “B” substitute “C”, “D” and “E” respectively", "“C”, “D” and “E”"),
])
def test_words_that_do_not_pair_off_are_refused(text: str, unparsed: str) -> None:
    assert parse_instruction_line(text)["unparsed"] == unparsed


# --- version 2: "as inserted by" and "in any enactment" --------------------------------------

def test_as_inserted_by_after_a_reference_or_words() -> None:
    o, = parse("In section 6(A1) (as inserted by paragraph 2 of Schedule 2 to the Children Act "
               "2004 (c. 31)), for “X” substitute “Y”")
    assert o.to_json() == op("substitute", old="X", new="Y", target="section 6(A1)",
                             as_inserted_by="as inserted by paragraph 2 of Schedule 2 to the "
                                            "Children Act 2004 (c. 31)")
    assert o.address == "s. 6(A1)"
    o, = parse("In section 6, for “X” (as substituted by section 3 of the Y Act 2004) "
               "substitute “Z”")
    assert (o.as_inserted_by, o.target) == ("as substituted by section 3 of the Y Act 2004",
                                            "section 6")
    # a heading beside it is still a heading
    o, = parse("In section 6 (heading) (as inserted by section 3), omit “X”")
    assert (o.as_inserted_by, o.target) == ("as inserted by section 3", "section 6")
    # the qualifier carries down to the items of a lead-in
    ops = parse("In section 6 (as added by section 9)— (a) in subsection (1), omit “X”; (b) in "
                "subsection (2), omit “Y”.")
    assert [o.as_inserted_by for o in ops] == ["as added by section 9"] * 2


def test_two_qualifiers_of_where_a_provision_came_from_are_refused() -> None:
    got = parse_instruction_line("In section 6 (as inserted by section 3) (as inserted by "
                                 "section 4), omit “X”")
    assert got["unparsed"] == "(as inserted by section 4)"


def test_in_any_enactment() -> None:
    assert machine("In any enactment, for “X” substitute “Y”") == [
        op("substitute", old="X", new="Y", act="any enactment")]
    assert machine("in any enactment, for “X”, wherever occurring, substitute “Y”") == [
        op("substitute", old="X", new="Y", occurrence="all", places="each",
           act="any enactment")]
    # words after it would narrow it: not read
    assert "error" in parse_instruction_line("in any enactment passed before this Act, for “X” "
                                             "substitute “Y”")


# --- version 2: passive and older forms, "leave out", "repeal the words", "immediately" -------

@pytest.mark.parametrize(("text", "expected"), [
    ("leave out “X” and insert “Y”", op("substitute", old="X", new="Y")),
    ("leave out “X”", op("omit", old="X")),
    ("leave out subsection (3)", op("omit", target="subsection (3)")),
    ("leave out from “A” to the end and insert “B”",
     op("substitute", old="A …", new="B", range=True)),
    ("repeal the words “X”", op("omit", old="X")),
    ("repeal subsection (3)", op("omit", target="subsection (3)")),
    ("immediately after “X” insert “Y”", op("insert", position="after", anchor="X", new="Y")),
    ("immediately before “X” there is inserted “Y”",
     op("insert", position="before", anchor="X", new="Y")),
    ("“Y” is inserted after “X”", op("insert", position="after", anchor="X", new="Y")),
    ("the words “Y” are inserted before “X”, in both places",
     op("insert", position="before", anchor="X", new="Y", occurrence="all", places="both")),
    ("“Y” is inserted at the end of subsection (2)",
     op("insert", position="at_end", new="Y", target="subsection (2)")),
    ("The following subsection is inserted after subsection (2)— “(2A) New.”",
     op("insert", position="after", new="(2A) New.", target="subsection (2)")),
    ("the following paragraph shall be substituted for paragraph (b)— “(b) New.”",
     op("substitute", new="(b) New.", target="paragraph (b)")),
    ("subsection (3) is omitted", op("omit", target="subsection (3)")),
    ("the words “X” are repealed", op("omit", old="X")),
])
def test_passive_and_older_forms(text: str, expected: dict[str, Any]) -> None:
    assert one(text) == expected


# --- version 2: words at the beginning or end of a named provision ------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("insert “X” at the end of subsection (2)",
     op("insert", position="at_end", new="X", target="subsection (2)")),
    ("insert “X” at the beginning of paragraph (a)",
     op("insert", position="at_beginning", new="X", target="paragraph (a)")),
    ("at end insert “X”", op("insert", position="at_end", new="X")),
    ("insert “and” after paragraph (a)",
     op("insert", position="after", new="and", target="paragraph (a)")),
    ("insert “Y” after “X”, in both places",
     op("insert", position="after", anchor="X", new="Y", occurrence="all", places="both")),
    ("In section 2, insert at the end— “(3) New.”",
     op("insert", position="at_end", new="(3) New.", target="section 2")),
    # words at the end of a provision, omitted or substituted
    ("at the end of paragraph (b) omit “and”",
     op("omit", position="at_end", old="and", target="paragraph (b)")),
    ("at the end, omit “or”", op("omit", position="at_end", old="or")),
    ("omit the “and” at the end of paragraph (ia)",
     op("omit", position="at_end", old="and", target="paragraph (ia)")),
    ("at the end of paragraph (a)(iii), for “and” substitute “or”",
     op("substitute", position="at_end", old="and", new="or", target="paragraph (a)(iii)")),
])
def test_words_at_the_beginning_or_end_of_a_named_provision(text: str,
                                                            expected: dict[str, Any]) -> None:
    assert one(text) == expected


# --- version 2: at the appropriate place ---------------------------------------------------

@pytest.mark.parametrize(("text", "news"), [
    ("at the appropriate place in alphabetical order, insert “Qualifications Scotland”",
     ["Qualifications Scotland"]),
    ("insert at the appropriate place “, 71S”", [", 71S"]),
    ("insert at the appropriate place— ““FMI functions” has the meaning given by section 30D;”",
     ["“FMI functions” has the meaning given by section 30D;"]),
    ("Insert the following definition at the appropriate place— ““x” means y;”", ["“x” means y;"]),
    ("insert the following definitions in the appropriate places— ““a” means b;” ““c” means d;”",
     ["“a” means b;", "“c” means d;"]),
    ("In section 5, in the list of sections beginning with “22B,”, insert at the appropriate "
     "place “, 71S”", [", 71S"]),
])
def test_at_the_appropriate_place(text: str, news: list[str]) -> None:
    ops = machine(text)
    assert [o["new"] for o in ops] == news
    assert all(o["action"] == "insert" and o["position"] is None and o["anchor"] is None
               for o in ops)


# --- version 2: lists of provisions --------------------------------------------------------

def test_in_each_of_a_list_of_provisions() -> None:
    assert one("in each of subsections (1) and (3), for “X” substitute “Y”") == op(
        "substitute", old="X", new="Y", target="subsections (1) and (3)")
    ops = parse("In each of the following provisions, for “X” substitute “Y”— (a) section "
                "2(1); (b) section 5 of the Z Act 1990.")
    assert [o.to_json() for o in ops] == [
        op("substitute", old="X", new="Y", target="section 2(1)"),
        op("substitute", old="X", new="Y", target="section 5", act="Z Act 1990")]
    assert [(o.address, o.label) for o in ops] == [("s. 2(1)", ("a",)), ("s. 5", ("b",))]
    assert ops[1].instruction == ("In each of the following provisions, for “X” substitute "
                                  "“Y”— (b) section 5 of the Z Act 1990.")
    # the phrase may follow the change, and the qualifier may be there too
    assert machine("for “X”, in each place, substitute “Y” in the following provisions— (a) "
                   "section 2; (b) section 3.") == [
        op("substitute", old="X", new="Y", occurrence="all", places="each", target=t)
        for t in ("section 2", "section 3")]


def test_a_list_of_provisions_that_cannot_be_read_is_refused() -> None:
    got = parse_instruction_line("In each of the following provisions, for “X” substitute “Y”— "
                                 "(a) section 2(1); (b) the bit about cats.")
    assert got["unparsed"] == "the bit about cats"
    got = parse_instruction_line("In each of the following provisions, for “X” substitute “Y”")
    assert "error" in got


# --- version 2: renumbering and new headings -----------------------------------------------

@pytest.mark.parametrize(("text", "target", "new", "address", "new_address"), [
    ("In section 5, subsection (3) is renumbered as subsection (4)", "subsection (3)",
     "subsection (4)", "s. 5(3)", "s. 5(4)"),
    ("In section 5, subsection (3) becomes subsection (4)", "subsection (3)", "subsection (4)",
     "s. 5(3)", "s. 5(4)"),
    ("In section 5, renumber paragraph (b) as paragraph (c)", "paragraph (b)", "paragraph (c)",
     "s. 5(b)", "s. 5(c)"),
    ("The existing text of section 50 (power to lease fishery) becomes subsection (1) of that "
     "section", "section 50", "subsection (1)", "s. 50", "s. 50(1)"),
    ("In section 50— (a) the existing text becomes subsection (1);", "section 50",
     "subsection (1)", "s. 50", "s. 50(1)"),
    ("section 5 is renumbered as subsection (1) of that section", "section 5", "subsection (1)",
     "s. 5", "s. 5(1)"),
    ("In Schedule 2, paragraph 3 becomes paragraph 4", "paragraph 3", "paragraph 4",
     "Sch. 2 para. 3", "Sch. 2 para. 4"),
])
def test_renumbering(text: str, target: str, new: str, address: str, new_address: str) -> None:
    o, = parse(text)
    assert o.to_json() == op("renumber", target=target, new=new)
    assert (o.address, o.new_address) == (address, new_address)


def test_renumbering_several_at_once_is_refused_and_headings_get_new_words() -> None:
    got = parse_instruction_line("subsections (3) and (4) become subsections (4) and (5)")
    assert "several provisions renumbered" in got["error"]
    assert one("The heading of section 8 becomes “Involvement”") == op(
        "substitute", new="Involvement", target="The heading of section 8")
    # words that become a provision have no machine form (and here no provision is named)
    assert "error" in parse_instruction_line("the words “X” become paragraph (a)")


@pytest.mark.parametrize(("text", "old", "words_from", "address", "new_address"), [
    ("In section 47(1)— (a) the words from “doing so would be incidental” to the end become "
     "paragraph (a);", "doing so would be incidental …", "doing so would be incidental",
     "s. 47(1)", "s. 47(1)(a)"),
    ("In regulation 58 (complaints), in paragraph (1)— (a) the words from “a requirement” to "
     "the end become sub-paragraph (a), and", "a requirement …", "a requirement", "reg. 58(1)",
     "reg. 58(1)(a)"),
    ("In section 3, the words from “X” to the end shall become subsection (1).", "X …", "X",
     "s. 3", "s. 3(1)"),
    ("In section 11(4), the words “it considers” become paragraph (a) of that subsection.",
     "it considers", None, "s. 11(4)", "s. 11(4)(a)"),
])
def test_words_that_become_a_numbered_provision(text: str, old: str, words_from: str | None,
                                                address: str, new_address: str) -> None:
    o, = parse(text)
    assert (o.action, o.old, o.words_from, o.range) == ("renumber", old, words_from,
                                                        words_from is not None)
    assert (o.address, o.new_address) == (address, new_address)
    # the machine reading has no form for it: refused, with the words of the change as span
    got = parse_instruction_line(text)
    assert "no form in the machine reading" in got["error"]
    assert got["unparsed"].startswith("the words") and got["unparsed"].endswith(
        o.to_json()["new"] + (" of that subsection" if "that" in text else ""))


@pytest.mark.parametrize(("text", "message"), [
    ("In section 3(1), the words from “X” to the end become subsection (2).", "not a child"),
    ("In section 3, the words “X” where it first occurs become subsection (1).",
     "given a place"),
    ("In section 3, the words from “X” to the end of paragraph (b) become paragraph (a).",
     "another provision"),
    ("In section 3(1), in the opening words, the words from “X” to the end become "
     "paragraph (a).", "opening words"),
    ("The words “X” become paragraph (a).", "no provision"),
    ("In section 11(3), the words “X” become the closing words.", "could not read"),
])
def test_words_that_become_a_numbered_provision_refused(text: str, message: str) -> None:
    with pytest.raises(InstructionParseError, match=message):
        parse(text)


@pytest.mark.parametrize(("text", "action", "target"), [
    ("In Schedule 2, after the entry beginning “A district council” insert the following "
     "entry— “A district policing partnership”.", "insert",
     "the entry beginning “A district council”"),
    ("In Schedule 2, in the entry starting with “A district council”, for “council” substitute "
     "“board”.", "substitute", "the entry starting with “A district council”"),
    ("In Schedule 2, the entry which begins “A district council” is repealed.", "omit",
     "the entry which begins “A district council”"),
])
def test_an_entry_named_by_how_it_begins(text: str, action: str, target: str) -> None:
    o, = parse(text)
    assert (o.action, o.target, o.address) == (action, target,
                                               "Sch. 2 entry beginning “A district council”")
    assert "error" in parse_instruction_line(
        "In Schedule 2, for the entries beginning “A” and “B” substitute “C”.")


@pytest.mark.parametrize(("text", "action", "side", "old", "address", "unparsed"), [
    ("In section 20 of the 1930 Act (power to raise additional capital)— (c) omit the words "
     "after “one pound”.", "omit", "after", "one pound", "s. 20",
     "omit the words after “one pound”"),
    ("In paragraph 3, for the words after “authorised persons” substitute “included”.",
     "substitute", "after", "authorised persons", "para. 3",
     "for the words after “authorised persons” substitute “included”"),
    ("In section 5, omit the words before “the officer”.", "omit", "before", "the officer",
     "s. 5", "omit the words before “the officer”"),
    ("In section 5, the words following “X” in subsection (2) are omitted.", "omit", "after",
     "X", "s. 5(2)", "the words following “X” in subsection (2) are omitted"),
    ("In subsection (2)— (a) the words after “satisfied” become paragraph (a),", "renumber",
     "after", "satisfied", "(2)", "the words after “satisfied” become paragraph (a)"),
])
def test_the_words_after_or_before_given_words(text: str, action: str, side: str, old: str,
                                               address: str, unparsed: str) -> None:
    o, = parse(text)
    assert (o.action, o.words_side, o.old, o.address) == (action, side, old, address)
    assert (o.words_from if side == "after" else o.words_to) == old
    # the machine reading has no form for words with X left out: refused with the change's span
    got = parse_instruction_line(text)
    assert "no form in the machine reading" in got["error"] and got["unparsed"] == unparsed


@pytest.mark.parametrize(("text", "message"), [
    ("In section 5, omit the words after “X” where it first occurs.", "its place"),
    ("In section 5, omit the word following “X”.", "could not read"),
    ("In section 5(1), in the opening words, omit the words after “X”.", "opening words"),
])
def test_the_words_after_or_before_given_words_refused(text: str, message: str) -> None:
    with pytest.raises(InstructionParseError, match=message):
        parse(text)


@pytest.mark.parametrize(("text", "target", "new", "address", "new_address"), [
    # the verb first, the existing text as its object
    ("In paragraph 30, number the existing text as sub-paragraph (1)", "paragraph 30",
     "sub-paragraph (1)", "para. 30", "para. 30(1)"),
    ("In section 5, renumber the existing text as subsection (1)", "section 5",
     "subsection (1)", "s. 5", "s. 5(1)"),
    ("Renumber the existing text of section 5 as subsection (1) of that section", "section 5",
     "subsection (1)", "s. 5", "s. 5(1)"),
    ("Number the existing text of regulation 7 as paragraph (1).", "regulation 7",
     "paragraph (1)", "reg. 7", "reg. 7(1)"),
    ("In rule 48, make the existing provision paragraph (1)", "rule 48", "paragraph (1)",
     "r. 48", "r. 48(1)"),
    ("In section 5, make the existing text subsection (1).", "section 5", "subsection (1)",
     "s. 5", "s. 5(1)"),
    # the passive "numbered as"
    ("In section 5, the existing text is numbered as subsection (1)", "section 5",
     "subsection (1)", "s. 5", "s. 5(1)"),
    ("In section 5, the existing text shall be numbered as subsection (1)", "section 5",
     "subsection (1)", "s. 5", "s. 5(1)"),
    ("The existing text of section 5 is to be renumbered as subsection (1) of that section",
     "section 5", "subsection (1)", "s. 5", "s. 5(1)"),
    ("In section 5, subsection (3) shall be numbered as subsection (4)", "subsection (3)",
     "subsection (4)", "s. 5(3)", "s. 5(4)"),
])
def test_existing_text_numbered_by_verb_or_passive(text: str, target: str, new: str,
                                                   address: str, new_address: str) -> None:
    o, = parse(text)
    assert o.to_json() == op("renumber", target=target, new=new)
    assert (o.address, o.new_address) == (address, new_address)


def test_existing_text_numbered_then_a_provision_inserted_after_it() -> None:
    # S.I. 2014/333, reg. 28 (wording of the Electoral Administration rules)
    first, second = parse("In Schedule 7, in rule 48 (notification of requirement of "
                          "secrecy), make the existing provision paragraph (1) and after that "
                          "paragraph insert— “(2) In this rule, a reference to a constable "
                          "includes a community support officer.”")
    assert first.to_json() == op("renumber", target="rule 48", new="paragraph (1)")
    assert (first.address, first.new_address) == ("Sch. 7 para. 48", "Sch. 7 para. 48(1)")
    assert second.to_json()["position"] == "after"
    assert second.to_json()["target"] == "paragraph (1)"
    assert second.address == "Sch. 7 para. 48(1)"
    # S.I. 2020/1326, reg. 2(a): the new number named again "as so numbered"
    got = parse("In the Schedule to the Health Protection (Coronavirus, Restrictions) "
                "(England) (No. 4) Regulations 2020— (a) in paragraph 30— (i) number the "
                "existing text as sub-paragraph (1); (ii) after sub-paragraph (1), as so "
                "numbered, insert— “(2) Sub-paragraph (1) does not prevent a farm from "
                "operating.”")
    assert [(o.action, o.address, o.position) for o in got] == [
        ("renumber", "Sch. para. 30", None), ("insert", "Sch. para. 30(1)", "after")]
    assert got[0].new_address == "Sch. para. 30(1)"


def test_numbering_verbs_need_the_existing_text_and_one_new_number() -> None:
    # "make" and "number" are read only with the existing text as their object
    for text in ("In section 5, make subsection (3) subsection (4)",
                 "In section 5, number subsection (3) as subsection (4)",
                 "In section 5, make the existing text into subsection (1)"):
        assert parse_instruction_line(text)["unparsed"] == text[len("In section 5, "):]
    got = parse_instruction_line("In section 5, make the existing text subsections (1) and (2)")
    assert "several provisions renumbered" in got["error"]
    # "as so numbered" is set off by commas, or it is not read
    got = parse_instruction_line("In section 5, in subsection (1), as so numbered for “A” "
                                 "substitute “B”")
    assert got["unparsed"] == "as so numbered for “A” substitute “B”"
    assert one("In section 5, in subsection (1), as so numbered, for “A” substitute “B”") == op(
        "substitute", old="A", new="B", target="subsection (1)")


# --- version 2: Schedules, Parts, regulations, articles, rules; retained EU law ------------

@pytest.mark.parametrize(("text", "target"), [
    ("In Part A (requirements for the verification of systems), in point 7, omit “X”",
     "point 7"),
    ("In Article 6a (alternative verification), omit “X”", "Article 6a"),
    ("In Annex 2 (requirements), in point 4, omit “X”", "point 4"),
    ("In point 3, in the third indent, omit “X”", "the third indent"),
    ("In the first unnumbered paragraph, omit “X”", "the first unnumbered paragraph"),
    ("In Article 17a (tick sizes), in the second paragraph, omit “X”", "the second paragraph"),
    ("In rule 3, in paragraph (4), omit “X”", "paragraph (4)"),
    ("In table 6 (Representation of the People Regulations 2001), omit “X”", "table 6"),
])
def test_retained_eu_law_and_instrument_locators(text: str, target: str) -> None:
    assert one(text) == op("omit", old="X", target=target)


@pytest.mark.parametrize(("text", "target", "act"), [
    ("In Article 4 of Regulation (EU) No 648/2012, omit “X”", "Article 4",
     "Regulation (EU) No 648/2012"),
    ("In Regulation (EU) No 648/2012, in Article 4, omit “X”", "Article 4",
     "Regulation (EU) No 648/2012"),
    # the long title, commas and all, is left out of the name; a heading after it too
    ("In Regulation (EU) No 648/2012 of the European Parliament and of the Council of 4 July "
     "2012 on OTC derivatives, central counterparties and trade repositories (EMIR), in "
     "Article 4, omit “X”", "Article 4", "Regulation (EU) No 648/2012"),
    ("In Article 2(1) of Commission Implementing Regulation (EU) 2016/799 of 18 March 2016 "
     "implementing Regulation (EU) No 165/2014 of the European Parliament and of the Council, "
     "omit “X”", "Article 2(1)", "Commission Implementing Regulation (EU) 2016/799"),
    ("In Article 3 of Council Regulation (EC) No 1/2003 of 16 December 2002 on the "
     "implementation of the rules on competition, omit “X”", "Article 3",
     "Council Regulation (EC) No 1/2003"),
    ("In Article 4 of Commission Decision (EU) 2019/1 of 2 January 2019, omit “X”", "Article 4",
     "Commission Decision (EU) 2019/1"),
    # a retained EU instrument given a UK short title with a year
    ("In the EU Securitisation Regulation 2017, in Article 4, omit “X”", "Article 4",
     "EU Securitisation Regulation 2017"),
])
def test_retained_eu_instruments_are_named_by_their_number(text: str, target: str,
                                                           act: str) -> None:
    assert one(text) == op("omit", old="X", target=target, act=act)


def test_retained_eu_instruments_with_their_long_titles_in_lead_ins() -> None:
    # Financial Services and Markets Act 2023, Sch. 2 para. 40
    o, = parse("In Article 11(1) of Regulation (EU) 2017/1131 of the European Parliament and "
               "of the Council of 14 June 2017 on money market funds (eligible securitisations "
               "and ABCPs), after paragraph (c) insert— “(d) an STS equivalent non-UK "
               "securitisation.”")
    assert (o.action, o.position, o.address, o.act) == (
        "insert", "after", "art. 11(1)(c)", "Regulation (EU) 2017/1131")
    # S.I. 2023 (drivers' hours): a lead-in that only sets context
    got = parse_instruction_line("Regulation (EU) No 165/2014 of the European Parliament and "
                                 "of the Council of 4 February 2014 on tachographs in road "
                                 "transport is amended as follows.")
    assert got["error"] == "the text makes no amendment (it only sets context)"
    ops = parse("In Commission Delegated Regulation (EU) 2017/565 of 25 April 2016 "
                "supplementing Directive 2014/65/EU of the European Parliament and of the "
                "Council as regards organisational requirements— (a) in Article 2, omit “X”; "
                "(b) in Article 3, omit “Y”.")
    assert [(o.address, o.act) for o in ops] == [
        ("art. 2", "Commission Delegated Regulation (EU) 2017/565"),
        ("art. 3", "Commission Delegated Regulation (EU) 2017/565")]


@pytest.mark.parametrize(("text", "unparsed"), [
    # a title holding a provision's name is not read: "in Article 4" may be the locator
    ("In Regulation (EU) No 648/2012 of the European Parliament and of the Council on OTC "
     "derivatives in Article 4, omit “X”", "of the European Parliament and of the Council on "
     "OTC derivatives in Article 4, omit “X”"),
    ("In Regulation (EU) No 648/2012 of 4 July 2012 amending paragraph 3 of Regulation (EU) "
     "No 1/2000, in Article 4, omit “X”", "of 4 July 2012 amending paragraph 3 of Regulation "
     "(EU) No 1/2000, in Article 4, omit “X”"),
    # a parenthesis after the title is read as after any name: extent is refused
    ("In Regulation (EU) No 648/2012 on OTC derivatives (so far as it extends to Scotland), "
     "in Article 4, omit “X”", "so far as it extends to Scotland"),
    # the whole instrument revoked, as a whole Act repealed, is refused
    ("Council Regulation (EC) No 219/2007 of 27 February 2007 on the establishment of a Joint "
     "Undertaking is revoked.", "Council Regulation (EC) No 219/2007 of 27 February 2007 on "
     "the establishment of a Joint Undertaking is revoked"),
    # "regulation (EU)" in lower case is no instrument
    ("In regulation (EU) No 648/2012, omit “X”", "No 648/2012, omit “X”"),
])
def test_retained_eu_instruments_that_cannot_be_told_apart_are_refused(text: str,
                                                                      unparsed: str) -> None:
    assert parse_instruction_line(text)["unparsed"] == unparsed


@pytest.mark.parametrize(("text", "expected", "address"), [
    ("In Article 3, in the first and second subparagraphs, for “X” substitute “Y”.",
     op("substitute", old="X", new="Y", target="the first and second subparagraphs"),
     "art. 3 the first subparagraph and art. 3 the second subparagraph"),
    # S.I. 2019/459, reg. 63(6)(c)
    ("In point 3— (c) in each of the fourth and fifth indents for “a notified” substitute “an "
     "appointed”.", op("substitute", old="a notified", new="an appointed",
                       target="the fourth and fifth indents"),
     None),
    ("In Article 3, omit the second and third subparagraphs.",
     op("omit", target="the second and third subparagraphs"),
     "art. 3 the second subparagraph and art. 3 the third subparagraph"),
    # S.I. 2019/459, reg. 70: the noun in the singular, as printed
    ("In Article 7 (entry into force) omit the second and third unnumbered paragraph.",
     op("omit", target="the second and third unnumbered paragraph"),
     "art. 7 the second unnumbered paragraph and art. 7 the third unnumbered paragraph"),
    ("In Article 3, in the first, second and last sentences, omit “X”.",
     op("omit", old="X", target="the first, second and last sentences"),
     "art. 3 the first sentence, art. 3 the second sentence and art. 3 the last sentence"),
    ("In Article 3(2), at the end of the first subparagraph insert “Y”.",
     op("insert", position="at_end", new="Y", target="the first subparagraph"),
     "art. 3(2) the first subparagraph"),
])
def test_lists_of_passages_named_by_their_places(text: str, expected: dict[str, Any],
                                                  address: str | None) -> None:
    o, = parse(text)
    assert o.to_json() == expected
    if address is not None:
        assert o.address == address
    # each passage of the list is addressed as it would be alone
    first = text.replace(" and second subparagraphs", " subparagraph")
    if first != text:
        alone, = parse(first)
        assert o.address.split(" and ")[0] == alone.address


def test_a_passage_listed_twice_is_refused() -> None:
    got = parse_instruction_line("In Article 3, in the first and first subparagraphs, omit “X”.")
    assert got["unparsed"] == "in the first and first subparagraphs, omit “X”"


def test_whole_passages_are_omitted_by_their_place() -> None:
    assert one("omit the last sentence") == op("omit", target="the last sentence")
    assert one("Omit Article 13a (European Aviation Safety Agency).") == op(
        "omit", target="Article 13a")


@pytest.mark.parametrize(("text", "act"), [
    ("In regulation 3(9)(a) of the Decisions and Appeals Regulations (revision of decisions), "
     "omit “X”", "Decisions and Appeals Regulations"),
    ("In regulation 2 of the principal regulations, omit “X”", "principal regulations"),
    ("In section 5 of the Act, omit “X”", "Act"),
    ("In that Act, omit “X”", "that Act"),
    ("In section 2 of those Regulations, omit “X”", "those Regulations"),
    ("In the Contributions and Benefits Act, in section 5, omit “X”",
     "Contributions and Benefits Act"),
])
def test_acts_named_without_a_year_or_by_reference(text: str, act: str) -> None:
    assert one(text)["act"] == act


def test_that_provision_as_a_place_and_in_a_chain() -> None:
    ops = parse("In article 46— (a) in paragraph (2), omit “x”; (b) after paragraph (1) of that "
                "Article insert— “(1A) New.”")
    assert [(o.target, o.address) for o in ops] == [
        ("paragraph (2)", "art. 46(2)"), ("paragraph (1) of that Article", "art. 46(1)")]
    ops = parse("In section 5— (a) in subsection (2)(a), omit “x”; (b) after that paragraph "
                "insert— “(aa) New;”.")
    assert [(o.target, o.address, o.structural) for o in ops] == [
        ("subsection (2)(a)", "s. 5(2)(a)", False), ("subsection (2)(a)", "s. 5(2)(a)", True)]
    got = parse_instruction_line("after that paragraph insert— “(aa) New;”")
    assert got["unparsed"] == "that paragraph"


def test_a_lead_in_as_set_out_in_later_provisions() -> None:
    assert parse("Section 75 is amended as set out in subsections (3) to (6).") == ()
    assert parse("FSMA 2000 is amended as is set out in subsections (2) and (3).") == ()


def test_as_inserted_by_without_as() -> None:
    assert one("after “(pa)” (inserted by section 6(6)) insert “or (pc)”") == op(
        "insert", position="after", anchor="(pa)", new="or (pc)",
        as_inserted_by="inserted by section 6(6)")


@pytest.mark.parametrize("text", ["omit “X” on each occasion", "omit “X” each time it occurs",
                                  "omit “X” in each case"])
def test_qualifiers_after_a_space_that_open_with_on_or_each(text: str) -> None:
    assert one(text) == op("omit", old="X", occurrence="all", places="each")


@pytest.mark.parametrize(("text", "target", "address", "act"), [
    ("In paragraph 12 (additional room) of Schedule 4 (housing costs), omit “x”.",
     "paragraph 12 of Schedule 4", "Sch. 4 para. 12", None),
    ("In section 5 (interpretation) of the Children Act 1989, omit “x”.",
     "section 5", "s. 5", "Children Act 1989"),
])
def test_a_heading_inside_a_chain_is_a_heading(text: str, target: str, address: str,
                                               act: str | None) -> None:
    o, = parse(text)
    assert (o.target, o.address, o.act, o.old) == (target, address, act, "x")


def test_both_of_names_two_provisions() -> None:
    o, = parse("In section 2, in both of subsections (1) and (2), omit “x”.")
    assert o.address == "s. 2(1) and s. 2(2)"
    with pytest.raises(InstructionParseError, match="“both” names 3 provisions"):
        parse("In section 2, in both of subsections (1), (2) and (3), omit “x”.")


def test_words_beginning_with_is_a_range() -> None:
    assert one("In paragraph 2, omit the words beginning with “, and shall” to the end of "
               "the paragraph.") == one("In paragraph 2, omit the words from “, and shall” to "
                                       "the end of the paragraph.")


# --- ranges named without "from" -------------------------------------------------------------

@pytest.mark.parametrize(("text", "action", "old", "range_end", "target"), [
    ("In subsection (1), for “the authority” to the end substitute “the Board.”",
     "substitute", "the authority …", None, "subsection (1)"),
    ("In subsection (2), for the words “may” to the end substitute “must consult.”",
     "substitute", "may …", None, "subsection (2)"),
    ("In section 4, for the word “unless” to the end, substitute “if so directed.”",
     "substitute", "unless …", None, "section 4"),
    ("In paragraph 3, omit “, and any” to the end.", "omit", ", and any …", None, "paragraph 3"),
    ("In regulation 2(1), omit the words “but not” onwards.", "omit", "but not …", None,
     "regulation 2(1)"),
    ("In subsection (3), omit “or” to the end of paragraph (b).", "omit", "or …",
     "paragraph (b)", "subsection (3)"),
    # Real: Financial Services and Markets Act 2023, Sch. 2 para. 15; Charities (Regulation
    # and Administration) (Scotland) Act 2023, sch. para. 6(4)(a).
    ("In Article 1(3) (subject matter and scope), for “financial counterparties” to the end "
     "substitute “counterparties that are relevant financial counterparties”.", "substitute",
     "financial counterparties …", None, "Article 1(3)"),
    ("In section 12 (power of OSCR to require charity to change name)— (a) in subsection (1), "
     "for “of” to the end substitute “or working name of another charity is the same as or too "
     "like its name or working name, request OSCR to conduct a review.”,", "substitute", "of …",
     None, "subsection (1)"),
])
def test_a_range_to_the_end_needs_no_from(text: str, action: str, old: str,
                                          range_end: str | None, target: str) -> None:
    o = one(text)
    assert (o["action"], o["old"], o["range"], o["range_end"], o["target"]) == \
        (action, old, True, range_end, target)


@pytest.mark.parametrize(("text", "unparsed"), [
    # "“A” to “B”" with no "from" is not read: only a range to the end is named that way.
    ("for “A” to “B” substitute “C”", "to “B” substitute “C”"),
    ("omit the words “A” to “B”", "to “B”"),
    # A qualifier between the words and "to the end" is not read in this form.
    ("for “A”, where it first occurs, to the end substitute “C”", "to the end substitute “C”"),
])
def test_a_range_without_from_to_given_words_is_refused(text: str, unparsed: str) -> None:
    assert _raises(text).unparsed == unparsed


@pytest.mark.parametrize(("text", "action", "old"), [
    ("omit the words beginning with “A” and ending with “B”", "omit", "A … B"),
    ("In paragraph 1 for the words beginning with “Without” and ending with “cooperation” "
     "substitute “In consultation”", "substitute", "Without … cooperation"),
    ("for the words from “A” and ending with “B” substitute “C”", "substitute", "A … B"),
    # Real: Air Traffic Management (Amendment etc.) (EU Exit) Regulations 2019, reg. 32(3).
    ("In paragraph 3 omit the words beginning with “, broken down” and ending with "
     "“Article 14”.", "omit", ", broken down … Article 14"),
])
def test_beginning_with_and_ending_with_is_a_range(text: str, action: str, old: str) -> None:
    o = one(text)
    assert (o["action"], o["old"], o["range"]) == (action, old, True)


def test_ending_with_a_place_of_the_last_words_is_refused() -> None:
    err = _raises("omit the words beginning with “A” and ending with the second “B”")
    assert err.unparsed == "the second"


# --- entries set off by semicolons, inserted at the appropriate place ----------------------

@pytest.mark.parametrize("text", [
    "In section 5(1), at the appropriate places insert— ““area” means x;”; ““board” means y;”.",
    "In section 5(1), in the appropriate places insert— ““area” means x;”; ““board” means y;”.",
    "In section 5(1), insert the following definitions at the appropriate places— ““area” means "
    "x;”; ““board” means y;”.",
    "In section 5(1), insert the following definitions at the appropriate place— ““area” means "
    "x;”; ““board” means y;”.",
    "In section 5(1), insert at the appropriate place— ““area” means x;”; and ““board” means y;”.",
    "In section 5(1), at the appropriate place in alphabetical order insert— ““area” means x;”; "
    "““board” means y;”;",
])
def test_entries_set_off_by_semicolons_are_inserted_one_by_one(text: str) -> None:
    ops = machine(text)
    assert [(o["action"], o["position"], o["new"], o["target"]) for o in ops] == [
        ("insert", None, "“area” means x;", "section 5(1)"),
        ("insert", None, "“board” means y;", "section 5(1)")]


def test_entries_set_off_by_semicolons_real() -> None:
    # Employment Rights (Amendment, Revocation and Transitional Provision) Regulations 2023,
    # reg. 3(1).
    ops = machine("In regulation 2(1) (interpretation), insert the following definitions in the "
                  "appropriate places— ““irregular hours worker” has the meaning given by "
                  "regulation 15F(1);”; ““part-year worker” has the meaning given by regulation "
                  "15F(1)(b);”; ““sick leave” means absence from work due to sickness or "
                  "injury;”.")
    assert [o["new"][:22] for o in ops] == ["“irregular hours worke", "“part-year worker” has",
                                           "“sick leave” means abs"]
    assert {o["target"] for o in ops} == {"regulation 2(1)"}


@pytest.mark.parametrize(("text", "unparsed"), [
    # Only entries at the appropriate place are set off so: a second quotation after words
    # inserted at a named place is not read.
    ("In section 1, after “X” insert “A”; “B”", "“B”"),
    ("In section 1, insert “A” at the appropriate place; “B”", "“B”"),
])
def test_semicolon_entries_need_the_appropriate_place(text: str, unparsed: str) -> None:
    assert _raises(text).unparsed == unparsed


# --- words changed where they stand beside a provision ---------------------------------------

@pytest.mark.parametrize(("text", "action", "position", "old", "new", "target"), [
    ("for the “or” after sub-paragraph (iv) substitute “and”", "substitute", "after", "or",
     "and", "sub-paragraph (iv)"),
    ("for the word “and” immediately preceding paragraph (c) substitute “or”", "substitute",
     "before", "and", "or", "paragraph (c)"),
    ("for “and” at the end of paragraph (a) substitute “or”", "substitute", "at_end", "and",
     "or", "paragraph (a)"),
    ("after paragraph (a) omit “and”", "omit", "after", "and", None, "paragraph (a)"),
    ("after paragraph (a), omit the word “and”", "omit", "after", "and", None, "paragraph (a)"),
    ("before paragraph (c), for “and” substitute “or”", "substitute", "before", "and", "or",
     "paragraph (c)"),
    ("after paragraph (2)(d) “or” shall be omitted", "omit", "after", "or", None,
     "paragraph (2)(d)"),
    ("before paragraph (c) the word “and” is repealed", "omit", "before", "and", None,
     "paragraph (c)"),
    ("at the end of paragraph (a), the word “and” is repealed", "omit", "at_end", "and", None,
     "paragraph (a)"),
    ("at the end of sub-paragraph (ii) “or” shall be omitted", "omit", "at_end", "or", None,
     "sub-paragraph (ii)"),
    # Real: Social Security and Child Support (Miscellaneous Amendments) Regulations 2003,
    # reg. 3(3)(d); Social Security (Miscellaneous Amendments) Regulations 2025, reg. 4(2)(e).
    ("In regulation 6 of the Decisions and Appeals Regulations (supersession of decisions)— "
     "(d) after paragraph (2)(g) “and” shall be omitted.", "omit", "after", "and", None,
     "paragraph (2)(g)"),
    ("In regulation 2(1) (interpretation), in the definition of “member of a couple who cannot "
     "share a bedroom”, in paragraph (a)— (e) for the “or” after sub-paragraph (iva) "
     "substitute “and”.", "substitute", "after", "or", "and", "sub-paragraph (iva)"),
])
def test_words_beside_a_provision(text: str, action: str, position: str, old: str,
                                  new: str | None, target: str) -> None:
    o = one(text)
    assert (o["action"], o["position"], o["anchor"], o["old"], o["new"], o["target"]) == \
        (action, position, None, old, new, target)


@pytest.mark.parametrize(("text", "unparsed"), [
    # The words beside a provision are one change of quoted words, in that provision.
    ("after paragraph (a) omit “and” in subsection (2)",
     "after paragraph (a) omit “and” in subsection (2)"),
    ("after paragraph (a) omit the words from “A” to “B”",
     "after paragraph (a) omit the words from “A” to “B”"),
    ("after paragraph (a), for “and” after paragraph (b) substitute “or”",
     "after paragraph (a), for “and” after paragraph (b) substitute “or”"),
    # After a passage named by its place, "after paragraph 1" may say which passage is meant.
    ("In the unnumbered paragraph after paragraph 1 for “In those” substitute “Where”.",
     "after paragraph 1"),
    ("In the second sentence, after paragraph 1 insert “X”", "after paragraph 1"),
])
def test_words_beside_a_provision_refused(text: str, unparsed: str) -> None:
    assert _raises(text).unparsed == unparsed


# --- instruments named after their Act -------------------------------------------------------

@pytest.mark.parametrize(("text", "act"), [
    ("In regulation 3 of the Financial Services and Markets Act 2000 (Regulated Activities) "
     "(Amendment) (No. 2) Order 2003, omit “x”.",
     "Financial Services and Markets Act 2000 (Regulated Activities) (Amendment) (No. 2) "
     "Order 2003"),
    ("In the Police Act 1997 (Criminal Records) Regulations 2002 (S.I. 2002/233), in "
     "regulation 2, omit “x”.", "Police Act 1997 (Criminal Records) Regulations 2002"),
    ("In article 4 of the Local Government Act 2000 (Commencement No. 3) Order (Northern "
     "Ireland) 2001, omit “x”.",
     "Local Government Act 2000 (Commencement No. 3) Order (Northern Ireland) 2001"),
    # The Act itself, with a heading after it, is still the Act.
    ("In section 5 of the Police Act 1996 (interpretation), omit “x”.", "Police Act 1996"),
])
def test_an_instrument_named_after_its_act(text: str, act: str) -> None:
    assert one(text)["act"] == act


# --- "The following provisions are repealed—" ------------------------------------------------

def test_provisions_listed_to_be_repealed() -> None:
    ops = parse("The following provisions are repealed— (a) section 5 of the Police Act 1996; "
                "(b) in the Finance Act 2000— (i) sections 3 and 4; (ii) Schedule 2; (c) in "
                "section 9 of the Health Act 1999, subsection (2) and the word “and” before it.")
    assert [(o.action, o.target, o.act, o.old, o.position, o.omit_how, o.label) for o in ops] == [
        ("omit", "section 5", "Police Act 1996", None, None, "repealed", ("a",)),
        ("omit", "sections 3 and 4", "Finance Act 2000", None, None, "repealed", ("b", "i")),
        ("omit", "Schedule 2", "Finance Act 2000", None, None, "repealed", ("b", "ii")),
        ("omit", "subsection (2)", "Health Act 1999", None, None, "repealed", ("c",)),
        ("omit", "subsection (2)", "Health Act 1999", "and", "before", "repealed", ("c",))]
    assert ops[1].instruction == ("The following provisions are repealed— in the Finance Act "
                                  "2000— (i) sections 3 and 4;")


@pytest.mark.parametrize(("text", "act", "how"), [
    ("The following provisions of the 1930 Act are repealed— (a) section 4; (b) section 6.",
     "1930 Act", "repealed"),
    ("The following provisions of the Housing Act 1988 shall cease to have effect— (a) section "
     "4; (b) section 6.", "Housing Act 1988", "repealed"),
    ("The following provisions of the principal Regulations are revoked— (a) regulation 4; "
     "(b) regulation 6.", "principal Regulations", "repealed"),
    ("The following provisions are hereby revoked:— (a) regulation 4; (b) regulation 6.", None,
     "repealed"),
    ("The following provisions shall be omitted— (a) section 4; and (b) section 6.", None,
     "omitted"),
    ("The following enactments are repealed— (a) section 4; (b) section 6.", None, "repealed"),
])
def test_provisions_listed_to_go_wordings(text: str, act: str | None, how: str) -> None:
    ops = parse(text)
    assert [(o.action, o.act, o.omit_how, o.old) for o in ops] == [("omit", act, how, None)] * 2
    assert [o.address for o in ops] == (["reg. 4", "reg. 6"] if "regulation" in text
                                        else ["s. 4", "s. 6"])


def test_provisions_listed_to_go_real() -> None:
    # Financial Services and Markets Act 2023, Sch. 2 para. 50(b)(v).
    o, = parse("The following provisions are revoked— (b) in the Financial Services and Markets "
               "Act 2000 (Markets in Financial Instruments) Regulations 2017— (v) regulation "
               "29(1);")
    assert (o.action, o.target, o.act, o.address) == (
        "omit", "regulation 29(1)",
        "Financial Services and Markets Act 2000 (Markets in Financial Instruments) Regulations "
        "2017", "reg. 29(1)")


@pytest.mark.parametrize(("text", "unparsed"), [
    # A whole Act or instrument is not repealed by an op.
    ("The following provisions are revoked— (a) the Motor Vehicles Order 1979;",
     "the Motor Vehicles Order 1979"),
    # Only whole provisions are listed so: words, or a change, are not read there.
    ("The following provisions are repealed— (a) in section 5, the words “x”;", "the words “x”"),
    ("The following provisions are repealed— (a) in section 5, omit “x”;", "omit “x”"),
    # A limit of extent is refused, as anywhere.
    ("The following provisions are repealed— (a) section 4 (so far as extending to Scotland);",
     "so far as extending to Scotland"),
    # Lists of other things are not read as lists of provisions.
    ("The following instruments are revoked— (a) the Motor Vehicles Order 1979;",
     "The following instruments are revoked"),
    ("In section 135, the following definitions are repealed— (a) enforcement direction,",
     "the following definitions are repealed"),
])
def test_provisions_listed_to_go_refused(text: str, unparsed: str) -> None:
    assert _raises(text).unparsed == unparsed


def test_the_list_lead_in_alone_makes_no_change() -> None:
    with pytest.raises(InstructionParseError):
        parse("The following provisions of the 1930 Act are repealed.")
    with pytest.raises(InstructionParseError, match=r"no amendment|could not read"):
        parse("The following provisions are repealed—")


@pytest.mark.parametrize(("text", "target", "act"), [
    ("Regulation 5 is revoked.", "Regulation 5", None),
    ("Regulations 5 and 6 are hereby revoked.", "Regulations 5 and 6", None),
    ("In regulation 2, paragraph (3) shall be revoked.", "paragraph (3)", None),
    ("Article 7 of the Police (Northern Ireland) Order 1989 is revoked.", "Article 7",
     "Police (Northern Ireland) Order 1989"),
    # Real: Education (Scotland) Act 2025, sch. 4 para. 27(2).
    ("Part 4 (inspection) is revoked.", "Part 4", None),
])
def test_a_provision_revoked_is_omitted(text: str, target: str, act: str | None) -> None:
    o, = parse(text)
    assert (o.action, o.target, o.act, o.old, o.omit_how) == ("omit", target, act, None,
                                                              "repealed")


@pytest.mark.parametrize("text", [
    "The Police Regulations 2003 are revoked.",
    "The 2002 Outturn Regulations are revoked.",
    "The Medicines Control Agency Trading Fund Order 1993 is hereby revoked.",
])
def test_a_whole_instrument_revoked_is_refused(text: str) -> None:
    assert _raises(text).unparsed == text.rstrip(".")


@pytest.mark.parametrize(("text", "address"), [
    ("In Part 12 of FSMA 2000 (control over authorised persons), in section 187 (approval "
     "with conditions), in subsection (2), at the end of paragraph (a) omit “or”.",
     "s. 187(2)(a)"),
    ("In Chapter 1 of Part 2, in section 10, omit “x”.", "s. 10"),
    ("In Part 3, in regulation 14(2), omit “x”.", "reg. 14(2)"),
    ("In Part 4 of the principal Order, in article 9, omit “x”.", "art. 9"),
])
def test_a_section_named_in_a_part_is_numbered_through_the_act(text: str, address: str) -> None:
    o, = parse(text)
    assert o.address == address


def test_other_provisions_in_a_part_stay_refused() -> None:
    assert _raises("In Part 2, in Schedule 3, omit “x”.").unparsed == "in Schedule 3"


@pytest.mark.parametrize(("text", "places"), [
    ("In article 13 for “14” substitute “21” in both places where the number appears.", "both"),
    ("for “£5” substitute “£10” wherever the figure occurs", "each"),
    ("for “£5” substitute “£10” in each place where those figures appear", "each"),
    ("for “2010” substitute “2011”, where the date first appears,", [1]),
    ("for “x” substitute “y” in each place where the expression occurs", "each"),
    ("for “x” substitute “y” where the term occurs for the second time", [2]),
    ("omit “x”, on each occasion on which the reference appears", "each"),
])
def test_an_occurrence_qualifier_may_name_what_occurs(text: str, places: Any) -> None:
    assert one(text)["places"] == places


@pytest.mark.parametrize(("text", "target"), [
    ("for “X”, in each of subsections (1) to (3), substitute “Y”", "subsections (1) to (3)"),
    ("for “X” in each of subsections (1) and (3) substitute “Y”", "subsections (1) and (3)"),
    ("omit “X” in both of paragraphs (a) and (b)", "paragraphs (a) and (b)"),
    # Real: Air Traffic Management (Amendment etc.) (EU Exit) Regulations 2019, reg. 129.
    ("In Article 8 (data link communication for transport type State aircraft) for “Member "
     "States”, in each of paragraphs 1 to 3, substitute “The Secretary of State”.",
     "paragraphs 1 to 3"),
])
def test_each_of_after_the_words(text: str, target: str) -> None:
    assert one(text)["target"] == target


def test_both_of_after_the_words_names_two() -> None:
    assert _raises("omit “X” in both of paragraphs (a), (b) and (c)").unparsed == \
        "both of paragraphs (a), (b) and (c)"


# --- words changed next to other words -------------------------------------------------------

@pytest.mark.parametrize(("text", "action", "position", "anchor", "old", "new"), [
    ("after “X” omit “Y”", "omit", "after", "X", "Y", None),
    ("before the words “X”, omit the word “Y”", "omit", "before", "X", "Y", None),
    ("after the words “the corresponding forms in” for the words “the Schedule” substitute "
     "“Schedule 1”", "substitute", "after", "the corresponding forms in", "the Schedule",
     "Schedule 1"),
    # Real: Petroleum Act 1998 (Specified Pipelines) (Amendment) … Order 2023, art. 2(2)(a);
    # Health and Social Care (Wales) Act 2025, Sch. 1 para. 2(6)(a)(ii).
    ("In article 2 (Specified pipelines)— (a) in paragraph 2(b) after “substances;” omit "
     "“or”;", "omit", "after", "substances;", "or", None),
    ("In Schedule 1— (a) in paragraph 1(1)— (ii) after the words “in Wales” omit “,”;", "omit",
     "after", "in Wales", ",", None),
])
def test_words_next_to_other_words(text: str, action: str, position: str, anchor: str,
                                   old: str, new: str | None) -> None:
    o = one(text)
    assert (o["action"], o["position"], o["anchor"], o["old"], o["new"], o["range"]) == \
        (action, position, anchor, old, new, False)


@pytest.mark.parametrize("text", [
    # A qualifier, on either words, cannot say which words it counts in one op.
    "after “X”, where it first occurs, omit “Y”",
    "after “X” omit “Y”, where it first occurs",
    # Ranges, lists and another provision named with the words are not read so.
    "after “Date” omit the words from “Once you have” to “struck out.”",
    "after “X” omit “Y” in paragraph (b)",
    "after “X” and “Z” omit “Y”",
])
def test_words_next_to_other_words_refused(text: str) -> None:
    _raises(text)


# --- other names of the opening and closing words --------------------------------------------

@pytest.mark.parametrize(("text", "target", "part"), [
    ("In subsection (2), in the introductory words, for “X” substitute “Y”",
     "the introductory words", "opening"),
    ("In subsection (2), in the concluding words, omit “X”", "the concluding words", "closing"),
    ("In subsection (2), in the tailpiece, omit “X”", "the tailpiece", "closing"),
    ("In paragraph 1, in the chapeau, for “X” substitute “Y”", "the chapeau", "opening"),
    ("in the concluding words of subsection (2), omit “X”",
     "the concluding words of subsection (2)", "closing"),
    ("in the introductory words before paragraph (a), omit “X”",
     "the introductory words before paragraph (a)", "opening"),
])
def test_other_names_of_opening_and_closing_words(text: str, target: str, part: str) -> None:
    o = one(text)
    assert (o["target"], o["words_part"]) == (target, part)


def test_concluding_words_are_not_before_a_provision() -> None:
    assert _raises("in the concluding words before paragraph (a), omit “X”").unparsed == \
        "the concluding words before paragraph (a)"


# --- opening and closing words quoted to say what they are --------------------------------

@pytest.mark.parametrize(("text", "action", "old", "new", "part", "address"), [
    ("In section 2, for the concluding words “X” substitute “Y”.",
     "substitute", "X", "Y", "closing", "s. 2"),
    ("In section 4(3), omit the opening words “Subject to subsection (5),”.",
     "omit", "Subject to subsection (5),", None, "opening", "s. 4(3)"),
    ("In paragraph 2, for the introductory words “If—” substitute “Where—”.",
     "substitute", "If—", "Where—", "opening", "para. 2"),
    ("In section 7(1), for the closing words “and”, where they first occur, substitute “or”.",
     "substitute", "and", "or", "closing", "s. 7(1)"),
    # real: ukdsi 2001 0110289390 reg. 5
    ("In paragraph (6) of regulation 12 of the principal regulations, for the concluding words "
     "“arrangements made by the Government” substitute “Government arrangements”.",
     "substitute", "arrangements made by the Government", "Government arrangements", "closing",
     "reg. 12(6)"),
])
def test_opening_and_closing_words_quoted(text: str, action: str, old: str, new: str | None,
                                          part: str, address: str) -> None:
    o = one(text)
    assert (o["action"], o["old"], o["new"], o["words_part"], o["range"]) == \
        (action, old, new, part, False)
    (rich,) = parse(text)
    assert rich.address == address


def test_opening_and_closing_words_quoted_beside_another_change() -> None:
    # real: ukdsi 2001 0110289390 reg. 6
    ops = parse("In paragraph (7) of regulation 12 of the principal regulations, for “(b)” "
                "substitute “(c)” and for the concluding words “arrangements made by the "
                "Government” substitute “Government arrangements”.")
    assert [(o.address, o.words_part, o.old) for o in ops] == [
        ("reg. 12(7)", None, "(b)"),
        ("reg. 12(7)", "closing", "arrangements made by the Government")]


@pytest.mark.parametrize(("text", "span"), [
    # a provision after the words: whose closing words?
    ("In subsection (2), for the opening words “X” in paragraph (a) substitute “Y”.",
     "paragraph (a)"),
    # opening words inside closing words
    ("In subsection (2), in the opening words, for the closing words “X” substitute “Y”.",
     "the closing words “X”"),
])
def test_opening_and_closing_words_quoted_refused(text: str, span: str) -> None:
    assert _raises(text).unparsed == span


# --- punctuation named in words, at the end ----------------------------------------------------

@pytest.mark.parametrize(("text", "action", "position", "old", "new", "target"), [
    ("In section 5, for the full stop at the end of paragraph (b) substitute a semi-colon.",
     "substitute", "at_end", ".", ";", "paragraph (b)"),
    ("In section 5, for the full-stop at the end of paragraph (b) there shall be substituted "
     "a semicolon.", "substitute", "at_end", ".", ";", "paragraph (b)"),
    ("In section 5, at the end of paragraph (b), for the full stop substitute “; or”.",
     "substitute", "at_end", ".", "; or", "paragraph (b)"),
    ("In section 5(2), omit the comma at the end of paragraph (a).",
     "omit", "at_end", ",", None, "paragraph (a)"),
    ("In section 5(2), at the end of paragraph (a), omit the semi-colon.",
     "omit", "at_end", ";", None, "paragraph (a)"),
    ("In regulation 4, at the end of paragraph (3), for the colon substitute a full stop.",
     "substitute", "at_end", ":", ".", "paragraph (3)"),
    # a mark named as new text after quoted old words
    ("In section 5, for “, and” substitute a comma.",
     "substitute", None, ", and", ",", "section 5"),
])
def test_punctuation_named_in_words(text: str, action: str, position: str | None, old: str,
                                    new: str | None, target: str) -> None:
    o = one(text)
    assert (o["action"], o["position"], o["old"], o["new"], o["target"], o["range"]) == \
        (action, position, old, new, target, False)


@pytest.mark.parametrize(("text", "span"), [
    # which full stop? only the closing mark "at the end" is read
    ("In section 5, for the full stop substitute a semi-colon.", "the full stop"),
    ("In section 5, omit the full stop.", "the full stop"),
    # real: uksi 2005/2338 reg. 10(g); the paragraphs may go beside paragraph (b) or into
    # Schedule 3 itself
    ("In Schedule 3— (g) at the end of paragraph 3(2)(b), for the full-stop substitute a "
     "semi-colon and insert the following paragraphs— “(c) the school year; (d) the level.”",
     "insert the following paragraphs— “(c) the school year; (d) the level.”"),
    ("In Schedule 3, in paragraph 3(2)(b), for “.” substitute “;” and insert— “(c) the level.”",
     "insert— “(c) the level.”"),
])
def test_punctuation_named_in_words_refused(text: str, span: str) -> None:
    assert _raises(text).unparsed == span


def test_words_naming_punctuation_stay_quoted_words() -> None:
    o = one("In section 5, for the words “a full stop” substitute “a comma”.")
    assert (o["old"], o["new"], o["position"]) == ("a full stop", "a comma", None)


# --- "together with" the word before or after a provision omitted ----------------------------

@pytest.mark.parametrize(("text", "second"), [
    ("In section 5(2), omit paragraph (b) together with the word “and” immediately preceding "
     "it.", ("before", "and", "paragraph (b)")),
    ("In section 5(2), omit paragraph (b), together with the word “and” immediately preceding "
     "it.", ("before", "and", "paragraph (b)")),
    ("In section 5(2), paragraph (b) together with the word “or” immediately before it is "
     "repealed.", ("before", "or", "paragraph (b)")),
    ("In section 5(2), omit paragraph (b) together with the “or” at the end of paragraph (a).",
     ("at_end", "or", "paragraph (a)")),
])
def test_omit_provision_together_with_word(text: str, second: tuple[str, str, str]) -> None:
    first, other = parse_instruction_line(text)["ops"]
    assert (first["action"], first["old"], first["target"]) == ("omit", None, "paragraph (b)")
    assert (other["action"], other["position"], other["old"], other["target"]) == \
        ("omit", *second)


@pytest.mark.parametrize("text", [
    # the heading is no word: not read
    "Sections 9 to 12 (inspections) are repealed, together with the italic heading preceding "
    "section 9.",
    "In section 5(2), omit paragraph (b) together with the words “X” in paragraph (c).",
])
def test_omit_provision_together_with_other_things_refused(text: str) -> None:
    assert _raises(text).unparsed.startswith("together with")


# --- a list of words omitted in the passive -----------------------------------------------------

@pytest.mark.parametrize(("text", "olds", "how"), [
    ("In section 5(2), the words “X” and “Y” are omitted.", ["X", "Y"], "omitted"),
    ("In section 5(2), the words “X”, “Y” and “Z” shall be omitted.", ["X", "Y", "Z"],
     "omitted"),
    ("In section 5(2), “of the county” and “or borough” are repealed.",
     ["of the county", "or borough"], "repealed"),
])
def test_passive_list_of_words_omitted(text: str, olds: list[str], how: str) -> None:
    ops = parse(text)
    assert [(o.action, o.old, o.omit_how, o.address) for o in ops] == \
        [("omit", old, how, "s. 5(2)") for old in olds]


@pytest.mark.parametrize("text", [
    # are the later words in paragraph (a) too?
    "In section 5(2), the words “X” in paragraph (a) and “Y” are omitted.",
    # a list is read only before a verb of omission
    "In section 5(2), the words “X” and “Y” shall be substituted for “Z”.",
    "In section 5(2), the words “X” and “Y” are inserted after “Z”.",
])
def test_passive_list_of_words_refused(text: str) -> None:
    _raises(text)


# --- a range from the beginning -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "action", "words_to", "address"), [
    ("In section 5(2), omit the words from the beginning to “that”.", "omit", "that", "s. 5(2)"),
    ("In section 5(2), the words from the beginning to “X” are omitted.", "omit", "X", "s. 5(2)"),
    ("In section 5, for the words from the beginning to “Act” in subsection (2) substitute “Y”.",
     "substitute", "Act", "s. 5(2)"),
    ("In section 5(2), for the words from the beginning to “X” (inclusive) substitute “Y”.",
     "substitute", "X", "s. 5(2)"),
    # real: ukpga 2023/29 Sch. 2 para. 16(2), its Schedule given here
    ("In Schedule 2, in paragraph 1, for the words from the beginning to “Article 10(1)(b) of "
     "Regulation (EU) No 648/2012” substitute “Relevant financial counterparties and relevant "
     "non-financial counterparties”.", "substitute",
     "Article 10(1)(b) of Regulation (EU) No 648/2012", "Sch. 2 para. 1"),
])
def test_range_from_the_beginning(text: str, action: str, words_to: str, address: str) -> None:
    (o,) = parse(text)
    assert (o.action, o.range, o.words_from, o.words_to, o.old, o.address) == \
        (action, True, None, words_to, f"\u2026 {words_to}", address)


@pytest.mark.parametrize(("text", "span"), [
    # which “X” ends the range is not given: the one in the provision's own words
    ("In section 5(2), omit from the beginning to “X”, where it first occurs.",
     "where it first occurs"),
    ("In section 5(2), for the words from the beginning of paragraph (b) to “X” substitute “Y”.",
     "for the words from the beginning of paragraph (b) to “X” substitute “Y”"),
    ("In section 5(2), for the words from the beginning to the end substitute “Y”.",
     "for the words from the beginning to the end substitute “Y”"),
])
def test_range_from_the_beginning_refused(text: str, span: str) -> None:
    assert _raises(text).unparsed == span


@pytest.mark.parametrize("text", [
    # the place said with the new words would be lost: "after paragraph (a)" was once read
    # as "in paragraph (a)"
    "In section 5(2), “Y” after paragraph (a) shall be substituted for “X”.",
    "In section 5(2), “.” at the end of paragraph (a) shall be substituted for “;”.",
    # punctuation named with "the" is read only as words omitted or replaced
    "In section 5(2), the full stop at the end of paragraph (a) shall be substituted for “;”.",
    "In section 5, the full stop is inserted after “X”.",
])
def test_passive_substitution_with_a_place_on_the_new_words_refused(text: str) -> None:
    _raises(text)


def test_passive_omission_of_punctuation_at_the_end() -> None:
    o = one("In section 5(2), the comma at the end of paragraph (a) is omitted.")
    assert (o["action"], o["position"], o["old"], o["target"]) == \
        ("omit", "at_end", ",", "paragraph (a)")


# --- "final" for "last"; a qualifier after a passive omission -----------------------------------

@pytest.mark.parametrize("text", [
    "In section 5(2), for the final “X” substitute “Y”.",
    "In section 5(2), for “X” in the final place substitute “Y”.",
    "In section 5(2), for “X”, where it occurs for the final time, substitute “Y”.",
])
def test_final_is_last(text: str) -> None:
    o = one(text)
    assert (o["old"], o["occurrence"], o["places"]) == ("X", "last", "last")


def test_final_with_other_places_refused() -> None:
    assert _raises("In section 5(2), for “X” in the first and final places substitute “Y”."
                   ).unparsed == "in the first and final places"


@pytest.mark.parametrize(("text", "places"), [
    ("In section 5(2), the word “X” shall be omitted wherever it occurs.", "each"),
    ("In section 5(2), the words “X” shall be omitted in both places.", "both"),
    ("In section 5(2), the words “X” are repealed (in each place).", "each"),
])
def test_qualifier_after_a_passive_omission(text: str, places: str) -> None:
    o = one(text)
    assert (o["action"], o["old"], o["places"]) == ("omit", "X", places)


@pytest.mark.parametrize("text", [
    # the place is named twice
    "In section 5(2), the second “X” is omitted in both places.",
    "In section 5(2), the words “X”, where they first occur, are omitted wherever they occur.",
    # a range, or words placed at the end of a provision, take no qualifier after the verb
    "In section 5(2), the words from “X” to “Y” are omitted in both places.",
    "In section 5(2), the words “X” at the end of paragraph (a) are omitted in both places.",
])
def test_qualifier_after_a_passive_omission_refused(text: str) -> None:
    _raises(text)


# --- the whole of the opening or closing words replaced ----------------------------------------

@pytest.mark.parametrize(("text", "part", "address", "beside"), [
    # real: asp 2023/5 s. 16(2)(b)
    ("In section 29 (power of OSCR to obtain information for inquiries)— (b) in subsection (2), "
     "for the opening words substitute “Where OSCR makes such a requirement, it must give a "
     "notice to the person specifying—”,", "opening", "s. 29(2)", None),
    ("In section 5, for the opening words of subsection (2) substitute “The persons are—”.",
     "opening", "s. 5(2)", None),
    ("In section 5(2), for the closing words substitute “and is guilty of an offence.”",
     "closing", "s. 5(2)", None),
    ("In section 5(2), for the words after paragraph (b) substitute “or both.”", "closing",
     "s. 5(2)", "s. 5(2)(b)"),
    ("In Article 4(1), for the words before point (a) substitute “In this Regulation:”",
     "opening", "art. 4(1)", "art. 4(1)(a)"),
])
def test_whole_opening_or_closing_words_substituted(text: str, part: str, address: str,
                                                     beside: str | None) -> None:
    (o,) = parse(text)
    assert (o.action, o.old, o.words_part, o.address, o.beside, o.structural) == \
        ("substitute", None, part, address, beside, False)


@pytest.mark.parametrize(("text", "span"), [
    ("In section 5(2), in the opening words, for the closing words substitute “Y”.",
     "the closing words"),
    ("In section 5(2), for the words before paragraphs (a) and (b) substitute “Y”.",
     "the words before paragraphs (a) and (b)"),
    # provisions for words: how do they fit?
    ("In section 5(2), for the words before paragraph (a) substitute— “1. The Minister may.”",
     "“1. The Minister may.”"),
])
def test_whole_opening_or_closing_words_substituted_refused(text: str, span: str) -> None:
    assert _raises(text).unparsed == span
