"""The numbered pieces of an amending provision, from a document's tree or from plain text.

A :class:`Piece` is one numbered item of an amending provision (a section,
a Schedule paragraph, a subsection, a paragraph …): its number, its own
words, the quoted structures standing after them, its sub-items and its
closing words.  :func:`pieces_of_provision` builds them from a provision of
an Act read by any reader; :func:`pieces_of_text` from amending provisions
printed as plain text ("2 (1) The … Act 1970 is amended as follows." /
"(2) In section 6 …—" / "(a) …"), one item per line, where a line inside an
open quotation belongs to the item above it.
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

from lawdiff.formats.clml_fragment import is_block_amendment, quoted_words
from lawdiff.formats.xml import from_canonical, local
from lawdiff.model import Node, Omitted, Opaque, Provision, Table, words_of

_QUOTED_ROLES = frozenset({"quotedStructure", "embeddedStructure", "quotedText"})
_INLINE_STRUCTURES = frozenset({"quotedStructure", "embeddedStructure"})
_INLINE_QUOTES = frozenset({"quotedText", "quote"})
_OPENING = ("\u201c", "\u2018", '"')
_APPENDED_ROLES = frozenset({"AppendText"})
_SKIPPED_ROLES = frozenset({"Reference", "FootnoteRef", "MarginNote"})


@attrs.frozen(slots=True)
class Quoted:
    """A quoted structure of an instrument: its words as printed, and its source XML.

    ``fmt`` is the format it was read from ("clml", "akn") and ``xml`` its
    canonical XML, or None for a quotation read from plain text.
    """

    words: str
    fmt: str | None = None
    xml: bytes | None = None


@attrs.define(slots=True)
class Piece:
    """One numbered item of an amending provision and everything below it.

    ``after`` are the quoted structures (and words appended to them, such as
    the "." that closes the sentence) standing after ``text``, in order;
    ``heading`` is a heading printed over it (a cross-heading, a
    provision's own heading).
    """

    num: str | None
    text: str = ""
    children: list[Piece] = attrs.field(factory=list)
    after: list[Quoted | str] = attrs.field(factory=list)
    wrap_up: str | None = None
    heading: str | None = None
    bare: bool = False

    @property
    def quoted(self) -> list[Quoted]:
        """The quoted structures standing after the words."""
        return [q for q in self.after if isinstance(q, Quoted)]

    def own_words(self) -> str:
        """The item's words with its quotations as printed (not its sub-items)."""
        out = self.text
        for part in self.after:
            quoted = f" \u201c{part.words}\u201d" if isinstance(part, Quoted) else part
            out = f"{out}{quoted}"
        return spaced(out)

    def words(self, numbered: bool = True) -> str:
        """All the item's words as printed: number, words, sub-items, closing words."""
        parts = [self.label() if numbered and self.num else "", self.own_words()]
        parts.extend(child.words() for child in self.children)
        parts.append(self.wrap_up or "")
        return spaced(" ".join(p for p in parts if p))

    def label(self) -> str:
        """The number as printed: "(a)" for an item, bare for a section or paragraph."""
        if self.num is None:
            return ""
        return self.num if _BARE.fullmatch(self.num) and self.bare else f"({self.num})"


_BARE = re.compile(r"[A-Z]{0,2}\d+[A-Z]{0,3}")
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def spaced(text: str) -> str:
    """Runs of white space made one space, ends stripped; a no-break space is a character of
    the text, kept as the readers keep it."""
    return _XML_SPACE.sub(" ", text).strip(" \t\r\n")


def pieces_of_provision(node: Provision, bare: bool = True) -> Piece:
    """The piece for a provision of an amending Act (numbers bare at its top, bracketed below).

    Quoted structures held inline (Akoma Ntoso's ``quotedStructure``, kept by
    its reader as an atom carrying the element) split the words where they
    stand; quoted words marked ``quotedText`` without quotation marks of their
    own get them, so the parser sees what was printed.
    """
    text, after = _inline_quotes(node)
    piece = Piece(node.num.value if node.num is not None else None, text,
                  heading=node.heading, wrap_up=node.wrap_up, bare=bare, after=after)
    for child in node.children:
        _add_child(piece, child)
    return piece


def _inline_quotes(node: Provision) -> tuple[str, list[Quoted | str]]:
    """A provision's own words, with inline quotations as printed and inline quoted structures
    taken out (see :func:`pieces_of_provision`)."""
    text = node.text or ""
    marks = [m for m in node.marks if m.field == "text"]
    if not marks:
        return text, []
    # (offset, order, what): closing marks, then structures, then opening marks at one offset
    events: list[tuple[int, int, Quoted | str]] = []
    for m in marks:
        name = m.name.rpartition("}")[2]
        if m.is_atom and m.payload is not None:
            element = _element(m.payload)
            if element is not None and local(element) in _INLINE_STRUCTURES:
                words = _structure_words(element)
                events.append((m.start, 1, Quoted(words, "akn", m.payload)))
        elif name in _INLINE_QUOTES and not text[m.start:m.end].startswith(_OPENING):
            events.append((m.start, 2, m.get("startQuote") or "\u201c"))
            events.append((m.end, 0, m.get("endQuote") or "\u201d"))
    if not events:
        return text, []
    parts: list[Quoted | str] = []
    buffer = ""
    at = 0
    for offset, _, what in sorted(events, key=lambda e: (e[0], e[1])):
        buffer += text[at:offset]
        at = offset
        if isinstance(what, Quoted):
            parts.extend((buffer, what))
            buffer = ""
        else:
            buffer += what
    parts.append(buffer + text[at:])
    head = parts[0]
    assert isinstance(head, str)
    after = [p for p in parts[1:] if isinstance(p, Quoted) or p.strip()]
    return head.strip(), after


_BLOCK_NAMES = frozenset({"num", "heading", "subheading", "p", "content", "intro", "wrapUp",
                          "wrapup", "li", "tr", "td", "th", "blockList", "item"})


def _structure_words(element: etree._Element) -> str:
    """A quoted structure's words, blocks (numbers, headings, paragraphs) apart."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        block = local(el) in _BLOCK_NAMES
        if block:
            parts.append(" ")
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")

    walk(element)
    return spaced("".join(parts))


def _element(payload: bytes) -> etree._Element | None:
    try:
        return from_canonical(payload)
    except etree.XMLSyntaxError:
        return None


def _add_child(piece: Piece, child: Node) -> None:
    if isinstance(child, Provision) and not child.kind.content:
        piece.children.append(pieces_of_provision(child, bare=False))
    elif isinstance(child, Provision):
        # Unnumbered content (a further paragraph, a list): its words join the item's.
        words = words_of(child)
        if words:
            _append_words(piece, words)
    elif isinstance(child, Opaque):
        if is_block_amendment(child) or child.role in _QUOTED_ROLES:
            text = quoted_words(child.xml) if is_block_amendment(child) else " ".join(child.words)
            piece.after.append(Quoted(text, child.fmt, child.xml))
        elif child.role in _APPENDED_ROLES:
            piece.after.append(" ".join(child.words))
        elif child.role not in _SKIPPED_ROLES and child.words:
            _append_words(piece, " ".join(child.words))
    elif isinstance(child, Table):
        _append_words(piece, " ".join(" | ".join(r.cells) for r in child.rows))
    elif isinstance(child, Omitted):
        return


def _append_words(piece: Piece, words: str) -> None:
    if piece.children:
        last = piece.children[-1]
        last.wrap_up = f"{last.wrap_up} {words}" if last.wrap_up else words
    elif piece.after:
        piece.after.append(f" {words}")
    else:
        piece.text = f"{piece.text} {words}".strip()


# --- plain text -------------------------------------------------------------------------------

_PRIMARY_LINE = re.compile("^(?P<n>\\d{1,4}[A-Z]{0,3})(?:\\.\\s*[\u2014\u2013-]?|\\s*[\u2014\u2013])?"
                           "\\s+(?=[(A-Z\u201c\u2018\"])")
_ITEM_START = re.compile(r"^\((?P<n>\d{1,3}[A-Z]{0,3}|[a-z]{1,4}|[A-Z]{1,3})\)\s*")
_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_END_OF_SENTENCE = ("." , ";", ":", "\u2014", "\u2013", "-", ",", "and", "or")
_NUMBER_LEVEL, _ALPHA_LEVEL, _ROMAN_LEVEL, _UPPER_LEVEL = 1, 2, 3, 4


def pieces_of_text(text: str) -> list[Piece]:
    """The pieces of amending provisions printed as plain text, one item per line.

    A line starting with a number ("2 ", "2.—") starts a provision; one
    starting with a bracketed number starts an item, nested by its style
    ((1), then (a), then (i), then (A)); a line inside an open quotation, or
    one continuing an unfinished sentence, belongs to the item above; an
    unnumbered line that ends no sentence and follows a finished one is a
    heading over the next provision.  Returns the top-level pieces (a text
    whose first line is an item gives pieces with no provision above them).
    """
    roots: list[Piece] = []
    stack: list[tuple[int, Piece]] = []
    heading: str | None = None
    depth = 0
    straight = False
    for raw in text.splitlines():
        line = spaced(raw)
        if not line:
            continue
        open_quote = depth > 0 or straight
        depth, straight = _quote_state(line, depth, straight)
        if not open_quote:
            m = _PRIMARY_LINE.match(line)
            if m is not None:
                piece = Piece(m.group("n"), heading=heading, bare=True)
                heading = None
                roots.append(piece)
                stack = [(0, piece)]
                rest = line[m.end():]
                item = _ITEM_START.match(rest)
                if item is None:
                    piece.text = rest
                else:
                    _push_item(stack, roots, item.group("n"), rest[item.end():])
                continue
            item = _ITEM_START.match(line)
            if item is not None:
                _push_item(stack, roots, item.group("n"), line[item.end():])
                continue
            if (stack and not _finished(stack[-1][1].text)) or line[:1] in "\u201c\u2018\"":
                pass
            elif not line.endswith((".", ";", ":", "\u2014", "\u2013")):
                heading = f"{heading} {line}" if heading else line
                continue
        if not stack:
            piece = Piece(None, line)
            roots.append(piece)
            stack = [(0, piece)]
            continue
        current = stack[-1][1]
        current.text = f"{current.text} {line}".strip()
    return roots


def _quote_state(line: str, depth: int, straight: bool) -> tuple[int, bool]:
    for ch in line:
        if ch == "\u201c":
            depth += 1
        elif ch == "\u201d" and depth:
            depth -= 1
        elif ch == '"':
            straight = not straight
    return depth, straight


def _finished(words: str) -> bool:
    words = words.rstrip()
    return not words or words.endswith(_END_OF_SENTENCE) or words.endswith("\u201d")


def _push_item(stack: list[tuple[int, Piece]], roots: list[Piece], num: str, rest: str) -> None:
    level = _level(num, stack)
    piece = Piece(num, rest)
    while stack and stack[-1][0] >= level:
        stack.pop()
    if stack:
        stack[-1][1].children.append(piece)
    else:
        roots.append(piece)
    stack.append((level, piece))


def _level(num: str, stack: list[tuple[int, Piece]]) -> int:
    """How deep a bracketed number sits: (1) under a provision, (a) under that, (i), (A)."""
    if num[0].isdigit():
        return _NUMBER_LEVEL
    if num.isupper():
        return _UPPER_LEVEL
    if _ROMAN.fullmatch(num):
        alpha = next((p for lv, p in reversed(stack) if lv == _ALPHA_LEVEL), None)
        roman = next((p for lv, p in reversed(stack) if lv == _ROMAN_LEVEL), None)
        if roman is not None and roman.num is not None and _roman_next(roman.num) == num:
            return _ROMAN_LEVEL
        if alpha is not None and alpha.num is not None and _letter_next(alpha.num) == num:
            return _ALPHA_LEVEL
        if alpha is not None and (num == "i" or roman is not None):
            return _ROMAN_LEVEL
    return _ALPHA_LEVEL


def _letter_next(num: str) -> str:
    return num[:-1] + chr(ord(num[-1]) + 1) if num[-1] != "z" else num + "a"


_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
           "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]


def _roman_next(num: str) -> str | None:
    if num in _ROMANS[:-1]:
        return _ROMANS[_ROMANS.index(num) + 1]
    return None


__all__ = ["Piece", "Quoted", "pieces_of_provision", "pieces_of_text", "spaced"]
