"""legislation.gov.uk plain text: a whole document or an extract, written and read.

The format is the text legislation.gov.uk shows for a document, one
provision per line, without annotations:

* **Divisions.**  A whole document is its front matter (title, number, long
  title, date, enacting words; an instrument's made/laid/coming-into-force
  lines), a blank line, its body (provisions, then Schedules), and, for each
  division of back matter (signatures kept outside the body, explanatory
  notes, footnotes, margin notes …), a blank line and its lines.  No line
  inside a division is blank.  Text with a single division is an extract: a
  body alone.
* **Groupings.**  A Part, Chapter, Group, Schedule, Appendix or Annex is one
  line: its number as the document prints it ("PART 2", "SCHEDULE 1") and its
  heading.  A cross-heading is its heading alone.
* **Sections, articles, regulations, rules.**  The number and the heading
  ("6 The director of social services"), or the number alone; the
  provision's own words follow on the next line.
* **Schedule paragraphs and every bracketed level.**  The number and the
  words on one line ("1 In this Schedule—", "(1) A local authority …",
  "(a) …"); a heading of such a provision stands on the line above.
* **Everything else** -- further paragraphs of text, list items, closing
  words, formulae -- is a line of words; a table is one line per row with its
  cells separated by tab characters; a quoted structure (the text an
  amending provision inserts) prints as provisions inside quotation marks
  (“ … ”), with the words that follow it (".", "; and") after the closing mark.
* **Nothing else.**  No F-markers, no annotations, no footnote or commentary
  references, no extent labels.  An inline formula or other inline object
  prints its words where it stands, set apart by spaces.

:func:`write_text` prints a document; :func:`read_text` reads such text, or
text copied from legislation.gov.uk, back into the model (the reader is
:mod:`lawdiff.formats.text_reader`; its docstring gives the rules it follows
and what plain text cannot say); :func:`own_words` gives a CLML document's
own words, against which the property tests compare the plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from lawdiff.designation import Designation
from lawdiff.formats.clml_names import ERR, MATHML, NS, UKM, XHTML
from lawdiff.formats.xml import from_canonical, local, namespace
from lawdiff.inline import Marks
from lawdiff.model import (
    Act,
    ActInfo,
    Kind,
    Node,
    Omitted,
    Opaque,
    Provision,
    Table,
    extra,
)
from lawdiff.printing import DOTS

TSO_ERR = "http://www.tso.co.uk/assets/namespace/error"
"""The namespace of the publisher's processing warnings left in some documents ("this
division is in a schedule, and has no heading or number …"): not words of the law."""
_NOT_WORDS = frozenset({UKM, ERR, TSO_ERR})

WITHIN = "text/within"
"""The extra that marks a provision an extract was read ``within`` (it has no line of its
own: :func:`write_text` prints the extract as an extract)."""


PRIMARY_KINDS = frozenset({Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE})
GROUPING_KINDS = frozenset({Kind.GROUP, Kind.PART, Kind.CHAPTER, Kind.SCHEDULE, Kind.APPENDIX,
                             Kind.ANNEX})
ANNEX_KINDS = frozenset({Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX})
# As CLML and legislation.gov.uk print them ("PART 2", "SCHEDULE 1") unless the document
# printed another word (its "Number/@word" extra).
_DEFAULT_WORD = {Kind.GROUP: "GROUP", Kind.PART: "PART", Kind.CHAPTER: "CHAPTER",
                 Kind.SCHEDULE: "SCHEDULE", Kind.APPENDIX: "APPENDIX", Kind.ANNEX: "ANNEX"}

# --- the characters of CLML's <Character Name="…"/> ----------------------------------------

_SPACES = frozenset({"NonBreakingSpace", "EnSpace", "EmSpace", "ThinSpace"})
_CHARACTERS = {"EnDash": "\u2013", "EmDash": "\u2014", "Minus": "\u2212"}
"""Named characters that print as themselves; the spaces print as a space, and padding
(DotPadding, LinePadding) prints nothing: it has no words."""


_SPACES_RE = re.compile(r"[ \t\n\r\f\v]+")


def squeeze(text: str) -> str:
    """White space collapsed to one space and the ends stripped, as the model keeps words; a
    no-break space is a character of the words and stays (except at the ends)."""
    return _SPACES_RE.sub(" ", text).strip()


def _character(name: str | None) -> str:
    if name in _SPACES:
        return " "
    return _CHARACTERS.get(name or "", "")


# --- quotation marks of quoted structures ---------------------------------------------------

_QUOTES = {"double": ("\u201c", "\u201d"), "default": ("\u201c", "\u201d"),
           "single": ("\u2018", "\u2019"), "none": ("", "")}
"""The marks legislation.gov.uk prints around a BlockAmendment or BlockExtract by its
Format attribute ("default" prints as double quotation marks)."""


def _quotes(el: etree._Element) -> tuple[str, str]:
    return _QUOTES.get(el.get("Format") or "default", _QUOTES["default"])


# =============================================================================================
# The document's own words
# =============================================================================================

_INLINE = frozenset({
    # CLML's EmphasisBasic group
    "Strong", "Emphasis", "Inferior", "Superior", "SmallCaps", "Uppercase", "Underline",
    "Expanded", "Strike",
    # CLML's InlineBasic group, less the inline objects (math:math, Image), which stand apart
    "Span", "InlineAmendment", "InlineExtract", "CommentaryRef", "FootnoteRef", "MarginNoteRef",
    "InternalLink", "ExternalLink", "Citation", "CitationSubRef", "CitationListRef", "Acronym",
    "Abbreviation", "Term", "Addition", "Repeal", "Substitution", "Definition", "Proviso",
})
"""CLML's inline elements (schemaLegislationTypes.xsd): their words run on into the words
around them.  Every other element starts and ends a run of words."""

_QUOTED = frozenset({"BlockAmendment", "BlockExtract"})
_LEVEL_NAMES = ("P1", "P2", "P3", "P4", "P5", "P6", "P7")
_ANNEX_NAMES = frozenset({"Schedule", "Appendix"})


def own_words(act: Act) -> list[str]:
    """The words of a document read from CLML, in the order legislation.gov.uk prints them.

    They are the words of the XML itself (white space separates words; the
    words of an inline element run on into the words around it, every other
    element starts and ends a run), with:

    * left out: the metadata (``ukm:Metadata``), the table of contents (a
      ``Contents`` element outside the body and Schedules), the commentaries
      (``Commentaries``: F-notes and other annotations) and processing
      warnings (elements in TSO's error namespace);
    * added, as the site prints them: the punctuation of numbers
      (``PuncBefore``/``PuncAfter``, by default brackets around P2-P7
      numbers: "(1)"), the quotation marks around a quoted structure (by its
      ``Format``), with the following ``AppendText`` running on after the
      closing mark, and the spaces named by ``Character`` elements;
    * one reordering, as the site prints it: the number of a section (a P1
      outside the Schedules, the only P1 of a P1group whose Title comes first)
      stands before its heading, unless the number is printed "1." as an
      instrument's is.

    Raises ValueError for a document not read from CLML.
    """
    source = act.source
    if source is None or source.fmt != "clml":
        raise ValueError("own_words needs a document read from CLML")
    root = source.element
    assert isinstance(root, etree._Element)
    gather = _Words()
    gather.element(root, in_annex=False)
    gather.end_run()
    return gather.tokens


class _Words:
    """Runs of words gathered from CLML, each run split on white space into words."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.run: list[str] = []
        self.prefix = ""

    def end_run(self) -> None:
        words = "".join(self.run).split()
        self.run.clear()
        if words:
            if self.prefix:
                words[0] = self.prefix + words[0]
                self.prefix = ""
            self.tokens.extend(words)

    def glue(self, text: str) -> None:
        """Add ``text`` to the end of the last word (a closing quotation mark)."""
        self.end_run()
        if self.tokens and not self.prefix:
            self.tokens[-1] += text
        else:
            self.prefix += text

    def element(self, el: etree._Element, in_annex: bool) -> None:
        ns = namespace(el)
        name = local(el)
        if ns in _NOT_WORDS or (ns == NS and name == "Commentaries"):
            return
        if ns == NS and name == "Contents" and not _inside_body(el):
            return
        if ns == NS and name in _INLINE:
            self.inline(el, in_annex)
            return
        if ns == NS and name == "Character":
            self.run.append(_character(el.get("Name")))
            return
        self.end_run()
        if ns == NS and name == "Pnumber":
            self.pnumber(el)
        elif ns == NS and name in _QUOTED:
            opening, closing = _quotes(el)
            self.prefix += opening
            self.children(el, in_annex=False)
            self.glue(closing)
        elif ns == NS and name == "AppendText" and _after_quote(el):
            text = "".join(el.itertext())
            words = text.split()
            if words and not text[0].isspace():
                self.glue(words.pop(0))
            self.tokens.extend(words)
        elif ns == NS and name == "P1group" and not in_annex and _numbered_first(el):
            title, p1 = _title_and_p1(el)
            pnumber = p1.find(f"{{{NS}}}Pnumber")
            assert pnumber is not None
            self.element(pnumber, in_annex)
            self.element(title, in_annex)
            self.end_run()
            self.add(p1.text)
            for child in p1:
                if child is not pnumber:
                    self.element(child, in_annex)
                self.add(child.tail)
            self.end_run()
            self.add(title.tail)
        else:
            self.children(el, in_annex or (ns == NS and name in _ANNEX_NAMES))
        self.end_run()

    def inline(self, el: etree._Element, in_annex: bool) -> None:
        self.add(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child, in_annex)
            self.add(child.tail)

    def children(self, el: etree._Element, in_annex: bool) -> None:
        self.add(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child, in_annex)
            self.add(child.tail)
        self.end_run()

    def pnumber(self, el: etree._Element) -> None:
        parent = el.getparent()
        bracketed = parent is not None and local(parent) in _LEVEL_NAMES[1:]
        before = el.get("PuncBefore", "(" if bracketed else "")
        after = el.get("PuncAfter", ")" if bracketed else "")
        inner = _Words()
        inner.inline(el, False)
        inner.end_run()
        self.run.append(before + " ".join(inner.tokens) + after)
        self.end_run()

    def add(self, text: str | None) -> None:
        if text:
            self.run.append(text)


def _inside_body(el: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if local(parent) in ("Body", "Schedules", "Schedule", "EUBody") or local(
                parent) in _QUOTED:
            return True
        parent = parent.getparent()
    return False


def _after_quote(el: etree._Element) -> bool:
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and local(previous) in _QUOTED


def _title_and_p1(el: etree._Element) -> tuple[etree._Element, etree._Element]:
    kids = [c for c in el if isinstance(c.tag, str)]
    return kids[0], kids[1]


def _numbered_first(el: etree._Element) -> bool:
    """A P1group holding a Title and then exactly one numbered P1: a section and its heading,
    printed number first (unless the number is printed "1." as instruments print it)."""
    kids = [c for c in el if isinstance(c.tag, str)]
    if not (len(kids) == 2 and local(kids[0]) == "Title" and namespace(kids[0]) == NS
            and local(kids[1]) == "P1" and namespace(kids[1]) == NS):
        return False
    pnumber = kids[1].find(f"{{{NS}}}Pnumber")
    return pnumber is not None and pnumber.get("PuncAfter") not in _INSTRUMENT_PUNCTUATION


# =============================================================================================
# CLML as lines (opaque content: prelims, quoted structures, formulae, back matter …)
# =============================================================================================

_ONE_LINE = frozenset({"MadeDate", "LaidDate", "ComingIntoForce", "ComingIntoForceClauses",
                       "DateOfEnactment"})
"""Elements printed as one line: "Made 20th January 2020"."""

_GROUPING_NAMES = frozenset({"Group", "Part", "Chapter", "Pblock", "PsubBlock", "Schedule",
                             "Appendix", "EUPart", "EUTitle", "EUChapter", "EUSection",
                             "EUSubsection", "Division"})
_BLOCK_IN_TEXT = frozenset({"P", "Para", "BlockText", "Text", "UnorderedList", "OrderedList",
                            "Tabular", "Figure", "Formula", "BlockAmendment", "BlockExtract",
                            "P1", "P2", "P3", "P4", "P5", "P6", "P7", "KeyList", "Where",
                            "AppendText"})


class _Lines:
    """Lines of CLML content, printed as :func:`write_text` prints provisions."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.run: list[str] = []
        self.opening = ""
        self.join = False  # the next line runs on after a number ("(1)" + " " + words)

    def end_line(self) -> None:
        text = squeeze("".join(self.run))
        self.run.clear()
        if text:
            self.put(text)

    def put(self, text: str) -> None:
        if self.opening:
            text = self.opening + text
            self.opening = ""
        if self.join and self.lines:
            self.lines[-1] += " " + text
        else:
            self.lines.append(text)
        self.join = False

    def append_to_last(self, text: str) -> None:
        self.end_line()
        if self.lines and not self.opening:
            self.lines[-1] = _run_on(self.lines[-1], text)
        elif text:
            self.opening += text

    def element(self, el: etree._Element, in_annex: bool) -> None:
        ns = namespace(el)
        name = local(el)
        if ns in _NOT_WORDS or (ns == NS and name == "Commentaries"):
            return
        if ns == NS and name in _INLINE:
            self.inline(el)
            return
        if ns == NS and name == "Character":
            self.run.append(_character(el.get("Name")))
            return
        if ns != NS:
            self.foreign(el)
            return
        self.end_line()
        if name == "Pnumber":
            self.end_line()
            self.put(_pnumber_text(el))
            self.join = True
        elif name in _QUOTED:
            opening, closing = _quotes(el)
            self.opening += opening
            self.join = False
            self.children(el, in_annex=False)
            self.append_to_last(closing)
        elif name == "AppendText" and _after_quote(el):
            text = "".join(el.itertext())
            words = squeeze(text)
            if words:
                self.append_to_last(words if not text[0].isspace() else " " + words)
        elif name == "P1group" and not in_annex and _numbered_first(el):
            title, p1 = _title_and_p1(el)
            pnumber = p1.find(f"{{{NS}}}Pnumber")
            assert pnumber is not None
            heading = _inline_words(title)
            self.put(_pnumber_text(pnumber) + (" " + heading if heading else ""))
            for child in p1:
                if isinstance(child.tag, str) and child is not pnumber:
                    self.element(child, in_annex)
        elif name in _GROUPING_NAMES and not (el.text or "").strip():
            self.grouping(el, in_annex or name in _ANNEX_NAMES)
        elif name in _ONE_LINE:
            self.put_words(el)
        else:
            self.children(el, in_annex)
        self.end_line()

    def grouping(self, el: etree._Element, in_annex: bool) -> None:
        """A grouping's number and title on one line, then the rest."""
        kids = [c for c in el if isinstance(c.tag, str)]
        head: list[str] = []
        rest: list[etree._Element] = []
        for child in kids:
            cname = local(child)
            first_title = cname == "Title" and len(head) <= 1 and not any(
                local(k) == "Title" for k in kids[:kids.index(child)])
            if not rest and ((cname == "Number" and not head) or first_title):
                head.append(_inline_words(child))
            elif not rest and cname == "TitleBlock":
                inner = [c for c in child if isinstance(c.tag, str)]
                if inner and local(inner[0]) == "Title":
                    head.append(_inline_words(inner[0]))
                    rest.extend(inner[1:])
                else:
                    rest.extend(inner)
            else:
                rest.append(child)
        text = " ".join(h for h in head if h)
        if text:
            self.put(text)
        for child in rest:
            self.element(child, in_annex)

    def foreign(self, el: etree._Element) -> None:
        """MathML, XHTML …: words apart from the words around them; a table row per line."""
        ns = namespace(el)
        name = local(el)
        if ns == XHTML and name == "table":
            self.end_line()
            for tr in el.iter(f"{{{XHTML}}}tr"):
                cells = [_cell_words(td) for td in tr
                         if isinstance(td.tag, str) and local(td) in ("td", "th")]
                if any(cells):
                    self.put("\t".join(cells) + "\t")
            return
        self.run.append(" " + " ".join(_all_words(el)) + " ")
        if ns == MATHML and name == "math" and not _in_text(el):
            self.end_line()

    def inline(self, el: etree._Element) -> None:
        self.add(el.text)
        for child in el:
            if isinstance(child.tag, str):
                if namespace(child) == NS and local(child) in _BLOCK_IN_TEXT:
                    self.element(child, False)
                elif namespace(child) == NS and local(child) == "Character":
                    self.run.append(_character(child.get("Name")))
                elif namespace(child) == NS:
                    self.inline(child)
                else:
                    self.foreign(child)
            self.add(child.tail)

    def children(self, el: etree._Element, in_annex: bool) -> None:
        self.add(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child, in_annex)
            self.add(child.tail)
        self.end_line()

    def put_words(self, el: etree._Element) -> None:
        words = " ".join(_all_words(el))
        if words:
            self.put(words)

    def add(self, text: str | None) -> None:
        if text:
            self.run.append(text)


def _in_text(el: etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and local(parent) not in ("Formula", "Figure", "Tabular")


def _pnumber_text(el: etree._Element) -> str:
    parent = el.getparent()
    bracketed = parent is not None and local(parent) in _LEVEL_NAMES[1:]
    before = el.get("PuncBefore", "(" if bracketed else "")
    after = el.get("PuncAfter", ")" if bracketed else "")
    return before + _inline_words(el) + after


def _inline_words(el: etree._Element) -> str:
    lines = _Lines()
    lines.inline(el)
    lines.end_line()
    return " ".join(lines.lines)


def _all_words(el: etree._Element) -> list[str]:
    """The words of every text node inside ``el``, each node's words apart."""
    return [w for t in el.itertext() for w in t.split()]


def _cell_words(td: etree._Element) -> str:
    lines = _Lines()
    lines.children(td, False)
    return " ".join(lines.lines)


def clml_lines(xml: bytes) -> list[str]:
    """The lines of a CLML element kept verbatim (opaque content), as plain text prints them."""
    el = from_canonical(xml)
    lines = _Lines()
    if namespace(el) == NS and local(el) == "Tabular":
        lines.children(el, False)
    else:
        lines.element(el, local(el) in _ANNEX_NAMES)
    lines.end_line()
    return lines.lines


# =============================================================================================
# Writing
# =============================================================================================

def write_text(act: Act) -> str:
    """The document as legislation.gov.uk prints its text, one provision per line.

    Front matter, body and each division of back matter are separated by a
    blank line (see the module docstring for the layout).  Every word of the
    document is printed, in order: for a document read from CLML the words
    of the output are exactly :func:`own_words`.  No annotations are
    printed: no F-markers, commentaries, footnote references or extent
    labels.  The table of contents is left out.
    """
    front = [line for node in act.front if not _is_contents(node)
             for line in _opaque_lines(node)]
    body = _Writer(act).body()
    back = [lines for node in act.back if (lines := _node_lines(node))]
    divisions = [d for d in (front, body, *back) if d]
    return "\n\n".join("\n".join(d) for d in divisions) + "\n"


def node_text_lines(node: Node) -> list[str]:
    """The plain-text lines of one node and everything below it."""
    return _node_lines(node)


def _is_contents(node: Node) -> bool:
    return isinstance(node, Opaque) and node.role == "Contents"


def _node_lines(node: Node) -> list[str]:
    writer = _Writer(None)
    writer.node(node)
    return writer.out


def _opaque_lines(node: Node) -> list[str]:
    if isinstance(node, Opaque):
        if node.fmt == "clml":
            return clml_lines(node.xml)
        return [w for w in node.words if w.strip()]
    return _node_lines(node)


class _Writer:
    def __init__(self, act: Act | None) -> None:
        self.act = act
        self.out: list[str] = []

    def body(self) -> list[str]:
        assert self.act is not None
        title = _schedules_title(self.act)
        for child in self.act.children:
            if title and isinstance(child, Provision) and child.kind in ANNEX_KINDS:
                self.out.append(title)
                title = None
            self.node(child)
        return self.out

    def nodes(self, nodes: Sequence[Node]) -> None:
        for i, child in enumerate(nodes):
            if _is_append(child) and i and _is_quoted(nodes[i - 1]):
                self.append_text(child)
            else:
                self.node(child)

    def append_text(self, node: Node) -> None:
        assert isinstance(node, Opaque)
        words = squeeze(" ".join(node.words))
        if node.fmt == "clml":
            el = from_canonical(node.xml)
            raw = "".join(el.itertext())
            if raw[:1].isspace():
                words = " " + words
        if self.out and words.strip():
            self.out[-1] = _run_on(self.out[-1], words)

    def node(self, node: Node) -> None:
        if isinstance(node, Opaque):
            if not _is_warning(node):
                self.out.extend(_opaque_lines(node))
        elif isinstance(node, Table):
            self.table(node)
        elif isinstance(node, Omitted):
            self.out.append(f"{_number(node.kind, node.num, node.extras, ())} {DOTS}")
        else:
            self.provision(node)

    def provision(self, node: Provision) -> None:
        if extra(node.extras, WITHIN) is not None and node.heading is None \
                and node.text is None and node.wrap_up is None:
            self.nodes(node.children)  # where an extract sits, not a line of it
            return
        kind = node.kind
        heading = _printed(node.heading, node.marks, "heading")
        text = _printed(node.text, node.marks, "text")
        # A list item's number (CLML's NumberOverride) is the list's decoration, not words
        # of the text.
        number = "" if kind.content else _number(kind, node.num, node.extras, node.marks)
        if kind in GROUPING_KINDS or kind.transparent or (
                kind in PRIMARY_KINDS and not _instrument_style(node.extras)):
            self.line(" ".join(p for p in (number, heading) if p))
            self.line(text)
        else:
            self.line(heading)
            self.line(" ".join(p for p in (number, text) if p))
        self.nodes(node.children)
        self.line(_printed(node.wrap_up, node.marks, "wrap_up"))

    def line(self, text: str) -> None:
        if text:
            self.out.append(text)

    def table(self, table: Table) -> None:
        element = _source_element(table)
        if element is not None:
            for child in element:
                if isinstance(child.tag, str) and local(child) != "table":
                    self.out.extend(clml_lines(etree.tostring(child)))
        cells_of = _source_cells(element)
        for row in table.rows:
            cells = []
            for i, cell in enumerate(row.cells):
                source = cells_of.get((row.source, i)) if i in row.fixed else None
                cells.append(source if source is not None else _printed(cell, row.marks, str(i)))
            if any(cells):
                self.out.append("\t".join(cells) + "\t")


def _instrument_style(extras: tuple[tuple[str, str], ...]) -> bool:
    """A number printed "1." or "1.—", as instruments print them: the heading stands above
    and the words follow the number."""
    return extra(extras, "Pnumber/PuncAfter") in _INSTRUMENT_PUNCTUATION


_INSTRUMENT_PUNCTUATION = (".", ".\u2014")


def _run_on(line: str, text: str) -> str:
    """``line`` with ``text`` run on at its end (before the tab that ends a table row)."""
    if line.endswith("\t"):
        return line[:-1] + text + "\t"
    return line + text


def _schedules_title(act: Act) -> str | None:
    text = extra(act.extras, "text/schedules-title")
    if text is not None:
        return text
    xml = extra(act.extras, "Schedules/Title@xml")
    if xml is None:
        return None
    return " ".join(clml_lines(xml.encode("utf-8"))) or None


def _is_quoted(node: Node) -> bool:
    return isinstance(node, Opaque) and node.role in _QUOTED


def _is_append(node: Node) -> bool:
    return isinstance(node, Opaque) and node.role == "AppendText"


def _is_warning(node: Opaque) -> bool:
    return node.role.startswith((f"{{{ERR}}}", f"{{{TSO_ERR}}}"))


def _source_element(table: Table) -> etree._Element | None:
    source = table.source
    if source is None or source.fmt != "clml":
        return None
    element = source.element
    return element if isinstance(element, etree._Element) else None


def _source_cells(element: etree._Element | None) -> dict[tuple[int | None, int], str]:
    """Each source cell's words, by (row index, cell index), for cells with structure."""
    if element is None:
        return {}
    out: dict[tuple[int | None, int], str] = {}
    table = element.find(f"{{{XHTML}}}table")
    if table is None:
        return out
    index = 0
    for group in table:
        if not isinstance(group.tag, str):
            continue
        gname = local(group)
        trs = [group] if gname == "tr" else [r for r in group if local(r) == "tr"] \
            if gname in ("thead", "tbody", "tfoot") else []
        for tr in trs:
            tds = [c for c in tr if isinstance(c.tag, str) and local(c) in ("td", "th")]
            for i, td in enumerate(tds):
                out[(index, i)] = _cell_words(td)
            index += 1
    return out


def _number(kind: Kind, num: Designation | None, extras: tuple[tuple[str, str], ...],
            marks: Marks) -> str:
    """A number as printed: "PART 2", "(1)", "6"."""
    if num is None:
        return ""
    value = _printed(num.value, marks, "num")
    if kind in GROUPING_KINDS or kind.transparent:
        word = extra(extras, "Number/@word")
        if word is None:
            word = _DEFAULT_WORD.get(kind, "")
        return f"{word} {value}" if word else value
    before = extra(extras, "Pnumber/PuncBefore")
    after = extra(extras, "Pnumber/PuncAfter")
    if before is None:
        before = "(" if kind.bracketed else ""
    if after is None:
        after = ")" if kind.bracketed else ""
    return f"{before}{value}{after}"


def _printed(text: str | None, marks: Marks, field: str) -> str:
    """A field's words with the words of its atoms (an inline formula …) where they stand."""
    atoms = [(m.start, _atom_words(m.name, m.get("Name"), m.payload))
             for m in marks if m.field == field and m.is_atom]
    atoms = [(offset, words) for offset, words in atoms if words]
    if not atoms:
        return text or ""
    base = text or ""
    pieces: list[str] = []
    last = 0
    for offset, words in sorted(atoms, key=lambda a: a[0]):
        pieces.append(base[last:offset])
        pieces.append(f" {words} ")
        last = offset
    pieces.append(base[last:])
    return squeeze("".join(pieces))


def _atom_words(name: str, char_name: str | None, payload: bytes | None) -> str:
    if name == "character":
        return _character(char_name)
    if name == "object" and payload is not None:
        try:
            el = from_canonical(payload)
        except etree.XMLSyntaxError:
            return ""
        return " ".join(_all_words(el))
    return ""


def read_text(text: str, source: str = "<text>", *, within: str | None = None,
              unit: Kind | None = None, extract: bool | None = None,
              info: ActInfo | None = None) -> Act:
    """Read legislation.gov.uk plain text into the model: see
    :func:`lawdiff.formats.text_reader.read_text`, which this calls."""
    from lawdiff.formats import text_reader

    return text_reader.read_text(text, source, within=within, unit=unit, extract=extract,
                                 info=info)


__all__ = ["DOTS", "WITHIN", "clml_lines", "node_text_lines", "own_words", "read_text",
           "write_text"]
