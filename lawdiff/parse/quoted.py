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
# Words that open closing words when they follow punctuation in the last paragraph of a
# list: a list word or a conjunction ("(b) he does Y, and is liable …", "…, whichever is
# the later", "…; but …", "…, as the case may be"), or the verb or the subject of a main
# clause ("…, may apply", "…, the Secretary of State may …", "…, that person commits …").
_VERB = (r"(?:may|must|shall|will|can|is|are|has|have|does|do|commits?|applies|apply"
         r"|includes?|means)")
_CLOSING_OPENER = re.compile(
    "(?:[,;:]\\s+|[\u2014\u2013]\\s*|\\s-\\s+)"
    "(?P<w>(?:and|or|but|nor|whichever|unless|then)(?!\\w)"
    "|as\\s+the\\s+case\\s+may\\s+be(?!\\w)"
    "|in\\s+(?:each|either|both|every|any\\s+such|that)\\s+cases?(?!\\w)"
    f"|{_VERB}(?!\\w)|(?:he|she|it|they|that\\s+person)\\s+\\w"
    f"|the\\s+[\\w\u2019'-]+(?:\\s+[\\w\u2019'-]+){{0,4}}?\\s+{_VERB}(?!\\w))",
    re.IGNORECASE)
# Punctuation after which closing words may stand, and the first character after it.
_BOUNDARY = re.compile("(?:[,;:]\\s+|[\u2014\u2013]\\s*|\\s-\\s+)(?P<w>[^\\s,;:.\u2014\u2013-])")
# Opening words that are a subordinate clause, whose main clause must follow the list:
# "If— (a) …, or (b) …, the authority may …".
_SUBORDINATE = re.compile(r"(?:if|where|unless|when|whenever|wherever|once|until|although"
                          r"|though|while|whilst)(?!\w)", re.IGNORECASE)
_TAIL_PUNCT = frozenset(" \t\r\n\f\v\u00a0.,;:")


_FailAt = Callable[[str, int, int], InstructionParseError]


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

    def fail_at(why: str, start: int, end: int) -> InstructionParseError:
        return InstructionParseError(why, text=text, span=(base + start, base + end))

    if _BRACKETED_START.match(inner):
        root = Item(None, "root", 0, 0)
        build_items(root, find_markers(sk, lead, stripped_end), stripped_end)
        if not root.children or root.children[0].start != lead:
            raise fail("cannot split the quoted text into provisions")
        return tuple(_convert(item, inner, sk, fail_at) for item in root.children)
    part = _PART_START.match(inner) if hint == "part" else None
    if part is not None:
        first = _PART_FIRST_UNIT.search(sk, part.end() - 1, stripped_end)
        if first is None:
            raise fail("cannot find the first section of the quoted Part")
        heading = collapse(inner[part.end():first.start() + 1])
        units = _units(inner, sk, first.start("n"), stripped_end, "section", fail, fail_at)
        return (QuotedProvision(part.group("n"), heading or None, None, units),)
    if _UNIT_START.match(inner) and hint in ("section", "paragraph", "part"):
        kind = "paragraph" if hint == "paragraph" else "section"
        return _units(inner, sk, lead, stripped_end, kind, fail, fail_at)
    raise fail("cannot split the quoted text into provisions")


def _units(inner: str, sk: str, start: int, end: int, kind: str,
           fail: Callable[[str], InstructionParseError], fail_at: _FailAt
           ) -> tuple[QuotedProvision, ...]:
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
        kids = tuple(_convert(k, inner, sk, fail_at) for k in item.children)
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
        if kids and words:
            _refuse_closing_words(words, item.children, sk, fail_at)
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


def _convert(item: Item, inner: str, sk: str, fail_at: _FailAt) -> QuotedProvision:
    assert item.num is not None
    words = collapse(inner[item.own_start:item.own_end]) or None
    kids = tuple(_convert(k, inner, sk, fail_at) for k in item.children)
    if kids and words:
        _refuse_closing_words(words, item.children, sk, fail_at)
    return QuotedProvision(item.num, None, words, kids)


def _refuse_closing_words(opening: str, kids: list[Item], sk: str, fail_at: _FailAt) -> None:
    """Refuse a list whose closing words may hide in its last paragraph.

    A provision with opening words (``opening``) and a list of paragraphs
    (``kids``) may have closing words after the list ("(a) …, or (b) …, and is
    guilty of an offence").  Line breaks carry no structure, so they cannot
    be told from the last paragraph's own words.  Rather than keep them in
    the last paragraph, this raises InstructionParseError naming them when
    the last paragraph (the deepest last one, where lists nest) has, outside
    brackets, punctuation followed by words that open closing words: a list
    word or conjunction ("and", "or", "but", "nor", "whichever", "unless",
    "then", "as the case may be", "in each case" …), a verb that starts a
    main clause ("may", "shall", "is", "commits" …) or a subject with one
    ("he", "that person", "the Secretary of State may"); or when the opening
    words are a subordinate clause with no comma ("If—", "Where a person—"),
    whose main clause must come after the list, whatever the last paragraph
    holds.  The span is the words that may be closing words (from the first
    sign of them), or the whole last paragraph when it has no punctuation.
    ``wrap_up`` is therefore never filled in: see docs/parsing.md, "Known
    limits", for what is still read as the last paragraph's own words.
    """
    leaf = kids[-1]
    while leaf.children:
        leaf = leaf.children[-1]
    start, end = leaf.own_start, _content_end(sk, leaf.own_start, leaf.own_end)
    depth = _Depth(sk, start)
    for m in _CLOSING_OPENER.finditer(sk, start, end):
        if depth.at(m.start()) <= 0:
            raise fail_at("these may be closing words after the quoted list, or the last "
                          f"paragraph's ({leaf.num}) own words: they cannot be told apart",
                          m.start("w"), end)
    if not _needs_closing_words(opening):
        return
    shown = opening if len(opening) <= 40 else opening[:39] + "\u2026"
    why = (f"the opening words \u201c{shown}\u201d need closing words after the list, which "
           f"cannot be told from the last paragraph's ({leaf.num}) own words")
    depth = _Depth(sk, start)
    for m in _BOUNDARY.finditer(sk, start, end):
        if depth.at(m.start()) <= 0:
            raise fail_at(why, m.start("w"), end)
    while start < end and sk[start].isspace():
        start += 1
    raise fail_at(why, start, end)


def _needs_closing_words(opening: str) -> bool:
    """True when opening words are a subordinate clause with no main clause ("If—",
    "Where a person—"), so the sentence must go on after the list."""
    if _SUBORDINATE.match(opening) is None:
        return False
    try:
        masked, _ = scan_quotes(opening)
    except InstructionParseError:
        masked = opening
    return "," not in masked


class _Depth:
    """How many parentheses opened after ``start`` are still open at a position, for
    positions asked in increasing order (each character is counted once)."""

    __slots__ = ("depth", "pos", "sk")

    def __init__(self, sk: str, start: int) -> None:
        self.sk, self.pos, self.depth = sk, start, 0

    def at(self, pos: int) -> int:
        """The open parentheses before ``pos`` (not less than any asked before it)."""
        if pos > self.pos:
            self.depth += self.sk.count("(", self.pos, pos) - self.sk.count(")", self.pos, pos)
            self.pos = pos
        return self.depth


def _content_end(sk: str, start: int, end: int) -> int:
    """``end`` moved back over closing punctuation and a list word after it ("; or")."""
    while True:
        while end > start and sk[end - 1] in _TAIL_PUNCT:
            end -= 1
        for word in ("and", "or"):
            n = len(word)
            j = end - n
            if j > start and sk[j:end].lower() == word and sk[j - 1].isspace():
                k = j
                while k > start and sk[k - 1].isspace():
                    k -= 1
                if k > start and sk[k - 1] in ",;":
                    end = k
                    break
        else:
            return end
