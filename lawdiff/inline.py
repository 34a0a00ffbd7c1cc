"""Inline markup: marks laid over a provision's plain text (stand-off markup).

A provision's words are plain strings (``Provision.text``, ``heading``,
``wrap_up``, a table cell …), so word search and word operations work on the
words alone.  Inline markup -- emphasis, citations, defined terms, footnote
references, a formula in the middle of a sentence -- is held beside the words
as :class:`Mark` values: a *span* mark covers ``[start, end)`` of one text
field; an *atom* is a zero-width mark at one offset, for markup that has no
words of its own (a footnote or commentary reference, a line break, an inline
image or formula, kept verbatim in ``payload``).

When words change, every mark is carried through the edit by
:func:`map_marks`; the rule for a mark that straddles changed words (written
out in docs/model.md, "Inline markup through amendments") is:

* a mark none of whose words changed moves with its words;
* a mark that encloses the changed words, with untouched words on both sides
  (or an insertion strictly inside it), also covers the new words: new words
  take exactly the marks that enclose them;
* a mark some of whose words were replaced keeps only its untouched words;
  one all of whose words were replaced is gone with them;
* words inserted exactly at a mark's edge fall outside it;
* an atom inside replaced words goes with them; an atom at the edge of an
  edit stays, outside the new words.

Marks nest like XML elements: two marks on one field either are disjoint or
one contains the other, and the order of :attr:`Mark` values in a tuple is
their nesting order (outer first) where they cover the same span.  A mapping
through edits never breaks nesting, because it never reorders offsets.

Mark names are format-neutral ("emphasis", "citation", "term" …, see
:data:`NAMES`) or, for markup the model does not name, the source element's
qualified name ``{namespace}local``; the formats translate the neutral names
and write the qualified ones back unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any
from xml.etree.ElementTree import canonicalize as xml_canonicalize

import attrs

from lawdiff.errors import InvalidStatute

NAMES = frozenset({
    # typography
    "emphasis", "strong", "underline", "smallcaps", "superscript", "subscript", "span",
    # references and semantics
    "citation", "citation-ref", "term", "definition", "abbreviation", "acronym", "quote",
    "date", "inline-amendment",
    # the history of a revised text (legislation.gov.uk's Addition/Substitution/Repeal)
    "addition", "substitution", "repeal",
    # atoms
    "footnote-ref", "commentary-ref", "margin-note-ref", "line-break", "character", "object",
})
"""The neutral mark names; any other name must be a qualified ``{namespace}local`` name."""

ATOMS = frozenset({"footnote-ref", "commentary-ref", "margin-note-ref", "line-break",
                   "character", "object"})
"""Neutral names of zero-width marks."""

Attributes = tuple[tuple[str, str], ...]


def _attributes(value: Iterable[tuple[str, str]]) -> Attributes:
    out = tuple((str(k), str(v)) for k, v in value)
    return out


def _check_name(_instance: Any, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidStatute(f"a mark needs a name, not {value!r}")
    if value not in NAMES and not (value.startswith("{") and "}" in value[1:-1]):
        raise InvalidStatute(f"unknown mark name {value!r}: use a neutral name or "
                             f"{{namespace}}local")


@functools.lru_cache(maxsize=512)
def normal_xml(data: bytes) -> str:
    """XML with namespace prefixes made uniform: two serialisations of one element that
    differ only in the prefixes their documents chose compare equal."""
    try:
        return xml_canonicalize(data.decode("utf-8"), rewrite_prefixes=True)
    except Exception:  # not well-formed on its own: compare as given
        return data.decode("utf-8", errors="replace")


@attrs.frozen(slots=True, eq=False)
class Mark:
    """Markup over ``[start, end)`` of one text field of a node.

    ``field`` names the field ("num", "heading", "text", "wrap_up", or a table
    cell's index as a string); ``name`` the markup (neutral or qualified);
    ``attrs`` its attributes as (qualified name, value) pairs in source order;
    ``payload`` an atom's verbatim content (serialised XML, e.g. MathML), or
    None.  An atom has ``start == end``.
    """

    field: str
    start: int
    end: int
    name: str = attrs.field(validator=_check_name)
    attrs: Attributes = attrs.field(default=(), converter=_attributes)
    payload: bytes | None = None

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise InvalidStatute(f"mark {self.name!r} has a bad span [{self.start}, {self.end})")
        if self.start == self.end and not self.is_atom:
            raise InvalidStatute(f"mark {self.name!r} covers no words")

    @property
    def is_atom(self) -> bool:
        """True for zero-width markup (references, breaks, inline objects)."""
        return self.name in ATOMS or (self.start == self.end and self.payload is not None) or (
            self.start == self.end and self.name.startswith("{"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mark):
            return NotImplemented
        if (self.field, self.start, self.end, self.name, self.attrs) != (
                other.field, other.start, other.end, other.name, other.attrs):
            return False
        if self.payload == other.payload:
            return True
        return self.payload is not None and other.payload is not None and normal_xml(
            self.payload) == normal_xml(other.payload)

    def __hash__(self) -> int:
        payload = normal_xml(self.payload) if self.payload is not None else None
        return hash((self.field, self.start, self.end, self.name, self.attrs, payload))

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of attribute ``name``, or ``default``."""
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def moved(self, start: int, end: int, field: str | None = None) -> Mark:
        """This mark over another span (and field)."""
        new = object.__new__(Mark)
        object.__setattr__(new, "field", self.field if field is None else field)
        object.__setattr__(new, "start", start)
        object.__setattr__(new, "end", end)
        object.__setattr__(new, "name", self.name)
        object.__setattr__(new, "attrs", self.attrs)
        object.__setattr__(new, "payload", self.payload)
        return new


Marks = tuple[Mark, ...]
NO_MARKS: Marks = ()


def to_marks(value: Iterable[Mark]) -> Marks:
    """Converter: any iterable of marks as a tuple."""
    return tuple(value)


def of_field(marks: Marks, field: str) -> Marks:
    """The marks on one field, in their order."""
    return tuple(m for m in marks if m.field == field)


def check_marks(marks: Marks, texts: dict[str, str | None], where: str) -> None:
    """Raise InvalidStatute unless every mark lies within its field's text and marks nest.

    ``texts`` maps each field name to its text (None: the field is empty, so
    only atoms at offset 0 may sit there -- e.g. a commentary reference
    before a heading-less number).
    """
    by_field: dict[str, list[Mark]] = {}
    for m in marks:
        by_field.setdefault(m.field, []).append(m)
    for field, ms in by_field.items():
        if field not in texts:
            raise InvalidStatute(f"{where}: a mark lies on {field!r}, which this node does not have")
        length = len(texts[field] or "")
        open_: list[Mark] = []
        for m in sorted(ms, key=lambda m: (m.start, -m.end)):
            if m.end > length:
                raise InvalidStatute(f"{where}: mark {m.name!r} [{m.start}, {m.end}) runs past "
                                     f"the end of its text ({length} characters)")
            while open_ and open_[-1].end <= m.start and not (
                    open_[-1].end == m.start == m.end and open_[-1].start == m.start):
                open_.pop()
            if open_ and m.end > open_[-1].end:
                raise InvalidStatute(f"{where}: marks {open_[-1].name!r} and {m.name!r} overlap "
                                     f"without nesting")
            if not m.is_atom:
                open_.append(m)


def map_marks(marks: Marks, field: str, edits: Sequence[tuple[int, int, int]],
              inserted: Sequence[Marks] = (), text: str | None = None) -> Marks:
    """Carry the marks of ``field`` through simultaneous edits of its text.

    ``edits`` are non-overlapping ``(start, end, length)``: ``[start, end)``
    of the old text became ``length`` new characters.  ``inserted`` gives, per
    edit (in the same order), marks of the new words themselves, with offsets
    relative to the new words (an inverse re-inserting marked words carries
    them).  Marks of other fields are kept as they are.  The rule is in the
    module docstring; adjacent pieces of one span mark are merged.  With the
    new ``text``, a span mark that now begins or ends with a space is trimmed
    to its words, as a reader would read it.
    """
    if not edits:
        return marks
    order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1]))
    ordered = [edits[i] for i in order]
    out: list[Mark] = []
    for m in marks:
        if m.field != field:
            out.append(m)
            continue
        if m.is_atom:
            place = _map_atom(m.start, ordered)
            if place is not None:
                out.append(m.moved(place, place))
            continue
        start, end = _map_span(m.start, m.end, ordered)
        if start < end:
            out.append(m.moved(start, end))
    for index, extra in zip(order, (inserted[i] if i < len(inserted) else () for i in order),
                            strict=False):
        if not extra:
            continue
        begin = _new_start(edits[index], ordered)
        for m in extra:
            placed = m.moved(m.start + begin, m.end + begin, field)
            if not placed.is_atom and any(
                    o.field == field and not o.is_atom and (o.name, o.attrs) == (m.name, m.attrs)
                    and o.start <= placed.start and placed.end <= o.end for o in out):
                continue  # already inside the same markup, which grew over the new words
            out.append(placed)
    merged = _merge(tuple(out))
    return merged if text is None else trim(merged, field, text)


def trim(marks: Marks, field: str, text: str) -> Marks:
    """Span marks of ``field`` trimmed to words (no space at either edge); empty ones dropped."""
    out: list[Mark] = []
    for m in marks:
        if m.field != field or m.is_atom:
            out.append(m)
            continue
        start, end = m.start, m.end
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if start < end:
            out.append(m if (start, end) == (m.start, m.end) else m.moved(start, end))
    return tuple(out)


def _new_start(edit: tuple[int, int, int], ordered: Sequence[tuple[int, int, int]]) -> int:
    shift = 0
    for e in ordered:
        if e is edit:
            return e[0] + shift
        shift += e[2] - (e[1] - e[0])
    raise AssertionError("edit not among the edits")


def _map_atom(offset: int, ordered: Sequence[tuple[int, int, int]]) -> int | None:
    shift = 0
    for start, end, length in ordered:
        if end <= offset and not (start == end == offset):
            shift += length - (end - start)
        elif start < offset < end:
            return None
        elif start == end == offset:
            # Words inserted at an atom go after it (the atom belongs to what precedes).
            shift += 0
    return offset + shift


def _map_span(start: int, end: int, ordered: Sequence[tuple[int, int, int]]) -> tuple[int, int]:
    shift_start = shift_end = 0
    new_start: int | None = None
    new_end: int | None = None
    for e_start, e_end, length in ordered:
        grow = length - (e_end - e_start)
        if new_start is None:
            if e_end <= start:
                shift_start += grow
            elif e_start <= start < e_end:
                new_start = e_start + shift_start + length
        if new_end is None:
            if e_end < end or (e_start == e_end < end):
                shift_end += grow
            elif e_start < end <= e_end:
                new_end = e_start + shift_end
    first = new_start if new_start is not None else start + shift_start
    last = new_end if new_end is not None else end + shift_end
    return (first, last) if first <= last else (last, last)


def _merge(marks: Marks) -> Marks:
    """Join span marks of one field, name and attributes that meet end to start.

    Two pieces are not joined where the whole would cross the edge of another
    span mark (``<b>a<i>b</i></b><i>c</i>`` keeps its two emphases).
    """
    out: list[Mark] = []
    for m in marks:
        if not m.is_atom:
            for i, prev in enumerate(out):
                if (not prev.is_atom and prev.field == m.field and prev.name == m.name
                        and prev.attrs == m.attrs and prev.payload == m.payload
                        and (prev.end == m.start or m.end == prev.start)
                        and _nests(min(prev.start, m.start), max(prev.end, m.end), m.field,
                                   marks)):
                    out[i] = prev.moved(min(prev.start, m.start), max(prev.end, m.end))
                    break
            else:
                out.append(m)
        else:
            out.append(m)
    return tuple(out)


def _nests(start: int, end: int, field: str, marks: Marks) -> bool:
    """Whether ``[start, end)`` nests with every span mark of ``field`` (inside, outside or apart)."""
    return all(o.is_atom or o.field != field or o.end <= start or o.start >= end
               or (start <= o.start and o.end <= end) or (o.start <= start and end <= o.end)
               for o in marks)


def slice_marks(marks: Marks, field: str, start: int, end: int) -> Marks:
    """The marks of ``field`` within ``[start, end)``, clipped and shifted to start at 0.

    Atoms strictly inside the span are kept; a span mark partly inside keeps
    its part inside.  Used to carry marked words into an inverse edit.
    """
    out: list[Mark] = []
    for m in marks:
        if m.field != field:
            continue
        if m.is_atom:
            if start < m.start < end:
                out.append(m.moved(m.start - start, m.start - start))
            continue
        a, b = max(m.start, start), min(m.end, end)
        if a < b:
            out.append(m.moved(a - start, b - start))
    return tuple(out)


_XML_SPACE = re.compile(r"[ \t\r\n]+")


def collapse_space(text: str) -> str:
    """XML white space collapsed to single spaces, ends stripped (no-break spaces kept)."""
    return _XML_SPACE.sub(" ", text).strip(" ")


def collapse_marked(text: str, marks: Marks, field: str) -> tuple[str, Marks]:
    """XML white space (space, tab, line ends) collapsed to single spaces and the ends
    stripped, with marks remapped; other spaces (a no-break space) are words' own.

    Readers gather raw text with marks at raw offsets, then call this.  A
    span mark that held only white space disappears; atoms keep their place.
    """
    if not any(m.field == field for m in marks):
        return collapse_space(text), marks
    keep: list[int] = []  # raw index of each kept character
    out: list[str] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch in " \t\r\n":
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            keep.append(i - 1)
            pending_space = False
        out.append(ch)
        keep.append(i)
    new_text = "".join(out)
    if not marks:
        return new_text, marks

    import bisect

    def at(raw: int) -> int:
        return bisect.bisect_left(keep, raw)

    mapped: list[Mark] = []
    for m in marks:
        if m.field != field:
            mapped.append(m)
            continue
        if m.is_atom:
            mapped.append(m.moved(at(m.start), at(m.start)))
            continue
        start, end = at(m.start), at(m.end)
        # A mark does not begin or end on a space it shares with unmarked words.
        while start < end and new_text[start] == " ":
            start += 1
        while end > start and new_text[end - 1] == " ":
            end -= 1
        if start < end:
            mapped.append(m.moved(start, end))
    return new_text, tuple(mapped)
