"""Reading legislation.gov.uk plain text into the model (see :mod:`lawdiff.formats.text`).

Text :func:`~lawdiff.formats.text.write_text` printed reads back to the same
text; text copied from legislation.gov.uk reads too, its F-markers, extent
labels and annotation blocks recognised and dropped (annotations are kept as
the Act's commentaries).  Lines are provisions; nesting follows the
numbering; what the lines cannot decide is decided by their neighbours, or is
an error naming the line.  docs/formats.md states every rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import attrs

from lawdiff.address import Address, child_kind
from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAddress, InvalidDesignation, InvalidStatute
from lawdiff.formats.text import (
    ANNEX_KINDS,
    GROUPING_KINDS,
    PRIMARY_KINDS,
    WITHIN,
    squeeze,
)
from lawdiff.inline import Marks
from lawdiff.model import (
    ALLOWED_CHILDREN,
    NOT_XML_CHAR,
    Act,
    ActInfo,
    Commentary,
    Extras,
    Kind,
    Node,
    Omitted,
    Opaque,
    Provision,
    Row,
    Table,
    read_node,
)

_ANNOTATION_HEADINGS = frozenset({
    "Textual Amendments", "Modifications etc. (not altering text)", "Commencement Information",
    "Extent Information", "Marginal Citations", "Editorial Information",
    "Subordinate Legislation Made", "Annotations:",
})
"""The headings of legislation.gov.uk's annotation blocks (after a provision).  Shorter
forms ("Commencement", "Extent") are left out: they are cross-headings of the law too."""

_ANNOTATION_ITEM = re.compile(r"([FCIEMXP])(\d+)(?:\s+|(?=[A-Z(\u201c\"]))(\S.*)$")
_STRAY_NOTE = re.compile(r"[FCIEMXP]\d+[A-Z][a-z]")
_STATUS_LINE = re.compile(r"(?:Prospective|Valid from \d{1,2}/\d{1,2}/\d{4})$")
_EXTENT = r"(?:U\.K\.|(?:E|W|S|N\.I\.)(?:\+(?:E|W|S|N\.I\.))+|N\.I\.|E|W|S)"
_EXTENT_ONLY = re.compile(r"U\.K\.|N\.I\.|(?:E|W|S|N\.I\.)(?:\+(?:E|W|S|N\.I\.))+")
_EXTENT_END = re.compile(rf"(?:(?<=[\s.)\]])|(?<=[a-z]))(?P<label>{_EXTENT})$")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|"
           "Tachwedd|Rhagfyr")
_REFERENCE = re.compile(r"(?:Sections?|Regulations?|Articles?|Rules?|Paragraphs?) \d")
_DOTS_ONLY = re.compile(r"[. \u2026]+")
_MAY_FOLLOW_NUMBER = "\u201c\u2018\"[.\u2014\u2026"
_DATE_REST = re.compile(rf"(?:{_MONTHS}),? \d{{4}}\b")
_GROUP_WORDS = {"part": Kind.PART, "chapter": Kind.CHAPTER, "schedule": Kind.SCHEDULE,
                "appendix": Kind.APPENDIX, "annex": Kind.ANNEX, "group": Kind.GROUP}
_ORDINALS = ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH",
             "NINTH", "TENTH", "ELEVENTH", "TWELFTH")
_GROUP_LINE = re.compile(
    r"(?P<num>(?:(?P<ord>" + "|".join(_ORDINALS) + r") )?(?P<word>PART|Part|CHAPTER|Chapter|"
    r"SCHEDULE|Schedule|APPENDIX|Appendix|ANNEX|Annex|GROUP|Group)"
    r"(?(ord)|(?: (?P<value>[A-Z]{0,3}\d+[A-Z]{0,4}|[IVXLCDM]+[A-Z]?|[A-Z])(?=\s|$))?))"
    r"(?: (?P<rest>\S.*))?$")
_ARTICLE_LINE = re.compile(r"(?P<num>(?:ARTICLE|Article) (?:\d+[A-Z]*|[IVXLC]+)\.?)"
                           r"(?: (?P<rest>[A-Z\u201c].*))?$")
_PRIMARY_LINE = re.compile(r"(?P<num>[A-Z]{0,3}\d+[A-Z]{0,4})(?P<punc>\.\u2014|\.|)"
                           r"(?:(?P<bracket>\(\S+?\).*)|\s+(?P<rest>\S.*))?$")
_BRACKET_LINE = re.compile(r"\((?P<num>\d{1,3}[A-Z]{0,4}|[A-Z]{1,3}\d{1,3}[A-Z]{0,3}|[a-z]{1,5}"
                           r"|[A-Z]{1,4})\)(?:(?:\s+|(?=[\w\u201c\u2018\"(]))(?P<rest>\S.*))?$")
_NUMBER_LINE = re.compile(r"(?P<year>\d{4}) (?P<num>(?:c\. ?|Chapter |CHAPTER |asp |anaw |asc "
                          r"|nawm |No\. ?|Rhif )\S*)")
_LEAD_IN = ("\u2014", ":", "\u2013", "-")
_SENTENCE_END = (".", ";", ":", ",", "\u2014", "\u2013")


@attrs.frozen
class _TextSource:
    """Where a node read from plain text came from: its line, its children and its details
    (heading, words, closing words, marks, extras)."""

    line: int
    kids: tuple[Node, ...]
    details: tuple[str | None, str | None, str | None, Marks, Extras] = (None, None, None, (), ())
    fmt: str = "text"

    @property
    def element(self) -> object:
        return self.line

    def read_children(self) -> tuple[Node, ...]:
        return self.kids

    def read_details(self) -> tuple[str | None, str | None, str | None, Marks, Extras]:
        return self.details


def read_text(text: str, source: str = "<text>", *, within: str | None = None,
              unit: Kind | None = None, extract: bool | None = None,
              info: ActInfo | None = None) -> Act:
    """Read legislation.gov.uk plain text (as :func:`lawdiff.formats.text.write_text` prints
    it, or as the site shows it) into the model.

    **Divisions.**  Blank lines separate divisions.  Text of one division (or
    any text when ``extract`` is True or ``within`` is given, blank lines then
    being ignored) is an extract: provisions only.  Otherwise the first
    division is the front matter, the second the body, the rest back matter;
    front and back matter are kept as lines (:class:`~lawdiff.model.Opaque`,
    format "text").

    **What the site adds is recognised and dropped**: F-markers ("F1", "[F2 …]"
    brackets, even across lines, "F3. . ."), extent labels at the end of
    heading lines ("E+W", "E+W+S+N.I.", "S", "N.I.", "U.K."), "Prospective" and
    "Valid from …" lines, and annotation blocks ("Textual Amendments",
    "Modifications etc. (not altering text)", "Commencement Information" …),
    whose items ("F1 Words in s. 6 substituted …") become the Act's
    ``commentaries``.  An F-bracket never closed is an error naming the line;
    a marker that runs into a number ("[F17A") is split as the annotations
    list it, else as the marker after the last one, else it is an error.

    **Provisions.**  A line is, in this order of precedence:

    1. a quoted structure: a line that opens a quotation (“ or ‘) it does not
       close, and every line up to the one that closes it: kept as lines;
    2. a table row: a line with a tab (consecutive rows are one table);
    3. a grouping: "PART 2 Title", "Chapter 1", "SCHEDULE 3 Title", "FIRST
       SCHEDULE" …;
    4. a section, article, regulation or rule (outside the Schedules) or a
       Schedule's paragraph: a number ("6", "1A") in order after the last one,
       followed by nothing, a capital, a quotation mark, a square bracket or dots;
       then, for a section etc., its heading (its words follow on the next
       line), and for a Schedule's paragraph its words; instruments' "1.—(1)",
       "2." and the site's "1(1)" are read too: after "N." the rest of the
       line is the words, and a heading line just above is the provision's
       heading;
    5. a bracketed number and the words after it: "(1)", "(a)", "(i)", "(A)",
       "(aa)"; it nests under the deepest open provision where it is the next
       number of a list, or starts one ("(1)", "(a)", "(i)", "(A)") under the
       line just before it, or else continues a list in designation order;
       "(i)" and the like that could continue a lettered list or start a
       roman one are resolved by their neighbours: the next such number
       ("(ii)" or "(j)"), else by whether the line before ends with a lead-in
       ("—", ":"); a number that fits nowhere is an error naming the line;
    6. a cross-heading: a line that does not end as a sentence does, just
       before a grouping or a section (or Schedule paragraph), or before one
       such cross-heading ("SCHEDULES" before the first Schedule is the
       Schedules' own title);
    7. otherwise words: the words of a section etc. whose line carried none,
       else a further paragraph of the provision above.

    ``within`` gives the citation of where an extract sits ("s. 6",
    "Sch. 1 para. 2"): needed when its first provision is a subsection or
    lower; the provisions it names print no line of their own, so the
    extract writes back as the extract it is.  ``unit`` says what a top-level
    number is (section, article,
    regulation or rule); by default a section, or for an instrument (its
    number line "2020 No. 52") by its title: Regulations, Rules or an
    article.  ``info`` replaces the identity otherwise taken from the front
    matter.

    What plain text cannot say is not recovered (docs/formats.md lists it):
    inline markup, identifiers and attributes; closing words (they read as a
    further paragraph of the last provision); whether unnumbered words are a
    list, a list item or a paragraph; the heading of a Schedule's paragraph
    (it reads as a cross-heading over it); sub-headings (cross-headings).

    Raises InvalidStatute naming ``source`` and the line for text that
    cannot be read, and for a character no legislation (and no XML) holds: a
    control character other than tab and line breaks, as binary data has.
    """
    bad = NOT_XML_CHAR.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise InvalidStatute(f"not plain text: control character U+{ord(bad.group()):04X} "
                             f"(binary data?)", source=source, line=line)
    return _TextReader(source, within, unit, extract, info).read(text)


@attrs.define
class _Frame:
    """An open node while reading: a provision (or the Act) gathering its children."""

    kind: Kind | None
    num: Designation | None
    line: int
    heading: str | None = None
    text: str | None = None
    extras: list[tuple[str, str]] = attrs.Factory(list)
    children: list[Node] = attrs.Factory(list)
    given: bool = False  # a level named by ``within``, not read from a line
    takes_text: bool = False  # a section etc. whose words are on the next line


@attrs.define
class _Line:
    number: int
    text: str
    after_notes: bool = False  # the first line after a block of annotations


class _TextReader:
    def __init__(self, source: str, within: str | None, unit: Kind | None,
                 extract: bool | None, info: ActInfo | None) -> None:
        self.source = source
        self.within = within
        self.unit = unit
        self.extract = True if within is not None else extract
        self.info = info
        self.commentaries: list[Commentary] = []
        self.extras: list[tuple[str, str]] = []
        self.whole = False

    def fail(self, message: str, line: int | None) -> InvalidStatute:
        return InvalidStatute(message, source=self.source, line=line)

    # --- divisions --------------------------------------------------------------------------

    def read(self, text: str) -> Act:
        if text.startswith("\ufeff"):
            text = text[1:]
        raw = text.splitlines()
        divisions: list[list[_Line]] = []
        current: list[_Line] = []
        for i, line in enumerate(raw, 1):
            line = line.rstrip(" \r\u00a0")
            if not line.strip():
                if current:
                    divisions.append(current)
                    current = []
                continue
            current.append(_Line(i, _tidy(line)))
        if current:
            divisions.append(current)
        if not divisions:
            raise self.fail("the text holds no words", None)
        self.whole = not (self.extract or len(divisions) == 1)
        if not self.whole:
            if self.extract is False:
                raise self.fail("a whole document needs its front matter, a blank line and "
                                "its body", divisions[0][0].number)
            front: list[_Line] = []
            body = [line for d in divisions for line in d]
            back: list[list[_Line]] = []
            extract = True
        else:
            front, body, back = divisions[0], divisions[1], divisions[2:]
            extract = False
        body = self.clean(body)
        if not body:
            raise self.fail("the text holds no provisions: only annotations, markers or extent "
                            "labels", None)
        info = self.info or self.identity(front, extract)
        unit = self.unit or self.unit_of(front)
        children = _Builder(self, unit).build(body)
        if not children:
            raise self.fail("the text holds no provisions: only annotations, markers or extent "
                            "labels", None)
        front_nodes = (Opaque("text", b"", "prelims", [ln.text for ln in front]),) if front \
            else ()
        back_nodes = tuple(Opaque("text", b"", "back", [ln.text for ln in d]) for d in back)
        try:
            act = Act(info, children=children, front=front_nodes, back=back_nodes,
                      commentaries=self.commentaries, extras=self.extras)
        except InvalidStatute as exc:
            raise self.fail(str(exc), body[0].number if body else None) from None
        return act

    def identity(self, front: list[_Line], extract: bool) -> ActInfo:
        number = next((m for ln in front if (m := _NUMBER_LINE.match(ln.text))), None)
        year = int(number.group("year")) if number else 1
        chapter = number.group("num") if number else "extract"
        title = next((ln.text for ln in front if (number is None or ln.text != number.string)
                      and re.search(r"\b\d{4}\b", ln.text)), None)
        if title is None:
            title = front[0].text if front else "Untitled"  # an extract does not say
        note = f"extract within {self.within}" if self.within else None
        # The text does not say which work it is: "unknown/…" says so (--act can name it).
        work = "unknown/" + (re.sub(r"[^A-Za-z0-9-]+", "-", self.source).strip("-") or "text")
        return ActInfo(title=title, year=year, chapter=chapter, work=work,
                       version_date=date(max(year, 1), 1, 1), extract=extract,
                       extract_note=note, source=self.source)

    def unit_of(self, front: list[_Line]) -> Kind:
        if self.within is not None:
            steps = self.address().steps
            if steps and steps[0].kind in PRIMARY_KINDS:
                return steps[0].kind
        number = next((m for ln in front if (m := _NUMBER_LINE.match(ln.text))), None)
        if number is None or not number.group("num").startswith(("No", "Rhif")):
            return Kind.SECTION
        words = " ".join(ln.text for ln in front)
        if re.search(r"\bRegulations?\b|\bRheoliadau\b", words):
            return Kind.REGULATION
        if re.search(r"\bRules\b|\bRheolau\b", words):
            return Kind.RULE
        return Kind.ARTICLE

    def address(self) -> Address:
        assert self.within is not None
        try:
            return Address.parse(self.within)
        except InvalidAddress as exc:
            raise self.fail(f"within: {exc}", None) from None

    # --- what the site adds -------------------------------------------------------------------

    def clean(self, lines: list[_Line]) -> list[_Line]:
        """Lines without annotation blocks, status lines, F-markers and extent labels.

        Repeated until nothing changes: removing a marker or a label can leave
        a line that is itself an annotation heading, a label or a marker.
        """
        while True:
            cleaned = self.clean_once(lines)
            if [(ln.number, ln.text) for ln in cleaned] == [(ln.number, ln.text) for ln in lines]:
                return cleaned
            lines = cleaned

    def clean_once(self, lines: list[_Line]) -> list[_Line]:
        kept: list[_Line] = []
        in_notes = False
        for ln in lines:
            stripped = ln.text.strip()
            if _without_extent(stripped) in _ANNOTATION_HEADINGS:
                in_notes = True
                continue
            after_notes = in_notes or ln.after_notes
            if in_notes:
                item = _ANNOTATION_ITEM.match(stripped)
                if item is not None:
                    letter, digits, words = item.groups()
                    body = Provision(Kind.BLOCK, None, text=squeeze(words))
                    self.commentaries.append(Commentary(f"{letter}{digits}", letter, (body,)))
                    continue
                in_notes = False
            if _STRAY_NOTE.match(stripped):
                before = kept[-1] if kept else None
                if before is not None and before.after_notes and before.number == ln.number - 1:
                    raise self.fail(f"“{before.text[:60]}” follows the annotations but is "
                                    f"neither an annotation (“F1 …”, “C1 …”) nor a provision "
                                    f"or heading", before.number)
                raise self.fail(f"“{stripped[:60]}” is an annotation outside a block of "
                                f"annotations (“Textual Amendments” …)", ln.number)
            if not _STATUS_LINE.fullmatch(stripped):
                kept.append(_Line(ln.number, ln.text, after_notes))
        notes = {c.ident for c in self.commentaries if c.type == "F"}
        out: list[_Line] = []
        for ln in _Markers(self, notes).strip(kept):
            text = _without_extent(ln.text)
            if text:
                out.append(_Line(ln.number, text, ln.after_notes))
        return out


class _Markers:
    """Removes the site's F-markers: "[F1" with its closing "]", and "F2" before dots.

    A marker runs straight on into the words it marks, so "[F1662A" may be
    F16 before section 62A or F166 before 2A: the marker is the one the
    annotations list, else the one after the last marker, else an error.
    """

    def __init__(self, reader: _TextReader, notes: set[str]) -> None:
        self.reader = reader
        self.notes = notes
        self.last = 0

    def strip(self, lines: list[_Line]) -> list[_Line]:
        out: list[_Line] = []
        stack: list[tuple[bool, int]] = []  # (an F-bracket?, the line that opened it)
        for ln in lines:
            text = ln.text
            chars: list[str] = []
            i = 0
            while i < len(text):
                ch = text[i]
                marker = self.marker(text, i, ln) if ch in "[F" else None
                if marker is not None:
                    bracketed, length = marker
                    if bracketed:
                        stack.append((True, ln.number))
                    else:
                        chars.append(" ")
                    i += length
                    continue
                if ch == "[":
                    stack.append((False, ln.number))
                elif ch == "]" and stack:
                    # A "]" with nothing open is the law's own (it has stray ones) and stays.
                    is_f, _ = stack.pop()
                    if is_f:
                        i += 1
                        continue
                chars.append(ch)
                i += 1
            cleaned = _tidy("".join(chars))
            if cleaned.strip() or "\t" in cleaned:
                out.append(_Line(ln.number, cleaned, ln.after_notes))
        unclosed = [line for is_f, line in stack if is_f]
        if unclosed:
            raise self.reader.fail("an F-marker bracket “[F…” opened here is never closed",
                                   unclosed[0])
        return out

    def marker(self, text: str, i: int, ln: _Line) -> tuple[bool, int] | None:
        """(bracketed, length) of an F-marker at ``text[i]``, or None."""
        bracketed = text[i] == "["
        start = i + 1 if bracketed else i
        if text[start:start + 1] != "F" or (not bracketed and start > 0
                                            and text[start - 1].isalpha()):
            return None
        m = re.match(r"\d+", text[start + 1:])
        if m is None:
            return None
        digits = m.group()
        after = text[start + 1 + len(digits):]
        if not bracketed and not re.match(r"\s*(?:F\d+\s*)*(?:\. ?\. ?\.|\u2026)", after):
            return None  # a bare marker stands only before the dots of repealed words
        # At the start of a line the marker may run into a provision's number.
        choices = [k for k in range(1, len(digits))
                   if i == 0 and _PRIMARY_LINE.match(digits[k:] + after)]
        k = len(digits)
        if choices:
            k = self.resolve(digits, [*choices, len(digits)], ln)
        self.last = max(self.last, int(digits[:k]))
        return bracketed, (start - i) + 1 + k

    def resolve(self, digits: str, choices: list[int], ln: _Line) -> int:
        """The split of "F1662A" into a marker and a number, by the annotations or order."""
        listed = [k for k in choices if f"F{digits[:k]}" in self.notes]
        if len(listed) == 1:
            return listed[0]
        following = [k for k in choices if self.last and int(digits[:k]) == self.last + 1]
        if len(following) == 1:
            return following[0]
        raise self.reader.fail(f"cannot tell where the F-marker ends in “F{digits}…”: list "
                               f"it under “Textual Amendments”", ln.number)


def _tidy(line: str) -> str:
    """A line with white space collapsed (in each cell of a table row)."""
    return "\t".join(squeeze(cell) for cell in line.split("\t"))


def _without_extent(text: str) -> str:
    """A heading line without the extent labels the site prints at its end."""
    while True:
        shorter = _without_one_extent(text)
        if shorter == text:
            return text
        text = shorter


def _without_one_extent(text: str) -> str:
    if "\t" in text:
        return text
    if _EXTENT_ONLY.fullmatch(text.strip()):
        return ""
    m = _EXTENT_END.search(text)
    if m is None:
        return text
    label = m.group("label")
    before = text[:m.start()]
    if len(label) == 1 and not (before[-1:].islower() or before.endswith(".")):
        return text  # "Amendment of Part W", "… NHS": a letter of the heading, not a label
    if not _heading_like(before.rstrip()):
        return text
    return before.rstrip()


def _heading_like(text: str) -> bool:
    """A line that can carry an extent label: a grouping, a section's number and heading,
    or a heading."""
    if _GROUP_LINE.match(text) or _PRIMARY_LINE.match(text):
        return True
    return bool(text) and not text.startswith("(")


# --- structure -------------------------------------------------------------------------------

class _Builder:
    """Builds the tree from the body's lines (see :func:`read_text` for the rules)."""

    def __init__(self, reader: _TextReader, unit: Kind) -> None:
        self.reader = reader
        self.unit = unit
        self.stack: list[_Frame] = [_Frame(None, None, 0)]
        self.lines: list[_Line] = []
        self.current: _Line | None = None

    def fail(self, message: str, line: int) -> InvalidStatute:
        return self.reader.fail(message, line)

    def build(self, lines: list[_Line]) -> tuple[Node, ...]:
        self.lines = lines
        if self.reader.within is not None:
            self.open_within()
        i = 0
        while i < len(lines):
            i = self.step(i)
        while len(self.stack) > 1:
            self.close()
        return tuple(self.stack[0].children)

    def open_within(self) -> None:
        address = self.reader.address()
        for step in address.steps:
            frame = _Frame(step.kind, step.num, 0, given=True,
                           extras=[(WITHIN, self.reader.within or "")])
            self.stack.append(frame)

    # --- one line -----------------------------------------------------------------------------

    def step(self, i: int) -> int:
        ln = self.lines[i]
        self.current = ln
        text = ln.text
        if _opens_quote(text) or "\t" in text:
            self.not_after_notes(ln)
            return self.quoted(i) if _opens_quote(text) else self.table(i)
        group = _GROUP_LINE.match(text)
        if group is not None and self.is_grouping(group):
            self.grouping(group, ln)
            return i + 1
        article = _ARTICLE_LINE.match(text)
        if article is not None and self.is_article(article):
            self.article(article, ln)
            return i + 1
        primary = _PRIMARY_LINE.match(text)
        if primary is not None and self.is_primary(primary):
            self.primary(primary, ln)
            return i + 1
        bracket = _BRACKET_LINE.match(text)
        if bracket is not None:
            self.bracketed(bracket.group("num"), bracket.group("rest"), ln, i)
            return i + 1
        if self.is_heading(i):
            self.heading(ln, i)
            return i + 1
        self.not_after_notes(ln)
        self.words(ln)
        return i + 1

    def not_after_notes(self, ln: _Line) -> None:
        """Annotations follow a whole provision, so what comes after them starts another:
        words there are annotations this reader does not know, never words of the law."""
        if ln.after_notes:
            raise self.fail(f"“{ln.text[:60]}” follows the annotations but is neither an "
                            f"annotation (“F1 …”, “C1 …”) nor a provision or heading",
                            ln.number)

    def is_grouping(self, m: re.Match[str]) -> bool:
        """A grouping line: its heading does not read on as words ("Part 2 of …", "Schedule
        5, which …"), and its number comes after the last grouping of its kind here."""
        rest = m.group("rest")
        if rest is not None and (rest[0].islower() or rest[0].isdigit()
                                 or rest.startswith(("(", ",", "."))):
            return False
        kind = _GROUP_WORDS[m.group("word").lower()]
        num = self.grouping_number(m, kind)[0]
        last = self.last_grouping(kind)
        if last is None:
            return True
        if last.style is num.style and num.style is not Style.OTHER:
            return last < num
        return last != num

    def is_article(self, m: re.Match[str]) -> bool:
        """ "Article 2 Right to life" in an Act (the Convention's Articles in a Schedule): a
        grouping numbered "Article 2", after the last one here."""
        if self.unit is not Kind.SECTION:
            return False
        last = self.last_grouping(Kind.CHAPTER)
        return last is None or last.value != m.group("num")

    def article(self, m: re.Match[str], ln: _Line) -> None:
        self.open_grouping(Kind.CHAPTER, Designation(m.group("num"), Style.OTHER),
                           [("Number/@word", "")], m.group("rest"), ln)

    def grouping_number(self, m: re.Match[str],
                        kind: Kind) -> tuple[Designation, list[tuple[str, str]]]:
        value = m.group("value")
        if value is not None and m.group("ord") is None:
            return _designation(kind, value), [("Number/@word", m.group("word"))]
        return Designation(m.group("num"), Style.OTHER), [("Number/@word", "")]

    def last_grouping(self, kind: Kind) -> Designation | None:
        """The number of the last grouping of ``kind`` in the container a new one joins."""
        rank = _RANK[kind]
        j = len(self.stack) - 1
        while j > 0:
            frame = self.stack[j]
            if frame.given or (frame.kind in _RANK and _RANK[frame.kind] < rank
                               and kind not in ANNEX_KINDS):
                break
            j -= 1
        if j + 1 < len(self.stack) and self.stack[j + 1].kind is kind:
            return self.stack[j + 1].num
        for child in reversed(self.stack[j].children):
            if isinstance(child, Provision) and child.kind is kind:
                return child.num
        return None

    def is_primary(self, m: re.Match[str]) -> bool:
        """A number in designation order after the last section (or paragraph) here,
        followed by nothing, a capital letter, a quotation mark, a bracket or dots -- not
        by words in lower case ("2 per cent …"), a sign ("15 % …") or a month ("24 March
        2015")."""
        rest = m.group("rest")
        if rest is not None and (not (rest[0].isupper() or rest[0] in _MAY_FOLLOW_NUMBER)
                                 or _DATE_REST.match(rest)):
            return False
        try:
            num = Designation.parse(m.group("num"), Style.NUMBER)
        except InvalidDesignation:
            return False
        kind = self.primary_kind()
        holder = self.primary_holder()
        last = next((c for c in reversed(self.all_children(holder))
                     if isinstance(c, (Provision, Omitted, _Frame)) and c.kind is kind
                     and c.num is not None and c.num.style is Style.NUMBER), None)
        return last is None or last.num is None or last.num < num

    def primary_kind(self) -> Kind:
        return Kind.SCHEDULE_PARAGRAPH if self.in_annex() else self.unit

    def in_annex(self) -> bool:
        return any(f.kind in ANNEX_KINDS for f in self.stack)

    def primary_holder(self) -> int:
        """The index of the frame a new section (or Schedule paragraph) would go under."""
        j = len(self.stack) - 1
        while j > 0 and not self.holds_primaries(self.stack[j]):
            j -= 1
        return j

    def holds_primaries(self, frame: _Frame) -> bool:
        return frame.kind is None or frame.kind in GROUPING_KINDS or frame.kind in (
            Kind.CROSSHEADING, Kind.SUBHEADING)

    def all_children(self, j: int) -> list[Node | _Frame]:
        """The children of frame ``j`` and the frames open below it, through groupings."""
        out: list[Node | _Frame] = []

        def add(nodes: Sequence[Node]) -> None:
            for node in nodes:
                out.append(node)
                if isinstance(node, Provision) and node.kind.transparent:
                    add(node.children)

        add(self.stack[j].children)
        for frame in self.stack[j + 1:]:
            if frame.kind is not None and frame.kind.transparent:
                add(frame.children)
            else:
                out.append(frame)
                break
        return out

    # --- groupings and headings ---------------------------------------------------------------

    def grouping(self, m: re.Match[str], ln: _Line) -> None:
        kind = _GROUP_WORDS[m.group("word").lower()]
        num, extras = self.grouping_number(m, kind)
        self.open_grouping(kind, num, extras, m.group("rest"), ln)

    def open_grouping(self, kind: Kind, num: Designation, extras: list[tuple[str, str]],
                      heading: str | None, ln: _Line) -> None:
        rank = _RANK[kind]
        while len(self.stack) > 1:
            top = self.stack[-1]
            if top.given and top.kind in _RANK and (_RANK[top.kind] < rank
                                                   or top.kind in ANNEX_KINDS):
                break
            if kind in ANNEX_KINDS or top.kind not in _RANK or _RANK[top.kind] >= rank:
                self.close()
            else:
                break
        self.stack.append(_Frame(kind, num, ln.number, heading=heading, extras=extras))

    def is_heading(self, i: int, depth: int = 0) -> bool:
        """A line that stands just before a grouping or a section, or before one other
        heading that does (a cross-heading and its sub-heading), and reads as a heading: it
        does not end as a sentence or clause does (a full stop, a comma …, though "etc."
        may end a heading), start in lower case or with a quotation mark, end with one,
        stand in brackets ("(introduced by section 6(3))") or cite the provision a Schedule
        is made under ("Section 1", "Regulation 2(3)")."""
        text = self.lines[i].text
        if (text.endswith(_SENTENCE_END) and not text.endswith(" etc.")) \
                or text[:1].islower() or text[:1] in _OPEN or text[-1:] in _OPEN.values() \
                or (text.startswith("(") and text.endswith(")")) or _REFERENCE.match(text):
            return False
        top = self.stack[-1]
        if top.kind is not None and not top.kind.transparent and top.kind not in _RANK \
                and top.text is None and not top.children and (
                    top.takes_text or top.heading is None):
            return False  # a provision whose line carries no words takes what follows
        if i + 1 >= len(self.lines):
            return False
        following = self.lines[i + 1].text
        if _opens_quote(following) or "\t" in following:
            return False
        group = _GROUP_LINE.match(following)
        if group is not None and self.is_grouping(group):
            return True
        article = _ARTICLE_LINE.match(following)
        if article is not None and self.is_article(article):
            return True
        primary = _PRIMARY_LINE.match(following)
        if primary is not None and self.is_primary(primary):
            return True
        if _BRACKET_LINE.match(following) or depth or self.lines[i].after_notes:
            return False
        return self.is_heading(i + 1, depth + 1)

    def heading(self, ln: _Line, i: int) -> None:
        following = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        if ln.text.upper() == "SCHEDULES" and re.match(r"(?:[A-Z]+ )?SCHEDULE|Schedule",
                                                        following):
            self.reader.extras.append(("text/schedules-title", ln.text))
            return
        while len(self.stack) > 1:
            top = self.stack[-1]
            if top.given or top.kind in GROUPING_KINDS:
                break
            self.close()
        self.stack.append(_Frame(Kind.CROSSHEADING, None, ln.number, heading=ln.text))

    # --- numbered provisions -----------------------------------------------------------------

    def primary(self, m: re.Match[str], ln: _Line) -> None:
        kind = self.primary_kind()
        holder = self.primary_holder()
        heading_above: str | None = None
        punc = m.group("punc")
        if punc and self.stack[-1].kind is Kind.CROSSHEADING and not self.stack[-1].children:
            # An instrument prints each provision's heading on the line above it.
            heading_above = self.stack.pop().heading
            holder = self.primary_holder()
        while len(self.stack) - 1 > holder:
            self.close()
        num = _designation(kind, m.group("num"))
        extras: list[tuple[str, str]] = []
        if punc:
            extras.append(("Pnumber/PuncAfter", punc))
        rest = m.group("rest")
        frame = _Frame(kind, num, ln.number, extras=extras)
        if kind in PRIMARY_KINDS and not punc:
            frame.heading = rest
            frame.takes_text = True
        else:
            frame.heading = heading_above
            frame.text = rest
        self.stack.append(frame)
        bracket = m.group("bracket")
        if bracket is not None:
            inner = _BRACKET_LINE.match(bracket)
            if inner is None:
                raise self.fail(f"cannot read {bracket[:30]!r} after the number", ln.number)
            self.bracketed(inner.group("num"), inner.group("rest"), ln, None)

    def bracketed(self, value: str, rest: str | None, ln: _Line, i: int | None) -> None:
        placement = self.place(value, i)
        if placement is None:
            placement = self.place_at_top(value, ln)
        j, kind, num = placement
        while len(self.stack) - 1 > j:
            self.close()
        self.stack.append(_Frame(kind, num, ln.number, text=rest))

    def place(self, value: str, i: int | None) -> tuple[int, Kind, Designation] | None:
        """Where a bracketed number goes: (index of its parent frame, kind, number).

        Candidates, best first: (0) the next number of an open list; (1) the
        first number of a new list under the line just above; (2) a later
        number of an open list (one in between is missing, or an inserted
        number); (3) a list that starts later than its first number.  Among
        equals the deepest wins; a new list just above competes with the next
        number of an outer list as the neighbours say.
        """
        top = len(self.stack) - 1
        found: list[tuple[int, int, Kind, Designation]] = []  # (rank, -depth, kind, num)
        for j in range(top, 0, -1):
            frame = self.stack[j]
            assert frame.kind is not None
            if frame.kind in GROUPING_KINDS or frame.kind.transparent:
                break
            for style in _styles(value):
                kind = self.child_kind(j, style)
                if kind is None:
                    continue
                num = _designation(kind, value, style)
                last = self.last_child(j, kind)
                if last is not None:
                    if last.style is num.style and num.style is not Style.OTHER and last < num:
                        found.append((0 if _next(last, num) else 2, -j, kind, num))
                elif _first(num) and (j == top or frame.kind.content):
                    found.append((1, -j, kind, num))
                elif not frame.kind.content and num.style is not Style.OTHER and (
                        frame.given or style is Style.NUMBER or (
                            j == top and frame.text is None and frame.heading is None)):
                    # A list that starts after its first number: an extract placed by
                    # ``within`` (or printed from one: a number with no words of its own
                    # above), or a source that leaves its first subsection unnumbered.
                    found.append((3, -j, kind, num))
        if not found:
            return None
        found.sort(key=lambda c: (c[0], c[1]))
        rank, depth, kind, num = found[0]
        best = (-depth, kind, num)
        if rank != 0:
            return best
        start = next((c for c in found if c[0] == 1 and -c[1] > -depth), None)
        if start is None:
            return best
        # A new list could start under the line just above, or the line is the next number
        # of an outer list: "(i)" after "(h) …—" starts a roman list, after "(h) …;" it is
        # the letter i.  The next such number decides, else whether the line above leads in.
        new = (-start[1], start[2], start[3])
        if start[3].style is not num.style and i is not None:
            following = self.next_number(i, {start[3].style, num.style})
            if following is not None:
                if _next(start[3], following):
                    return new
                if _next(num, following):
                    return best
        parent = self.stack[new[0]]
        if parent.text is None or parent.text.endswith(_LEAD_IN):
            return new
        return best

    def place_at_top(self, value: str, ln: _Line) -> tuple[int, Kind, Designation]:
        """A bracketed number with no numbered provision above it."""
        numbered = any(f.kind is not None and not f.kind.content and not f.kind.transparent
                       and f.kind not in GROUPING_KINDS for f in self.stack)
        if numbered:
            raise self.fail(f"“({value})” fits nowhere: it neither continues an open list in "
                            f"order nor starts one here", ln.number)
        if self.reader.whole is False:
            raise self.fail(f"“({value})” is a subsection or lower with nothing above it: say "
                            f"where the extract sits with within (e.g. within=\"s. 6\")",
                            ln.number)
        # A whole document that numbers its provisions "(1)" with nothing above them (older
        # instruments): CLML holds them in an unnumbered paragraph, and so does this reader.
        if self.stack[-1].kind is None or not self.stack[-1].kind.content:
            self.stack.append(_Frame(Kind.BLOCK, None, ln.number))
        style = _styles(value)[0]
        kind = _FALLBACK_KIND[style]
        return len(self.stack) - 1, kind, _designation(kind, value, style)

    def last_child(self, j: int, kind: Kind) -> Designation | None:
        """The number of the last child of ``kind`` of frame ``j`` (open or closed)."""
        if j + 1 < len(self.stack) and self.stack[j + 1].kind is kind:
            return self.stack[j + 1].num
        for child in reversed(self.stack[j].children):
            if isinstance(child, (Provision, Omitted)) and child.kind is kind:
                return child.num
        return None

    def next_number(self, i: int, styles: set[Style]) -> Designation | None:
        """The next bracketed number of one of ``styles`` before the next section or grouping."""
        for ln in self.lines[i + 1:]:
            m = _BRACKET_LINE.match(ln.text)
            if m is None:
                if _GROUP_LINE.match(ln.text) or _PRIMARY_LINE.match(ln.text):
                    return None
                continue
            for style in _styles(m.group("num")):
                if style in styles:
                    try:
                        return Designation.parse(m.group("num"), style)
                    except InvalidDesignation:
                        continue
        return None

    def child_kind(self, j: int, style: Style) -> Kind | None:
        """The kind of a ``style`` number directly under frame ``j``, or None if none fits.

        Under unnumbered content, the kind the nearest numbered provision above
        would give it, or else the kind its style names.
        """
        frame = self.stack[j]
        assert frame.kind is not None
        if not frame.kind.content:
            return self.kind_under(frame.kind, style)
        above = next((f.kind for f in reversed(self.stack[:j]) if f.kind is not None
                      and not f.kind.content and not f.kind.transparent
                      and f.kind not in GROUPING_KINDS), None)
        kind = self.kind_under(above, style) if above is not None else None
        if kind is not None and (kind.style is None or kind.style is style):
            return kind
        return _FALLBACK_KIND.get(style)

    def kind_under(self, parent: Kind, style: Style) -> Kind | None:
        if parent is Kind.SUBPARAGRAPH and style is not Style.UPPER_ALPHA:
            return None
        if parent in (Kind.CLAUSE, Kind.SUBCLAUSE) and style in (Style.NUMBER, Style.UPPER_ALPHA):
            return None
        try:
            return child_kind(parent, style)
        except InvalidAddress:
            pass
        if style is Style.ROMAN and self.kind_under(parent, Style.ALPHA) is Kind.PARAGRAPH:
            return Kind.SUBPARAGRAPH  # "(i)" where "(a)" would stand: older texts have it
        return None

    # --- words --------------------------------------------------------------------------------

    def words(self, ln: _Line) -> None:
        top = self.stack[-1]
        if top.takes_text and top.text is None and not top.children and (
                any(ch.isalnum() for ch in ln.text) or _DOTS_ONLY.fullmatch(ln.text)):
            top.text = ln.text
            return
        self.close_content()
        self.stack.append(_Frame(Kind.BLOCK, None, ln.number, text=ln.text))

    def close_content(self) -> None:
        while len(self.stack) > 1 and self.stack[-1].kind is not None \
                and self.stack[-1].kind.content and not self.stack[-1].given:
            self.close()

    def table(self, i: int) -> int:
        rows: list[Row] = []
        j = i
        while j < len(self.lines) and "\t" in self.lines[j].text:
            pieces = self.lines[j].text.split("\t")
            if len(pieces) > 1 and not pieces[-1].strip():
                pieces.pop()  # a row ends with a tab
            cells = [squeeze(c) for c in pieces]
            if any(cells):  # a row without words is not printed either
                rows.append(Row(cells))
            j += 1
        self.close_content()
        if rows:
            self.stack[-1].children.append(
                Table(rows, source=_TextSource(self.lines[i].number, ())))
        return j

    def quoted(self, i: int) -> int:
        """A quoted structure from line ``i`` to the line that closes it.

        The quotation marks of each line are counted (an apostrophe is not a
        closing mark); a line that starts with an opening mark it does not
        close opens a quoted structure inside this one.  The law's own text
        sometimes leaves a quotation open (legislation.gov.uk prints one closing
        mark where a quotation and the quoted structure end together), so a
        line that ends with a closing mark also ends the structure when the
        next line's number does not continue the numbers inside it ("(2B)"
        after "“(2A) …”." continues; "(8)" after "“(3A) …”." does not), or, for
        a structure of subsections or paragraphs, when the next line heads a
        Part, Chapter or Schedule.
        """
        opening = self.lines[i].text[0]
        # A structure of subsections or paragraphs ("“(6) …") holds no Part or Schedule.
        below_section = _BRACKET_LINE.match(self.lines[i].text[1:]) is not None
        depth = 0
        seen: list[Designation] = []
        end: int | None = None
        for j in range(i, len(self.lines)):
            text = self.lines[j].text
            balance = _quote_balance(text, opening)
            seen.extend(_line_numbers(text.lstrip(opening)))
            if j > i and balance > 0 and text.startswith(opening):
                depth += 1  # a quoted structure inside this one
            elif j == i or balance < 0:
                depth += balance
            if depth <= 0 or (_CLOSES.search(text) and j + 1 < len(self.lines)
                              and (self.leaves(seen, self.lines[j + 1].text)
                                   or (below_section and
                                       _GROUP_LINE.match(self.lines[j + 1].text)))):
                end = j + 1
                break
        if end is None:
            end = self.closed_by_outer_number(i)
        if end is None:
            raise self.fail("a quotation opened here is never closed", self.lines[i].number)
        self.close_content()
        words = [ln.text for ln in self.lines[i:end]]
        self.stack[-1].children.append(Opaque("text", b"", "BlockAmendment", words))
        return end

    def closed_by_outer_number(self, i: int) -> int | None:
        """For a quoted structure from line ``i`` whose marks never balance (the law's own
        text can leave a quotation inside it open: "references to the “register are
        to …"): the line after the first line ending with a closing mark that is followed
        by the next number of the provision that introduced the structure ("(4)" after
        "(3) After Schedule 1 insert—"); None when there is no such line."""
        outer = next((nums for ln in reversed(self.lines[:i])
                      if (nums := _line_numbers(ln.text))), [])
        for j in range(i, len(self.lines) - 1):
            if _CLOSES.search(self.lines[j].text):
                after = _line_numbers(self.lines[j + 1].text)
                if any(_next(o, a) for o in outer for a in after):
                    return j + 1
        return None

    def leaves(self, seen: list[Designation], text: str) -> bool:
        """Whether a line after a closing mark is outside the quoted structure: it has a
        number, neither the first of a list nor the next after one seen inside."""
        numbers = _line_numbers(text)
        return bool(numbers) and not any(_first(after) for after in numbers) and not any(
            _next(before, after) for after in numbers for before in seen)

    # --- closing frames -----------------------------------------------------------------------

    def close(self) -> None:
        frame = self.stack[-1]
        if frame.given and not frame.children and frame.text is None:
            line = self.current.number if self.current is not None else None
            raise self.reader.fail(f"the extract holds nothing within {self.reader.within}: "
                                   f"its first provision cannot stand there", line)
        self.stack.pop()
        node = self.node(frame)
        self.stack[-1].children.append(node)

    def node(self, frame: _Frame) -> Node:
        """The provision a frame has gathered, validated by the model; one holding children
        the model does not allow under it (numbered paragraphs inside unnumbered words, as
        CLML has them, or an older text's "(i)" where "(a)" would stand) takes them from
        its source unchecked, as the other readers' provisions do."""
        assert frame.kind is not None
        kids = tuple(frame.children)
        extras = tuple(frame.extras)
        source = _TextSource(frame.line, kids, (frame.heading, frame.text, None, (), extras))
        allowed = ALLOWED_CHILDREN[frame.kind]
        unchecked = any(isinstance(k, Provision) and not k.kind.content
                        and k.kind not in allowed for k in kids)
        try:
            node = Provision(frame.kind, frame.num, heading=frame.heading, text=frame.text,
                             children=None if unchecked else kids, extras=extras,
                             source=source if unchecked else None)
        except InvalidStatute as exc:
            raise self.fail(str(exc), frame.line) from None
        read_node(node, source)
        return node


_RANK = {Kind.GROUP: 0, Kind.SCHEDULE: 0, Kind.APPENDIX: 0, Kind.ANNEX: 0, Kind.PART: 1,
         Kind.CHAPTER: 2, Kind.CROSSHEADING: 3, Kind.SUBHEADING: 4}
_FALLBACK_KIND = {Style.NUMBER: Kind.SUBSECTION, Style.ALPHA: Kind.PARAGRAPH,
                  Style.ROMAN: Kind.SUBPARAGRAPH, Style.UPPER_ALPHA: Kind.CLAUSE}


def _styles(value: str) -> list[Style]:
    """The styles a bracketed number may be in: digits, capital letters, or small letters
    that may also be a roman numeral ("i", "iv", "ia")."""
    if any(c.isdigit() for c in value):
        return [Style.NUMBER]
    if value.isupper():
        return [Style.UPPER_ALPHA]
    out = [Style.ALPHA]
    if _fits(Style.ROMAN, value):
        out.append(Style.ROMAN)
    return out


def _fits(style: Style, value: str) -> bool:
    try:
        Designation.parse(value, style)
    except InvalidDesignation:
        return False
    return True


def _designation(kind: Kind, value: str, style: Style | None = None) -> Designation:
    """The number ``value`` of a ``kind``, in the style the CLML reader gives it."""
    if style is None:
        if any(c.isdigit() for c in value):
            style = Style.NUMBER
        elif kind.style is not None and _fits(kind.style, value):
            style = kind.style
        elif value.isupper() and _fits(Style.UPPER_ROMAN, value) and kind in GROUPING_KINDS:
            style = Style.UPPER_ROMAN
        elif value.isalpha() and value.islower():
            style = Style.ALPHA
        elif value.isalpha() and value.isupper():
            style = Style.UPPER_ALPHA
        else:
            style = Style.OTHER
    try:
        num = Designation.parse(value, style)
    except InvalidDesignation:
        return Designation(value, Style.OTHER)
    if kind.style is not None and num.style is not kind.style:
        return Designation(value, Style.OTHER)
    return num


def _first(num: Designation) -> bool:
    """A number that can open a list: 1, a, i, A, or one inserted before them (A1, za)."""
    value = num.value
    if num.style is Style.NUMBER:
        return bool(re.fullmatch(r"(?:Z*[A-Z])?1", value))
    if num.style is Style.ALPHA:
        return bool(re.fullmatch(r"z*a", value))
    if num.style is Style.ROMAN:
        return value == "i"
    if num.style is Style.UPPER_ALPHA:
        return bool(re.fullmatch(r"Z*A", value))
    return False


def _next(before: Designation, after: Designation) -> bool:
    """True when ``after`` is the next number after ``before``: b after a, 2 after 1, ii after
    i, 1B after 1A, ch after c (Welsh)."""
    if before.style is not after.style:
        return False
    a, b = before.value, after.value
    if before.style is Style.NUMBER:
        ma = re.fullmatch(r"([A-Z]*)(\d+)([A-Z]*)", a)
        mb = re.fullmatch(r"([A-Z]*)(\d+)([A-Z]*)", b)
        if ma is None or mb is None:
            return False
        if int(mb.group(2)) == int(ma.group(2)) + 1 and not mb.group(1):
            return True
        return mb.group(2) == ma.group(2) and mb.group(1) == ma.group(1) and _next_letters(
            ma.group(3), mb.group(3))
    if before.style is Style.ROMAN:
        return before.key[0] + 1 == after.key[0] and not before.key[3] and not after.key[3]
    if before.style in (Style.ALPHA, Style.UPPER_ALPHA):
        return _next_letters(a, b) or (a, b) in _WELSH_NEXT
    return False


_WELSH_NEXT = frozenset({("c", "ch"), ("ch", "d"), ("d", "dd"), ("dd", "e"), ("f", "ff"),
                         ("ff", "g"), ("ng", "h"), ("g", "ng"), ("l", "ll"), ("ll", "m"),
                         ("p", "ph"), ("ph", "r"), ("r", "rh"), ("rh", "s"), ("t", "th"),
                         ("th", "u")})
"""Letters of the Welsh alphabet that follow one another in a lettered list: (c), (ch), (d)."""


def _next_letters(a: str, b: str) -> bool:
    """b is the next run of letters after a: "" → "A", "A" → "B", "AB" → "AC"."""
    if not b:
        return False
    if not a:
        return b.upper() == "A"
    return len(a) == len(b) and a[:-1] == b[:-1] and ord(b[-1]) == ord(a[-1]) + 1


def _line_numbers(text: str) -> list[Designation]:
    """The designations a line may start with ("(2A)", "12A", "(ii)"), in every style."""
    m = _BRACKET_LINE.match(text)
    value = m.group("num") if m is not None else None
    if value is None:
        p = _PRIMARY_LINE.match(text)
        value = p.group("num") if p is not None else None
    if value is None:
        return []
    out = []
    for style in _styles(value):
        try:
            out.append(Designation.parse(value, style))
        except InvalidDesignation:
            continue
    return out


_OPEN = {"\u201c": "\u201d", "\u2018": "\u2019"}
_TAIL = ".;,:)\u2014 andor"
_CLOSES = re.compile(r"[\u201d\u2019][.;,:)\u2014]*(?: (?:and|or))?\t?$")


def _opens_quote(text: str) -> bool:
    """A line that opens a quotation it does not close: the start of a quoted structure."""
    return bool(text) and text[0] in _OPEN and _quote_balance(text, text[0]) > 0


def _quote_balance(text: str, opening: str) -> int:
    """Opening minus closing marks of one kind in ``text`` (an apostrophe is not a closing
    single quotation mark: "State’s")."""
    closing = _OPEN[opening]
    balance = 0
    for k, ch in enumerate(text):
        if ch == opening:
            balance += 1
        elif ch == closing:
            if opening == "\u2018" and 0 < k < len(text) - 1 and text[k - 1].isalpha() \
                    and text[k + 1].isalpha():
                continue
            balance -= 1
    return balance


__all__ = ["read_text"]
