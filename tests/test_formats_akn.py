from pathlib import Path

import pytest

from lawdiff.errors import InvalidStatute, UnsafeXML
from lawdiff.formats.akn import act_from_bytes, act_to_bytes, read_act, schema_path, validate, write_act
from tests.helpers import LASSA, LGHA, ROOT

STATUTES = [LASSA, LGHA, *sorted((ROOT / "statutes" / "consolidated").glob("*.xml"))]


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


def test_errors_carry_file_and_line() -> None:
    data = LASSA.read_bytes().replace(b"<num>(2)</num>", b"<num>(two!)</num>")
    with pytest.raises(InvalidStatute) as info:
        act_from_bytes(data, "lassa.xml")
    assert str(info.value).startswith("lassa.xml:")


def test_out_of_order_provisions_are_refused() -> None:
    data = LASSA.read_bytes().replace(b"<num>(2)</num>", b"<num>(9)</num>")
    with pytest.raises(InvalidStatute, match="designation order"):
        act_from_bytes(data, "lassa.xml")


def test_write_act_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    write_act(read_act(LASSA), target)
    assert target.read_bytes() == LASSA.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]
