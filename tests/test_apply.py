"""`lawdiff apply`: amending Acts from the amending text itself, with a report per instruction.

The real pairs in tests/data/pairs/ are compared with the text legislation.gov.uk publishes
after the change, as their README and pair.toml say: only the provisions pair.toml names, with
the omission markers ("..." after an F-note reference) dropped.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import attrs
import pytest

from lawdiff.address import Address, resolve
from lawdiff.apply import (
    ApplyResult,
    Status,
    apply_instrument,
    parse_act_option,
    read_target,
    render,
    report_rows,
)
from lawdiff.cli import main
from lawdiff.engine import consolidate
from lawdiff.errors import LawdiffError
from lawdiff.formats.akn import act_to_bytes, history, read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.text import write_text
from lawdiff.instrument import Instrument, read_instrument, read_instrument_text
from lawdiff.model import Act, Provision
from lawdiff.render.annotated import annotated_text
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, ROOT
from tests.test_instrument import corpus_text

PAIRS = ROOT / "tests" / "data" / "pairs"
DOCUMENTS = ROOT / "tests" / "data" / "documents"
SCHEDULE_2 = "Children Act 2004 (c. 31), Sch. 2"


def statuses(result: ApplyResult) -> dict[str, str]:
    return {o.item.citation: o.status.value for o in result.outcomes if o.item is not None}


# --- the corpus: the text route gives exactly what the TOML route gives ------------------------

@pytest.mark.parametrize("statute, amendment", [(LASSA, PARA_2), (LGHA, PARA_3)],
                         ids=["para-2", "para-3"])
def test_the_verbatim_text_gives_exactly_the_toml_route(statute: Path, amendment: Path) -> None:
    base = read_act(statute)
    written = read_amendment(amendment)
    instrument = read_instrument_text(corpus_text(), SCHEDULE_2)
    result = apply_instrument(instrument, base, facts=[read_amendment(PARA_2),
                                                       read_amendment(PARA_3)])
    toml = consolidate(base, [written])
    assert result.consolidation is not None
    assert result.consolidation.act == toml.act
    assert [s.operation for s in result.consolidation.steps] == [s.operation for s in toml.steps]
    assert annotated_text(result.consolidation) == annotated_text(toml)
    expected_akn = act_to_bytes(toml.act, history(toml.steps, toml.view), base.info.version_date,
                                toml.view)
    assert render(result, "akn") == expected_akn
    aimed = {o.item.citation for o in result.outcomes
             if o.item is not None and o.status is Status.APPLIED}
    assert aimed == {op.provenance.citation for op in written.operations}
    others = [o for o in result.outcomes if o.status is Status.OTHER_ACT]
    assert len(others) == 8 - len(written.operations)


def test_without_commencement_facts_the_act_is_shown_amended_by_every_instruction() -> None:
    base = read_act(LASSA)
    result = apply_instrument(read_instrument_text(corpus_text(), SCHEDULE_2), base)
    toml = consolidate(base, [read_amendment(PARA_2)])
    assert result.consolidation is not None
    assert result.consolidation.act.children == toml.act.children
    assert all(not s.operation.commencement for s in result.consolidation.steps)
    on_a_day = apply_instrument(read_instrument_text(corpus_text(), SCHEDULE_2), base,
                                as_at=date(2010, 1, 1))
    assert on_a_day.ok and {o.status for o in on_a_day.outcomes} == {
        Status.NOT_IN_FORCE, Status.OTHER_ACT}
    assert on_a_day.consolidation is not None
    assert on_a_day.consolidation.act.children == base.children


def test_cli_text_route_prints_what_consolidate_prints(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    amending = tmp_path / "sch2.txt"
    amending.write_text(corpus_text(), encoding="utf-8")
    for fmt in ("annotated", "akn"):
        code = main(["apply", str(amending), str(LASSA), "--citation", SCHEDULE_2,
                     "--commencement", str(PARA_2), "--format", fmt])
        applied = capsys.readouterr()
        assert code == 0
        assert main(["consolidate", str(LASSA), str(PARA_2), "--format", fmt]) == 0
        assert applied.out == capsys.readouterr().out
        assert "5 applied, 3 aimed at another Act" in applied.err
    # Plain text is legislation.gov.uk's (lawdiff.formats.text), of the same Act.
    assert main(["apply", str(amending), str(LASSA), "--citation", SCHEDULE_2,
                 "--commencement", str(PARA_2), "--format", "text"]) == 0
    toml_route = consolidate(read_act(LASSA), [read_amendment(PARA_2)]).act
    assert capsys.readouterr().out == write_text(toml_route)


# --- the real published pair: Data Protection Act 2018 Sch. 19 para. 227 -----------------------

def published_words(node: Provision) -> str:
    """A revised text's words without its omission markers: the "..." standing after each
    F-note reference where words were omitted (tests/data/pairs/README.md)."""
    text = node.text or ""
    cuts = sorted((m.start for m in node.marks if m.field == "text" and m.name == "commentary-ref"),
                  reverse=True)
    for at in cuts:
        stripped = text[at:].lstrip()
        for marker in (". . .", "..."):
            if stripped.startswith(marker):
                text = f"{text[:at]} {stripped[len(marker):]}"
                break
    return " ".join(text.split()).replace(" ;", ";")


@pytest.fixture(scope="module")
def dpa_documents() -> tuple[Instrument, Act, Act, dict[str, object]]:
    """The pair's instrument (read from amending.xml), before.xml, after.xml and pair.toml."""
    folder = PAIRS / "dpa-2018-sch19-para227"
    pair = tomllib.loads((folder / "pair.toml").read_text(encoding="utf-8"))
    instrument = read_instrument(read_clml((folder / "amending.xml").read_bytes(), "amending.xml"))
    before = read_clml((folder / "before.xml").read_bytes(), "before.xml")
    after = read_clml((folder / "after.xml").read_bytes(), "after.xml")
    return instrument, before, after, pair


@pytest.fixture(scope="module")
def dpa(dpa_documents: tuple[Instrument, Act, Act, dict[str, object]]
        ) -> tuple[ApplyResult, Act, dict[str, object]]:
    instrument, before, after, pair = dpa_documents
    return apply_instrument(instrument, before), after, pair


def test_dpa_pair_gives_the_published_text(dpa: tuple[ApplyResult, Act, dict[str, object]]
                                           ) -> None:
    result, after, pair = dpa
    assert result.consolidation is not None
    comparison = pair["comparison"]
    assert isinstance(comparison, dict)
    for citation in comparison["citations"]:
        ours = resolve(result.consolidation.act, Address.parse(citation)).node
        theirs = resolve(after, Address.parse(citation)).node
        assert isinstance(ours, Provision) and isinstance(theirs, Provision)
        assert ours.text == published_words(theirs), citation
        assert ours.num == theirs.num and ours.kind is theirs.kind


def test_dpa_pair_report(dpa: tuple[ApplyResult, Act, dict[str, object]]) -> None:
    result, _, pair = dpa
    amending = pair["amending"]
    assert isinstance(amending, dict)
    applied = [o.item.citation for o in result.outcomes
               if o.item is not None and o.status is Status.APPLIED]
    cite = "Data Protection Act 2018 (c. 12), "
    # para. 227(1) is the lead-in ("Section 204 of this Act … is amended as follows"): no row
    assert applied == [cite + p for p in amending["provisions"][1:]]
    assert result.count(Status.REFUSED) == 0 and result.count(Status.OUTSIDE) == 0
    assert result.count(Status.OTHER_ACT) > 600  # Sch. 19 amends other enactments
    rows = report_rows(result)
    done = [r for r in rows if r["outcome"] == "applied"]
    assert [(r["changed_provision"], r["type_of_effect"], r["affecting_provision"])
            for r in done] == [("s. 204(1)(g)", "words omitted", "Sch. 19 para. 227(2)(a)"),
                               ("s. 204(1)(g)", "words omitted", "Sch. 19 para. 227(2)(b)"),
                               ("s. 204(2)(a)", "substituted", "Sch. 19 para. 227(3)")]
    assert all("s. 212(1)" in r["instruction_note"] for r in done)  # by regulations: undated


def test_dpa_pair_keeps_the_substituted_paragraphs_identity_and_markup(
        dpa: tuple[ApplyResult, Act, dict[str, object]]) -> None:
    result, _, _ = dpa
    assert result.consolidation is not None
    act = result.consolidation.act
    new = resolve(act, Address.parse("s. 204(2)(a)")).node
    assert isinstance(new, Provision) and new.ident == "section-204-2-a"
    kept = resolve(act, Address.parse("s. 204(1)(g)")).node
    assert isinstance(kept, Provision)
    assert [kept.text[m.start:m.end] for m in kept.marks if m.name == "citation"] == \
        ["S.I. 2002/254"]
    again = read_clml(render(result, "clml"), "again.xml")
    for citation in ("s. 204(1)(g)", "s. 204(2)(a)", "s. 204(2)(b)"):
        ours = resolve(act, Address.parse(citation)).node
        written = resolve(again, Address.parse(citation)).node
        assert isinstance(ours, Provision) and isinstance(written, Provision)
        assert (written.kind, written.num) == (ours.kind, ours.num)
        assert published_words(written) == ours.text
    notes = {c.ident: c.words for c in again.commentaries if c.ident.startswith("key-lawdiff")}
    assert notes["key-lawdiff-3"] == ("S. 204(2)(a) substituted by Data Protection Act 2018 "
                                      "(c. 12), Sch. 19 para. 227(3)")
    substituted = resolve(again, Address.parse("s. 204(2)(a)")).node
    assert isinstance(substituted, Provision)
    assert [(m.field, m.name) for m in substituted.marks] == [
        ("num", "commentary-ref"), ("num", "substitution"), ("text", "substitution")]
    omitted = resolve(again, Address.parse("s. 204(1)(g)")).node
    assert isinstance(omitted, Provision)
    assert [m.get("Ref") for m in omitted.marks if m.name == "commentary-ref"] == [
        "key-lawdiff-1", "key-lawdiff-2"]


def test_dpa_pair_dated_by_commencement_facts(
        tmp_path: Path, dpa_documents: tuple[Instrument, Act, Act, dict[str, object]]) -> None:
    folder = PAIRS / "dpa-2018-sch19-para227"
    facts = tmp_path / "commencement.toml"
    facts.write_text(
        '[amendment]\ncitation = "Data Protection Act 2018 (c. 12), Sch. 19 para. 227"\n'
        'amends = "ukpga/2018/12"\n'
        + "".join(f'[[operation]]\ncitation = "Data Protection Act 2018 (c. 12), Sch. 19 para. '
                  f'227{p}"\ntype = "omit_provision"\ntarget = "s. 1"\ncommencement = [{{ date = '
                  f'2019-12-02, authority = "S.I. 2019/1434, reg. 2(b)" }}]\n'
                  for p in ("(2)", "(3)")), encoding="utf-8")
    report = tmp_path / "report.csv"
    out = tmp_path / "dpa.txt"
    code = main(["apply", str(folder / "amending.xml"), str(folder / "before.xml"),
                 "--commencement", str(facts), "--report", str(report), "-o", str(out),
                 "--format", "text"])
    assert code == 0
    assert "the Health Professions Order 2001" in out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    applied = [r for r in rows if r["Outcome"] == "applied"]
    assert {r["In Force"] for r in applied} == {"2019-12-02"}
    assert applied[-1]["Annotation"] == (
        "S. 204(2)(a) substituted (2.12.2019) by Data Protection Act 2018 (c. 12), Sch. 19 "
        "para. 227(3); S.I. 2019/1434, reg. 2(b)")
    instrument, before, _, _ = dpa_documents
    earlier = apply_instrument(instrument, before, as_at=date(2019, 12, 1),
                               facts=[read_amendment(facts)])
    assert earlier.ok and earlier.count(Status.NOT_IN_FORCE) == 3
    assert earlier.consolidation is not None
    assert resolve(earlier.consolidation.act, Address.parse("s. 204(1)(g)")).node == \
        resolve(before, Address.parse("s. 204(1)(g)")).node


# --- the report: every instruction gets a line, and nothing is written on refusal ---------------

def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lawdiff", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


def test_an_instruction_that_does_not_fit_is_refused_and_nothing_is_written(tmp_path: Path
                                                                            ) -> None:
    amending = tmp_path / "typo.txt"
    amending.write_text("2 (1) The Local Authority Social Services Act 1970 is amended as "
                        "follows.\n(2) In section 6 (director of social services)—\n(a) in "
                        "subsection (1), after “local authorty” insert “in Wales”;\n(b) in "
                        "subsection (6), for “a director of social services” substitute “a person "
                        "under this section”.\n", encoding="utf-8")
    out, report = tmp_path / "out.xml", tmp_path / "report.json"
    done = run(["apply", str(amending), str(LASSA), "--citation", SCHEDULE_2, "-o", str(out),
                "--report", str(report)])
    assert done.returncode == 1 and not out.exists() and done.stdout == ""
    assert "lawdiff: error: 1 of the 2 instructions aimed at Local Authority Social Services " \
           "Act 1970 (c. 42) were refused; nothing was written" in done.stderr
    rows = json.loads(report.read_text(encoding="utf-8"))
    refused = [r for r in rows if r["outcome"] == "refused"]
    assert len(refused) == 1 and refused[0]["affecting_provision"] == "Sch. 2 para. 2(2)(a)"
    assert refused[0]["where"] == "s. 6(1)" and refused[0]["words_sought"] == "\u201clocal authorty\u201d"
    assert "similar words found" in refused[0]["reason"]
    assert [r["outcome"] for r in rows if r is not refused[0]] == ["not in force"]


def test_an_unknown_target_gets_a_line_per_instruction(tmp_path: Path) -> None:
    amending = tmp_path / "sch2.txt"
    amending.write_text(corpus_text(), encoding="utf-8")
    hra = DOCUMENTS / "ukpga-1998-42-revised-2026-04-06.clml.xml"
    report = tmp_path / "report.csv"
    done = run(["apply", str(amending), str(hra), "--citation", SCHEDULE_2, "--report",
                str(report)])
    assert done.returncode == 1 and done.stdout == ""
    assert "no instruction of Children Act 2004 (c. 31) is aimed at Human Rights Act 1998" \
        in done.stderr
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [r["Outcome"] for r in rows] == ["aimed at another Act"] * 8
    assert rows[0]["Changed Legislation"] == "Local Authority Social Services Act 1970"
    assert rows[-1]["Reason"] == "aimed at Local Government and Housing Act 1989"


def test_an_instrument_with_nothing_amending(tmp_path: Path) -> None:
    nothing = DOCUMENTS / "ukpga-2001-21-enacted.clml.xml"
    report = tmp_path / "report.json"
    done = run(["apply", str(nothing), str(LASSA), "--report", str(report)])
    assert done.returncode == 1 and done.stdout == ""
    (row,) = json.loads(report.read_text(encoding="utf-8"))
    assert row["outcome"] == "nothing amending"
    assert row["reason"].startswith("no amending provision found in Appropriation (No.2) Act "
                                    "2001 (c. 21)")


def test_outside_the_extract_is_reported_and_does_not_block(tmp_path: Path) -> None:
    amending = tmp_path / "two.txt"
    amending.write_text("5 In section 6 of the Local Authority Social Services Act 1970, in "
                        "subsection (6), for “a director of social services” substitute “a person "
                        "under this section”.\n6 In section 7 of the Local Authority Social "
                        "Services Act 1970, omit “and”.\n", encoding="utf-8")
    instrument = read_instrument_text(amending.read_text(encoding="utf-8"),
                                      "Example Act 2020 (c. 1)")
    result = apply_instrument(instrument, read_act(LASSA))
    assert statuses(result) == {"Example Act 2020 (c. 1), s. 5": "applied",
                                "Example Act 2020 (c. 1), s. 6": "outside the extract"}
    assert result.ok
    (outside,) = [o for o in result.outcomes if o.status is Status.OUTSIDE]
    assert outside.reason == "s. 7 is not in the extract held"


def test_that_section_refers_back_to_the_instruction_before() -> None:
    text = ("4 (1) In section 6 of the Local Authority Social Services Act 1970, in subsection (1), "
            "after “local authority” insert “in Wales”.\n(2) In that section, in subsection (6), "
            "for “a director of social services” substitute “a person under this section”.")
    instrument = read_instrument_text(text, "Example Act 2020 (c. 1)")
    second = instrument.items[1]
    assert second.antecedent and second.label == ("4", "2")
    assert second.aimed_how == "named in an earlier instruction (\u201cthat\u201d)"
    result = apply_instrument(instrument, read_act(LASSA))
    assert [o.status for o in result.outcomes] == [Status.APPLIED, Status.APPLIED]
    assert [str(op.target) for o in result.outcomes for op in o.operations] == ["s. 6(1)",
                                                                               "s. 6(6)"]


def test_instructions_naming_no_act_in_plain_text_are_taken_to_mean_the_target() -> None:
    instrument = read_instrument_text("In section 6(1), after “local authority” insert “in "
                                      "Wales”.", "Example Act 2020 (c. 1), s. 3")
    result = apply_instrument(instrument, read_act(LASSA))
    (outcome,) = result.outcomes
    assert outcome.status is Status.APPLIED
    assert outcome.note == "no Act named: taken to mean Local Authority Social Services Act 1970"


def test_amendments_of_this_act_apply_only_to_the_instrument_itself(
        dpa_documents: tuple[Instrument, Act, Act, dict[str, object]]) -> None:
    instrument = dpa_documents[0]
    result = apply_instrument(instrument, read_act(LASSA))
    assert not result.ok and result.count(Status.APPLIED) == 0
    own = [o for o in result.outcomes
           if o.item is not None and o.item.citation.endswith("Sch. 19 para. 227(3)")]
    assert own[0].status is Status.OTHER_ACT
    assert own[0].reason == "aimed at Data Protection Act 2018 (c. 12)"


# --- --act, --within, formats ------------------------------------------------------------------

def test_act_option() -> None:
    assert parse_act_option("ukpga/1970/42").work == "ukpga/1970/42"
    cited = parse_act_option("Local Authority Social Services Act 1970 (c. 42)")
    assert (cited.title, cited.work) == ("Local Authority Social Services Act 1970",
                                         "ukpga/1970/42")
    si = parse_act_option("The Example Regulations 2016 (S.I. 2016/413)")
    assert si.work == "uksi/2016/413"
    data = LASSA.read_bytes()
    act, fmt = read_target(data, str(LASSA), "ukpga/1970/42")
    assert fmt == "akn" and act.info.work == "ukpga/1970/42"
    with pytest.raises(LawdiffError, match=r"is ukpga/1970/42 .*not ukpga/1989/42 as --act says"):
        read_target(data, str(LASSA), "ukpga/1989/42")


def test_act_option_on_the_command_line(tmp_path: Path) -> None:
    amending = tmp_path / "sch2.txt"
    amending.write_text(corpus_text(), encoding="utf-8")
    wrong = run(["apply", str(amending), str(LASSA), "--citation", SCHEDULE_2, "--act",
                 "ukpga/1989/42"])
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1
    assert "not ukpga/1989/42 as --act says" in wrong.stderr
    bad_report = run(["apply", str(amending), str(LASSA), "--report", "r.txt"])
    assert bad_report.returncode == 2 and "FILE.csv or FILE.json" in bad_report.stderr
    no_citation = run(["apply", str(amending), str(LASSA)])
    assert no_citation.returncode == 1 and "need --citation" in no_citation.stderr


def test_within_places_a_plain_text_extract() -> None:
    text_reader = pytest.importorskip("lawdiff.formats.text",
                                      reason="the plain-text reader is not merged yet")
    assert hasattr(text_reader, "read_text")
    extract = ("(1) A local authority shall appoint an officer, to be known as the director of "
               "social services, for the purposes of their social services functions.\n")
    target, fmt = read_target(extract.encode(), "extract.txt", "ukpga/1970/42", "s. 6")
    assert fmt == "text"
    instrument = read_instrument_text(corpus_text(), SCHEDULE_2)
    result = apply_instrument(instrument, target, within=Address.parse("s. 6"))
    got = statuses(result)
    cite = "Children Act 2004 (c. 31), Sch. 2 para. "
    assert got[cite + "2(2)(b)"] == "applied"
    assert got[cite + "2(2)(d)"] == "outside the extract"
    assert got[cite + "2(3)"] == "outside the extract"


def test_reading_documents_of_other_kinds_is_a_clear_error(tmp_path: Path) -> None:
    odd = tmp_path / "odd.xml"
    odd.write_text("<html/>", encoding="utf-8")
    done = run(["apply", str(odd), str(LASSA)])
    assert done.returncode == 1 and "not a document lawdiff reads" in done.stderr
    assert done.stderr.count("\n") == 1


def test_json_render(tmp_path: Path) -> None:
    result = apply_instrument(read_instrument_text(corpus_text(), SCHEDULE_2), read_act(LGHA),
                              facts=[read_amendment(PARA_3)])
    doc = json.loads(render(result, "json"))
    assert doc["info"]["work"] == "ukpga/1989/42" and doc["info"]["version_date"] == "2008-01-01"
    assert doc["frbr"] == "/akn/gb/act/ukpga/1989/42"
    assert attrs.has(type(result))
