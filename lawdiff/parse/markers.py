"""Item numbers ("(2)", "(b)", "(ii)") and the nesting they make.

Both the amending text ("(2) In section 6— (a) …; (b) …") and a quoted
structure ("(A1) … (a) …; (b) …") are lists of numbered items.  A bracketed
number only counts as an item number where an item can start: at the start,
after "—", ":", ";", "." (optionally followed by "and", "or" or "but"), or
after "," / ", and" / a closing quotation mark and "and" when it is the next
number in an open list.  "subsections (2) and (3)" is therefore never split.
Nesting follows the kind of number: a number of a kind already open closes
the items below it; a new kind opens a level.
"""

from __future__ import annotations

import re

import attrs

from lawdiff.parse.quotes import Q_CLOSE

_BRACKET_BODY = (r"(?P<b>\((?P<d>\d{1,3}[A-Z]{0,3}|[A-Z]{1,2}\d{1,3}[A-Z]{0,2}|[a-z]{1,4}"
                 r"|[A-Z]{1,2})\))(?P<after>\s*)")
_BRACKET = re.compile(_BRACKET_BODY)
_FOLLOW_BAD = re.compile(r"\s*(?:(?:and|or|to)\b|[,)\]]|$)")
_STRONG_CHARS = frozenset("\u2014\u2013:;.")
_ROMAN = re.compile(r"(?=[ivxl])x{0,3}(?:ix|iv|v?i{0,3})$")
_UNBRACKETED_SPLIT = re.compile(r"([A-Z]{0,2})(\d+)([A-Z]*)$")


@attrs.define(slots=True)
class Marker:
    """An item number found in a skeleton: where it is and what it is."""

    start: int
    end: int
    num: str
    strong: bool
    kind: str = ""


@attrs.define(slots=True, eq=False)
class Item:
    """A numbered item and its sub-items.  ``own_end`` is where its first sub-item starts."""

    num: str | None
    kind: str
    start: int
    own_start: int
    end: int = 0
    own_end: int = 0
    children: list[Item] = attrs.field(factory=list)


def base_kind(num: str) -> str:
    """The kind of a bracketed number: "num" (1, 2A, A1), "alpha", "roman" or "upper".

    Single letters that are also roman numerals ("i", "v", "x") are "alpha?"
    until their neighbours decide.
    """
    c = num[0]
    if c.isdigit() or (c.isupper() and any(ch.isdigit() for ch in num)):
        return "num"
    if c.isupper():
        return "upper"
    if _ROMAN.match(num):
        return "alpha?" if len(num) == 1 else "roman"
    return "alpha"


def _roman_value(num: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for i, ch in enumerate(num):
        v = values[ch]
        if i + 1 < len(num) and values[num[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def _split_num(num: str) -> tuple[str, int, str] | None:
    m = _UNBRACKETED_SPLIT.match(num)
    if m is None:
        return None
    return m.group(1), int(m.group(2)), m.group(3)


def is_successor(prev: str, cand: str, kind: str) -> bool:
    """True when ``cand`` can be the next number after ``prev`` in a list of ``kind``."""
    if kind == "roman":
        if not _ROMAN.match(cand) or not _ROMAN.match(prev):
            return False
        return _roman_value(cand) == _roman_value(prev) + 1
    if kind == "num":
        a, b = _split_num(prev), _split_num(cand)
        if a is None or b is None or a[0] != b[0]:
            return False
        if b[1] == a[1] + 1:
            return True
        return b[1] == a[1] and b[2] > a[2]
    if kind in ("alpha", "upper"):
        if cand.startswith(prev) and len(cand) == len(prev) + 1:
            return True
        return len(cand) == 1 and ord(cand) == ord(prev[0]) + 1
    return False


def _boundary(sk: str, start: int, s: int, first: int) -> bool | None:
    """Whether an item can start at ``s``: True after a strong boundary, False after a
    weak one (a comma, or "and" after a closing quotation mark), None if not at all.
    ``first`` is where the first character after ``start`` that is not white space is."""
    before = sk[max(start, s - 16):s].rstrip()
    if not before:
        return True if s <= first else None
    c = before[-1]
    if c in _STRONG_CHARS:
        return True
    if c == "-":
        return True if len(before) > 1 and not before[-2].isspace() else None
    if c == ",":
        return False
    if not c.isalpha():
        return None
    parts = before.rsplit(None, 1)
    if len(parts) != 2 or parts[1].lower() not in ("and", "or", "but"):
        return None
    head, word = parts
    c = head[-1]
    if c in _STRONG_CHARS and c != ".":
        return True
    if c == "." and word.lower() != "but":
        return True
    if c == "," or (c == Q_CLOSE and word.lower() != "but"):
        return False
    return None


def find_markers(sk: str, start: int, end: int) -> list[Marker]:
    """The candidate bracketed item numbers in ``sk[start:end]``, in order."""
    out: list[Marker] = []
    if sk.find("(", start, end) < 0:
        return out
    first = start
    while first < end and sk[first].isspace():
        first += 1
    for m in _BRACKET.finditer(sk, start, end):
        s = m.start()
        strong = _boundary(sk, start, s, first)
        if strong is None or _FOLLOW_BAD.match(sk, m.end("b"), end):
            continue
        nxt = sk[m.end()] if m.end() < end else ""
        if m.group("after") or not nxt or nxt in "\ue001\u201c\"(" or nxt.isalpha():
            out.append(Marker(s, m.end("b"), m.group("d"), strong))
    return out


def _resolve_kind(marker: Marker, stack: list[Item]) -> str:
    kind = base_kind(marker.num)
    if kind != "alpha?":
        return kind
    for item in reversed(stack):
        if item.kind == "alpha" and item.num and is_successor(item.num, marker.num, "alpha"):
            return "alpha"
    if any(item.kind == "roman" for item in stack):
        return "roman"
    if stack and stack[-1].kind == "alpha":
        return "roman"
    return "roman" if marker.num == "i" else "alpha"


def build_items(root: Item, markers: list[Marker], end: int) -> list[Marker]:
    """Nest ``markers`` under ``root`` and set every item's extent; return the markers used.

    A weak marker (after a comma or "and") is used only when it continues an
    open list; the others are left as text.
    """
    stack: list[Item] = [root]
    used: list[Marker] = []
    for marker in markers:
        kind = _resolve_kind(marker, stack)
        same = None
        for j in range(len(stack) - 1, 0, -1):
            if stack[j].kind == kind:
                same = j
                break
        if not marker.strong:
            prev = stack[same].num if same is not None else None
            if prev is None or not is_successor(prev, marker.num, kind):
                continue
        if same is not None:
            del stack[same:]
        marker.kind = kind
        item = Item(marker.num, kind, marker.start, marker.end)
        stack[-1].children.append(item)
        stack.append(item)
        used.append(marker)
    _set_ends(root, end)
    return used


def _set_ends(item: Item, end: int) -> None:
    item.end = end
    kids = item.children
    item.own_end = kids[0].start if kids else end
    for i, kid in enumerate(kids):
        _set_ends(kid, kids[i + 1].start if i + 1 < len(kids) else end)
