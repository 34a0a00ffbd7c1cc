"""Quotation marks and white space.

An instruction is read on a *skeleton*: a copy of the text, of the same
length, in which every top-level quotation (quotes included) is replaced by
placeholder characters.  The grammar's regular expressions then never look
inside quoted words, and every position in the skeleton is the same position
in the input, so error spans come for free.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lawdiff.errors import InstructionParseError

Q_OPEN = "\ue001"
Q_FILL = "\ue000"
Q_CLOSE = "\ue002"
#: A masked quotation in a skeleton, for use inside larger patterns.
QUOTE = "\ue001\ue000*\ue002"

_QUOTE_CHARS = re.compile('[\u201c\u201d"]')
_PRIVATE = re.compile("[\ue000-\ue002]")
_SIMPLE_QUOTE = re.compile("\u201c([^\u201c\u201d]*)\u201d")
_OPENERS_BEFORE = "([{\u2014\u2013\u2010\u2011\u2212-/\u2018\u201c"
_CLOSERS_AFTER = ".,;:)]\u2014\u2013\u2010\u2011\u2212-\u2019\u201d"


class Quote(NamedTuple):
    """A top-level quotation: ``start``/``end`` include the quotation marks."""

    start: int
    end: int
    inner: str
    #: The quoted words with white space collapsed (inner quotation marks kept).
    words: str

    @property
    def inner_start(self) -> int:
        """Where the quoted words begin (after the opening mark)."""
        return self.start + 1


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space and the ends stripped."""
    return " ".join(text.split())


def _is_opening(text: str, i: int, depth: int, last_open: bool | None) -> bool:
    """Decide whether the straight quote at ``i`` opens or closes a quotation."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not nxt or nxt.isspace():
        return depth == 0
    if not prev or prev.isspace():
        return True
    if prev == '"' and last_open is not None:
        return last_open
    if prev in _OPENERS_BEFORE:
        return True
    if nxt in _CLOSERS_AFTER:
        return False
    return depth == 0


def scan_quotes(text: str, *, whole: str | None = None, offset: int = 0
                ) -> tuple[str, tuple[Quote, ...]]:
    """Find the top-level quotations in ``text`` and return (skeleton, quotes).

    Curly quotes nest by counting; a straight quote opens or closes according
    to the characters around it.  Raises InstructionParseError for an
    unclosed quotation or a closing mark with no opening one; ``whole`` and
    ``offset`` place the error in the caller's string when ``text`` is part
    of it.
    """
    source = text if whole is None else whole
    quotes: list[Quote] = []
    depth = 0
    start = 0
    last_open: bool | None = None
    bad = _PRIVATE.search(text)
    if bad is not None:
        i = bad.start()
        raise InstructionParseError("unexpected private-use character", text=source,
                                    span=(offset + i, offset + i + 1))
    if '"' not in text:
        simple = _simple_quotes(text)
        if simple is not None:
            return simple
    for m in _QUOTE_CHARS.finditer(text):
        i = m.start()
        ch = m.group()
        opening = ch == "\u201c" if ch != '"' else _is_opening(text, i, depth, last_open)
        last_open = opening
        if opening:
            if depth == 0:
                start = i
            depth += 1
        else:
            if depth == 0:
                raise InstructionParseError("closing quotation mark without an opening one",
                                            text=source, span=(offset + i, offset + i + 1))
            depth -= 1
            if depth == 0:
                inner = text[start + 1:i]
                quotes.append(Quote(start, i + 1, inner, " ".join(inner.split())))
    if depth:
        raise InstructionParseError("unclosed quotation mark", text=source,
                                    span=(offset + start, offset + len(text)))
    if not quotes:
        return text, ()
    parts: list[str] = []
    last = 0
    for q in quotes:
        parts.append(text[last:q.start])
        parts.append(Q_OPEN + Q_FILL * (q.end - q.start - 2) + Q_CLOSE)
        last = q.end
    parts.append(text[last:])
    return "".join(parts), tuple(quotes)


def _simple_quotes(text: str) -> tuple[str, tuple[Quote, ...]] | None:
    """The common case, curly quotes without nesting, done with one regular expression;
    None when the text is not that simple."""
    opens = text.count("\u201c")
    if not opens:
        return (text, ()) if "\u201d" not in text else None
    if text.count("\u201d") != opens:
        return None
    quotes: list[Quote] = []
    parts: list[str] = []
    last = 0
    for m in _SIMPLE_QUOTE.finditer(text):
        start, end = m.span()
        inner = m.group(1)
        quotes.append(Quote(start, end, inner, " ".join(inner.split())))
        parts.append(text[last:start])
        parts.append(Q_OPEN + Q_FILL * (end - start - 2) + Q_CLOSE)
        last = end
    if len(quotes) != opens:
        return None
    parts.append(text[last:])
    return "".join(parts), tuple(quotes)


def curly(text: str) -> str:
    """``text`` (already collapsed) with straight double quotes turned into curly ones."""
    if '"' not in text:
        return text
    try:
        _, quotes = scan_quotes(text)
    except InstructionParseError:
        return text
    out: list[str] = []
    last = 0
    for q in quotes:
        out.append(text[last:q.start])
        out.append("\u201c" + q.inner + "\u201d")
        last = q.end
    out.append(text[last:])
    return "".join(out)
