"""Quoted structures of a CLML amending instrument read as the provisions they insert."""

from __future__ import annotations

import pytest

from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAmendment
from lawdiff.formats.clml_fragment import is_block_amendment, quoted_words, read_block_amendment
from lawdiff.model import Kind, Opaque

NS = "http://www.legislation.gov.uk/namespaces/legislation"
SUBSTITUTED = (f'<BlockAmendment xmlns="{NS}" Context="main" Format="double" '
               'TargetClass="primary"><P3><Pnumber>a</Pnumber><P3para><Text>a person registered '
               'as a social worker in the register maintained by <Emphasis>Social Work '
               'England</Emphasis>;</Text></P3para></P3></BlockAmendment>').encode()
NESTED = (f'<BlockAmendment xmlns="{NS}"><P4><Pnumber>b</Pnumber><P4para><Text>the commission of '
          'an offence under—</Text><P5><Pnumber>i</Pnumber><P5para><Text>a provision of this '
          'Act, or</Text></P5para></P5><P5><Pnumber>ii</Pnumber><P5para><Text>section 77.</Text>'
          '</P5para></P5></P4para></P4></BlockAmendment>').encode()
SECTION = (f'<BlockAmendment xmlns="{NS}"><P1group><Title>Duty to report</Title><P1>'
           '<Pnumber>6A</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>A person must '
           'report.</Text></P2para></P2></P1para></P1></P1group></BlockAmendment>').encode()


def _num(value: str, style: Style = Style.NUMBER) -> Designation:
    return Designation(value, style)


def test_quoted_words_print_numbers_as_the_instrument_does() -> None:
    assert quoted_words(SUBSTITUTED) == ("(a) a person registered as a social worker in the "
                                         "register maintained by Social Work England;")
    assert quoted_words(NESTED).startswith("(b) the commission of an offence under— (i) a "
                                           "provision")
    assert quoted_words(SECTION) == "6A Duty to report (1) A person must report."


def test_a_quoted_paragraph_is_read_as_a_paragraph_of_the_subsection_it_goes_in() -> None:
    context = ((Kind.SECTION, _num("204")), (Kind.SUBSECTION, _num("2")))
    (node,) = read_block_amendment(SUBSTITUTED, context)
    assert node.kind is Kind.PARAGRAPH and node.num == Designation("a", Style.ALPHA)
    assert node.text is not None and node.text.endswith("maintained by Social Work England;")
    emphasis = [node.text[m.start:m.end] for m in node.marks if m.name == "emphasis"]
    assert emphasis == ["Social Work England"]
    assert not node.pristine and node.source is None  # built afresh, never copied verbatim
    assert ("@tag", "P3") not in node.extras


def test_the_same_quotation_reads_by_where_it_goes() -> None:
    in_subsection = read_block_amendment(NESTED, ((Kind.SECTION, _num("11")),
                                                  (Kind.SUBSECTION, _num("1"))))
    in_schedule = read_block_amendment(NESTED, ((Kind.SCHEDULE, _num("2")),
                                                (Kind.SCHEDULE_PARAGRAPH, _num("1"))))
    for (node,) in (in_subsection, in_schedule):
        assert node.kind is Kind.PARAGRAPH
        assert [(c.kind, c.num.value) for c in node.children] == [  # type: ignore[union-attr]
            (Kind.SUBPARAGRAPH, "i"), (Kind.SUBPARAGRAPH, "ii")]


def test_a_quoted_section_in_the_body() -> None:
    (node,) = read_block_amendment(SECTION, ())
    assert node.kind is Kind.SECTION and node.heading == "Duty to report"
    (regulations,) = read_block_amendment(SECTION, (), unit=Kind.REGULATION)
    assert regulations.kind is Kind.REGULATION


def test_what_is_not_a_block_amendment_is_refused() -> None:
    with pytest.raises(InvalidAmendment, match="not a CLML BlockAmendment"):
        read_block_amendment(f'<Text xmlns="{NS}">x</Text>'.encode(), ())
    with pytest.raises(InvalidAmendment, match="empty"):
        read_block_amendment(f'<BlockAmendment xmlns="{NS}"/>'.encode(), ())
    assert is_block_amendment(Opaque("clml", SUBSTITUTED, "BlockAmendment"))
    assert not is_block_amendment(Opaque("clml", SUBSTITUTED, "AppendText"))
