"""Effects tables ("Changes to legislation") between two versions."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from functools import cache

import pytest

from lawdiff.address import Address
from lawdiff.amendment import Amendment
from lawdiff.commencement import Commencement
from lawdiff.engine import Consolidation, consolidate
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.operations import InsertWords, OmitProvision, OmitWords, Position, Provenance
from lawdiff.render.effects import (
    COLUMNS,
    LGU_COLUMNS,
    affecting,
    effects_csv,
    effects_json,
    effects_rows,
)
from lawdiff.text import Words
from lawdiff.timeline import Revocation
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, act, section, sub

A = Address.parse


@cache
def lassa_at(day: date | None, conditional: bool = False) -> Consolidation:
    return consolidate(read_act(LASSA), [read_amendment(PARA_2)], day,
                       conditions={"dcs-appointed": date(2006, 9, 1)} if conditional else None)


def test_rows_for_the_corpus_base_to_2008() -> None:
    rows = effects_rows(lassa_at(date(2004, 11, 14)), lassa_at(date(2008, 1, 1)))
    assert [(r["changed_provision"], r["type_of_effect"], r["affecting_provision"]) for r in rows] \
        == [("Sch. 1", "words inserted", "Sch. 2 para. 2(3)"),
            ("s. 6(A1)", "inserted", "Sch. 2 para. 2(2)(a)"),
            ("s. 6(1)", "words inserted", "Sch. 2 para. 2(2)(b)"),
            ("s. 6(2)", "words inserted", "Sch. 2 para. 2(2)(c)"),
            ("s. 6(6)", "words substituted", "Sch. 2 para. 2(2)(d)")]
    first, second = rows[0], rows[1]
    assert first == {
        "changed_legislation": "Local Authority Social Services Act 1970",
        "changed_year_and_number": "1970 c. 42",
        "changed_provision": "Sch. 1",
        "type_of_effect": "words inserted",
        "affecting_legislation": "Children Act 2004",
        "affecting_year_and_number": "2004 c. 31",
        "affecting_provision": "Sch. 2 para. 2(3)",
        "in_force": "2005-04-01",
        "effective": "2005-04-01",
        "extent": "E",
        "condition": "",
        "commencing_authority": "S.I. 2005/394, art. 2(2)(b)",
        "enabling_power": "s. 67(2)",
        "commencement_note": "",
        "basis": "",
        "applied": "yes",
        "status": "",
        "note": "",
        "annotation": ("Sch. 1: words in entry inserted (E.) (1.4.2005) by Children Act 2004 "
                       "(c. 31), s. 67(2), Sch. 2 para. 2(3); S.I. 2005/394, art. 2(2)(b)"),
    }
    assert second["condition"] == "dcs-appointed"
    assert second["commencement_note"] == ("with effect in accordance with s. 18(9)(10) of the "
                                           "amending Act")
    assert second["commencing_authority"] == "S.I. 2007/1792, art. 2"


def test_the_first_nine_columns_are_legislation_gov_uks() -> None:
    # legislation.gov.uk's "Changes to legislation" results table, in its order; its two
    # "Year and Number" columns are told apart, so that every CSV heading is unique
    assert [header for _, header in COLUMNS[:LGU_COLUMNS]] == [
        "Changed Legislation", "Changed Year and Number", "Changed Provision", "Type of effect",
        "Affecting Legislation Title", "Affecting Year and Number", "Affecting Provision",
        "Applied", "Note"]
    headers = [header for _, header in COLUMNS]
    assert len(set(headers)) == len(headers)
    keys = [key for key, _ in COLUMNS]
    assert len(set(keys)) == len(keys)
    assert keys[LGU_COLUMNS:] == ["annotation", "in_force", "effective", "extent", "condition",
                                  "commencing_authority", "enabling_power", "commencement_note",
                                  "basis", "status"]


def test_note_is_what_legislation_gov_uk_puts_there_and_annotation_is_whole() -> None:
    rows = effects_rows(lassa_at(date(2004, 11, 14)), lassa_at(date(2008, 1, 1)))
    by_provision = {r["changed_provision"]: r for r in rows}
    assert by_provision["s. 6(6)"]["note"] == ("with effect in accordance with s. 18(9)(10) of "
                                               "the amending Act")
    assert by_provision["s. 6(6)"]["annotation"].startswith("Words in s. 6(6) substituted (1.1.2008")
    assert by_provision["Sch. 1"]["note"] == ""


def test_an_inferred_in_force_date_is_in_the_basis_column() -> None:
    lgha, para3 = read_act(LGHA), read_amendment(PARA_3)
    before, after = consolidate(lgha, [para3], date(2004, 11, 14)), consolidate(lgha, [para3])
    rows = effects_rows(before, after)
    assert len(rows) == 3
    for row in rows:
        assert row["basis"].startswith("inferred: the in-force date of para. 3 is not in the "
                                       "project's research")
        assert row["note"] == ""  # nothing of legislation.gov.uk's is invented for the Note column
        assert "[Editorial note: in-force date inferred: " in row["annotation"]
    table = list(csv.reader(io.StringIO(effects_csv(before, after))))
    assert table[1][table[0].index("Basis")].startswith("inferred: ")
    assert json.loads(effects_json(before, after))[0]["basis"].startswith("inferred: ")
    # pending rows too
    pending = effects_rows(before, consolidate(lgha, [para3], date(2005, 6, 1)))
    assert [r["applied"] for r in pending] == ["no"] * 3
    assert all(r["basis"].startswith("inferred: ") for r in pending)


def test_pending_effects_are_not_applied() -> None:
    rows = effects_rows(lassa_at(date(2004, 11, 14)), lassa_at(date(2005, 6, 1)))
    assert [(r["changed_provision"], r["applied"]) for r in rows] == [
        ("Sch. 1", "yes"), ("s. 6(A1)", "no"), ("s. 6(1)", "no"), ("s. 6(2)", "no"),
        ("s. 6(6)", "no")]
    pending = rows[1]
    assert pending["status"] == "in force from 2008-01-01" and pending["effective"] == ""
    assert pending["annotation"].startswith("Amendment not yet in force: S. 6(A1) to be inserted")


def test_conditional_version_records_when_the_effect_began() -> None:
    rows = effects_rows(lassa_at(date(2004, 11, 14)), lassa_at(date(2007, 1, 1), True))
    section_6 = [r for r in rows if r["changed_provision"].startswith("s. 6")]
    assert len(section_6) == 4
    assert {r["effective"] for r in section_6} == {"2006-09-01"}
    assert {r["in_force"] for r in section_6} == {"2008-01-01"}


def test_same_version_has_no_applied_effects() -> None:
    cons = lassa_at(date(2008, 1, 1))
    assert effects_rows(cons, cons) == []


def test_the_1989_act() -> None:
    lgha, para3 = read_act(LGHA), read_amendment(PARA_3)
    rows = effects_rows(consolidate(lgha, [para3], date(2004, 11, 14)),
                        consolidate(lgha, [para3], date(2008, 1, 1)))
    assert [(r["changed_year_and_number"], r["changed_provision"], r["type_of_effect"])
            for r in rows] == [("1989 c. 42", "s. 2(6)(za)", "inserted"),
                               ("1989 c. 42", "s. 2(6)(a)", "words inserted"),
                               ("1989 c. 42", "s. 2(6)(c)", "words inserted")]


def test_csv_and_json() -> None:
    before, after = lassa_at(date(2004, 11, 14)), lassa_at(date(2005, 6, 1))
    table = list(csv.reader(io.StringIO(effects_csv(before, after))))
    assert table[0] == [header for _, header in COLUMNS]
    assert table[0][:4] == ["Changed Legislation", "Changed Year and Number", "Changed Provision",
                            "Type of effect"]
    assert len(table) == 6
    assert table[1][1] == "1970 c. 42" and table[1][5] == "2004 c. 31"
    # a CSV reader keyed by heading loses no column
    (first, *_) = csv.DictReader(io.StringIO(effects_csv(before, after)))
    assert len(first) == len(COLUMNS)
    assert (first["Changed Year and Number"], first["Affecting Year and Number"]) == (
        "1970 c. 42", "2004 c. 31")
    assert table[1][table[0].index("Applied")] == "yes"
    data = json.loads(effects_json(before, after))
    assert [list(row) for row in data] == [list(row) for row in effects_rows(before, after)]
    assert data[2]["changed_provision"] == "s. 6(1)" and data[2]["applied"] is False


def test_json_uses_booleans_and_null() -> None:
    before, after = lassa_at(date(2004, 11, 14)), lassa_at(date(2005, 6, 1))
    data = json.loads(effects_json(before, after))
    rows = effects_rows(before, after)
    assert [row["applied"] for row in data] == [True, False, False, False, False]
    for typed, row in zip(data, rows, strict=True):
        for key, value in row.items():
            if key != "applied":
                assert typed[key] == (value or None)
    assert data[0]["note"] is None and data[0]["status"] is None  # empty in the CSV
    assert data[1]["effective"] is None and data[1]["status"] == "in force from 2008-01-01"
    assert '"applied": true' in effects_json(before, after)
    assert '"yes"' not in effects_json(before, after) and '""' not in effects_json(before, after)


def test_affecting_citations() -> None:
    assert affecting("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)") == (
        "Children Act 2004", "2004 c. 31", "Sch. 2 para. 2(2)(a)")
    assert affecting("S.I. 2016/413, reg. 21(c)") == ("S.I. 2016/413", "2016 No. 413", "reg. 21(c)")
    assert affecting("Local Government, Planning and Land Act 1980 (c. 65), s. 194") == (
        "Local Government, Planning and Land Act 1980", "1980 c. 65", "s. 194")
    assert affecting("The Social Services and Well-being (Wales) Act 2014 (Consequential "
                     "Amendments) Regulations 2016 (S.I. 2016/413), reg. 21(a)") == (
        "The Social Services and Well-being (Wales) Act 2014 (Consequential Amendments) "
        "Regulations 2016", "2016 No. 413", "reg. 21(a)")
    assert affecting("an unrecorded provision") == ("an unrecorded provision", "", "")
    assert affecting(None) == ("", "", "")


def test_synthetic_effects_with_si_omissions_and_revocations() -> None:
    base = act(section("1", sub("1", "The Minister may by regulations make provision."),
                       sub("2", "This subsection is spent.")))
    when = (Commencement(date=date(2016, 4, 6), extent="E+W",
                         authority="S.I. 2016/413, reg. 1(2)"),)
    ops = [OmitWords(target=A("s. 1(1)"), old=Words("by regulations"), commencement=when,
                     provenance=Provenance("S.I. 2016/413, reg. 21(a)")),
           OmitProvision(target=A("s. 1(2)"), how="repealed", commencement=when,
                         provenance=Provenance("S.I. 2016/413, reg. 21(b)")),
           InsertWords(target=A("s. 1(1)"), position=Position.AT_END, words="by order",
                       commencement=(Commencement(date=date(2017, 1, 1)),),
                       provenance=Provenance("Test Act 2015 (c. 9), s. 3(2)"))]
    revoke = Revocation("Test Act 2015 (c. 9), s. 3", date(2016, 12, 1), "Test Act 2016 (c. 4), s. 1")
    amendment = Amendment("S.I. 2016/413", "ukpga/2000/1", ops, revocations=(revoke,))
    rows = effects_rows(consolidate(base, [amendment], date(2016, 1, 1)),
                        consolidate(base, [amendment], date(2018, 1, 1)))
    assert [(r["changed_provision"], r["type_of_effect"], r["affecting_legislation"],
             r["affecting_year_and_number"], r["affecting_provision"], r["extent"], r["applied"])
            for r in rows] == [
        ("s. 1(1)", "words omitted", "S.I. 2016/413", "2016 No. 413", "reg. 21(a)", "E+W", "yes"),
        ("s. 1(2)", "repealed", "S.I. 2016/413", "2016 No. 413", "reg. 21(b)", "E+W", "yes"),
        ("s. 1(1)", "words inserted", "Test Act 2015", "2015 c. 9", "s. 3(2)", "", "no")]
    assert rows[0]["annotation"] == ("Words in s. 1(1) omitted (E.W.) (6.4.2016) by virtue of "
                                     "S.I. 2016/413, reg. 21(a); S.I. 2016/413, reg. 1(2)")
    assert rows[2]["status"].startswith("omitted by Test Act 2016 (c. 4), s. 1")


def test_versions_of_different_acts_are_refused() -> None:
    with pytest.raises(ValueError, match="different Acts"):
        effects_rows(lassa_at(date(2008, 1, 1)), consolidate(read_act(LGHA), []))
