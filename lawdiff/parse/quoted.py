"""Quoted structures: the provisions an instruction inserts or substitutes.

"“(A1) A local authority … (a) …; (b) ….”" becomes a tree of
:class:`~lawdiff.parse.model.QuotedProvision`.  Three shapes are read:

* bracketed provisions: "(2A) …", "(za) …", several in a row;
* sections and Schedule paragraphs: "6A Heading (1) … (2) …", "3A (1) …";
  a section's heading is the text before its first subsection, or, when it
  has none, the first line (or, on one line, the words before the first full
  stop);
* a Part: "Part A1 Heading A1 Heading (1) …".

Anything else is an InstructionParseError naming the quoted text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lawdiff.errors import InstructionParseError
from lawdiff.parse.markers import Item, Marker, build_items, find_markers, is_successor
from lawdiff.parse.model import QuotedProvision
from lawdiff.parse.quotes import Quote, collapse, scan_quotes

_BRACKETED_START = re.compile(r"\s*\((?:\d{1,3}[A-Z]{0,3}|[A-Z]{1,2}\d{1,3}[A-Z]{0,2}|[a-z]{1,4}"
                              r"|[A-Z]{1,2})\)(?:\s|(?=[A-Z\u201c\"]))")
_UNIT_NUM = r"[A-Z]{0,2}\d{1,3}[A-Z]{0,3}"
_UNIT_START = re.compile(f"\\s*(?P<n>{_UNIT_NUM})(?:\\.\\s*(?:[\u2014\u2013-]\\s*)?|\\s+|(?=\\())")
_NEXT_UNIT = re.compile(f"(?<=[.;:])\\s+(?P<n>{_UNIT_NUM})\\s+(?=[A-Z\u201c\"(])")
_PART_START = re.compile(r"\s*(?P<word>Part|Chapter)\s+(?P<n>[A-Z]{0,2}\d{1,3}[A-Z]{0,3}|[IVXL]+)\s+")
_PART_FIRST_UNIT = re.compile(f"\\s(?P<n>{_UNIT_NUM})\\s+(?=[A-Z])")
_INTRO_END = re.compile("(?:[\u2014\u2013:]|-)\\s*$")
_SENTENCE_END = re.compile("\\.\\s+(?=[A-Z\ue001(])")
# The first subsection follows a heading with no punctuation between: "6A Heading (1) A …".
_FIRST_CHILD = re.compile("(?<=\\s)\\((?P<d>1|A1|a)\\)\\s*(?=[A-Z\u201c\"\ue001])")
_NOT_BEFORE_CHILD = frozenset({"section", "sections", "subsection", "subsections", "paragraph",
                               "paragraphs", "sub-paragraph", "sub-paragraphs", "regulation",
                               "article", "rule", "and", "or", "to"})


def starts_with_provision(quote: Quote, hint: str | None) -> bool:
    """True when the quoted text begins with a provision number it could be split at.

    Bracketed numbers always count; an unbracketed one ("6A Heading …", "Part
    A1 …") only when ``hint`` says sections, Parts or Schedule paragraphs are
    in play (see :meth:`~lawdiff.parse.grammar.Ctx.hint`).
    """
    inner = quote.inner
    if _BRACKETED_START.match(inner):
        return True
    if hint == "part" and _PART_START.match(inner):
        return True
    return hint in ("section", "paragraph", "part") and _UNIT_START.match(inner) is not None


def parse_quoted(quote: Quote, text: str, hint: str | None) -> tuple[QuotedProvision, ...]:
    """The provisions of one quotation; ``text`` is the whole input (for error spans).

    ``hint`` is "section" or "part" when unbracketed numbers are sections
    (with headings) and "paragraph" when they are Schedule paragraphs.
    """
    inner = quote.inner
    base = quote.inner_start
    sk, _ = scan_quotes(inner, whole=text, offset=base)
    stripped_end = len(inner.rstrip())
    lead = len(inner) - len(inner.lstrip())

    def fail(why: str) -> InstructionParseError:
        return InstructionParseError(why, text=text, span=(base + lead, base + stripped_end))

    if _BRACKETED_START.match(inner):
        root = Item(None, "root", 0, 0)
        build_items(root, find_markers(sk, lead, stripped_end), stripped_end)
        if not root.children or root.children[0].start != lead:
            raise fail("cannot split the quoted text into provisions")
        return tuple(_convert(item, inner) for item in root.children)
    part = _PART_START.match(inner) if hint == "part" else None
    if part is not None:
        first = _PART_FIRST_UNIT.search(sk, part.end() - 1, stripped_end)
        if first is None:
            raise fail("cannot find the first section of the quoted Part")
        heading = collapse(inner[part.end():first.start() + 1])
        units = _units(inner, sk, first.start("n"), stripped_end, "section", fail)
        return (QuotedProvision(part.group("n"), heading or None, None, units),)
    if _UNIT_START.match(inner) and hint in ("section", "paragraph", "part"):
        kind = "paragraph" if hint == "paragraph" else "section"
        return _units(inner, sk, lead, stripped_end, kind, fail)
    raise fail("cannot split the quoted text into provisions")


def _units(inner: str, sk: str, start: int, end: int, kind: str,
           fail: Callable[[str], InstructionParseError]) -> tuple[QuotedProvision, ...]:
    """Sections or Schedule paragraphs ("6A Heading (1) …", "3A (1) …") from ``start``."""
    heads: list[tuple[int, int, str]] = []
    m = _UNIT_START.match(sk, start)
    if m is None:
        raise fail("cannot split the quoted text into provisions")
    heads.append((m.start("n"), m.end(), m.group("n")))
    pos = m.end()
    while True:
        nxt = _NEXT_UNIT.search(sk, pos, end)
        if nxt is None:
            break
        pos = nxt.end()
        if is_successor(heads[-1][2], nxt.group("n"), "num"):
            heads.append((nxt.start("n"), nxt.end(), nxt.group("n")))
    out: list[QuotedProvision] = []
    for i, (s, own, num) in enumerate(heads):
        unit_end = heads[i + 1][0] if i + 1 < len(heads) else end
        item = Item(num, "unit", s, own)
        build_items(item, _unit_markers(sk, own, unit_end), unit_end)
        body = inner[item.own_start:item.own_end]
        kids = tuple(_convert(k, inner) for k in item.children)
        heading: str | None = None
        words: str | None = collapse(body) or None
        if kind == "section":
            if kids and words and not _INTRO_END.search(words):
                heading, words = words, None
            elif words:
                split = _split_heading(body, sk[item.own_start:item.own_end])
                if split is None:
                    raise fail(f"cannot tell the heading of section {num} from its text")
                heading, words = split
        elif kids and words and not _INTRO_END.search(words):
            heading, words = words, None
        out.append(QuotedProvision(num, heading, words, kids))
    return tuple(out)


def _unit_markers(sk: str, start: int, end: int) -> list[Marker]:
    """The item numbers in a section or paragraph, counting a first "(1)" straight
    after the heading."""
    markers = find_markers(sk, start, end)
    first = _FIRST_CHILD.search(sk, start, end)
    if first is None or (markers and markers[0].start <= first.start()):
        return markers
    words = sk[start:first.start()].split()
    if not words or words[-1].lower() in _NOT_BEFORE_CHILD:
        return markers
    return [Marker(first.start(), first.end("d") + 1, first.group("d"), True), *markers]


def _split_heading(body: str, body_sk: str) -> tuple[str, str | None] | None:
    """Split a section's own words into heading and text: at the first line break,
    else after the first full stop."""
    stripped = body.strip()
    if "\n" in stripped:
        head, _, rest = stripped.partition("\n")
        return collapse(head), collapse(rest) or None
    lead = len(body) - len(body.lstrip())
    m = _SENTENCE_END.search(body_sk, lead)
    if m is None:
        return None
    return collapse(body[lead:m.start()]), collapse(body[m.end():]) or None


def _convert(item: Item, inner: str) -> QuotedProvision:
    assert item.num is not None
    words = collapse(inner[item.own_start:item.own_end]) or None
    kids = tuple(_convert(k, inner) for k in item.children)
    return QuotedProvision(item.num, None, words, kids)
