"""Redline (Keeling schedule): text form, HTML form, and the page as headless Chromium shows it."""

from __future__ import annotations

import re
import shutil
import subprocess
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
from lawdiff.engine import Consolidation, consolidate
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.model import Act
from lawdiff.operations import (
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Position,
    Provenance,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.render.annotated import annotated_text
from lawdiff.render.redline import Span, compare, diff_segment, redline_html, redline_text
from lawdiff.text import Occurrence, Words
from tests import render_reference
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, act, para, section, sub

A = Address.parse
DCS = {"dcs-appointed": date(2006, 9, 1)}
F6_NOTE = ("Words in s. 6(6) substituted (1.1.2008 with effect in accordance with s. 18(9)(10) of "
           "the amending Act) by Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(d); "
           "S.I. 2007/1792, art. 2")


@cache
def lassa() -> Act:
    return read_act(LASSA)


@cache
def para2() -> Amendment:
    return read_amendment(PARA_2)


@cache
def lassa_at(day: date, conditional: bool = False) -> Consolidation:
    return consolidate(lassa(), [para2()], day, conditions=DCS if conditional else None)


def line_starting(text: str, prefix: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(prefix))


# --- text form -----------------------------------------------------------------------------

def test_text_redline_of_the_corpus() -> None:
    text = redline_text(lassa_at(date(2004, 11, 14)), lassa_at(date(2008, 1, 1)))
    assert line_starting(text, "(1) ").startswith("(1) A local authority {+in Wales+}[F2] shall")
    assert ("appointment of, [-a director of social services-]{+a person under this section+}[F6],"
            in line_starting(text, "(6) "))
    assert line_starting(text, "(2) ").count(
        "director of {+adult social services or (as the case may be)+}[F3] social services") == 2
    assert line_starting(text, "{+(A1) A local authority in England").endswith("2004.+}[F1]")
    assert ("Sections 6 and 7B of this Act | Appointment of {+director of adult social services "
            "or+}[F9] director of social services; complaints procedure.") in text.splitlines()
    assert "(3) . . . . . . ." in text.splitlines()
    assert f"F6 {F6_NOTE}" in text.splitlines()


def test_same_version_has_no_changes() -> None:
    cons = lassa_at(date(2008, 1, 1))
    text = redline_text(cons, cons)
    assert "No differences between the two versions." in text
    body = text.split("No differences between the two versions.")[1]
    assert "[-" not in body and "{+" not in body and "\nNotes\n" not in text
    page = redline_html(cons, cons)
    assert "<ins" not in page and "<del" not in page and "No differences" in page
    assert not compare(cons, cons).changed


def test_later_to_earlier_marks_the_reversal() -> None:
    text = redline_text(lassa_at(date(2008, 1, 1)), lassa_at(date(2004, 11, 14)))
    # numbered after the later version's own notes (F1 to F4: the base text's repeals)
    assert "(1) A local authority [-in Wales-][F6] shall" in text
    assert "[-a person under this section-]{+a director of social services+}[F8]" in text
    assert f"F8 Not in force in the later version: {F6_NOTE}" in text


def test_two_versions_under_different_conditions() -> None:
    general = lassa_at(date(2007, 1, 1))
    conditional = lassa_at(date(2007, 1, 1), conditional=True)
    text = redline_text(general, conditional)
    assert "to the version as at 1.1.2007 (extent: all; conditions: dcs-appointed from 1.9.2006)" \
        in text
    assert "(1) A local authority {+in Wales+}[F2] shall" in text
    # the Schedule change is in force in both: no difference there
    assert "Appointment of director of adult social services or director" in text
    assert text.count("[F") == 6  # F1 .. F4, F3 twice
    assert "(in this version from 1.9.2006, when the condition \u201cdcs-appointed\u201d was met)"\
        in text


def test_the_1989_act() -> None:
    lgha, para3 = read_act(LGHA), read_amendment(PARA_3)
    text = redline_text(consolidate(lgha, [para3], date(2004, 11, 14)),
                        consolidate(lgha, [para3], date(2008, 1, 1)))
    assert "{+(za) the director of children\u2019s services" in text
    assert "Act 1980 {+(in the case of a local authority in Wales)+}[F2];" in text


def test_redline_notes_mark_an_inferred_in_force_date() -> None:
    lgha, para3 = read_act(LGHA), read_amendment(PARA_3)
    before = consolidate(lgha, [para3], date(2004, 11, 14))
    after = consolidate(lgha, [para3], date(2008, 1, 1))
    text = redline_text(before, after)
    notes = [line for line in text.splitlines() if line.startswith(("F1 ", "F2 ", "F3 "))]
    assert len(notes) == 3
    for note in notes:
        lgu, editorial = note.split(" [Editorial note: ", 1)
        assert lgu.endswith("; S.I. 2007/1792, art. 2") and "inferred" not in lgu
        assert editorial.startswith("in-force date inferred: the in-force date of para. 3")
    page = redline_html(before, after)
    assert page.count("art. 2 <span class=\"editorial\">[Editorial note: in-force date "
                      "inferred: ") == 3
    assert "<p class=\"editorial\">Editorial notes" in page
    # and reversed: the note keeps its editorial part
    back = redline_text(after, before)
    assert "F1 Not in force in the later version: S. 2(6)(za) inserted (1.1.2008) by" in back
    assert back.count("[Editorial note: in-force date inferred:") == 3


def test_redline_shows_the_source_of_the_base_text() -> None:
    text = redline_text(lassa_at(date(2004, 11, 14)), lassa_at(date(2008, 1, 1)))
    lines = text.splitlines()
    start = lines.index("Source of this text (editorial notes)")
    assert lines.index("Notes") < start
    assert [line.split(":", 1)[0] for line in lines[start + 1:start + 7]] == [
        "s. 6", "s. 6(1)", "s. 6(2)", "s. 6(6)", "Sch. 1", "Sch. 1, table"]
    page = redline_html(lassa_at(date(2004, 11, 14)), lassa_at(date(2008, 1, 1)))
    assert "<li>s. 6(1): reconstructed \u2014 mirrors the wording" in page


def test_versions_of_different_acts_are_refused() -> None:
    other = consolidate(read_act(LGHA), [])
    with pytest.raises(ValueError, match="different Acts"):
        redline_text(lassa_at(date(2008, 1, 1)), other)


def test_diff_segment_slides_an_insertion_to_where_the_amendment_put_it() -> None:
    from lawdiff.render.redline import Span

    old = "Appointment of director of social services; complaints procedure."
    new = ("Appointment of director of adult social services or director of social services; "
           "complaints procedure.")
    for start, end in ((15, 51), (27, 63)):  # either reading of the same insertion
        placed = diff_segment(old, new, [Span(("fwd", 0), start, end, "words inserted")], [])
        assert [(f.kind, f.text, f.note) for f in placed if f.kind in ("del", "ins")] == [
            ("ins", new[start:end], ("fwd", 0))]
        assert "".join(f.text for f in placed if f.kind not in ("del", "sp-del")) == new
        assert "".join(f.text for f in placed if f.kind not in ("ins", "sp-ins")) == old


def test_diff_segment_widens_a_run_to_the_substituted_words() -> None:
    from lawdiff.render.redline import Span

    old = "the appointment of, a director of social services, shall"
    new = "the appointment of, a person under this section, shall"
    narrow = diff_segment(old, new, [], [])
    assert [f.text for f in narrow if f.kind == "del"] == ["director of social services"]
    wide = diff_segment(old, new, [Span(("fwd", 0), 20, 47, "words substituted")], [])
    assert [(f.kind, f.text) for f in wide if f.kind in ("del", "ins")] == [
        ("del", "a director of social services"), ("ins", "a person under this section")]


def _synthetic() -> tuple[Consolidation, Consolidation]:
    base = act(section("1",
                       sub("1", "The Minister may by regulations make provision."),
                       sub("2", "Regulations are subject to negative procedure."),
                       sub("3", "The Minister must consult\u2014", para("a", "the Welsh Ministers;"),
                           para("b", "such other persons as the Minister thinks fit.")),
                       heading="Regulations"))
    when = (Commencement(date=date(2001, 1, 1)),)

    def prov(x: str) -> Provenance:
        return Provenance(f"Test Amending Act 2001 (c. 2), s. {x}")

    ops = [OmitWords(target=A("s. 1(1)"), old=Words("by regulations"), provenance=prov("1"),
                     commencement=when),
           SubstituteProvision(target=A("s. 1(2)"), provisions=(
               sub("2", "Regulations are subject to affirmative procedure."),),
               provenance=prov("2"), commencement=when),
           OmitProvision(target=A("s. 1(3)"), provenance=prov("3"), commencement=when),
           InsertProvision(target=A(""), provisions=(
               section("2", sub("1", "Guidance may be published."), heading="Guidance"),),
               provenance=prov("4"), commencement=when)]
    amendment = Amendment("Test Amending Act 2001 (c. 2)", "ukpga/2000/1", ops)
    return (consolidate(base, [amendment], date(2000, 6, 1)),
            consolidate(base, [amendment], date(2001, 6, 1)))


def test_synthetic_whole_provisions_and_omitted_words() -> None:
    text = redline_text(*_synthetic())
    lines = text.splitlines()
    assert "(1) The Minister may [-by regulations-][F1] make provision." in lines
    assert "[-(2) Regulations are subject to negative procedure.-][F2]" in lines
    assert "{+(2) Regulations are subject to affirmative procedure.+}[F2]" in lines
    # an omitted provision: its old text and its children deleted, dots inserted
    at = lines.index("[-(3) The Minister must consult\u2014-][F3]")
    assert lines[at:at + 4] == [
        "[-(3) The Minister must consult\u2014-][F3]", "[-(a) the Welsh Ministers;-]",
        "[-(b) such other persons as the Minister thinks fit.-]", "{+(3) . . . . . . .+}[F3]"]
    # a section inserted whole: one block, one marker
    assert "{+2 Guidance+}[F4]" in lines and "{+(1) Guidance may be published.+}" in lines
    assert "F3 S. 1(3) omitted (1.1.2001) by virtue of Test Amending Act 2001 (c. 2), s. 3" in lines


# --- HTML form, read as a browser reads it --------------------------------------------------

@attrs.define
class Change:
    tag: str
    text: str
    title: str
    block: str = ""
    marker: str | None = None


class _Reader(HTMLParser):
    """Collects <ins>/<del> with their block's text, links, ids and resource URLs."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "td", "th", "dt", "dd", "li"})

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.resources: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()
        self._open: Change | None = None
        self._block: list[Change] = []
        self._block_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if "id" in a:
            self.ids.add(a["id"])
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            if name in a:
                self.resources.append((tag, name, a[name]))
        if "href" in a:
            self.hrefs.append(a["href"])
            for change in self._block:
                if change.marker is None:
                    change.marker = a["href"]
        if tag in self.BLOCKS:
            self._block, self._block_text = [], []
        if tag in ("ins", "del"):
            self._open = Change(tag, "", a.get("title", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ins", "del") and self._open is not None:
            self.changes.append(self._open)
            self._block.append(self._open)
            self._open = None
        if tag in self.BLOCKS:
            block = "".join(self._block_text)
            for change in self._block:
                change.block = block
            self._block = []

    def handle_data(self, data: str) -> None:
        self._block_text.append(data)
        if self._open is not None:
            self._open.text += data


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _dump_dom(page: Path, profile: Path) -> str:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium binary found (install Debian's chromium: "
                    "apt-get install -y chromium)")
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<main>" in result.stdout, result.stderr[-2000:]
    return result.stdout


def test_redline_page_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "redline.html"
    page.write_text(redline_html(lassa_at(date(2004, 11, 14)), lassa_at(date(2008, 1, 1))),
                    encoding="utf-8")
    dom = _dump_dom(page, tmp_path / "profile")
    reader = _Reader()
    reader.feed(dom)
    ins = [(c.text, c.block[:4]) for c in reader.changes if c.tag == "ins"]
    dels = [(c.text, c.block[:4]) for c in reader.changes if c.tag == "del"]
    # what a reader sees, provision by provision
    assert ("in Wales", "(1) ") in ins
    assert ("a director of social services", "(6) ") in dels
    assert ("a person under this section", "(6) ") in ins
    assert ins.count(("adult social services or (as the case may be)", "(2) ")) == 2
    assert ("director of adult social services or", "Appo") in ins
    assert any(text.startswith("(A1) A local authority in England") for text, _ in ins)
    assert len(dels) == 1
    # every change carries its note, and its marker links to a note on the page
    notes_by_id: dict[str, str] = {}
    for change in reader.changes:
        assert change.title and change.marker, change
        assert change.marker.startswith("#") and change.marker[1:] in reader.ids
        notes_by_id.setdefault(change.marker[1:], change.title)
    substitution = next(c for c in reader.changes if c.text == "a person under this section")
    assert substitution.title == F6_NOTE
    assert sorted(notes_by_id) == ["F1", "F2", "F3", "F6", "F9"]
    # each note links back to the first change it marks
    assert {f"ref-{m}" for m in notes_by_id} <= reader.ids
    assert {f"#ref-{m}" for m in notes_by_id} <= set(reader.hrefs)
    # every link resolves on the page; nothing is loaded from anywhere
    assert reader.hrefs and all(h.startswith("#") and h[1:] in reader.ids for h in reader.hrefs)
    assert all(name == "href" and value.startswith("#") for _, name, value in reader.resources)
    assert not {"script", "img", "link", "iframe", "object", "embed"} & reader.tags
    assert "url(" not in dom and "@import" not in dom
    assert all("http" not in value for _, _, value in reader.resources)


def _dated(op: object, day: date, x: str) -> object:
    return attrs.evolve(op, provenance=Provenance(f"Reform Act 2005 (c. 3), s. {x}"),
                        commencement=(Commencement(date=day),))


def _redline_lines(base: Act, ops: list[object]) -> list[str]:
    """The redline of ``base`` against ``base`` with every one of ``ops`` in force."""
    before = consolidate(base, [], date(2000, 1, 1))
    after = consolidate(base, [Amendment("Reform Act 2005 (c. 3)", "ukpga/2000/1", ops)])
    return redline_text(before, after).splitlines()


def test_a_deletion_is_credited_to_the_operation_that_made_it() -> None:
    """Found by audit: "or order" inserted, then "or order make" omitted: the deleted "make"
    is the omission's, not the insertion's (whose words are gone)."""
    base = act(section("1", sub("1", "The Minister may by regulations make provision.")))
    ops = [_dated(InsertWords(target=Address.parse("s. 1(1)"), position=Position.AFTER,
                              anchor="by regulations", words="or order"), date(2005, 6, 1), "9(b)"),
           _dated(OmitWords(target=Address.parse("s. 1(1)"), old=Words("or order make")),
                  date(2006, 6, 1), "9(c)")]
    lines = _redline_lines(base, ops)
    # F2 as in the annotated text, where F1 is the insertion: "by regulations [F1F2...] provision"
    assert "(1) The Minister may by regulations [-make-][F2] provision." in lines
    assert "F2 Words in s. 1(1) omitted (1.6.2006) by virtue of Reform Act 2005 (c. 3), s. 9(c)" in lines


def test_a_substitution_is_shown_whole_even_with_unchanged_words_inside() -> None:
    base = act(section("2", sub("1", "Comply with regulations under section 1 or pay.")))
    op = _dated(SubstituteWords(target=Address.parse("s. 2(1)"), old=Words("regulations under section 1"),
                                new="regulations under sections 1 and 2"), date(2005, 6, 1), "3")
    assert ("(1) Comply with [-regulations under section 1-]{+regulations under sections 1 and "
            "2+}[F1] or pay.") in _redline_lines(base, [op])


def test_words_two_operations_made_are_shown_with_a_note_each() -> None:
    """Found by audit: "and big dog" inserted after "cat", then "cat and" replaced by "bird
    or": the word diff sees one change, but the redline splits it by operation."""
    base = act(section("1", sub("1", "The cat sat on the mat.")))
    ops = [_dated(InsertWords(target=Address.parse("s. 1(1)"), position=Position.AFTER,
                              anchor="cat", words="and big dog"), date(2005, 6, 1), "1"),
           _dated(SubstituteWords(target=Address.parse("s. 1(1)"), old=Words("cat and"),
                                  new="bird or"), date(2006, 6, 1), "2")]
    lines = _redline_lines(base, ops)
    assert "(1) The [-cat-]{+bird or+}[F1] {+big dog+}[F2] sat on the mat." in lines
    assert any(line.startswith("F1 Words in s. 1(1) substituted") for line in lines)
    assert any(line.startswith("F2 Words in s. 1(1) inserted") for line in lines)
    # one operation in two places stays one change
    both = [_dated(SubstituteWords(target=Address.parse("s. 1(1)"), old=Words("cat"), new="dog",
                                   occurrence=Occurrence("both")), date(2005, 6, 1), "1")]
    twice = act(section("1", sub("1", "The cat cat sat.")))
    assert "(1) The [-cat cat-]{+dog dog+}[F1] sat." in _redline_lines(twice, both)


def test_words_an_omission_took_are_not_credited_to_an_insertion_beside_them() -> None:
    """Found by audit: "n104" inserted before "w4", then "w3" omitted; the word diff sees
    "w3" replaced by "n104", but the deletion is the omission's."""
    base = act(section("1", sub("1", "w1 w2 w3 w4 w5.")))
    ops = [_dated(InsertWords(target=Address.parse("s. 1(1)"), position=Position.BEFORE,
                              anchor="w4", words="n104"), date(2005, 6, 1), "1"),
           _dated(OmitWords(target=Address.parse("s. 1(1)"), old=Words("w3")),
                  date(2006, 6, 1), "2")]
    lines = _redline_lines(base, ops)
    assert "(1) w1 w2 [-w3-][F1]{+n104+}[F2] w4 w5." in lines
    assert any(x.startswith("F1 Words in s. 1(1) omitted (1.6.2006)") for x in lines)
    assert any(x.startswith("F2 Words in s. 1(1) inserted (1.6.2005)") for x in lines)


# --- the word diff of one text, against the previous code ------------------------------------

_VOCAB = ["the", "cat", "sat", "on", "mat", "and", "or", "a", "big", "dog", ",", ";"]
_EFFECTS = ["words inserted", "words substituted", "words omitted"]


@st.composite
def _edited_texts(draw: st.DrawFn) -> tuple[str, str, list[Span], list[Span]]:
    """A text, the text after a few word edits, change spans in each (most where the edits are,
    some anywhere), with a few operations owning several spans."""
    words = draw(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=16))
    old = " ".join(words)
    new_words = list(words)
    fwd: list[Span] = []
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(new_words)))
        what = draw(st.sampled_from(_EFFECTS))
        if what == "words omitted" and new_words:
            del new_words[min(i, len(new_words) - 1)]
            continue
        inserted = draw(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=3))
        if what == "words substituted" and i < len(new_words):
            del new_words[i]
        new_words[i:i] = inserted
    new = " ".join(new_words)

    def spans(text: str, tag: str) -> list[Span]:
        out = []
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, min(len(text), start + 20)))
            effect = draw(st.sampled_from(_EFFECTS))
            if effect == "words omitted":
                end = start
            out.append(Span((tag, draw(st.integers(0, 3))), start, end, effect))
        return out

    fwd = spans(new, "fwd")
    rev = spans(old, "rev")
    return old, new, fwd, rev


@given(_edited_texts())
def test_diff_segment_gives_what_the_previous_code_gave(case: tuple[str, str, list[Span],
                                                                    list[Span]]) -> None:
    old, new, fwd, rev = case
    assert diff_segment(old, new, fwd, rev) == render_reference.diff_segment(old, new, fwd, rev)


def test_diff_segment_of_a_long_text_is_linear_in_its_changes() -> None:
    """Many changes in one long text (the quadratic case of the previous code) give the same
    result as that code, each change with its own note."""
    words = [f"w{k}" for k in range(600)]
    fwd = []
    offset = 0
    out = []
    for k, word in enumerate(words):
        if k % 3 == 0:
            out.append(f"n{k}")
            fwd.append(Span(("fwd", k), offset, offset + len(out[-1]), "words substituted"))
        else:
            out.append(word)
        offset += len(out[-1]) + 1
    old, new = " ".join(words), " ".join(out)
    frags = diff_segment(old, new, fwd, [])
    assert frags == render_reference.diff_segment(old, new, fwd, [])
    assert [f.note for f in frags if f.kind == "ins"] == [s.key for s in fwd]


def _numbered_notes(text: str) -> dict[str, str]:
    """Marker -> note of every "F1 …" line of a printed output."""
    return {m.group(1): m.group(2) for m in re.finditer(r"^(F\d+) (.+)$", text, re.MULTILINE)}


@pytest.mark.parametrize(("earlier", "later", "conditional"), [
    (date(2004, 11, 14), date(2008, 1, 1), False),
    (date(2004, 11, 14), date(2005, 6, 1), False),
    (date(2005, 6, 1), date(2008, 1, 1), False),
    (date(2005, 6, 1), date(2007, 1, 1), True),
])
def test_a_change_has_the_same_marker_in_the_redline_and_the_annotated_text(
        earlier: date, later: date, conditional: bool) -> None:
    after = lassa_at(later, conditional)
    redline = _numbered_notes(redline_text(lassa_at(earlier), after).split("\nNotes\n")[1])
    annotated = _numbered_notes(annotated_text(after))
    assert redline and all(annotated[m] == note for m, note in redline.items())


def test_the_s_6_6_substitution_is_f6_in_both_views() -> None:
    after = lassa_at(date(2008, 1, 1))
    assert "[F6a person under this section]" in annotated_text(after)
    assert "{+a person under this section+}[F6]" in redline_text(lassa_at(date(2004, 11, 14)),
                                                                  after)
