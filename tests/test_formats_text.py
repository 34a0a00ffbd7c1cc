"""legislation.gov.uk plain text (lawdiff.formats.text): written and read.

Over every CLML document in tests/data/documents:

* the words of the plain text are the document's own words, in order;
* reading the plain text back and writing it again gives the same text;
* the numbered structure read back is the document's (every provision's
  place, kind, number, heading and words), except in the documents listed in
  KNOWN_STRUCTURE_LOSSES, whose source has something plain text cannot say.

Then hand-written extracts in legislation.gov.uk's text style, made from real
provisions of the test documents, with the site's F-markers, extent labels
and annotations; extracts placed with ``within``; and unreadable input.
No plain text copied from legislation.gov.uk itself is available to these
tests: the extracts follow the site's conventions as docs/formats.md states
them.

Legislation text: contains public sector information licensed under the Open
Government Licence v3.0 (sources in tests/data/documents/SOURCES.md).
"""

from __future__ import annotations

import difflib
import functools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff import read_act
from lawdiff.address import Address, resolve
from lawdiff.errors import InvalidStatute
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.text import node_text_lines, own_words, read_text, write_text
from lawdiff.model import Act, Kind, Node, Omitted, Opaque, Provision, Table

DOCUMENTS = Path(__file__).parent / "data" / "documents"
CLML = [entry["file"] for entry in json.loads((DOCUMENTS / "manifest.json").read_text())
        if entry["format"] == "clml"]

KNOWN_STRUCTURE_LOSSES = {
    "aip-Geo3-40-38-revised-1991-02-01.clml.xml":
        "its sections are numbered “[I.]”, which plain text cannot tell from words",
    "asc-2025-1-revised-2025-03-25.clml.xml":
        "the law's text leaves quotations open (“register, “parental responsibility, "
        "(“gwasanaeth plant o dan gyfyngiad): a quoted structure ends where plain text "
        "cannot tell",
    "eut-teu-revised-2020-03-01.clml.xml":
        "the CLML reader keeps the Treaty's Titles and Articles verbatim, so the text reader "
        "finds provisions the model does not have",
    "ukpga-1981-54-part-VI-revised-2020-08-03.clml.xml":
        "s. 137's sub-paragraphs (i), (ii) stand beside paragraph (b) in the source: plain "
        "text puts them under it",
    "aep-Ann-6-11-revised-1991-02-01.clml.xml":
        "its Parts are numbered “ARTICLE I.” …: they read as groupings numbered so (Chapters)",
    "apgb-Geo3-39-40-14-revised.clml.xml":
        "its section is numbered “[1.]”, which plain text cannot tell from words",
    "eur-2007-1234-adopted.clml.xml":
        "the CLML reader keeps an EU regulation's Parts, Titles and Articles verbatim, so the "
        "text reader finds provisions the model does not have",
    "nisr-2007-311-made.clml.xml":
        "a diagram's number (“880”) on a line of its own in the Schedule reads as a paragraph",
    "ukpga-1911-34-enacted.clml.xml":
        "the First Schedule holds a table of contents whose “Part I” line reads as its Part",
    "ukpga-2001-21-enacted.clml.xml":
        "the abstract of the Schedules (“Schedule 1 …”) reads as the Schedules",
    "ukpga-2023-29-revised-2024-11-01.clml.xml":
        "two lists stand beside sub-paragraphs in the source (s. 50(12), Sch. 11 para. 35): "
        "plain text puts them under the sub-paragraph before",
    "ukpga-Geo6-6-7-48-revised-1991-02-01.clml.xml":
        "irregular numbers: “Parts I, II”, section “1—25”, “FIRST AND SECOND SCHEDULES”",
    "uksi-1996-1342-made.clml.xml":
        "its cross-headings are numbered (“1.”, “3a.”) and read as numbered paragraphs",
    "uksi-2003-1998-made.clml.xml":
        "subsections stand outside any article in the source, and a paragraph is numbered "
        "“**2..”",
}


@functools.cache
def document(name: str) -> tuple[Act, str]:
    act = read_clml((DOCUMENTS / name).read_bytes(), name)
    return act, write_text(act)


@functools.cache
def reread(name: str) -> Act:
    return read_text(document(name)[1], name)


def structure(act: Act) -> list[tuple[object, ...]]:
    """Every numbered provision in document order: where it sits (the numbers above it),
    its kind, its number, its heading (of a grouping or section) and its words, as plain
    text prints them."""
    from lawdiff.formats.text import _number, _printed

    shown = {Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE, Kind.PART, Kind.CHAPTER,
             Kind.GROUP, Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX}
    out: list[tuple[object, ...]] = []

    def walk(nodes: tuple[Node, ...], where: tuple[tuple[str, str], ...]) -> None:
        for node in nodes:
            below = where
            if isinstance(node, (Provision, Omitted)) and node.num is not None \
                    and not node.kind.content:
                marks = node.marks if isinstance(node, Provision) else ()
                number = _number(node.kind, node.num, node.extras, marks)
                heading = text = None
                if isinstance(node, Provision):
                    if node.kind in shown or node.kind.transparent:
                        heading = _printed(node.heading, node.marks, "heading")
                    text = _printed(node.text, node.marks, "text")
                out.append((where, node.kind.value, number, heading, text))
                if not node.kind.transparent:
                    below = (*where, (node.kind.value, number))
            if isinstance(node, Provision):
                walk(node.children, below)

    walk(act.children, ())
    return out


# --- every document ------------------------------------------------------------------------

@pytest.mark.parametrize("name", CLML)
def test_plain_text_words_are_the_documents_own_words(name: str) -> None:
    act, text = document(name)
    words = text.split()
    own = own_words(act)
    if words != own:
        matcher = difflib.SequenceMatcher(None, own, words, autojunk=False)
        tag, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
        pytest.fail(f"{tag} at word {i1}: document {own[max(i1 - 5, 0):i2 + 5]} / "
                    f"text {words[max(j1 - 5, 0):j2 + 5]}")


@pytest.mark.parametrize("name", CLML)
def test_plain_text_reads_back_and_prints_the_same(name: str) -> None:
    _act, text = document(name)
    again = write_text(reread(name))
    assert again == text, "\n".join(list(difflib.unified_diff(
        text.splitlines(), again.splitlines(), lineterm="", n=1))[:20])


@pytest.mark.parametrize("name", CLML)
def test_numbered_structure_reads_back(name: str) -> None:
    act = document(name)[0]
    expected, found = structure(act), structure(reread(name))
    if name in KNOWN_STRUCTURE_LOSSES:
        assert expected != found, f"no longer lost, update KNOWN_STRUCTURE_LOSSES: {name}"
        return
    if expected != found:
        matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
        tag, i1, _i2, j1, _j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
        pytest.fail(f"{tag}: {expected[i1:i1 + 2]} read back as {found[j1:j1 + 2]}")


def test_the_documents_hold_real_structure() -> None:
    """The structure compared above is substantial: thousands of numbered provisions."""
    total = sum(len(structure(document(name)[0])) for name in CLML
                if name not in KNOWN_STRUCTURE_LOSSES)
    assert total > 5_000


def test_own_words_leave_out_metadata_contents_and_commentaries() -> None:
    act, _text = document("ukpga-1998-42-revised-2026-04-06.clml.xml")
    words = own_words(act)
    assert "Thirteenth" in words
    assert not any(w.startswith("c1882") for w in words)
    assert "Substituted" not in words  # commentary text ("Words in s. 1(1)(c) substituted …")
    assert " ".join(words).count("(22.6.2004)") == 0
    assert "(1)" in words  # numbers print with their brackets


def test_own_words_refuse_a_document_not_read_from_clml() -> None:
    with pytest.raises(ValueError, match="CLML"):
        own_words(read_act("statutes/ukpga-1970-42.xml"))


# --- the layout ----------------------------------------------------------------------------

def test_whole_document_layout() -> None:
    _act, text = document("uksi-2020-52-made.clml.xml")
    front, body, *back = text.split("\n\n")
    assert front.splitlines()[:3] == [
        "2020 No. 52", "Veterinary Surgeons",
        "The Veterinary Surgeons (Recognition of University Degree) (Surrey) Order of "
        "Council 2020"]
    assert "Made 20th January 2020" in front.splitlines()
    assert body.splitlines()[:2] == [
        "1 Citation and commencement",
        "This Order may be cited as the Veterinary Surgeons (Recognition of University Degree)"
        " (Surrey) Order of Council 2020 and comes into force on 18th February 2020."]
    assert back[0].startswith("EXPLANATORY NOTE\n(This note is not part of the Order)\n")
    assert back[1].startswith("OJ No L 255, 30.9.2005, p 22,")  # footnotes, no reference marks


def test_quoted_structure_prints_inside_quotation_marks() -> None:
    _act, text = document("ukpga-2023-29-revised-2024-11-01.clml.xml")
    lines = text.splitlines()
    start = lines.index("(6) In section 138D (actions for damages), in subsection (5) after "
                        "paragraph (za) insert—")
    assert lines[start + 1] == "\u201c(zaa) rules under Part 5A;\u201d."


def test_table_rows_are_lines_of_cells() -> None:
    text = write_text(read_act("statutes/ukpga-1970-42.xml"))
    assert "Enactment\tNature of functions\t" in text.splitlines()
    assert "(3) . . . . . . ." in text.splitlines()  # a repealed subsection


def test_amended_words_print_without_annotations() -> None:
    act, _text = document("ukpga-1998-42-revised-2026-04-06.clml.xml")
    lines = node_text_lines(resolve(act, Address.parse("s. 2(3)(a)")).node)
    assert lines == ["(a) by . . . the Lord Chancellor or the Secretary of State, in relation to "
                     "any proceedings outside Scotland;"]


# --- reading the site's text ---------------------------------------------------------------

# Human Rights Act 1998 s. 1 as legislation.gov.uk shows it (revised): the number runs into the
# words, an extent label ends the heading line, an F-marker brackets substituted words, and
# the annotations follow.  The words and the notes are the document's own.
HRA_S1_SITE = """\
Introduction
1 The Convention Rights.E+W+S+N.I.
(1)In this Act “the Convention rights” means the rights and fundamental freedoms set out in—
(a)Articles 2 to 12 and 14 of the Convention,
(b)Articles 1 to 3 of the First Protocol, and
(c)[F1Article 1 of the Thirteenth Protocol],
as read with Articles 16 to 18 of the Convention.
(2)Those Articles are to have effect for the purposes of this Act subject to any designated \
derogation or reservation (as to which see sections 14 and 15).
(3)The Articles are set out in Schedule 1.
(4)The [F2Secretary of State] may by order make such amendments to this Act as he considers \
appropriate to reflect the effect, in relation to the United Kingdom, of a protocol.
(5)In subsection (4) “protocol” means a protocol to the Convention—
(a)which the United Kingdom has ratified; or
(b)which the United Kingdom has signed with a view to ratification.
(6)No amendment may be made by an order under subsection (4) so as to come into force before \
the protocol concerned is in force in relation to the United Kingdom.
Textual Amendments
F1Words in s. 1(1)(c) substituted (22.6.2004) by The Human Rights Act 1998 (Amendment) Order \
2004 (S. I. 2004/1574), art. 2(1)
F2Words in s. 1 substituted (19.8.2003) by The Secretary of State for Constitutional Affairs \
Order 2003 (S. I. 2003/1887), art. 9, Sch. 2 para. 10(1)
Modifications etc. (not altering text)
C1Act: certain functions of the Secretary of State transferred to the Lord Chancellor \
(26.11.2001) by S.I. 2001/3500, arts. 3, 4, Sch. 1 para. 5
2 Interpretation of Convention rights.E+W+S+N.I.
(1)A court or tribunal determining a question which has arisen in connection with a Convention \
right must take into account any—
(a)judgment, decision, declaration or advisory opinion of the European Court of Human Rights,
(b)opinion of the Commission given in a report adopted under Article 31 of the Convention,
(c)decision of the Commission in connection with Article 26 or 27(2) of the Convention, or
(d)decision of the Committee of Ministers taken under Article 46 of the Convention,
whenever made or given, so far as, in the opinion of the court or tribunal, it is relevant to \
the proceedings in which that question has arisen.
(2)Evidence of any judgment, decision, declaration or opinion of which account may have to be \
taken under this section is to be given in proceedings before any court or tribunal in such \
manner as may be provided by rules.
(3)In this section “rules” means rules of court or, in the case of proceedings before a \
tribunal, rules made for the purposes of this section—
(a)by F3. . . [F4the Lord Chancellor or] the Secretary of State, in relation to any \
proceedings outside Scotland;
"""


def test_reads_the_sites_text_of_an_extract() -> None:
    act, _ = document("ukpga-1998-42-revised-2026-04-06.clml.xml")
    extract = read_text(HRA_S1_SITE, "hra.txt")
    assert extract.info.extract
    heading = extract.children[0]
    assert isinstance(heading, Provision) and heading.kind is Kind.CROSSHEADING
    s1 = resolve(extract, Address.parse("s. 1")).node
    assert isinstance(s1, Provision) and s1.heading == "The Convention Rights."
    # Every provision of s. 1 reads as the document has it: markers, labels and notes gone.
    assert node_text_lines(s1) == node_text_lines(resolve(act, Address.parse("s. 1")).node)
    s2a = resolve(extract, Address.parse("s. 2(3)(a)")).node
    assert isinstance(s2a, Provision)
    assert s2a.text == resolve(act, Address.parse("s. 2(3)(a)")).node.text  # type: ignore[union-attr]
    # The annotations are kept as the Act's commentaries, not dropped silently.
    assert [(c.ident, c.type) for c in extract.commentaries] == [
        ("F1", "F"), ("F2", "F"), ("C1", "C")]
    assert extract.commentaries[0].words.startswith("Words in s. 1(1)(c) substituted (22.6.2004)")


def test_reads_an_extract_within_a_section() -> None:
    statute = read_act("statutes/ukpga-1970-42.xml")
    s6 = resolve(statute, Address.parse("s. 6")).node
    lines = node_text_lines(s6)[1:]  # from "(1) A local authority shall appoint an officer, …"
    extract = read_text("\n".join(lines), "extract.txt", within="s. 6")
    read = resolve(extract, Address.parse("s. 6")).node
    assert isinstance(read, Provision) and read.heading is None
    assert write_text(extract) == "\n".join(lines) + "\n"  # printed as the extract it is
    assert resolve(extract, Address.parse("s. 6(2)")).node.text == \
        resolve(statute, Address.parse("s. 6(2)")).node.text  # type: ignore[union-attr]
    assert extract.info.extract_note == "extract within s. 6"


def test_an_extract_that_starts_below_a_section_needs_within() -> None:
    with pytest.raises(InvalidStatute, match=r"extract\.txt:1: .*within"):
        read_text("(1) A local authority shall appoint an officer, to be known as the director "
                  "of social services, for the purposes of their social services functions.",
                  "extract.txt")


def test_reads_an_instruments_layout() -> None:
    """Instruments print the heading above the number and "1." or "2.—(1)" before the words."""
    act, _ = document("uksi-2005-1643-made.clml.xml")
    site = """\
Citation and commencement
1. These Regulations may be cited as the Control of Noise at Work Regulations 2005 and shall \
come into force on 6th April 2006, except that—
(a)for the music and entertainment sectors only they shall not come into force until 6th April \
2008; and
(b)subject to regulation 3(4), regulation 6(4) shall not come into force in relation to the \
master and crew of a seagoing ship until 6th April 2011.
Interpretation
2.—(1) In these Regulations—
“daily personal noise exposure” means the level of daily personal noise exposure of an \
employee as ascertained in accordance with Schedule 1 Part 1, taking account of the level of \
noise and the duration of exposure and covering all noise;
"""
    extract = read_text(site, "noise.txt", unit=Kind.REGULATION)
    for cit in ("reg. 1", "reg. 1(b)", "reg. 2(1)"):
        read = resolve(extract, Address.parse(cit)).node
        real = resolve(act, Address.parse(cit)).node
        assert isinstance(read, Provision) and isinstance(real, Provision)
        assert (read.kind, read.heading, read.text) == (real.kind, real.heading, real.text)
    reg2 = resolve(extract, Address.parse("reg. 2")).node
    assert isinstance(reg2, Provision) and reg2.heading == "Interpretation"


# Human Rights Act 1998 s. 7A as the site shows an inserted section: one F-bracket from its
# number to its end, the marker running straight into the number ("[F17A").
HRA_S7A_NOTE = ("Textual Amendments\n"
                "F1S. 7A inserted (30.6.2021) by Overseas Operations (Service Personnel and "
                "Veterans) Act 2021 (c. 23), ss. 11(2), 14(2); S.I. 2021/678, reg. 2\n")


def hra_s7a_site() -> str:
    act, _ = document("ukpga-1998-42-revised-2026-04-06.clml.xml")
    lines = node_text_lines(resolve(act, Address.parse("s. 7A")).node)
    lines[0] = "[F1" + lines[0] + "E+W+S+N.I."
    lines[1:] = [line.replace(") ", ")", 1) for line in lines[1:]]  # "(1)A court …"
    lines[-1] += "]"
    return "\n".join(lines) + "\n"


def test_a_marker_that_runs_into_a_number_is_split_by_the_annotations() -> None:
    act, _ = document("ukpga-1998-42-revised-2026-04-06.clml.xml")
    extract = read_text(hra_s7a_site() + HRA_S7A_NOTE, "s7A.txt")
    s7a = resolve(extract, Address.parse("s. 7A")).node
    assert node_text_lines(s7a) == node_text_lines(resolve(act, Address.parse("s. 7A")).node)
    assert [c.ident for c in extract.commentaries] == ["F1"]


def test_a_marker_that_runs_into_a_number_unresolved_is_an_error() -> None:
    with pytest.raises(InvalidStatute, match=r"s7A\.txt:1: cannot tell where the F-marker"):
        read_text(hra_s7a_site(), "s7A.txt")


def test_roman_or_letter_by_the_neighbours() -> None:
    """Land Reform (Scotland) Act 2003 s. 6(1): "(i)" after "(h) …;" is the letter i; after
    "(e) which has been developed or set out—" it is the roman one."""
    act, _ = document("asp-2003-2-enacted.clml.xml")
    lines = node_text_lines(resolve(act, Address.parse("s. 6")).node)
    read = read_text("\n".join(lines), "s6.txt")
    assert resolve(read, Address.parse("s. 6(1)(i)")).node.kind is Kind.PARAGRAPH
    assert resolve(read, Address.parse("s. 6(1)(e)(i)")).node.kind is Kind.SUBPARAGRAPH
    assert resolve(read, Address.parse("s. 6(1)(g)(ii)")).node.kind is Kind.SUBPARAGRAPH
    assert node_text_lines(resolve(read, Address.parse("s. 6")).node) == lines


def test_quoted_structures_read_back_as_lines() -> None:
    act, _ = document("ukpga-2023-29-revised-2024-11-01.clml.xml")
    lines = node_text_lines(resolve(act, Address.parse("s. 8")).node)
    read = read_text("\n".join(lines), "s8.txt")
    quoted = resolve(read, Address.parse("s. 8(5)(b)")).node.children[0]  # type: ignore[union-attr]
    assert isinstance(quoted, Opaque) and quoted.words == (
        "\u201c, or", "(ii) its powers in relation to designated activities under Part 5A;\u201d.")
    # A quotation closed on its own line reads as words, like a definition.
    one_line = resolve(read, Address.parse("s. 8(6)")).node.children[0]  # type: ignore[union-attr]
    assert isinstance(one_line, Provision) and one_line.kind is Kind.BLOCK
    assert node_text_lines(resolve(read, Address.parse("s. 8")).node) == lines


def test_tables_read_back_as_rows() -> None:
    statute = read_act("statutes/ukpga-1970-42.xml")
    text = write_text(statute)
    read = read_text(text, "1970.txt")
    table = resolve(read, Address.parse("Sch. 1")).node.children[0]  # type: ignore[union-attr]
    assert isinstance(table, Table)
    real = resolve(statute, Address.parse("Sch. 1")).node.children[0]  # type: ignore[union-attr]
    assert isinstance(real, Table)
    assert [r.cells for r in table.rows] == [r.cells for r in real.rows]  # header rows aside
    assert write_text(read) == text


# --- errors ---------------------------------------------------------------------------------

def hra_lines(citation: str) -> list[str]:
    act, _ = document("ukpga-1998-42-revised-2026-04-06.clml.xml")
    return node_text_lines(resolve(act, Address.parse(citation)).node)


def test_empty_text_is_an_error() -> None:
    with pytest.raises(InvalidStatute, match=r"<text>: the text holds no words"):
        read_text("\n \n")


def test_an_f_bracket_never_closed_is_an_error_naming_its_line() -> None:
    lines = hra_lines("s. 1")
    lines[4] = lines[4].replace("(c) ", "(c) [F1")  # "(c) [F1Article 1 of the Thirteenth …"
    with pytest.raises(InvalidStatute, match=r"s1\.txt:5: an F-marker bracket .* never closed"):
        read_text("\n".join(lines), "s1.txt")


def test_a_quotation_never_closed_is_an_error_naming_its_line() -> None:
    act, _ = document("ukpga-2023-29-revised-2024-11-01.clml.xml")
    lines = node_text_lines(resolve(act, Address.parse("s. 8")).node)
    at = lines.index("\u201c(zaa) rules under Part 5A;\u201d.")
    lines[at] = "\u201c(zaa) rules under Part 5A;"
    lines = lines[:at + 1]
    with pytest.raises(InvalidStatute, match=rf"s8\.txt:{at + 1}: a quotation opened here is "
                                             r"never closed"):
        read_text("\n".join(lines), "s8.txt")


def test_a_number_out_of_order_is_an_error_naming_its_line() -> None:
    lines = hra_lines("s. 1")
    b, a = lines.index("(b) which the United Kingdom has signed with a view to ratification."), \
        lines.index("(a) which the United Kingdom has ratified; or")
    lines[a], lines[b] = lines[b], lines[a]
    # "(b)" now comes first, where only a first number ("(a)") can start a list.
    with pytest.raises(InvalidStatute, match=rf"s1\.txt:{a + 1}: “\(b\)” fits nowhere"):
        read_text("\n".join(lines), "s1.txt")


def test_words_after_the_annotations_that_start_no_provision_are_an_error() -> None:
    """An annotation broken over two lines: its second half is neither an annotation nor a
    provision, and is never taken for words of the law."""
    site = HRA_S1_SITE.replace("(Amendment) Order 2004 (S. I.", "(Amendment) Order\n2004 (S. I.")
    line = site.splitlines().index("2004 (S. I. 2004/1574), art. 2(1)") + 1
    with pytest.raises(InvalidStatute, match=rf"hra\.txt:{line}: “2004 \(S\. I\. .* follows the "
                                             r"annotations"):
        read_text(site, "hra.txt")


def test_an_annotation_outside_a_block_of_annotations_is_an_error() -> None:
    site = HRA_S1_SITE.replace("Textual Amendments\n", "")
    line = next(i for i, text in enumerate(site.splitlines(), 1) if text.startswith("F1Words"))
    with pytest.raises(InvalidStatute, match=rf"hra\.txt:{line}: “F1Words in s\. 1\(1\)\(c\) .* is "
                                             r"an annotation outside a block"):
        read_text(site, "hra.txt")


def test_within_must_be_a_citation() -> None:
    with pytest.raises(InvalidStatute, match="within"):
        read_text("(1) Words.", "x.txt", within="the sixth section")


# --- any input ------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "1", "2", "1A", "(1)", "(2)", "(a)", "(b)", "(i)", "(ii)", "(A)", "(aa)", "PART 1",
    "SCHEDULE 1", "Heading", "words", "—", ";", ".", ",", "\u201c", "\u201d", "\u2018", "\u2019",
    "[F1", "]", "F2", ". . .", "\t", "E+W", "Textual Amendments", "F1 Words", "Article 2",
    "2.\u2014", "3.", "etc.", "(introduced by section 1)", "Section 1", ""])


@given(st.lists(st.lists(_PIECES, max_size=6).map(" ".join), max_size=12),
       st.sampled_from([None, "s. 6", "Sch. 1", "s. 6(1)"]))
def test_any_text_reads_or_fails_with_one_error_and_reads_back_alike(
        lines: list[str], within: str | None) -> None:
    """Whatever the input, read_text gives a model or an InvalidStatute; a model it gives
    prints as text that reads back to the same text."""
    try:
        act = read_text("\n".join(lines), "any.txt", within=within)
    except InvalidStatute:
        return
    text = write_text(act)
    assert write_text(read_text(text, "again.txt", within=within,
                                extract=act.info.extract)) == text
