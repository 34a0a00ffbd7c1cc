"""Which Act an amending instrument names: titles, numbers, "this Act", abbreviations.

An instruction names the Act it amends in its own words or in a lead-in
above it: "The Local Authority Social Services Act 1970 is amended as
follows", "In section 2 of the Local Government and Housing Act 1989 …",
"Section 204 of this Act …", "In the 1970 Act …".  :func:`find_act_name`
finds the first such name in a piece of an instrument, ignoring quoted
words (what is inserted or sought, never what is amended) and headings in
brackets after a reference ("section 6 (director of social services)").

:func:`read_abbreviations` collects the abbreviations an instrument defines
("The Local Authority Social Services Act 1970 (“the 1970 Act”)", "“LASSA
1970” means the Local Authority Social Services Act 1970").  An
:class:`ActRegistry` turns a name into a legislation.gov.uk work identifier
from its number ("(c. 42)" in 1970 is ``ukpga/1970/42``, "(S.I. 2016/413)"
is ``uksi/2016/413``) or from the titles it has been told, and
:func:`compare` says whether a name is a given Act, another one, or cannot
be told.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

_TYPE = r"(?:Act|Regulations|Order|Rules|Measure|Scheme)"
_STOP = (r"(?:In|The|For|After|Before|At|Omit|Insert|Substitute|Section|Sections|Schedule"
         r"|Schedules|Part|Parts|Paragraph|Paragraphs|Regulation|Article|Articles|Rule"
         r"|Chapter|Subsection|This|These|That|Each|Any|Where|If|Accordingly|Amendment"
         r"|Amendments|Repeal|Repeals|Revocation|Revocations|Consequential|Minor)\b")
_WORD = r"(?:[A-Z][\w\u2019'\-]*\.?|\([A-Z][^()]*\))"
_LINK = r"(?:and|of|the|for|in|on|to|etc\.?|with|by|at|from|into|a|an|&|no\.?|[A-Z][\w\u2019'\-]*\.?)"
_NUMBER = (r"\((?P<number>c\.\s*[0-9]+|c\.\s*[ivxlcdm]+|(?:S\.I\.|S\.S\.I\.|S\.R\.|W\.S\.I\.)\s*"
           r"\d{4}/\d+(?:\s*\([^()]*\))?|asp\s+\d+|anaw\s+\d+|asc\s+\d+|nawm\s+\d+)\)")
TITLE = (rf"(?<![\w\u2019'\-])(?!{_STOP})(?P<title>{_WORD}(?:\s+(?:{_LINK}|\([A-Z][^()]*\)))*?"
         rf"\s+{_TYPE}(?:\s+\((?:Northern\s+Ireland|Scotland|Wales)\))?\s+(?P<year>\d{{4}}))"
         rf"(?:\s*{_NUMBER})?")
_TITLE_RE = re.compile(TITLE)
_SELF_RE = re.compile(r"\b(?:this\s+(?:Act|Measure|Order|instrument|Scheme)"
                      r"|these\s+(?:Regulations|Rules))\b")
_YEAR_ABBR_RE = re.compile(rf"\bthe\s+(?P<year>\d{{4}})\s+(?P<type>{_TYPE})\b")
_PRINCIPAL_RE = re.compile(rf"\bthe\s+principal\s+{_TYPE}\b")
_OPEN = "\u201c\u2018"
_CLOSE = "\u201d\u2019"
_QUOTE_MARK = "\u201c\u2026\u201d"
_ANY_QUOTE = re.compile('[\u201c\u201d"]')
_KEEP_PAREN = re.compile(rf"{_NUMBER}|\((?:N\.I\.|W\.)\s*\d+\)")
_PAREN_RE = re.compile(r"\s*\((?P<inner>[^()]*)\)")
_DEFINED_AS = re.compile(
    rf"{TITLE}\s*\((?:(?:in\s+this\s+[\w-]+\s+)?(?:referred\s+to\s+as|called)\s+)?"
    r"\u201c(?P<abbr>[^\u201c\u201d]{1,60})\u201d\)")
_MEANS = re.compile(rf"\u201c(?P<abbr>[^\u201c\u201d]{{1,60}})\u201d\s+means\s+(?:the\s+)?{TITLE}")
_ABBR_SHAPE = re.compile(rf"(?:the\s+)?(?:\d{{4}}\s+{_TYPE}|principal\s+{_TYPE}"
                         rf"|[A-Z][A-Za-z0-9&]*[A-Z0-9](?:\s+\d{{4}})?|[A-Z][\w\s()-]*{_TYPE}"
                         rf"(?:\s+\d{{4}})?)")


@attrs.frozen(slots=True)
class NamedAct:
    """An Act or instrument as a piece of an amending instrument names it.

    ``words`` are the words naming it ("Local Authority Social Services Act
    1970", "the 1970 Act", "this Act"); ``title`` its title when known;
    ``number`` its number as cited ("c. 42", "S.I. 2016/413"); ``year``;
    ``work`` its legislation.gov.uk identifier when it could be worked out;
    ``self_reference`` is True for "this Act", "these Regulations".
    """

    words: str
    title: str | None = None
    number: str | None = None
    year: int | None = None
    work: str | None = None
    self_reference: bool = False

    def describe(self) -> str:
        """How reports name it: its title (and number), or the words used."""
        if self.title:
            return f"{self.title} ({self.number})" if self.number else self.title
        return self.words


@functools.lru_cache(maxsize=4096)
def strip_quotations(text: str) -> str:
    """``text`` with every quotation (curly or straight, nested) replaced by "“…”"."""
    if not _ANY_QUOTE.search(text):
        return text
    out: list[str] = []
    depth = 0
    straight = False
    last = 0
    for m in _ANY_QUOTE.finditer(text):
        ch = m.group()
        if straight:
            if ch == '"':
                straight = False
                out.append(_QUOTE_MARK)
                last = m.end()
            continue
        if ch == '"' and depth == 0:
            out.append(text[last:m.start()])
            straight = True
        elif ch == "\u201c":
            if depth == 0:
                out.append(text[last:m.start()])
            depth += 1
        elif ch == "\u201d" and depth:
            depth -= 1
            if depth == 0:
                out.append(_QUOTE_MARK)
                last = m.end()
    if depth == 0 and not straight:
        out.append(text[last:])
    return "".join(out)


def strip_asides(text: str) -> str:
    """``text`` without quotations and without bracketed words that name no Act's title or
    number: headings after references ("section 6 (director of social services)"), remarks
    ("is amended as follows (to reflect …)").  Brackets inside a title ("the Social
    Security (Contributions) Regulations 2001") and numbers ("(c. 42)") stay."""
    text = strip_quotations(text)
    while True:
        changed = False

        def drop(m: re.Match[str]) -> str:
            nonlocal changed
            whole = m.group(0)
            if _KEEP_PAREN.fullmatch(whole.strip()):
                return whole
            after = m.string[m.end():m.end() + 6]
            before = m.string[max(0, m.start() - 1):m.start()]
            if re.match(r"\s+(?:[A-Z]|\d{4})", after) and re.match(r"[A-Za-z]", before or " "):
                return whole  # inside a title: "Health and Social Care (Wales) Act 2025"
            changed = True
            return ""

        new = _PAREN_RE.sub(drop, text)
        if not changed:
            return " ".join(new.split())
        text = new


def _title_match(m: re.Match[str]) -> NamedAct:
    title = " ".join(m.group("title").split())
    number = m.group("number")
    return NamedAct(title, title, " ".join(number.split()) if number else None,
                    int(m.group("year")))


def find_act_name(text: str, abbreviations: dict[str, NamedAct] | None = None
                  ) -> NamedAct | None:
    """The first Act or instrument ``text`` names outside its quotations and asides, or None.

    A title ("the Local Government and Housing Act 1989 (c. 42)"), "this
    Act" / "these Regulations", "the 1970 Act", "the principal Act", or an
    abbreviation in ``abbreviations`` (as :func:`read_abbreviations` gives
    them, keyed by their words).  An abbreviation that is defined gives the
    Act it stands for, with ``words`` the abbreviation.
    """
    plain = strip_asides(text)
    found: list[tuple[int, NamedAct]] = []
    m = _TITLE_RE.search(plain)
    if m is not None:
        found.append((m.start(), _title_match(m)))
    m2 = _SELF_RE.search(plain)
    if m2 is not None:
        found.append((m2.start(), NamedAct(m2.group(0), self_reference=True)))
    for rx in (_YEAR_ABBR_RE, _PRINCIPAL_RE):
        m3 = rx.search(plain)
        if m3 is not None:
            words = m3.group(0)
            year = int(m3.group("year")) if "year" in rx.groupindex else None
            found.append((m3.start(), NamedAct(words, year=year)))
    for abbr in (abbreviations or {}):
        m4 = re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", plain)
        if m4 is not None:
            found.append((m4.start(), NamedAct(abbr)))
    if not found:
        return None
    found.sort(key=lambda pair: pair[0])
    named = found[0][1]
    # An abbreviation that starts where a longer title does is that title ("the 1970 Act
    # Amendment Act 1975" is no abbreviation).
    key = _abbreviation_key(named.words)
    if abbreviations and key in abbreviations:
        return attrs.evolve(abbreviations[key], words=named.words)
    return named


def _abbreviation_key(words: str) -> str:
    return " ".join(words.split()).removeprefix("the ").removeprefix("The ")


def read_abbreviations(texts: Iterable[str]) -> dict[str, NamedAct]:
    """The abbreviations of Acts the texts define, keyed by the abbreviation without "the".

    "The Local Authority Social Services Act 1970 (“the 1970 Act”)" and
    "“the 1970 Act” means the Local Authority Social Services Act 1970" both
    give ``{"1970 Act": NamedAct(title="Local Authority Social Services Act
    1970", …)}``.  Only abbreviations shaped like an Act's name ("the 1970
    Act", "the principal Regulations", "LASSA 1970") are taken.
    """
    out: dict[str, NamedAct] = {}
    for text in texts:
        for rx in (_DEFINED_AS, _MEANS):
            for m in rx.finditer(text):
                abbr = " ".join(m.group("abbr").split())
                if not _ABBR_SHAPE.fullmatch(abbr):
                    continue
                named = _title_match(m)
                out.setdefault(_abbreviation_key(abbr), named)
    return out


def titles_with_numbers(texts: Iterable[str]) -> list[NamedAct]:
    """Every title cited with its number in the texts ("Children Act 2004 (c. 31)")."""
    out: list[NamedAct] = []
    for text in texts:
        for m in _TITLE_RE.finditer(" ".join(text.split())):
            if m.group("number"):
                out.append(_title_match(m))
    return out


_SERIES_TYPE = {"S.I.": "uksi", "S.S.I.": "ssi", "S.R.": "nisr", "W.S.I.": "wsi"}


def work_of(title: str | None, number: str | None, year: int | None) -> str | None:
    """The legislation.gov.uk work identifier a number gives: "c. 42" in 1970 is
    "ukpga/1970/42" ("nia/…" for an Act with "(Northern Ireland)" in its title since 2000);
    "S.I. 2016/413" "uksi/2016/413" ("wsi/…" with "(W. …)", "nisi/…" with "(N.I. …)");
    "asp 11" "asp/YEAR/11"; "anaw 3", "asc 1", "nawm 2" likewise.  None when there is no
    number or year."""
    if number is None:
        return None
    number = " ".join(number.split())
    m = re.fullmatch(r"(S\.I\.|S\.S\.I\.|S\.R\.|W\.S\.I\.)\s*(\d{4})/(\d+)(?:\s*\((.*)\))?", number)
    if m is not None:
        kind = _SERIES_TYPE[m.group(1)]
        sub = m.group(4) or ""
        if kind == "uksi" and sub.startswith("W."):
            kind = "wsi"
        elif kind == "uksi" and sub.startswith("N.I."):
            kind = "nisi"
        return f"{kind}/{m.group(2)}/{m.group(3)}"
    if year is None:
        return None
    m = re.fullmatch(r"(asp|anaw|asc|nawm)\s+(\d+)", number)
    if m is not None:
        kind = {"nawm": "mwa"}.get(m.group(1), m.group(1))
        return f"{kind}/{year}/{m.group(2)}"
    m = re.fullmatch(r"c\.\s*(\d+|[ivxlcdm]+)", number)
    if m is not None:
        value = m.group(1)
        if not value.isdigit():
            return f"ukla/{year}/{value}"
        if title is not None and "(Northern Ireland)" in title and year >= 2000:
            return f"nia/{year}/{value}"
        return f"ukpga/{year}/{value}"
    return None


def normal_title(title: str) -> str:
    """A title compared loosely: no leading "The", case and spacing ignored."""
    words = " ".join(title.split())
    words = re.sub(r"^the\s+", "", words, flags=re.IGNORECASE)
    return words.casefold()


@attrs.define(slots=True)
class ActRegistry:
    """Titles and numbers of Acts known while reading an instrument, and the instrument itself.

    ``self_act`` is what "this Act" / "these Regulations" names.  Titles are
    learnt from the documents at hand (:meth:`add`) and from titles the
    instrument cites with their numbers.
    """

    self_act: NamedAct | None = None
    titles: dict[str, NamedAct] = attrs.field(factory=dict)

    def add(self, named: NamedAct) -> None:
        """Remember a title (with its number and work, when known)."""
        if named.title is None:
            return
        key = normal_title(named.title)
        known = self.titles.get(key)
        if known is None or (known.work is None and named.work is not None):
            work = named.work or work_of(named.title, named.number, named.year)
            self.titles[key] = attrs.evolve(named, work=work)

    def resolve(self, named: NamedAct) -> NamedAct:
        """``named`` with its title, number and work filled in from what is known."""
        if named.self_reference:
            if self.self_act is None:
                return named
            return attrs.evolve(self.self_act, words=named.words, self_reference=True)
        work = named.work or work_of(named.title, named.number, named.year)
        if named.title is not None:
            known = self.titles.get(normal_title(named.title))
            if known is not None:
                return attrs.evolve(named, number=named.number or known.number,
                                    work=work or known.work)
        return attrs.evolve(named, work=work)


@attrs.frozen(slots=True)
class Identity:
    """What is known of an Act to compare names with: any of its work, title and year."""

    work: str | None = None
    title: str | None = None
    year: int | None = None

    def describe(self) -> str:
        """The Act for messages: its title, else its work."""
        return self.title or self.work or "the target"


def compare(named: NamedAct, target: Identity) -> str:
    """"same" when ``named`` is the ``target`` Act, "other" when it certainly is not, and
    "unknown" when what is known of the two cannot tell (a title with no number against a
    target known only by its work, of the same year)."""
    if named.work is not None and target.work is not None:
        return "same" if named.work == target.work else "other"
    if named.title is not None and target.title is not None:
        return "same" if normal_title(named.title) == normal_title(target.title) else "other"
    if named.year is not None and target.year is not None and named.year != target.year:
        return "other"
    return "unknown"


__all__ = ["TITLE", "ActRegistry", "Identity", "NamedAct", "compare", "find_act_name",
           "normal_title", "read_abbreviations", "strip_asides", "strip_quotations",
           "titles_with_numbers", "work_of"]
