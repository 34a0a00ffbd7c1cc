"""Reading amending instruments: names of Acts, numbered items, commencement, the items."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAmendment
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.formats.clml_reader import read_clml
from lawdiff.inline import Mark
from lawdiff.instrument import (
    ActRegistry,
    Identity,
    ItemKind,
    NamedAct,
    compare,
    read_instrument,
    read_instrument_text,
)
from lawdiff.instrument.commencement import add_months, read_rules, rule_for
from lawdiff.instrument.names import find_act_name, read_abbreviations, strip_asides, work_of
from lawdiff.instrument.pieces import pieces_of_provision, pieces_of_text
from lawdiff.instrument.reader import is_lead_in, mentions_amendment, normal_lead_in
from lawdiff.model import Kind, Provision
from tests.helpers import PARA_2, PARA_3, ROOT

DPA = ROOT / "tests" / "data" / "pairs" / "dpa-2018-sch19-para227" / "amending.xml"
SCHEDULE_2 = "Children Act 2004 (c. 31), Sch. 2"


def corpus_text() -> str:
    """Children Act 2004 Sch. 2 paras 2 and 3 as docs/corpus.md prints them (verbatim)."""
    doc = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    block = doc.split("## The amending text (verbatim, Children Act 2004, Schedule 2)", 1)[1]
    block = block.split("Points an engine must get right", 1)[0]
    return "\n".join(line.strip() for line in block.splitlines() if line.startswith("    "))


# --- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("The Local Authority Social Services Act 1970 is amended as follows.",
     "Local Authority Social Services Act 1970"),
    ("In section 2 of the Local Government and Housing Act 1989 (politically restricted posts), "
     "in subsection (6)—", "Local Government and Housing Act 1989"),
    ("Section 204 of this Act (meaning of “health professional”) is amended as follows (to "
     "reflect the arrangements under Part 2 of the Children and Social Work Act 2017).",
     "this Act"),
    ("The Social Security (Contributions) Regulations 2001 (S.I. 2001/1004) are amended as "
     "follows.", "Social Security (Contributions) Regulations 2001"),
    ("Schedule 2 to the Representation of the People Act 1983 (provisions which may be "
     "contained in regulations) is amended as follows.", "Representation of the People Act 1983"),
    ("In Article 46 of the Education and Libraries (Northern Ireland) Order 1986 (compulsory "
     "school age), in paragraph (1)—", "Education and Libraries (Northern Ireland) Order 1986"),
])
def test_the_act_a_lead_in_names(text: str, words: str) -> None:
    named = find_act_name(text)
    assert named is not None and named.words == words


def test_quoted_words_and_headings_name_no_act() -> None:
    assert find_act_name("In section 6 (functions under the Children Act 1989)—") is None
    assert find_act_name("after “section 18 of the Children Act 2004” insert “x”") is None
    assert strip_asides("In section 6 (director of social services)— omit “x”") == \
        "In section 6— omit “…”"


def test_abbreviations_the_instrument_defines() -> None:
    defined = read_abbreviations([
        "The Local Authority Social Services Act 1970 (c. 42) (“the 1970 Act”) is amended",
        "In this Part “LASSA 1970” means the Local Authority Social Services Act 1970."])
    assert set(defined) == {"1970 Act", "LASSA 1970"}
    named = find_act_name("In the 1970 Act, in section 3, omit “x”.", defined)
    assert named is not None and named.title == "Local Authority Social Services Act 1970"
    assert named.number == "c. 42" and named.words == "the 1970 Act"
    acronym = find_act_name("In section 7 of LASSA 1970, omit “y”.", defined)
    assert acronym is not None and acronym.title == "Local Authority Social Services Act 1970"


@pytest.mark.parametrize("title, number, year, work", [
    ("Local Authority Social Services Act 1970", "c. 42", 1970, "ukpga/1970/42"),
    ("School Age Act (Northern Ireland) 2022", "c. 21", 2022, "nia/2022/21"),
    ("X Regulations 2016", "S.I. 2016/413", 2016, "uksi/2016/413"),
    ("X Order 2015", "S.I. 2015/996 (W. 85)", 2015, "wsi/2015/996"),
    ("Pharmacy (Northern Ireland) Order 1976", "S.I. 1976/1213 (N.I. 22)", 1976, "nisi/1976/1213"),
    ("Education (Scotland) Act 2025", "asp 11", 2025, "asp/2025/11"),
    ("Faversham Oyster Fishery Company Act 2017", "c. i", 2017, "ukla/2017/i"),
    ("X Act 1990", None, 1990, None),
])
def test_work_of_a_number(title: str, number: str | None, year: int, work: str | None) -> None:
    assert work_of(title, number, year) == work


def test_comparing_a_name_with_the_target() -> None:
    target = Identity("ukpga/1970/42", "Local Authority Social Services Act 1970", 1970)
    assert compare(NamedAct("x", "Local Authority Social Services Act 1970"), target) == "same"
    assert compare(NamedAct("x", "Local Government and Housing Act 1989"), target) == "other"
    assert compare(NamedAct("x", work="ukpga/1989/42"), target) == "other"
    known_by_work = Identity("ukpga/1970/42", None, 1970)
    assert compare(NamedAct("x", "Local Authority Social Services Act 1970", year=1970),
                   known_by_work) == "unknown"
    assert compare(NamedAct("x", "Local Government Act 1972", year=1972), known_by_work) == \
        "other"
    registry = ActRegistry(self_act=NamedAct("Data Protection Act 2018", "Data Protection Act "
                                             "2018", "c. 12", 2018, "ukpga/2018/12"))
    resolved = registry.resolve(NamedAct("this Act", self_reference=True))
    assert resolved.work == "ukpga/2018/12" and resolved.words == "this Act"


# --- numbered items of plain text ---------------------------------------------------------------

def test_plain_text_items_nest_by_their_numbers() -> None:
    (two, three) = pieces_of_text(corpus_text())
    assert two.num == "2" and [c.num for c in two.children] == ["1", "2", "3"]
    assert [c.num for c in two.children[1].children] == ["a", "b", "c", "d"]
    quoted = two.children[1].children[0]
    assert quoted.text.startswith("before subsection (1) insert— “(A1) A local authority")
    assert three.num == "3" and [c.num for c in three.children] == ["a", "b", "c"]


def test_roman_and_alphabetic_numbers_are_told_apart() -> None:
    text = "(a) in subsection (1)—\n(i) omit “x”;\n(ii) omit “y”;\n(b) omit “z”;\n(h) a\n(i) b"
    pieces = pieces_of_text(text)
    assert [p.num for p in pieces] == ["a", "b", "h", "i"]
    assert [c.num for c in pieces[0].children] == ["i", "ii"]


# --- commencement -----------------------------------------------------------------------------

def test_commencement_rules_of_the_data_protection_act() -> None:
    made = date(2018, 5, 23)
    rules = [
        *read_rules("Except as provided by subsections (2) and (3), this Act comes into force "
                    "on such day as the Secretary of State may by regulations appoint.", [],
                    "s. 212(1)", made),
        *read_rules("This section and the following provisions come into force on the day on "
                    "which this Act is passed—", ["sections 1 and 3;", "sections 213(2), 214 "
                    "and 215;", "any other provision of this Act so far as it confers power"],
                    "s. 212(2)", made, own="s. 212"),
        *read_rules("The following provisions come into force at the end of the period of 2 "
                    "months beginning when this Act is passed—", ["section 124;",
                    "sections 125, 126 and 127, so far as they relate to a code;",
                    "section 178 and Schedule 17;"], "s. 212(3)", made),
    ]

    def day(provision: str) -> date | None:
        rule = rule_for(rules, provision, None)
        assert rule is not None
        return rule.day

    assert day("Sch. 19 para. 227(2)(a)") is None
    assert rule_for(rules, "Sch. 19 para. 1", None).words == "on a day appointed by regulations"  # type: ignore[union-attr]
    assert day("s. 3(1)") == made and day("s. 212(4)") == made and day("s. 213(2)") == made
    assert day("s. 213(1)") is None
    assert day("s. 126") is None  # only "so far as they relate to a code": not applied
    assert day("s. 124") == date(2018, 7, 23) and day("Sch. 17 para. 2") == date(2018, 7, 23)
    (regs,) = read_rules("These Regulations come into force on 6th April 2025.", [], "reg. 1(2)",
                         None)
    assert regs.day == date(2025, 4, 6) and not regs.scopes


def test_a_period_of_months_ends_on_the_corresponding_day() -> None:
    assert add_months(date(2004, 11, 15), 2) == date(2005, 1, 15)
    assert add_months(date(2004, 12, 31), 2) == date(2005, 3, 1)


# --- lead-ins and what amends -----------------------------------------------------------------

def test_lead_ins() -> None:
    assert is_lead_in("The Local Authority Social Services Act 1970 is amended as follows.")
    assert is_lead_in("The Traffic Signs Regulations (Northern Ireland) 1997 shall be amended as "
                      "provided by paragraphs (2) to (8).")
    assert is_lead_in("Section 204 of this Act (meaning of “health professional”) is amended as "
                      "follows (to reflect the arrangements).")
    assert not is_lead_in("The 2005 Act is modified as follows.")
    assert is_lead_in("The 2005 Act is modified as follows.", modified=True)
    assert not is_lead_in("In section 6, for “x” substitute “y”.")
    assert normal_lead_in("Section 204 of this Act is amended as follows (to reflect X).") == \
        "Section 204 of this Act is amended as follows."


def test_what_amends() -> None:
    assert mentions_amendment("In subsection (1), after “local authority” insert “in Wales”;")
    assert mentions_amendment("Omit paragraph (c).")
    assert mentions_amendment("The Data Protection Act 1998 is repealed.")
    assert not mentions_amendment("The Tribunal may allow the appeal or substitute such other "
                                  "notice as could have been given.")
    assert not mentions_amendment("(b) may amend, repeal or revoke an enactment.")
    assert not mentions_amendment("(a) the rules are revoked without being replaced.")


# --- instruments --------------------------------------------------------------------------------

def test_the_corpus_text_gives_the_items_and_words_of_the_amendment_files() -> None:
    instrument = read_instrument_text(corpus_text(), SCHEDULE_2)
    assert instrument.citation == "Children Act 2004 (c. 31)"
    written = [op for path in (PARA_2, PARA_3) for op in read_amendment(path).operations]
    items = instrument.items
    assert [i.citation for i in items] == [op.provenance.citation for op in written]
    assert [i.words for i in items] == [op.provenance.text for op in written]
    assert all(i.kind is ItemKind.INSTRUCTION for i in items)
    assert [i.aimed.title for i in items if i.aimed] == \
        ["Local Authority Social Services Act 1970"] * 5 + \
        ["Local Government and Housing Act 1989"] * 3
    assert items[0].text.startswith("2 (1) The Local Authority Social Services Act 1970 is "
                                    "amended as follows. (2) In section 6 (director of social "
                                    "services)— (a) before subsection (1) insert— “(A1)")
    assert instrument.lead_ins == 1


def test_plain_text_needs_words_and_a_numbered_citation() -> None:
    with pytest.raises(InvalidAmendment, match="empty"):
        read_instrument_text("  \n", SCHEDULE_2)
    with pytest.raises(InvalidAmendment, match="numbering is not known"):
        read_instrument_text("21 In regulation 3, omit “x”.", "S.I. 2016/413")


@pytest.fixture(scope="module")
def dpa_items() -> list[tuple[str, str, str | None, str]]:
    instrument = read_instrument(read_clml(DPA.read_bytes(), str(DPA)))
    return [(i.citation, i.kind.value, i.aimed.describe() if i.aimed else None, i.aimed_how)
            for i in instrument.items]


def test_the_data_protection_act_amends_itself_only_by_sch_19_para_227(
        dpa_items: list[tuple[str, str, str | None, str]]) -> None:
    own = [c for c, kind, named, _ in dpa_items
           if kind == "instruction" and named in (None, "Data Protection Act 2018 (c. 12)")]
    cite = "Data Protection Act 2018 (c. 12), Sch. 19 para. 227"
    assert own == [f"{cite}(2)(a)", f"{cite}(2)(b)", f"{cite}(3)"]


def test_the_data_protection_act_names_the_acts_its_schedule_19_amends(
        dpa_items: list[tuple[str, str, str | None, str]]) -> None:
    by_cite = {c: (kind, named, how) for c, kind, named, how in dpa_items}
    cite = "Data Protection Act 2018 (c. 12), "
    assert by_cite[cite + "Sch. 19 para. 1(2)"] == (
        "instruction", "Registration Service Act 1953", "named in its lead-in")
    assert by_cite[cite + "Sch. 19 para. 5(a)"] == (
        "instruction", "Local Government Act 1974 (c. 7)", "named in an earlier provision")
    assert by_cite[cite + "Sch. 19 para. 12"][:2] == (
        "instruction", "Pharmacy (Northern Ireland) Order 1976 (S.I. 1976/1213 (N.I. 22))")
    # Sch. 6: "the GDPR has effect as if it were modified as follows" (para. 1)
    assert by_cite[cite + "Sch. 6 para. 9(a)"][0] == "not textual"
    assert by_cite[cite + "s. 212(1)"][0] == "not textual"
    assert not any(re.match(re.escape(cite) + r"s\. 163", c) for c in by_cite)


def test_inline_quotations_of_akoma_ntoso_are_printed_as_quotations() -> None:
    akn = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    structure = (f'<quotedStructure xmlns="{akn}"><paragraph><num>(a)</num><content><p>new '
                 'words;</p></content></paragraph></quotedStructure>').encode()
    text = "In section 6, after local authority insert"
    node = Provision(Kind.SUBSECTION, Designation("2", Style.NUMBER), text=text, marks=(
        Mark("text", 20, 35, f"{{{akn}}}quotedText"),
        Mark("text", len(text), len(text), "object", (), structure)))
    piece = pieces_of_provision(node)
    assert piece.own_words() == "In section 6, after “local authority” insert “(a) new words;”"
    assert [q.fmt for q in piece.quoted] == ["akn"]


@pytest.mark.parametrize("document, prefix", [
    ("nia-2022-21-enacted.clml.xml", "nia-2022-21-"),
    ("uksi-2025-3-made.clml.xml", "uksi-2025-3-"),
])
def test_items_agree_with_the_harvest_of_the_same_instrument(document: str, prefix: str) -> None:
    """tests/data/instructions/harvest.jsonl was copied out of the same documents by another
    script (extract_clml.py): each of its entries is one of our items, with the same words,
    or a lead-in (which we read as context, not as an instruction)."""
    harvest = ROOT / "tests" / "data" / "instructions" / "harvest.jsonl"
    entries = [e for e in map(json.loads, harvest.read_text(encoding="utf-8").splitlines())
               if e["id"].startswith(prefix)]
    assert entries
    path = ROOT / "tests" / "data" / "documents" / document
    items = {i.citation.removeprefix("The "): i for i in
             read_instrument(read_clml(path.read_bytes(), document)).items}
    for entry in entries:
        item = items.get(entry["citation"].removeprefix("The "))
        if item is None:
            assert is_lead_in(entry["text"].split("\u2014 ")[-1]), entry["citation"]
        else:
            assert item.words == " ".join(entry["text"].split()), entry["citation"]
