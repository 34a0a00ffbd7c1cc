"""Annotated revised text (legislation.gov.uk style) for the corpus and for synthetic Acts."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff.address import Address
from lawdiff.amendment import Amendment
from lawdiff.commencement import Commencement
from lawdiff.engine import Consolidation, apply_batch, consolidate
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.model import Act
from lawdiff.operations import (
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.render.annotated import (
    _segment_pieces,
    annotate,
    annotated_text,
    base_note,
    join_addresses,
    live_changes,
)
from lawdiff.render.html import annotated_html
from lawdiff.text import Occurrence, Words
from tests import render_reference
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, act, para, section, sub
from tests.test_printing import imported_modules

A = Address.parse
DCS = {"dcs-appointed": date(2006, 9, 1)}
WITH_EFFECT = "(1.1.2008 with effect in accordance with s. 18(9)(10) of the amending Act)"


@cache
def lassa() -> Act:
    return read_act(LASSA)


@cache
def lgha() -> Act:
    return read_act(LGHA)


@cache
def para2() -> Amendment:
    return read_amendment(PARA_2)


@cache
def para3() -> Amendment:
    return read_amendment(PARA_3)


@cache
def lassa_at(day: date, conditional: bool = False) -> Consolidation:
    return consolidate(lassa(), [para2()], day, conditions=DCS if conditional else None)


def notes(text: str) -> dict[str, str]:
    """Marker -> note, from every "Textual Amendments" block."""
    out: dict[str, str] = {}
    block = False
    for line in text.splitlines():
        if line in ("Textual Amendments", "Amendments not applied to this text"):
            block = line == "Textual Amendments"
            continue
        if not line:
            block = False
            continue
        if block:
            marker, note = line.split(" ", 1)
            out[marker] = note
    return out


def line_starting(text: str, prefix: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(prefix))


# --- the corpus, 1.1.2008 -------------------------------------------------------------------

def test_inserted_and_substituted_words_are_bracketed_exactly() -> None:
    text = annotated_text(lassa_at(date(2008, 1, 1)))
    assert line_starting(text, "(1) ") == (
        "(1) A local authority [F2in Wales] shall appoint an officer, to be known as the "
        "director of social services, for the purposes of their social services functions.")
    assert line_starting(text, "(6) ") == (
        "(6) A local authority which have appointed, or concurred in the appointment of, "
        "[F6a person under this section], shall secure the provision of adequate staff for "
        "assisting him in the exercise of his functions.")
    # one operation inserting in two places: the same marker twice
    two = line_starting(text, "(2) ")
    assert two.count("[F3adult social services or (as the case may be)]") == 2
    assert "Appointment of [F9director of adult social services or] director of social services;" \
        in text


def test_inserted_provision_is_bracketed_whole() -> None:
    text = annotated_text(lassa_at(date(2008, 1, 1)))
    line = line_starting(text, "[F1(A1)")
    assert line.startswith("[F1(A1) A local authority in England shall appoint an officer")
    assert line.endswith("under section 18 of the Children Act 2004.]")


def test_repealed_provisions_keep_their_numbers_and_dots() -> None:
    text = annotated_text(lassa_at(date(2008, 1, 1)))
    lines = text.splitlines()
    assert "(3) F4. . . . . . ." in lines and "(4) F4. . . . . . ." in lines
    assert "(5) F5. . . . . . ." in lines
    assert "(7) F7. . . . . . ." in lines and "(8) F8. . . . . . ." in lines


def test_note_wording_matches_legislation_gov_uk() -> None:
    found = notes(annotated_text(lassa_at(date(2008, 1, 1))))
    assert found["F6"] == (
        f"Words in s. 6(6) substituted {WITH_EFFECT} by Children Act 2004 (c. 31), s. 67(2), "
        "Sch. 2 para. 2(2)(d); S.I. 2007/1792, art. 2")
    assert found["F1"] == (
        f"S. 6(A1) inserted {WITH_EFFECT} by Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. "
        "2(2)(a); S.I. 2007/1792, art. 2")
    assert found["F2"].startswith(f"Words in s. 6(1) inserted {WITH_EFFECT} by Children Act")
    assert found["F9"] == (
        "Sch. 1: words in entry inserted (E.) (1.4.2005) by Children Act 2004 (c. 31), s. 67(2), "
        "Sch. 2 para. 2(3); S.I. 2005/394, art. 2(2)(b)")
    # base-text repeals, from the statute file's notes; siblings with one note share it
    assert found["F4"] == ("S. 6(3)(4) repealed by Local Government, Planning and Land Act "
                           "1980 (c. 65), s. 194, Sch. 34 Pt. XVI")
    assert found["F5"] == "S. 6(5) repealed (E.) (26.10.2000) (W.) (28.7.2001) by 2000 c. 22"
    assert found["F7"] == "S. 6(7) repealed by Local Government Act 1972 (c. 70), Sch. 30"


def test_markers_are_numbered_in_document_order() -> None:
    text = annotated_text(lassa_at(date(2008, 1, 1)))
    body = text.split("Base text:")[0]
    text_part = "\n".join(line for line in body.splitlines()
                          if not re.match(r"F\d+ ", line))
    order = []
    for m in re.findall(r"F(\d+)", text_part):
        if int(m) not in order:
            order.append(int(m))
    assert order == list(range(1, 10))
    # notes after each section and Schedule, in marker order
    blocks = text.split("Textual Amendments")
    assert len(blocks) == 3
    assert re.findall(r"^F(\d+) ", blocks[1], re.M) == [str(i) for i in range(1, 9)]
    assert re.findall(r"^F(\d+) ", blocks[2], re.M) == ["9"]


def test_header_names_the_version_and_the_view() -> None:
    text = annotated_text(lassa_at(date(2007, 1, 1), conditional=True))
    assert text.splitlines()[:2] == [
        "Local Authority Social Services Act 1970 (c. 42) [extract]",
        "Revised version as at 1.1.2007 (extent: all; conditions: dcs-appointed from 1.9.2006)"]
    found = notes(text)
    # the entry's own date, and when the condition gave the amendment effect in this version
    assert found["F6"].startswith(f"Words in s. 6(6) substituted {WITH_EFFECT} by")
    assert found["F6"].endswith("S.I. 2007/1792, art. 2 (in this version from 1.9.2006, when "
                                "the condition \u201cdcs-appointed\u201d was met)")


# --- the corpus, earlier days --------------------------------------------------------------

def test_base_text_has_only_base_repeal_notes_and_pending_amendments() -> None:
    text = annotated_text(lassa_at(date(2004, 11, 14)))
    assert "[F" not in text
    assert "(3) F1. . . . . . ." in text
    assert list(notes(text)) == ["F1", "F2", "F3", "F4"]
    assert text.count("Amendment not yet in force: ") == 5


def test_pending_amendments_are_listed_after_their_section() -> None:
    text = annotated_text(lassa_at(date(2005, 6, 1)))
    section_6, schedule_1 = text.split("Schedule 1 Social services functions")
    assert ("Amendment not yet in force: Words in s. 6(1) to be inserted "
            f"{WITH_EFFECT} by Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(b); "
            "S.I. 2007/1792, art. 2") in section_6.splitlines()
    assert ("Amendment not yet in force: S. 6(A1) to be inserted "
            f"{WITH_EFFECT} by Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(a); "
            "S.I. 2007/1792, art. 2") in section_6.splitlines()
    assert section_6.count("Amendment not yet in force:") == 4
    # the Schedule change is in force: applied and annotated, not pending
    assert "Appointment of [F5director of adult social services or]" in schedule_1
    assert "not yet in force" not in schedule_1
    assert "(1) A local authority shall appoint" in section_6


def test_the_1989_act() -> None:
    text = annotated_text(consolidate(lgha(), [para3()], date(2008, 1, 1)))
    assert "\n[F1(za) the director of children\u2019s services appointed under" in text
    assert ("Education (Scotland) Act 1980 [F2(in the case of a local authority in Wales)];"
            in text)
    assert "(c) the director of social services [F3(in the case of a local authority in Wales)] or"\
        in text
    found = notes(text)
    # The research gives no legislation.gov.uk note for para. 3: only the inferred date.
    assert found["F1"].startswith("S. 2(6)(za) inserted (1.1.2008) by Children Act 2004 "
                                  "(c. 31), s. 67(2), Sch. 2 para. 3(a); S.I. 2007/1792, art. 2")
    assert "accordance with" not in text
    assert found["F2"].startswith("Words in s. 2(6)(a) inserted")


# --- HTML ----------------------------------------------------------------------------------

class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[str] = []
        self.ins: list[str] = []
        self._ins_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if "href" in a:
            self.hrefs.append(a["href"] or "")
        if "src" in a:
            self.srcs.append(a["src"] or "")
        if tag == "span" and a.get("class") == "ins":
            self.ins.append("")
            self._ins_depth += 1
        elif tag == "span" and self._ins_depth:
            self._ins_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._ins_depth:
            self._ins_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._ins_depth:
            self.ins[-1] += data


def test_annotated_html_is_self_contained_and_linked() -> None:
    cons = lassa_at(date(2008, 1, 1))
    page = annotated_html(cons)
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and not parser.srcs
    assert parser.hrefs and all(h.startswith("#") and h[1:] in parser.ids for h in parser.hrefs)
    assert {f"F{i}" for i in range(1, 10)} <= parser.ids
    assert "[F2in Wales]" in parser.ins and "[F6a person under this section]" in parser.ins
    assert "<title>Local Authority Social Services Act 1970 (c. 42)" in page
    assert "<dt>Extent</dt><dd>all extents</dd>" in page
    assert "Contains public sector information licensed under the Open Government Licence" in page
    assert "Extract: section 6 and, from Schedule 1" in page


def test_annotated_html_lists_pending_amendments() -> None:
    page = annotated_html(lassa_at(date(2005, 6, 1)))
    assert page.count("<li>Amendment not yet in force: ") == 4


def test_html_escapes_text() -> None:
    base = act(section("1", sub("1", "A <b>bold</b> & \u201cquoted\u201d provision.")))
    page = annotated_html(consolidate(base, []))
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; \u201cquoted\u201d provision." in page


# --- synthetic Acts ------------------------------------------------------------------------

def _op(op_type: type[Operation], x: str, day: date | None = date(2001, 1, 1),
        **fields: object) -> Operation:
    commencement = (Commencement(date=day, authority="S.I. 2001/10, art. 2") if day
                    else Commencement(note="prospective"),)
    return op_type(provenance=Provenance(f"Test Amending Act 2001 (c. 2), s. {x}"),
                   commencement=commencement, **fields)


def _synthetic() -> tuple[Act, Amendment]:
    base = act(
        section("1",
                sub("1", "The Minister may by regulations make provision about the matters in "
                         "this section."),
                sub("2", "Regulations under this section are subject to negative procedure."),
                sub("3", "This subsection is spent."),
                sub("4", "The Minister must consult\u2014", para("a", "the Welsh Ministers;"),
                    para("b", "such other persons as the Minister thinks fit.")),
                heading="Regulations"),
        section("3", sub("1", "This Act may be cited as the Test Act 2000."), heading="Short title"))
    ops = [
        _op(OmitWords, "1(a)", target=A("s. 1(1)"), old=Words("by regulations")),
        _op(SubstituteProvision, "1(b)", target=A("s. 1(2)"), provisions=(
            sub("2", "Regulations under this section are subject to affirmative procedure."),)),
        _op(OmitProvision, "1(c)", target=A("s. 1(3)")),
        _op(OmitProvision, "1(d)", target=A("s. 1(4)(b)"), how="repealed"),
        _op(InsertProvision, "2", target=A(""), provisions=(
            section("2", sub("1", "The Minister must publish guidance."), heading="Guidance"),)),
        _op(InsertWords, "3", date(2002, 1, 1), target=A("s. 2(1)"), position=Position.AT_END,
            words="about regulations"),
        _op(InsertWords, "4", None, target=A("s. 3(1)"), position=Position.AT_END,
            words="(as amended)"),
        _op(InsertWords, "5", date(2001, 6, 1), target=A("s. 1(4)(a)"), position=Position.AFTER,
            anchor="the Welsh Ministers", words="and the Scottish Ministers"),
        _op(OmitWords, "6", date(2002, 6, 1), target=A("s. 1(4)(a)"),
            old=Words("and the Scottish Ministers")),
    ]
    return base, Amendment("Test Amending Act 2001 (c. 2)", "ukpga/2000/1", ops)


def test_synthetic_omissions_substitutions_and_insertions() -> None:
    base, amendment = _synthetic()
    text = annotated_text(consolidate(base, [amendment], date(2003, 1, 1)))
    lines = text.splitlines()
    assert "(1) The Minister may F1... make provision about the matters in this section." in lines
    assert "[F2(2) Regulations under this section are subject to affirmative procedure.]" in lines
    assert "(3) F3. . . . . . ." in lines
    assert "(b) F6. . . . . . ." in lines
    # words inserted and later omitted: an empty bracket holding the omission
    assert "(a) the Welsh Ministers [F4F5...];" in lines
    # a section inserted whole, with words inserted into it later
    assert "[F72 Guidance" in lines
    assert "(1) The Minister must publish guidance [F8about regulations].]" in lines
    found = notes(text)
    assert found["F1"] == ("Words in s. 1(1) omitted (1.1.2001) by virtue of Test Amending Act "
                           "2001 (c. 2), s. 1(a); S.I. 2001/10, art. 2")
    assert found["F2"] == ("S. 1(2) substituted (1.1.2001) by Test Amending Act 2001 (c. 2), "
                           "s. 1(b); S.I. 2001/10, art. 2")
    assert found["F3"].startswith("S. 1(3) omitted (1.1.2001) by virtue of Test Amending Act")
    assert found["F6"].startswith("S. 1(4)(b) repealed (1.1.2001) by Test Amending Act")
    assert found["F7"].startswith("S. 2 inserted (1.1.2001) by")
    assert ("Prospective amendment: Words in s. 3(1) to be inserted (prospective) by Test "
            "Amending Act 2001 (c. 2), s. 4") in lines


def test_substitution_by_several_provisions_names_the_old_one() -> None:
    base = act(section("1", sub("1", "Old words."), sub("2", "Other words.")))
    op = _op(SubstituteProvision, "9", target=A("s. 1(1)"),
             provisions=(sub("1", "New words."), sub("1A", "More new words.")))
    text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])]))
    assert "[F1(1) New words." in text and "(1A) More new words.]" in text
    assert notes(text)["F1"].startswith("S. 1(1)(1A) substituted for s. 1(1) (1.1.2001) by")


def test_words_substituted_in_two_places_share_one_marker() -> None:
    base = act(section("1", sub("1", "The Minister or the Treasury may act, and the Minister or "
                                     "the Treasury may decide.")))
    op = _op(SubstituteWords, "7", target=A("s. 1(1)"), old=Words("or the Treasury"), new="alone",
             occurrence=Occurrence("both"))
    text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])]))
    assert ("(1) The Minister [F1alone] may act, and the Minister [F1alone] may decide."
            in text.splitlines())


def test_join_addresses_and_base_note_shapes() -> None:
    assert join_addresses([A("s. 6(3)"), A("s. 6(4)")]) == "s. 6(3)(4)"
    assert join_addresses([A("s. 6(3)"), A("s. 7")]) == "s. 6(3), s. 7"
    assert base_note([A("Sch. 1 para. 2")], "repealed by X Act 2000 (c. 1)") == \
        "Sch. 1 para. 2 repealed by X Act 2000 (c. 1)"
    assert base_note([A("s. 2")], "Spent.") == "S. 2: Spent."


def test_layout_units_hold_notes_per_section() -> None:
    doc = annotate(lassa_at(date(2008, 1, 1)))
    assert [u.eid for u in doc.units] == ["sec_6", "sched_1"]
    assert [n.marker for n in doc.units[1].notes] == ["F9"]
    assert doc.notes[0].step is not None and doc.notes[3].step is None


@pytest.mark.parametrize("day", [date(2004, 11, 14), date(2005, 6, 1), date(2008, 1, 1)])
def test_plain_text_without_markers_is_the_consolidated_text(day: date) -> None:
    from lawdiff.render.text import act_lines

    cons = lassa_at(day)
    doc = annotate(cons)
    printed = [line.plain() for unit in doc.units for line in unit.lines]
    stripped = [re.sub(r"\[F\d+|\]|F\d+(?=\.)", "", line).replace("[", "") for line in printed]
    assert stripped == act_lines(cons.act)


# --- facts that are not legislation.gov.uk's record ----------------------------------------

INFERRED = "[Editorial note: in-force date inferred: the in-force date of para. 3 is not in the"


@cache
def lgha_at(day: date | None, conditional: bool = False) -> Consolidation:
    return consolidate(lgha(), [para3()], day, conditions=DCS if conditional else None)


def test_an_inferred_in_force_date_is_marked_as_an_editorial_note() -> None:
    text = annotated_text(lgha_at(date(2008, 1, 1)))
    found = notes(text)
    assert set(found) == {"F1", "F2", "F3"}
    for note in found.values():
        lgu, editorial = note.split(" [", 1)
        # legislation.gov.uk's wording first, untouched; lawdiff's own note after it, bracketed
        assert "by Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 3(" in lgu
        assert lgu.endswith("; S.I. 2007/1792, art. 2") and "inferred" not in lgu
        assert ("[" + editorial).startswith(INFERRED) and editorial.endswith("condition)]")
    assert found["F1"].startswith("S. 2(6)(za) inserted (1.1.2008) by Children Act 2004 (c. 31), "
                                  "s. 67(2), Sch. 2 para. 3(a); S.I. 2007/1792, art. 2 [Editorial")
    assert "Editorial notes (\u201cEditorial note: \u2026\u201d" in text
    # pending notes carry it too
    early = annotated_text(lgha_at(date(2005, 6, 1)))
    pending = [line for line in early.splitlines() if line.startswith("Amendment not yet in force")]
    assert len(pending) == 3 and all(INFERRED in line for line in pending)


def test_an_editorial_note_does_not_depend_on_the_copied_note() -> None:
    # with or without a legislation.gov.uk note on the entry, the basis is shown
    base = act(section("1", sub("1", "The Minister may act.")))
    for note in (None, "with effect in accordance with s. 18(9)(10) of the amending Act"):
        when = (Commencement(date=date(2008, 1, 1), note=note, basis="inferred: from s. 9"),)
        op = InsertWords(target=A("s. 1(1)"), position=Position.AT_END, words="alone",
                         commencement=when, provenance=Provenance("Test Act 2007 (c. 1), s. 2"))
        text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])]))
        assert notes(text)["F1"].endswith(
            "by Test Act 2007 (c. 1), s. 2 [Editorial note: in-force date inferred: from s. 9]")


def test_official_facts_carry_no_editorial_note() -> None:
    text = annotated_text(lassa_at(date(2008, 1, 1)))
    assert "[Editorial note" not in text


def test_annotated_html_shows_the_editorial_note_apart() -> None:
    page = annotated_html(lgha_at(date(2008, 1, 1)))
    assert ("<dd>S. 2(6)(za) inserted (1.1.2008) by Children Act 2004 (c. 31), s. 67(2), Sch. 2 "
            "para. 3(a); S.I. 2007/1792, art. 2 <span class=\"editorial\">[Editorial note: "
            "in-force date inferred: the in-force date of para. 3") in page
    # the marker's tooltip (one string) carries the whole note, editorial part included
    assert re.search(r'<a href="#F1"[^>]* title="[^"]*\[Editorial note: in-force date inferred',
                     page)
    early = annotated_html(lgha_at(date(2005, 6, 1)))
    assert early.count("<span class=\"editorial\">[Editorial note: in-force date inferred") == 3


def test_commencements_per_extent_are_joined_with_and() -> None:
    base = act(section("1", sub("1", "The Minister may act.")))
    when = (Commencement(date=date(2005, 4, 1), extent="E", authority="S.I. 2005/1, art. 2"),
            Commencement(date=date(2006, 4, 1), extent="W", authority="S.I. 2006/2, art. 3"))
    op = InsertWords(target=A("s. 1(1)"), position=Position.AT_END, words="alone",
                     commencement=when, provenance=Provenance("Test Act 2004 (c. 1), s. 2"))
    text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])]))
    assert notes(text)["F1"] == ("Words in s. 1(1) inserted (E.) (1.4.2005) and (W.) (1.4.2006) "
                                 "by Test Act 2004 (c. 1), s. 2; S.I. 2005/1, art. 2; "
                                 "S.I. 2006/2, art. 3")
    # a view of both parts, in force once both are covered, still names both (found by audit)
    both = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])], extent="E+W"))
    assert notes(both)["F1"] == notes(text)["F1"]
    wales = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])], extent="W"))
    assert notes(wales)["F1"] == ("Words in s. 1(1) inserted (W.) (1.4.2006) by Test Act 2004 "
                                  "(c. 1), s. 2; S.I. 2006/2, art. 3")


def test_pending_notes_in_a_conditional_view_give_the_views_date() -> None:
    text = annotated_text(lassa_at(date(2006, 8, 31), conditional=True))
    pending = [line for line in text.splitlines() if line.startswith("Amendment not yet in force")]
    assert len(pending) == 4
    assert pending[1] == (
        f"Amendment not yet in force: Words in s. 6(1) to be inserted {WITH_EFFECT} by Children "
        "Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(b); S.I. 2007/1792, art. 2 (in this "
        "version from 1.9.2006, when the condition \u201cdcs-appointed\u201d is met)")
    # the general view's wording is unchanged
    general = annotated_text(lassa_at(date(2006, 8, 31)))
    assert "in this version" not in general
    assert (f"Amendment not yet in force: Words in s. 6(1) to be inserted {WITH_EFFECT} by "
            "Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(b); S.I. 2007/1792, art. 2"
            in general.splitlines())


SOURCES = "Source of this text (editorial notes)"


def _block(text: str, heading: str) -> list[list[str]]:
    out: list[list[str]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line == heading:
            block: list[str] = []
            for after in lines[i + 1:]:
                if not after:
                    break
                block.append(after)
            out.append(block)
    return out


def test_source_status_of_derived_and_reconstructed_provisions_is_shown() -> None:
    text = annotated_text(lassa_at(date(2008, 1, 1)))
    section_6, schedule_1 = _block(text, SOURCES)
    assert [line.split(":", 1)[0] for line in section_6] == ["s. 6", "s. 6(1)", "s. 6(2)",
                                                             "s. 6(6)"]
    assert section_6[1].startswith("s. 6(1): reconstructed \u2014 mirrors the wording of the "
                                   "inserted subsection (A1)")
    assert section_6[2].startswith("s. 6(2): derived \u2014 today's revised text less the")
    assert [line.split(":", 1)[0] for line in schedule_1] == ["Sch. 1", "Sch. 1, table"]
    # after the section's notes, before the next unit
    assert text.index("F8 S. 6(8) repealed") < text.index(SOURCES) < text.index("Schedule 1 Social")
    assert "Source status of the base text \u2014 derived: " in text
    lgha_text = annotated_text(lgha_at(date(2008, 1, 1)))
    assert [line.split(":", 1)[0] for line in _block(lgha_text, SOURCES)[0]] == [
        "s. 2", "s. 2(6)(a)", "s. 2(6)(c)"]


def test_a_provision_replaced_whole_is_not_listed_as_base_text() -> None:
    from lawdiff.model import ActInfo, SourceRecord

    base = act(section("1", sub("1", "Old words."), sub("2", "Other words.")))
    info = attrs.evolve(base.info, sources=(SourceRecord("sec_1__subsec_1", "reconstructed", "A"),
                                            SourceRecord("sec_1__subsec_2", "derived", "B")))
    assert isinstance(info, ActInfo)
    base = base.with_info(info)
    op = _op(SubstituteProvision, "9", target=A("s. 1(1)"), provisions=(sub("1", "New words."),))
    doc = annotate(consolidate(base, [Amendment("X", "ukpga/2000/1", [op])]))
    assert doc.units[0].sources == ("s. 1(2): derived \u2014 B",)


def test_annotated_html_shows_the_source_of_the_text() -> None:
    page = annotated_html(lassa_at(date(2008, 1, 1)))
    assert page.count(f"<aside class=\"sources editorial\"><h3>{SOURCES}</h3>") == 2
    assert "<li>s. 6(1): reconstructed \u2014 mirrors the wording of the inserted" in page
    assert "<p class=\"editorial\">Editorial notes" in page


def test_inserted_words_later_replaced_leave_no_bracket_of_their_own() -> None:
    """Found by audit: "in England" inserted, then "local authority in England" substituted;
    only the substitution is marked (the insertion's words are gone), and an omission of
    inserted words keeps the insertion's bracket around it."""
    base = act(section("1", sub("1", "A local authority shall appoint an officer.")))
    inserted = _op(InsertWords, "1", date(2001, 1, 1), target=A("s. 1(1)"),
                   position=Position.AFTER, anchor="local authority", words="in England")
    replaced = _op(SubstituteWords, "2", date(2002, 1, 1), target=A("s. 1(1)"),
                   old=Words("local authority in England"), new="county council in England")
    text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [inserted, replaced])]))
    assert "(1) A [F1county council in England] shall appoint an officer." in text.splitlines()
    assert list(notes(text)) == ["F1"] and "substituted" in notes(text)["F1"]
    exact = _op(SubstituteWords, "2", date(2002, 1, 1), target=A("s. 1(1)"),
                old=Words("in England"), new="in England and Wales")
    text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", [inserted, exact])]))
    assert "(1) A local authority [F1in England and Wales] shall appoint an officer." in (
        text.splitlines())


def test_brackets_hold_words_not_the_spaces_beside_them() -> None:
    """Found by audit: a later substitution that takes the last word of an insertion left
    the insertion's bracket ending in a space ("[F1and ][F2bird stood]")."""
    base = act(section("1", sub("1", "The cat sat on the mat today.")))
    ops = [_op(InsertWords, "1", date(2001, 1, 2), target=A("s. 1(1)"), position=Position.AFTER,
               anchor="cat", words="and dog"),
           _op(SubstituteWords, "2", date(2001, 1, 3), target=A("s. 1(1)"),
               old=Words("dog sat"), new="bird stood")]
    text = annotated_text(consolidate(base, [Amendment("X", "ukpga/2000/1", ops)]))
    assert "(1) The cat [F1and] [F2bird stood] on the mat today." in text.splitlines()


def test_the_annotated_layout_does_not_import_the_html_page() -> None:
    """The HTML page prints the layout; the layout knows nothing of the page (no cycle)."""
    assert "lawdiff.render.html" not in imported_modules("lawdiff.render.annotated")
    assert "lawdiff.render.annotated" in imported_modules("lawdiff.render.html")


# --- against the previous code ----------------------------------------------------------------

@st.composite
def _marked_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, tuple[str, int]]],
                                            list[tuple[int, tuple[str, int]]]]:
    """A text with bracketed spans (nested, overlapping, empty, at its edges) and omission gaps."""
    words = draw(st.lists(st.sampled_from(["the", "cat", "(sat)", "on", "\u201cmat\u201d", ",",
                                           "  "]), min_size=1, max_size=12))
    text = " ".join(words)
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(-1, n))
        spans.append((start, draw(st.integers(start, n + 1)), ("op", draw(st.integers(0, 4)))))
    gaps = [(draw(st.integers(-1, n + 1)), ("op", draw(st.integers(0, 4))))
            for _ in range(draw(st.integers(0, 3)))]
    return text, spans, gaps


@given(_marked_texts())
def test_segment_pieces_are_what_the_previous_code_gave(
        case: tuple[str, list[tuple[int, int, tuple[str, int]]],
                    list[tuple[int, tuple[str, int]]]]) -> None:
    text, spans, gaps = case

    def marker(key: tuple[str, int]) -> str:
        return f"F{key[1]}"

    assert _segment_pieces(text, spans, gaps, marker) == render_reference._segment_pieces(
        text, spans, gaps, marker)


def test_many_operations_on_one_provision_are_annotated_as_before() -> None:
    """The quadratic case of the previous code: every change of 300 on one provision."""
    words = [f"w{k}" for k in range(600)]
    base = act(section("1", sub("1", " ".join(words) + ".")))
    ops = []
    for k in range(0, 600, 2):
        if k % 3 == 0:
            ops.append(SubstituteWords(target=A("s. 1(1)"), old=Words(f"w{k}"), new=f"n{k}"))
        elif k % 3 == 1:
            ops.append(InsertWords(target=A("s. 1(1)"), position=Position.AFTER, anchor=f"w{k}",
                                   words=f"i{k}"))
        else:
            ops.append(OmitWords(target=A("s. 1(1)"), old=Words(f"w{k}")))
    cons = apply_batch(base, ops)
    assert live_changes(cons) == render_reference.live_changes(cons)
    line = annotated_text(cons).splitlines()[4]
    assert line.startswith("(1) [F1n0] w1 F2... w3 w4 [F3i4] w5 [F4n6] w7 F5... w9")
    assert line.endswith("w597 w598 [F300i598] w599.")
    assert line.count("[F") == len([op for op in ops if not isinstance(op, OmitWords)]) == 200


# --- brackets and links back, as a browser reads the page --------------------------------------

class _Page(HTMLParser):
    """Bold brackets, and each note's link back with the element it lands on."""

    def __init__(self) -> None:
        super().__init__()
        self.bold: list[str] = []
        self.ids: dict[str, str] = {}
        self.back: dict[str, str] = {}
        self._in_bold = False
        self._dt: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] = a.get("href", tag)
        if tag == "dt":
            self._dt = a.get("id")
        if tag == "a" and "back" in a.get("class", "").split() and self._dt:
            self.back[self._dt] = a["href"]
        self._in_bold = tag == "b" and a.get("class") == "bracket"

    def handle_endtag(self, tag: str) -> None:
        self._in_bold = False
        if tag == "dt":
            self._dt = None

    def handle_data(self, data: str) -> None:
        if self._in_bold:
            self.bold.append(data)


def _check_brackets_and_back_links(page: str) -> _Page:
    reader = _Page()
    reader.feed(page)
    assert reader.bold and set(reader.bold) == {"[", "]"}
    assert reader.bold.count("[") == reader.bold.count("]")
    # every note links back to its first marker in the text, which links to the note
    assert reader.back and all(href == f"#ref-{marker}" for marker, href in reader.back.items())
    assert all(reader.ids[href[1:]] == f"#{marker}" for marker, href in reader.back.items())
    return reader


def test_brackets_are_bold_and_notes_link_back_to_the_text() -> None:
    page = annotated_html(lassa_at(date(2008, 1, 1)))
    reader = _check_brackets_and_back_links(page)
    assert ("A local authority <span class=\"ins\"><b class=\"bracket\">[</b><sup class=\"fn\">"
            "<a href=\"#F2\" id=\"ref-F2\"") in page
    assert "in Wales<b class=\"bracket\">]</b></span> shall appoint" in page
    # F3 marks two places in s. 6(2): only the first is the place its note links back to
    assert page.count("id=\"ref-F3\"") == 1 and page.count("href=\"#F3\"") == 2
    assert set(reader.back) == {f"F{i}" for i in range(1, 10)}
    # a provision inserted whole opens with a bold bracket too
    assert re.search(r'<p class="line provision d1 prov-ins" id="sec_6__subsec_A1"><b '
                     r'class="bracket">\[</b><sup class="fn">', page)


def test_annotated_page_in_headless_chromium(tmp_path: Path) -> None:
    from tests.test_render_redline import _dump_dom

    page = tmp_path / "annotated.html"
    page.write_text(annotated_html(lassa_at(date(2008, 1, 1))), encoding="utf-8")
    dom = _dump_dom(page, tmp_path / "profile")
    reader = _check_brackets_and_back_links(dom)
    assert set(reader.back) == {f"F{i}" for i in range(1, 10)}
