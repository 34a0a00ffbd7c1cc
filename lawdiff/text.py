"""Finding and changing words in a provision's text.

A provision's words live in *segments*: its own text (or opening words), the
segments of its children in document order, its closing words, and the cells
of any table in it.  An instruction "in subsection (6), for “X” substitute
“Y”" searches every segment of subsection (6), including its paragraphs.

Matching is exact, except that straight and typographic quotation marks and
apostrophes count as the same character, and quoted words must stand on word
boundaries ("and" is not found inside "England").  How many matches an
instruction may have is its :class:`Occurrence` rule.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from lawdiff.address import Address
from lawdiff.errors import AmbiguousWords, InvalidAmendment, RangeNotExpressible, WordsNotFound
from lawdiff.inline import Marks, slice_marks
from lawdiff.model import NOT_XML_CHAR, Node, Omitted, Opaque, Path, Provision, Row, Table

# Closing punctuation of a list item or sentence: "at the end" goes before it.
_CLOSING_RE = re.compile(r"(?:[;,]\s+(?:and|or)|[.;,:]|\u2014)$")
_WORD_RE = re.compile(r"\S+")
_NO_SPACE_BEFORE = ",.;:)\u2014"  # legislation sets a closing dash tight: "means—"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")


def must_be_str(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: the value is a string (malformed input is an InvalidAmendment)."""
    if not isinstance(value, str):
        raise InvalidAmendment(f"{attribute.name} must be text, not {value!r}")
    _xml_chars(attribute.name, value)


def _xml_chars(name: str, value: str) -> None:
    bad = NOT_XML_CHAR.search(value)
    if bad is not None:
        raise InvalidAmendment(f"{name} holds control character U+{ord(bad.group()):04X}, which "
                               f"no document format can carry: {value!r}")


def may_be_str(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: the value is a string or None."""
    if value is not None and not isinstance(value, str):
        raise InvalidAmendment(f"{attribute.name} must be text, not {value!r}")
    if value is not None:
        _xml_chars(attribute.name, value)


def fold(text: str) -> str:
    """The text with typographic quotes folded to straight ones (same length, so that offsets
    in the folded text are offsets in the original)."""
    if text.isascii():
        return text
    # (str.replace runs in C over the text; str.translate looks each character up in a dict)
    return text.replace("\u2018", "'").replace("\u2019", "'").replace(
        "\u201c", '"').replace("\u201d", '"')


def collapse(text: str) -> str:
    """White space collapsed to single spaces, ends stripped."""
    return " ".join(text.split())


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Occurrence:
    """Which matches of the words an instruction acts on.

    ``rule`` is "only" (the default: the words must occur exactly once),
    "both" ("in both places": exactly twice), "each" ("in each place",
    "wherever occurring": every occurrence, at least one), "last" ("where it
    last occurs": the last of at least one occurrence) or "nth" (the 1-based
    ``indices``: "where it first occurs", "in the second place").
    """

    rule: str = "only"
    indices: tuple[int, ...] = attrs.field(default=(), converter=_ints)

    def __attrs_post_init__(self) -> None:
        if self.rule not in ("only", "both", "each", "last", "nth"):
            raise InvalidAmendment(f"unknown occurrence rule {self.rule!r}")
        if (self.rule == "nth") != bool(self.indices):
            raise InvalidAmendment("occurrence indices go with the rule 'nth' and only with it")
        if list(self.indices) != sorted(set(self.indices)) or any(i < 1 for i in self.indices):
            raise InvalidAmendment(f"occurrence indices must be distinct, ascending and from 1: "
                                   f"{self.indices}")

    @classmethod
    def nth(cls, *indices: int) -> Occurrence:
        """The given 1-based occurrences."""
        return cls("nth", tuple(indices))

    def describe(self) -> str:
        """The instruction's words for this rule ("in both places", "where it second occurs")."""
        if self.rule == "only":
            return ""
        if self.rule == "both":
            return "in both places"
        if self.rule == "each":
            return "in each place"
        if self.rule == "last":
            return "where it last occurs"
        names = [_ORDINALS[i - 1] if i <= len(_ORDINALS) else f"{i}th" for i in self.indices]
        return f"in the {' and '.join(names)} place{'s' if len(names) > 1 else ''}"

    def select(self, count: int) -> list[int] | str:
        """The 0-based matches to act on out of ``count``, or a message saying why none fit."""
        if self.rule == "only":
            if count == 0:
                return "do not occur"
            return [0] if count == 1 else f"must occur exactly once but occur {count} times"
        if self.rule == "both":
            if count == 2:
                return [0, 1]
            return f"must occur in exactly two places (\u201cin both places\u201d) but occur {count} times"
        if self.rule == "each" or count == 0:
            return list(range(count)) if count else "do not occur"
        if self.rule == "last":
            return [count - 1]
        if self.indices[-1] > count:
            return f"occurrence {self.indices[-1]} was asked for but the words occur {count} times"
        return [i - 1 for i in self.indices]


def _may_be_address(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Address):
        raise InvalidAmendment(f"{attribute.name} must be an Address, not {value!r}")


@attrs.frozen(slots=True)
class Words:
    """The words an instruction names: a phrase, or a range "from X to Y" / "from X to the end"
    / "from the beginning to X".

    Ranges are inclusive of both ends.  "From the beginning" (``from_start``,
    with ``text`` the words the range ends with) runs from the start of the
    provision's own text, and those words must be in it (see
    :func:`find_words`).  "To the end" runs to the end of the
    provision amended -- or of ``end_of``, a provision within it ("to the end
    of paragraph (b)") -- and must end in the text the first words are in:
    a range that would run on through other provisions' text is refused
    (see :func:`find_words`), never cut short.

    "The words after “X”" (``after``) and "the words before “X”" (``before``),
    with ``text`` the words X, leave X out: they run from just after X to the
    end of the provision's text (closing punctuation aside), as "to the end"
    does, or from the start of the provision's own text to just before X, as
    "from the beginning" does; the spaces next to X are not theirs.
    """

    text: str = attrs.field(validator=must_be_str)
    until: str | None = attrs.field(default=None, validator=may_be_str)
    to_end: bool = False
    end_of: Address | None = attrs.field(default=None, validator=_may_be_address)
    from_start: bool = False
    after: bool = False
    before: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.text.strip():
            raise InvalidAmendment("quoted words must not be empty")
        if (self.after or self.before) and (self.after + self.before + self.from_start > 1
                                            or self.until is not None or self.to_end):
            raise InvalidAmendment("the words after (before) given words have no other end")
        if self.from_start and (self.until is not None or self.to_end):
            raise InvalidAmendment("a range from the beginning ends at given words (text), "
                                   "with no other end")
        if self.until is not None and self.to_end:
            raise InvalidAmendment("a range ends either at given words or at the end, not both")
        if self.until is not None and not self.until.strip():
            raise InvalidAmendment("the end of a range must not be empty")
        if self.end_of is not None and not self.to_end:
            raise InvalidAmendment("end_of goes with to_end: a range to the end of a provision")

    @property
    def is_range(self) -> bool:
        """True for "the words from … to …"."""
        return self.until is not None or self.to_end or self.from_start or self.after \
            or self.before

    def subject(self) -> str:
        """The words as the subject of a sentence: "the words “X”", "the words from …"."""
        return self.describe() if self.is_range else f"the words {self.describe()}"

    def describe(self) -> str:
        """The words as an instruction would cite them."""
        if self.from_start:
            return f"the words from the beginning to \u201c{self.text}\u201d"
        if self.after or self.before:
            return f"the words {'after' if self.after else 'before'} \u201c{self.text}\u201d"
        if self.until is not None:
            return f"the words from \u201c{self.text}\u201d to \u201c{self.until}\u201d"
        if self.to_end:
            end = f" of {self.end_of}" if self.end_of is not None else ""
            return f"the words from \u201c{self.text}\u201d to the end{end}"
        return f"\u201c{self.text}\u201d"


@attrs.frozen(slots=True)
class SegmentRef:
    """Where a run of text lives, relative to a target node.

    ``path`` is the index path below the target; ``field`` is "text",
    "wrap_up" or "cell" (then ``row`` and ``cell`` say which).
    """

    path: Path
    field: str
    row: int | None = None
    cell: int | None = None


@attrs.frozen(slots=True)
class Segment:
    """One run of text with where it lives and a label for messages ("s. 6(2)")."""

    ref: SegmentRef
    text: str
    label: str


@attrs.frozen(slots=True)
class Match:
    """Quoted words found: segment index and [start, end) offsets in that segment.

    ``problem`` says why a range cannot be changed from there (it would run on
    through other text, or its end lies before it); such a match still counts
    for the occurrence rule, and is refused only if the rule chooses it.
    """

    segment: int
    start: int
    end: int
    problem: str | None = None


@attrs.frozen(slots=True)
class TextEdit:
    """Replace ``[start, end)`` of one segment by ``new``.

    ``core`` marks, inside ``new``, the amending words proper (without the
    spacing the edit added), for annotations; for an omission it marks the
    omitted words inside the old text.  ``marks`` is inline markup of the new
    words (offsets within ``new``): an exact inverse puts back the marks of the
    words it restores.
    """

    ref: SegmentRef
    start: int
    end: int
    new: str
    core: tuple[int, int] = (0, 0)
    marks: Marks = ()


ChildLabel = Callable[[str, Provision], str]
OWN_TEXT = SegmentRef((), "text")
"""The segment of a node's own text (values are immutable: one serves every such segment)."""


def segments(node: Node, label: str, row: int | None = None,
             child_label: ChildLabel | None = None) -> list[Segment]:
    """Every segment of ``node`` in document order (for a table and ``row``: that row's cells).

    ``label`` names ``node`` in messages; ``child_label(label, child)`` names
    a child (default: the label with the child's number appended).
    """
    out: list[Segment] = []
    _collect(node, (), label, row, out, child_label or _default_child_label)
    return out


def _default_child_label(label: str, child: Provision) -> str:
    if child.num is None or child.kind.content:
        return label
    return f"{label}({child.num})"


def _collect(node: Node, path: Path, label: str, row: int | None, out: list[Segment],
             child_label: ChildLabel) -> None:
    if isinstance(node, (Omitted, Opaque)):
        return
    if isinstance(node, Table):
        rows: Iterable[tuple[int, Row]] = (
            [(row, node.rows[row])] if row is not None else enumerate(node.rows))
        for r, the_row in rows:
            for c, cell in enumerate(the_row.cells):
                out.append(Segment(SegmentRef(path, "cell", r, c), cell,
                                   f"{label} entry for \u201c{the_row.entry}\u201d"))
        return
    if node.text is not None:
        out.append(Segment(SegmentRef(path, "text") if path else OWN_TEXT, node.text, label))
    for i, child in enumerate(node.children):
        sub = child_label(label, child) if isinstance(child, Provision) else label
        _collect(child, (*path, i), sub, None, out, child_label)
    if node.wrap_up is not None:
        out.append(Segment(SegmentRef(path, "wrap_up"), node.wrap_up, f"{label} (closing words)"))


def find_phrase(text: str, words: str) -> list[tuple[int, int]]:
    """Every [start, end) where ``words`` occurs in ``text`` on word boundaries (quotes folded)."""
    return _find_folded(text, fold(collapse(words)))


def _find_folded(text: str, needle: str) -> list[tuple[int, int]]:
    """:func:`find_phrase` of words already collapsed and folded."""
    hay = fold(text)
    out: list[tuple[int, int]] = []
    start = hay.find(needle)
    if start < 0:
        return out
    size, length = len(needle), len(hay)
    word_first, word_last = needle[0].isalnum(), needle[-1].isalnum()
    while start >= 0:
        end = start + size
        ok_left = start == 0 or not (word_first and hay[start - 1].isalnum())
        ok_right = end == length or not (word_last and hay[end].isalnum())
        if ok_left and ok_right:
            out.append((start, end))
        start = hay.find(needle, start + 1)
    return out


def sole_match(text: str, words: Words) -> tuple[int, int] | None:
    """Where the phrase ``words`` stands in ``text`` when it stands there exactly once, else
    None (for a range too: the general search then answers, or explains)."""
    if words.is_range:
        return None
    found = _find_folded(text, fold(collapse(words.text)))
    return found[0] if len(found) == 1 else None


def content_end(text: str) -> int:
    """Where "at the end" inserts: before closing ".", ";", "; and", ", or" etc."""
    m = _CLOSING_RE.search(text)
    return m.start() if m else len(text)


def find_words(segs: Sequence[Segment], words: Words, end_scope: Path = ()
               ) -> tuple[list[Match], str | None]:
    """All matches of ``words`` in the segments, in document order.

    For a range the match runs from the start words to the end of the first
    following end words in the same segment, or "to the end": to
    :func:`content_end` of the last segment of the provision at ``end_scope``
    (a path relative to the segments' node; ``()`` is the node itself).  The
    start words must then be in that last segment: from anywhere before it the
    range would run on through other text, and after it the range would end
    before it starts.  Such starts are still matches, so that an occurrence
    rule counts every place the words occur, but carry a ``problem`` that
    :func:`select` raises if the rule chooses one.  The second value explains
    a partial failure (start words found, end words not), else None.
    """
    out: list[Match] = []
    missing_end = None
    scope: list[int] = []
    if words.to_end or words.after:
        scope = [i for i, seg in enumerate(segs) if seg.ref.path[:len(end_scope)] == end_scope]
    last = scope[-1] if scope else -1
    needle = fold(collapse(words.text))
    if words.from_start or words.before:
        return _from_start(segs, words, needle), None
    if words.until is None and not words.to_end and not words.after:  # a phrase, not a range
        return [Match(i, start, end) for i, seg in enumerate(segs)
                for start, end in _find_folded(seg.text, needle)], None
    for i, seg in enumerate(segs):
        for start, end in _find_folded(seg.text, needle):
            problem = None
            if words.until is not None:
                tails = [t for t in find_phrase(seg.text, words.until) if t[0] >= end]
                if not tails:
                    missing_end = (f"\u201c{words.until}\u201d does not follow "
                                   f"\u201c{words.text}\u201d in {seg.label}")
                    continue
                end = tails[0][1]
            elif words.to_end or words.after:
                if not scope:
                    problem = "the range ends in a provision with no words (one repealed or omitted)"
                elif i > last:
                    problem = (f"\u201c{words.text}\u201d in {seg.label} comes after "
                               f"{segs[last].label}, where the range ends")
                elif i < last and segs[i + 1].label == seg.label:  # cells of one entry
                    problem = (f"from \u201c{words.text}\u201d in {seg.label} it would run on "
                               f"into the entry's next column: lawdiff changes the words of "
                               f"one column at a time")
                elif i < last:
                    problem = (f"from \u201c{words.text}\u201d in {seg.label} it would run on "
                               f"through {segs[i + 1].label}: lawdiff changes words within one "
                               f"provision's text, so amend the provisions in between by name")
                elif words.after:
                    start, end = _after(seg.text, end)
                    if start >= end:
                        problem = f"no words follow \u201c{words.text}\u201d in {seg.label}"
                else:
                    end = max(end, content_end(seg.text))
            out.append(Match(i, start, end, problem))
    return out, missing_end


def _from_start(segs: Sequence[Segment], words: Words, needle: str) -> list[Match]:
    """The matches of a range "from the beginning to “X”": from the start of the target's
    own text to the end of each “X” in it.  “X” anywhere else is a match with a
    ``problem``, so that the occurrence rule counts it but refuses to change from it."""
    out: list[Match] = []
    own = bool(segs) and segs[0].ref == SegmentRef((), "text")
    for i, seg in enumerate(segs):
        for start, end in _find_folded(seg.text, needle):
            if own and i == 0 and words.before:
                stop = len(seg.text[:start].rstrip())
                out.append(Match(0, 0, stop, None if stop else
                                 f"no words come before \u201c{words.text}\u201d in {seg.label}"))
                continue
            if own and i == 0:
                out.append(Match(0, 0, end))
                continue
            if not own:
                problem = (f"{segs[0].label} is not the provision's own text, where a range "
                           f"from the beginning begins")
            else:
                problem = (f"\u201c{words.text}\u201d in {seg.label} comes after the "
                           f"provision's own words: from the beginning the range would run "
                           f"on through {segs[1].label}: lawdiff changes words within one "
                           f"provision's text")
            out.append(Match(i, start, end, problem))
    return out


def _after(text: str, end: int) -> tuple[int, int]:
    """The words after given words ending at ``end``: from the next word to the end of
    the text, closing punctuation aside (the span is empty when there are none)."""
    stop = content_end(text)
    start = end + (len(text[end:]) - len(text[end:].lstrip()))
    return min(start, max(stop, end)), max(stop, end)


def place(seg: Segment, start: int, end: int, width: int = 30) -> str:
    """A place for messages: "s. 6(2): “…of [director of] social…”"."""
    text = seg.text
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    pre = "\u2026" if start > width else ""
    post = "\u2026" if end + width < len(text) else ""
    return f"{seg.label}: \u201c{pre}{left}[{text[start:end]}]{right}{post}\u201d"


def select(segs: Sequence[Segment], words: Words, occurrence: Occurrence, *,
           operation: str | Callable[[], str], provision: str | Callable[[], str],
           end_scope: Path = ()) -> list[Match]:
    """The matches an instruction acts on, or an error naming the words and the places found.

    ``operation`` and ``provision`` name the instruction and its target in
    the error; either may be a function, called only when there is an error.
    ``end_scope`` is where a range "to the end" ends (see :func:`find_words`).
    """
    matches, missing_end = find_words(segs, words, end_scope)
    if len(matches) == 1 and occurrence.rule == "only" and matches[0].problem is None:
        return matches  # the usual case: the words occur once, as they must
    chosen = occurrence.select(len(matches))
    if isinstance(chosen, list):
        picked = [matches[i] for i in chosen]
        bad = next((m for m in picked if m.problem is not None), None)
        if bad is not None:
            assert bad.problem is not None
            raise RangeNotExpressible(
                f"the range cannot be changed as one run of words: {bad.problem}",
                words=words.describe(),
                operation=operation() if callable(operation) else operation,
                provision=provision() if callable(provision) else provision)
        if not any(a.segment == b.segment and b.start < a.end for a, b in itertools.pairwise(picked)):
            return picked
        chosen = "overlap one another, so the places to change are not distinct"
    if callable(operation):
        operation = operation()
    if callable(provision):
        provision = provision()
    places = [place(segs[m.segment], m.start, m.end) for m in matches]
    if not matches:
        reason = missing_end or f"{words.subject()} {chosen}"
        if not missing_end:
            near = _near_miss(segs, words.text)
            if near:
                reason += f"; similar words found at: {near}"
        raise WordsNotFound(reason, words=words.describe(), operation=operation, provision=provision)
    if len(matches) < (2 if occurrence.rule == "both" else max(occurrence.indices or (1,))):
        raise WordsNotFound(f"{words.subject()}: {chosen}; found at: {'; '.join(places)}",
                            words=words.describe(), operation=operation, provision=provision)
    raise AmbiguousWords(f"{words.subject()} {chosen}", words=words.describe(), places=places,
                         operation=operation, provision=provision)


def _near_miss(segs: Sequence[Segment], words: str) -> str:
    """The closest wording in the text, to help a user spot a typo in a quotation.

    First a case-insensitive or boundary-free match; failing that, the run of
    as many words as the quotation that is most alike (difflib ratio at least
    0.8).  Empty when nothing is close.
    """
    needle = fold(collapse(words)).lower()
    for seg in segs:
        i = fold(seg.text).lower().find(needle)
        if i >= 0:
            return place(seg, i, i + len(needle))
    width = len(needle.split())
    best: tuple[float, int, int, int] = (0.0, 0, 0, 0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for n, seg in enumerate(segs):
        spans = [m.span() for m in _WORD_RE.finditer(seg.text)]
        for k in range(max(0, len(spans) - width + 1)):
            start, end = spans[k][0], spans[k + width - 1][1]
            matcher.set_seq1(fold(seg.text[start:end]).lower())
            if matcher.real_quick_ratio() > best[0] and matcher.ratio() > best[0]:
                best = (matcher.ratio(), n, start, end)
    ratio, n, start, end = best
    return place(segs[n], start, end) if ratio >= 0.8 else ""


def spaced_insert(text: str, at: int, words: str) -> tuple[int, int, str, tuple[int, int]]:
    """An edit inserting ``words`` at offset ``at`` with one space between words.

    A space goes before the words unless they open the text, follow "(" or a
    space, or begin with punctuation; one goes after unless they end the
    text or meet a space or closing punctuation.  Returns (start, end,
    replacement, core) for a :class:`TextEdit`.
    """
    words = collapse(words)
    lead = " " if at > 0 and text[at - 1] not in " (" and words[0] not in _NO_SPACE_BEFORE else ""
    trail = " " if at < len(text) and text[at] not in " " + _NO_SPACE_BEFORE and words[-1] != "(" else ""
    return at, at, f"{lead}{words}{trail}", (len(lead), len(lead) + len(words))


def spaced_omit(text: str, start: int, end: int) -> tuple[int, int, str, tuple[int, int]]:
    """An edit removing ``[start, end)`` and one now-redundant space beside it."""
    core_start, core_end = start, end
    if start > 0 and text[start - 1] == " " and (end == len(text) or text[end] in " " + _NO_SPACE_BEFORE):
        start -= 1
    elif end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " ("):
        end += 1
    return start, end, "", (core_start - start, core_end - start)


def apply_edits(text: str, edits: Sequence[TextEdit]) -> str:
    """Apply non-overlapping edits to one segment's text (any order given)."""
    if len(edits) == 1:
        only = edits[0]
        return f"{text[:only.start]}{only.new}{text[only.end:]}"
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            raise InvalidAmendment("two edits of one instruction overlap")
    out = []
    pos = 0
    for e in ordered:
        out.append(text[pos:e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def invert_edits(text: str, edits: Sequence[TextEdit], marks: Marks = ()) -> list[TextEdit]:
    """The edits that turn the edited text back into ``text``.

    ``marks`` are the segment's marks before the edits (only its own field's):
    each inverse edit carries those of the words it restores.
    """
    out = []
    delta = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        start = e.start + delta
        restored = slice_marks(marks, marks[0].field, e.start, e.end) if marks else ()
        out.append(TextEdit(e.ref, start, start + len(e.new), text[e.start:e.end],
                            marks=restored))
        delta += len(e.new) - (e.end - e.start)
    return out

