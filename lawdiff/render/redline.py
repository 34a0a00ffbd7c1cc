"""Redline (Keeling schedule): two versions of one Act, changes marked inline.

:func:`redline_html` and :func:`redline_text` show the whole later text with
deleted words struck through (``<del>``, text ``[-words-]``) and inserted
words underlined (``<ins>``, text ``{+words+}``).  Each change carries a
footnote marker linking to a notes list on the page (the marker the annotated
text of the later version gives the same change), in the same words as the
annotated text ("Words in s. 6(6) substituted (1.1.2008 …) by Children Act
2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(d); S.I. 2007/1792, art. 2"), and in
HTML a ``title`` with that note and ``data-by`` with the amending provision.

How the differences are found:

1. both Acts are flattened to lines keyed by provision address (a table row
   by its holder, table and row index), and the key sequences aligned;
2. a line only in the later version is a whole insertion, one only in the
   earlier a whole deletion; a provision that became (or stopped being) an
   omitted one, or that an operation substituted whole, is shown as a whole
   deletion followed by a whole insertion;
3. other lines are diffed word by word
   (:func:`lawdiff.worddiff.word_changes`); an insertion or deletion that
   could equally sit a few characters to the left or right is slid to where
   the amending operation put it, and a changed run is widened to the whole
   span the operation changed (so "a director of social services" ->
   "a person under this section", not "director of social services" ->
   "person under this section");
4. a changed run whose new words several operations made is split, one run
   per operation, and one whose new words only insertions made has its
   deleted words split off (an insertion deletes nothing); each changed run
   is attributed to the operation whose change span
   (:meth:`~lawdiff.engine.Consolidation.final_changes`) overlaps it in the
   later version (for a deletion: an omission at that place, else a change
   beside it), among
   operations applied in the later version and not the earlier.  When the
   later version lacks operations the earlier one has (a later date compared
   with an earlier one, or a view without a condition), those are found by
   their spans in the earlier version and noted as not in force in the later
   version.

Any two consolidations of the same Act can be compared, including a
version with itself (no changes).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

import attrs

from lawdiff.address import Step
from lawdiff.engine import Consolidation
from lawdiff.model import Act, Kind, Node, Omitted, Opaque, Provision, Table
from lawdiff.printing import DOTS, num_text
from lawdiff.render.annotated import (
    SOURCES_HEADING,
    WHOLE_EFFECTS,
    Annotated,
    NoteKey,
    Wording,
    annotate,
    editorial_legend,
    live_changes,
    step_wording,
    version_description,
    version_when,
)
from lawdiff.render.html import (
    esc,
    footer,
    marker_html,
    note_html,
    note_term,
    page,
    sources_html,
    view_items,
)
from lawdiff.worddiff import word_changes

NOT_ATTRIBUTED = "Not attributed to a recorded amendment"
REVERSED_PREFIX = "Not in force in the later version: "

# --- flattening ----------------------------------------------------------------------------


Place = str
"""A provision's place for matching lines: its citation's steps as one string
("/section:6/subsection:1"), cheap to build, compare and hash; "" is the Act."""

LineSeg = tuple[Place, str, int | None, int | None]
"""A run of text by its holder's place: ``(place, field, row, cell)``."""


def place_of(steps: Sequence[Step]) -> Place:
    """The :data:`Place` of a provision cited by ``steps``."""
    return "".join(f"/{s.kind.value}:{s.num.value}" for s in steps)


@attrs.frozen(slots=True)
class Item:
    """One line of a flattened Act: a provision's head, its closing words, or a table row.

    ``owners`` are the places of the provisions holding the line, nearest first.
    """

    key: tuple[str, ...]
    role: str
    depth: int
    number: str = ""
    heading: str | None = None
    text: str | None = None
    cells: tuple[str, ...] = ()
    header: bool = False
    owners: tuple[Place, ...] = ()
    seg: LineSeg | None = None
    row: int | None = None
    entry: str | None = None
    multi: bool = False
    table: str = ""

    @property
    def omitted(self) -> bool:
        """True for the line of an omitted or repealed provision."""
        return self.role == "omitted"


_ROLES = {Kind.PART: "part", Kind.CROSSHEADING: "crossheading", Kind.SECTION: "section",
          Kind.SCHEDULE: "schedule"}


def _place(parent: Place, node: Provision | Omitted) -> Place:
    if node.num is None or node.kind.transparent:
        return parent
    step = f"/{node.kind.value}:{node.num.value}"
    if node.kind in (Kind.SECTION, Kind.SCHEDULE):
        return step  # cited from the Act, whatever Part holds it
    return parent + step


def flatten(act: Act) -> list[Item]:
    """The Act as keyed lines in document order."""
    out: list[Item] = []
    _flatten(act.children, "", (), 0, out, "")
    return out


def _flatten(children: Sequence[Node], parent: Place, owners: tuple[Place, ...], depth: int,
             out: list[Item], where: str) -> None:
    multi = sum(isinstance(c, Table) for c in children) > 1
    tables = 0
    for index, child in enumerate(children):
        if isinstance(child, Table):
            tables += 1
            for r, row in enumerate(child.rows):
                out.append(Item(("row", parent, where, str(tables), str(r)), "row", depth,
                                cells=row.cells, header=row.header, owners=owners,
                                row=r, entry=row.entry, multi=multi,
                                table=f"{parent}|{where}|{tables}"))
            continue
        if isinstance(child, Opaque):
            out.extend(Item(("opaque", str(parent), where, str(index), str(k)), "closing", depth,
                            text=words, owners=owners) for k, words in enumerate(child.words))
            continue
        place = _place(parent, child)
        number = num_text(child.kind, child.num)
        if child.kind.transparent:
            label = number or (child.heading if isinstance(child, Provision) else None) or str(index)
            key: tuple[str, ...] = (child.kind.value, parent, where, label)
            inner_where = f"{where}/{label}"
            mine = owners
        else:
            key = ("prov", place)
            inner_where = ""
            mine = (place, *owners)
        if isinstance(child, Omitted):
            out.append(Item(key, "omitted", depth, number=number, owners=mine))
            continue
        out.append(Item(key, _ROLES.get(child.kind, "provision"), depth, number=number,
                        heading=child.heading, text=child.text, owners=mine,
                        seg=(place, "text", None, None)))
        _flatten(child.children, place, mine, depth + 1, out, inner_where)
        if child.wrap_up is not None:
            out.append(Item(("wrap", place, where), "closing", depth + 1,
                            text=child.wrap_up, owners=mine,
                            seg=(place, "wrap_up", None, None)))


# --- changes and attribution ---------------------------------------------------------------


@attrs.frozen(slots=True)
class Span:
    """A change span in one version's segment, with the note it belongs to."""

    key: NoteKey
    start: int
    end: int
    effect: str
    entry: str | None = None


@attrs.frozen(slots=True)
class Frag:
    """A run of a redline line: "eq", "del" or "ins" text, and the note of a change.

    "sp-del" and "sp-ins" are white space beside a change that only one version
    has; they print as plain space.
    """

    kind: str
    text: str
    note: NoteKey | None = None


@attrs.frozen(slots=True)
class RLine:
    """A redline line: its role and depth, fragments (or cells), and a whole-line change."""

    role: str
    depth: int
    frags: tuple[Frag, ...] = ()
    cells: tuple[tuple[Frag, ...], ...] = ()
    header: bool = False
    table: str = ""
    whole: str | None = None
    note: NoteKey | None = None
    mark: bool = True


class _Changes:
    """The change spans of the operations one version has and the other lacks."""

    def __init__(self, cons: Consolidation, other: Consolidation, tag: str) -> None:
        theirs = {s.operation for s in other.steps}
        self.words: dict[LineSeg, list[Span]] = {}
        self.whole: dict[Place, list[Span]] = {}
        self.live = live_changes(cons)
        for i, change in self.live:
            if cons.steps[i].operation in theirs:
                continue
            span = Span((tag, i), change.start, change.end, change.effect, change.address.entry)
            place = place_of(change.address.steps)
            if change.field is not None:
                key = (place, change.field, change.row, change.cell)
                self.words.setdefault(key, []).append(span)
            elif change.effect in WHOLE_EFFECTS:
                self.whole.setdefault(place, []).append(span)

    def spans(self, seg: LineSeg | None, entry: str | None = None, multi: bool = False
              ) -> list[Span]:
        if seg is None:
            return []
        found = self.words.get(seg, [])
        if multi:
            found = [s for s in found if _same_entry(s.entry, entry)]
        return found

    def whole_at(self, owners: Sequence[Place], effects: frozenset[str]) -> Span | None:
        for place in owners:
            for span in self.whole.get(place, ()):
                if span.effect in effects:
                    return span
        return None


def _same_entry(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


_INSERTED = frozenset({"inserted", "substituted"})
_REMOVED = frozenset({"omitted", "repealed", "substituted"})

def _runs(old: str, new: str) -> list[list[object]]:
    return [[changed, o, n, None] for changed, o, n in word_changes(old, new)]


def _text(run: list[object], index: int) -> str:
    value = run[index]
    assert isinstance(value, str)
    return value


def _core(text: str, start: int) -> tuple[int, int]:
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


def _blank_from(text: str, p: int) -> int:
    """The end of the white space starting at ``p`` (``p`` itself when there is none)."""
    while p < len(text) and text[p].isspace():
        p += 1
    return p


def _blank_to(text: str, p: int) -> int:
    """The start of the white space ending at ``p`` (``p`` itself when there is none)."""
    while p > 0 and text[p - 1].isspace():
        p -= 1
    return p


def _any_between(places: Sequence[int], lo: int, hi: int) -> bool:
    """True when a place of the sorted ``places`` lies in ``[lo, hi]``."""
    k = bisect.bisect_left(places, lo)
    return k < len(places) and places[k] <= hi


class _SpanIndex:
    """The change spans of one text, found by position; "first" and "last" mean in list order.

    Queries look only at spans that can reach the place asked about: spans by
    their start, the longest few (the longest 1%, at least 64 characters)
    always.
    """

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = spans
        full = [(s.start, s.end, i) for i, s in enumerate(spans) if s.start < s.end]
        lengths = sorted(e - s for s, e, _ in full)
        self.reach = max(64, lengths[len(lengths) * 99 // 100] if lengths else 0)
        self.short = sorted(x for x in full if x[1] - x[0] <= self.reach)
        self.short_starts = [x[0] for x in self.short]
        self.long = [x for x in full if x[1] - x[0] > self.reach]
        self.points = sorted((s.start, i) for i, s in enumerate(spans) if s.start == s.end)
        self.point_starts = [p for p, _ in self.points]

    def _reaching(self, lowest: int, highest: int) -> list[tuple[int, int, int]]:
        """Non-empty spans that may start in ``[lowest - reach, highest]``, the long ones too."""
        i = bisect.bisect_left(self.short_starts, lowest - self.reach)
        j = bisect.bisect_right(self.short_starts, highest)
        return [*self.short[i:j], *self.long]

    def overlapping(self, lo: int, hi: int) -> list[Span]:
        """Non-empty spans overlapping ``[lo, hi)``, by start (then list order)."""
        found = sorted((s, i) for s, e, i in self._reaching(lo, hi) if s < hi and lo < e)
        return [self.spans[i] for _, i in found]

    def first_overlapping(self, lo: int, hi: int) -> Span | None:
        """The first non-empty span overlapping ``[lo, hi)``."""
        found = [i for s, e, i in self._reaching(lo, hi) if s < hi and lo < e]
        return self.spans[min(found)] if found else None

    def first_meeting(self, lo: int, hi: int) -> Span | None:
        """The first non-empty span that meets ``[lo, hi]`` (ends included)."""
        found = [i for s, e, i in self._reaching(lo, hi) if s <= hi and lo <= e]
        return self.spans[min(found)] if found else None

    def last_point(self, lo: int, hi: int) -> Span | None:
        """The last empty span at a place in ``[lo, hi]``."""
        i = bisect.bisect_left(self.point_starts, lo)
        j = bisect.bisect_right(self.point_starts, hi)
        found = [k for _, k in self.points[i:j]]
        return self.spans[max(found)] if found else None


def _slide(runs: list[list[object]], k: int, side: int, full: str,
           tests: Sequence[Callable[[int], bool]], pos: int) -> None:
    """Slide a pure insertion (side 2: in the later text) or deletion (side 1: in the
    earlier text) starting at ``pos`` to the nearest equivalent place ``t`` that passes
    the first of ``tests`` any place passes; its neighbours must be unchanged runs."""
    moved = _text(runs[k], side)
    length = len(moved)
    left = len(_text(runs[k - 1], side)) if k > 0 and not runs[k - 1][0] else 0
    right = len(_text(runs[k + 1], side)) if k + 1 < len(runs) and not runs[k + 1][0] else 0
    candidates = [pos]
    j = 1
    while j <= left and full[pos - j] == full[pos - j + length]:
        candidates.append(pos - j)
        j += 1
    j = 1
    while j <= right and full[pos + length + j - 1] == full[pos + j - 1]:
        candidates.append(pos + j)
        j += 1
    ordered = sorted(candidates, key=lambda t: abs(t - pos))
    best = next((t for fits in tests for t in ordered if fits(t)), None)
    if best is None or best == pos:
        return
    other = 3 - side
    if left:
        text = full[pos - left:best]
        runs[k - 1][side] = text
        runs[k - 1][other] = text
    if right:
        text = full[best + length:pos + length + right]
        runs[k + 1][side] = text
        runs[k + 1][other] = text
    runs[k][side] = full[best:best + length]


def _widen(runs: list[list[object]], k: int, side: int, lo: int, hi: int, span: Span) -> None:
    """Grow changed run ``k`` (raw range [lo, hi) on ``side``) to cover ``span`` using the
    unchanged text either side."""
    if span.start >= span.end:
        return
    grow_left = lo - span.start
    grow_right = span.end - hi
    if grow_left > 0 and k > 0 and not runs[k - 1][0] and grow_left <= len(_text(runs[k - 1], 1)):
        prev = _text(runs[k - 1], 1)
        moved = prev[len(prev) - grow_left:]
        runs[k - 1][1] = runs[k - 1][2] = prev[:len(prev) - grow_left]
        runs[k][1] = moved + _text(runs[k], 1)
        runs[k][2] = moved + _text(runs[k], 2)
    if (grow_right > 0 and k + 1 < len(runs) and not runs[k + 1][0]
            and grow_right <= len(_text(runs[k + 1], 1))):
        nxt = _text(runs[k + 1], 1)
        moved = nxt[:grow_right]
        runs[k + 1][1] = runs[k + 1][2] = nxt[grow_right:]
        runs[k][1] = _text(runs[k], 1) + moved
        runs[k][2] = _text(runs[k], 2) + moved


def _split_across_spans(runs: list[list[object]], fwd: _SpanIndex) -> list[list[object]]:
    """Split a changed run whose new words several operations made, one run per operation.

    The word diff may join words one operation inserted with words another
    substituted ("The [-cat-]{+bird or big dog+}"); each part then gets its own
    note ("[-cat-]{+bird or+}[F2] {+big dog+}[F1]").  The deleted words go with
    the first part a substitution or omission made (else the first part).
    """
    out: list[list[object]] = []
    a = 0  # where the run starts in the later text
    for run in runs:
        new_text = _text(run, 2)
        start, a = a, a + len(new_text)
        if not run[0] or not new_text.strip():
            out.append(run)
            continue
        lo, hi = _core(new_text, start)
        mine = fwd.overlapping(lo, hi)
        if mine and _text(run, 1).strip() and all(sp.effect == "words inserted" for sp in mine):
            # Insertions delete nothing: the words that went are another operation's.
            out.append([True, _text(run, 1), "", None])
            run = [True, "", new_text, None]
        if len({sp.key for sp in mine}) < 2:  # one operation ("in both places"): one run
            out.append(run)
            continue
        cuts = sorted({p - start for sp in mine for p in (sp.start, sp.end) if lo < p < hi})
        bounds = [0, *cuts, len(new_text)]
        pieces = [new_text[x:y] for x, y in itertools.pairwise(bounds)]
        merged: list[str] = []
        for piece in pieces:  # white space alone joins the piece before it
            if merged and not piece.strip():
                merged[-1] += piece
            else:
                merged.append(piece)
        if len(merged) < 2:
            out.append(run)
            continue
        starts = list(itertools.accumulate([start, *(len(m) for m in merged[:-1])]))
        owner = [next((sp for sp in mine if sp.start < st + len(m) and st < sp.end), None)
                 for st, m in zip(starts, merged, strict=True)]
        takes_old = next((i for i, sp in enumerate(owner)
                          if sp is not None and sp.effect != "words inserted"), 0)
        old_text = _text(run, 1)
        out.extend([True, old_text if i == takes_old else "", m, None]
                   for i, m in enumerate(merged))
    return out


def _join_within_spans(runs: list[list[object]], owners: Sequence[Span | None]
                       ) -> list[list[object]]:
    """Join changed runs that one change span holds, with the unchanged words between them.

    "regulations under section 1" -> "regulations under sections 1 and 2" is one
    substitution, shown whole, not "[-section-]{+sections+} 1 {+and 2+}".  Runs
    are joined only when the same span (not merely the same operation: "in both
    places" makes two spans) owns both, so the words between lie inside it.
    """
    out: list[list[object]] = []
    k = 0
    while k < len(runs):
        run, span = runs[k], owners[k]
        k += 1
        if span is None or not (k + 1 < len(runs) and owners[k + 1] is span and not runs[k][0]):
            out.append(run)
            continue
        olds, news = [_text(run, 1)], [_text(run, 2)]
        while k + 1 < len(runs) and owners[k + 1] is span and not runs[k][0]:
            between = _text(runs[k], 1)
            olds.extend((between, _text(runs[k + 1], 1)))
            news.extend((between, _text(runs[k + 1], 2)))
            k += 2
        out.append([True, "".join(olds), "".join(news), run[3]])
    return out


def _attribute(lo: int, hi: int, spans: _SpanIndex, text: str) -> Span | None:
    """The span a changed range [lo, hi) of ``text`` (empty for a deletion) belongs to.

    A non-empty range belongs to the first span it overlaps; an empty one (or
    an omission's empty span) to a span it touches, white space between
    allowed: among empty spans at one place -- an omission, and words
    inserted earlier that it then took out -- the latest operation's, as it
    made the text as it is.
    """
    if lo < hi:
        found = spans.first_overlapping(lo, hi)
        return found if found is not None else spans.last_point(_blank_to(text, lo),
                                                                _blank_from(text, hi))
    # A deletion: an omission at that very place first, then words changed beside it.
    here = spans.last_point(_blank_to(text, lo), _blank_from(text, hi))
    if here is not None:
        return here
    return spans.first_meeting(_blank_to(text, lo), _blank_from(text, lo))


def diff_segment(old: str, new: str, fwd: Sequence[Span], rev: Sequence[Span]) -> list[Frag]:
    """Word-level differences of one run of text, attributed to change spans.

    ``fwd`` spans are in ``new`` (operations of the later version), ``rev``
    spans in ``old`` (operations only the earlier version has).
    """
    if old == new:
        return [Frag("eq", new)] if new else []
    runs = _runs(old, new)
    fwd_targets = {(s.start, s.end) for s in fwd if s.start < s.end}
    rev_targets = {(s.start, s.end) for s in rev if s.start < s.end}
    omitted = sorted({s.start for s in fwd if s.start == s.end})
    restored = sorted({s.start for s in rev if s.start == s.end})
    omitted_set, restored_set = set(omitted), set(restored)
    prev_b = prev_a = b = a = 0  # where runs k - 1 and k start, in each text
    for k in range(len(runs)):
        if k:
            prev_b, prev_a = b, a
            b, a = prev_b + len(_text(runs[k - 1], 1)), prev_a + len(_text(runs[k - 1], 2))
        if not runs[k][0]:
            continue
        if not _text(runs[k], 1) and (fwd_targets or restored):
            length, shift = len(_text(runs[k], 2)), b - a

            def placed(t: int, length: int = length, shift: int = shift) -> bool:
                return _core(new[t:t + length], t) in fwd_targets or t + shift in restored_set

            def close(t: int, shift: int = shift) -> bool:
                p = t + shift
                return _any_between(restored, _blank_to(old, p), _blank_from(old, p))

            _slide(runs, k, 2, new, [placed, close], a)
        elif not _text(runs[k], 2) and (rev_targets or omitted):
            length, shift = len(_text(runs[k], 1)), a - b

            def exact(t: int, length: int = length, shift: int = shift) -> bool:
                return _core(old[t:t + length], t) in rev_targets or t + shift in omitted_set

            def near(t: int, shift: int = shift) -> bool:
                p = t + shift
                return _any_between(omitted, _blank_to(new, p), _blank_from(new, p))

            _slide(runs, k, 1, old, [exact, near], b)
        else:
            continue
        if k:  # the slide moved where this run starts
            b, a = prev_b + len(_text(runs[k - 1], 1)), prev_a + len(_text(runs[k - 1], 2))
    fwd_index, rev_index = _SpanIndex(fwd), _SpanIndex(rev)
    runs = _split_across_spans(runs, fwd_index)
    owners: list[Span | None] = [None] * len(runs)
    prev_b = prev_a = b = a = 0
    for k in range(len(runs)):
        if k:
            prev_b, prev_a = b, a
            b, a = prev_b + len(_text(runs[k - 1], 1)), prev_a + len(_text(runs[k - 1], 2))
        if not runs[k][0]:
            continue
        old_text, new_text = _text(runs[k], 1), _text(runs[k], 2)
        lo_a, hi_a = _core(new_text, a) if new_text.strip() else (a, a)
        span = _attribute(lo_a, hi_a, fwd_index, new)
        if span is not None:
            _widen(runs, k, 2, a, a + len(new_text), span)
        else:
            lo_b, hi_b = _core(old_text, b) if old_text.strip() else (b, b)
            span = _attribute(lo_b, hi_b, rev_index, old)
            if span is not None:
                _widen(runs, k, 1, b, b + len(old_text), span)
        runs[k][3] = span.key if span is not None else None
        owners[k] = span
        if k:  # widening moved where this run starts
            b, a = prev_b + len(_text(runs[k - 1], 1)), prev_a + len(_text(runs[k - 1], 2))
    runs = _join_within_spans(runs, owners)
    out: list[Frag] = []
    for run in runs:
        changed, o, n, note = run
        assert isinstance(o, str) and isinstance(n, str)
        if not changed:
            if n:
                out.append(Frag("eq", n))
            continue
        key = note if isinstance(note, tuple) else None
        o_lead, n_lead = o[:len(o) - len(o.lstrip())], n[:len(n) - len(n.lstrip())]
        o_trail = o[len(o.rstrip()):] if o.strip() else ""
        n_trail = n[len(n.rstrip()):] if n.strip() else ""
        out.extend(_edges(o_lead, n_lead))
        if o.strip():
            out.append(Frag("del", o.strip(), key))
        if n.strip():
            out.append(Frag("ins", n.strip(), key))
        out.extend(_edges(o_trail, n_trail))
    return _merge(out)


def _edges(old: str, new: str) -> list[Frag]:
    """White space beside a change: shared ("eq"), or only in one version ("sp-del", "sp-ins")."""
    if old == new:
        return [Frag("eq", old)] if old else []
    return [f for f in (Frag("sp-del", old), Frag("sp-ins", new)) if f.text]


def _merge(frags: list[Frag]) -> list[Frag]:
    out: list[Frag] = []
    for f in frags:
        if f.kind == "eq" and out and out[-1].kind == "eq":
            out[-1] = Frag("eq", out[-1].text + f.text)
        elif f.text:
            out.append(f)
    return out


# --- building the redline ------------------------------------------------------------------


def _head(item: Item) -> str:
    if item.omitted:
        return f"{item.number} {DOTS}"
    words = [w for w in (item.number, item.heading) if w]
    return " ".join(words)


def _joiner(item: Item) -> str:
    return " \u2014 " if item.heading else " "


def _whole_line(item: Item, kind: str, note: NoteKey | None) -> RLine:
    """An item's line marked whole as deleted or inserted (``kind`` "eq": unchanged)."""
    whole = kind if kind in ("del", "ins") else None
    if item.role == "row":
        cells = tuple((Frag(kind, c, note),) for c in item.cells)
        return RLine("row", item.depth, cells=cells, header=item.header, table=item.table,
                     whole=whole, note=note)
    text = _head(item)
    if item.text is not None and not item.omitted:
        text = f"{text}{_joiner(item)}{item.text}" if text else item.text
    return RLine(item.role, item.depth, (Frag(kind, text, note),), whole=whole, note=note)


@attrs.frozen(slots=True)
class Redline:
    """The compared versions' descriptions, the lines, and the notes by marker."""

    title: str
    before: str
    after: str
    lines: tuple[RLine, ...]
    notes: tuple[tuple[str, str], ...]
    markers: dict[NoteKey, str] = attrs.field(eq=False)
    wordings: tuple[Wording, ...] = attrs.field(default=(), eq=False)
    sources: tuple[str, ...] = ()

    @property
    def editorial(self) -> bool:
        """True when any note carries lawdiff's editorial note."""
        return any(w.editorial for w in self.wordings)

    @property
    def changed(self) -> bool:
        """True when the versions differ."""
        return any(line.whole in ("del", "ins") or any(f.kind in ("del", "ins") for f in _frags(line))
                   for line in self.lines)


def _frags(line: RLine) -> list[Frag]:
    return [*line.frags, *(f for cell in line.cells for f in cell)]


class _Comparer:
    def __init__(self, before: Consolidation, after: Consolidation) -> None:
        if before.act.info.work != after.act.info.work:
            raise ValueError(f"cannot compare versions of different Acts: {before.act.info.work} "
                             f"and {after.act.info.work}")
        self.before, self.after = before, after
        self.fwd = _Changes(after, before, "fwd")
        self.rev = _Changes(before, after, "rev")

    def whole_note(self, item: Item, inserted: bool) -> NoteKey | None:
        """The note for a whole line inserted (True) or deleted (False)."""
        if inserted:
            span = (self.fwd.whole_at(item.owners, _INSERTED)
                    or self.rev.whole_at(item.owners, frozenset({"omitted", "repealed"})))
        else:
            span = (self.fwd.whole_at(item.owners, _REMOVED)
                    or self.rev.whole_at(item.owners, _INSERTED))
        return span.key if span is not None else None

    def pair(self, old: Item, new: Item) -> list[RLine]:
        replaced = (old.omitted != new.omitted
                    or self.fwd.whole_at(new.owners, frozenset({"substituted"})) is not None
                    or self.rev.whole_at(old.owners, frozenset({"substituted"})) is not None)
        if replaced:
            if old == attrs.evolve(new, owners=old.owners):
                return [_whole_line(new, "eq", None)]
            gone, came = self.whole_note(old, False), self.whole_note(new, True)
            return [_whole_line(old, "del", gone or came), _whole_line(new, "ins", came or gone)]
        if new.role == "row":
            cells = []
            width = max(len(old.cells), len(new.cells))
            for c in range(width):
                o = old.cells[c] if c < len(old.cells) else ""
                n = new.cells[c] if c < len(new.cells) else ""
                seg = (new.owners[0] if new.owners else "", "cell", new.row, c)
                fwd = self.fwd.spans(seg, new.entry, new.multi)
                rev = self.rev.spans(seg, old.entry, old.multi)
                cells.append(tuple(diff_segment(o, n, _spans(fwd), _spans(rev))))
            return [RLine("row", new.depth, cells=tuple(cells), header=new.header, table=new.table)]
        frags: list[Frag] = []
        head_old, head_new = _head(old), _head(new)
        frags.extend(diff_segment(head_old, head_new, (), ()))
        if new.text is not None or old.text is not None:
            if head_new or head_old:
                frags.append(Frag("eq", _joiner(new) if new.text is not None else _joiner(old)))
            fwd = _spans(self.fwd.spans(new.seg))
            rev = _spans(self.rev.spans(old.seg))
            frags.extend(diff_segment(old.text or "", new.text or "", fwd, rev))
        return [RLine(new.role, new.depth, tuple(_merge(frags)))]

    def build(self) -> Redline:
        a, b = flatten(self.before.act), flatten(self.after.act)
        lines: list[RLine] = []
        # A provision replaced whole (substituted, omitted, or back again) prints its old
        # lines (with its old children) deleted first, then its new lines inserted.
        group: tuple[Place, list[RLine]] | None = None

        def flush() -> None:
            nonlocal group
            if group is not None:
                lines.extend(group[1])
                group = None

        def emit(item: Item, produced: list[RLine], root: bool = False) -> None:
            nonlocal group
            inside = group is not None and group[0] in item.owners
            if not inside:
                flush()
            if root and not inside and item.owners:
                group = (item.owners[0], [])
            for line in produced:
                if group is not None and line.whole == "ins":
                    group[1].append(line)
                elif group is not None and line.whole != "del":
                    flush()
                    lines.append(line)
                else:
                    lines.append(line)

        matcher = SequenceMatcher(None, [i.key for i in a], [i.key for i in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for old, new in zip(a[i1:i2], b[j1:j2], strict=True):
                    produced = self.pair(old, new)
                    emit(new, produced, root=len(produced) == 2)
                continue
            for old in a[i1:i2]:
                emit(old, [_whole_line(old, "del", self.whole_note(old, False))])
            for new in b[j1:j2]:
                emit(new, [_whole_line(new, "ins", self.whole_note(new, True))])
        flush()
        for k in range(1, len(lines)):
            prev, line = lines[k - 1], lines[k]
            if line.whole and line.note is not None and (prev.whole, prev.note) == (
                    line.whole, line.note):
                lines[k] = attrs.evolve(line, mark=False)
        doc = annotate(self.after, changes=self.fwd.live)
        markers = self.number_notes(lines, doc)
        wordings = tuple(self.note_wording(k) for k in markers)
        notes = tuple((m, w.full) for m, w in zip(markers.values(), wordings, strict=True))
        sources = tuple(line for unit in doc.units for line in unit.sources)
        return Redline(self.after.act.info.citation, version_description(self.before),
                       version_description(self.after), tuple(lines), notes, markers,
                       wordings, sources)

    def number_notes(self, lines: Sequence[RLine], doc: Annotated) -> dict[NoteKey, str]:
        """Each note's marker, in marker order: the one the annotated text of the later version
        gives its operation; a change the later version lacks (shown reversed) takes the next
        number after the annotated text's last, in order of appearance."""
        shared = {("fwd", n.step): n.marker for n in doc.notes if n.step is not None}
        last = max((int(n.marker[1:]) for n in doc.notes), default=0)
        order: dict[NoteKey, str] = {}
        for line in lines:
            for f in _frags(line):
                if f.note is not None and f.kind in ("del", "ins") and f.note not in order:
                    if f.note not in shared:
                        last += 1
                    order[f.note] = shared.get(f.note) or f"F{last}"
        return dict(sorted(order.items(), key=lambda item: int(item[1][1:])))

    def note_wording(self, key: NoteKey) -> Wording:
        tag, index = key
        if tag == "fwd":
            return step_wording(self.after.steps[index], self.after.view)
        wording = step_wording(self.before.steps[index], self.before.view)
        return attrs.evolve(wording, text=REVERSED_PREFIX + wording.text)

    def note_text(self, key: NoteKey) -> str:
        return self.note_wording(key).full

    def citation(self, key: NoteKey) -> str:
        tag, index = key
        cons = self.after if tag == "fwd" else self.before
        return cons.steps[index].operation.provenance.citation or ""


def _spans(spans: Sequence[Span]) -> list[Span]:
    return list(spans)


def compare(before: Consolidation, after: Consolidation) -> Redline:
    """The redline of two versions of one Act (raises ValueError for different Acts)."""
    return _Comparer(before, after).build()


# --- printing ------------------------------------------------------------------------------

_TEXT_MARK = {"del": ("[-", "-]"), "ins": ("{+", "+}")}


def _frags_text(frags: Sequence[Frag], markers: dict[NoteKey, str], marks: bool = True) -> str:
    out: list[str] = []
    for i, f in enumerate(frags):
        if f.kind not in _TEXT_MARK:
            out.append(f.text)
            continue
        left, right = _TEXT_MARK[f.kind]
        out.append(f"{left}{f.text}{right}")
        nxt = frags[i + 1] if i + 1 < len(frags) else None
        if marks and f.note is not None and not (
                nxt is not None and nxt.kind in _TEXT_MARK and nxt.note == f.note):
            out.append(f"[{markers[f.note]}]")
    return "".join(out)


def redline_text(before: Consolidation, after: Consolidation) -> str:
    """The redline as plain text: ``[-deleted-]``, ``{+inserted+}``, ``[F1]`` note references.

    A title line, the two versions, a legend and a blank line, every line of
    the later text (deleted lines too), then the notes.
    """
    red = compare(before, after)
    extract = " [extract]" if after.act.info.extract else ""
    out = [f"{red.title}{extract}", f"Changes from the version {red.before}",
           f"to the version {red.after}",
           "Deleted words are shown [-thus-], inserted words {+thus+}; [F1] refers to the notes.", ""]
    if not red.changed:
        out.extend(["No differences between the two versions.", ""])
    for line in red.lines:
        if line.role == "row":
            text = " | ".join(_cell_text(c, line, red.markers) for c in line.cells)
            if line.whole and line.note is not None and line.mark:
                text += f"[{red.markers[line.note]}]"
            out.append(text)
        else:
            out.append(_frags_text(line.frags, red.markers, line.mark))
    if red.notes:
        out.extend(["", "Notes"])
        out.extend(f"{m} {text}" for m, text in red.notes)
    if red.sources:
        out.extend(["", SOURCES_HEADING, *red.sources])
    legend = editorial_legend(after.base, red.editorial)
    if legend:
        out.extend(["", legend])
    return "\n".join(out) + "\n"


def _cell_text(cell: Sequence[Frag], line: RLine, markers: dict[NoteKey, str]) -> str:
    if line.whole:
        return "".join(f"{_TEXT_MARK[f.kind][0]}{f.text}{_TEXT_MARK[f.kind][1]}"
                       if f.kind in _TEXT_MARK else f.text for f in cell)
    return _frags_text(cell, markers)


def _frags_html(frags: Sequence[Frag], red: Redline, titles: dict[NoteKey, str],
                cites: dict[NoteKey, str], anchored: set[str], marks: bool = True) -> str:
    out: list[str] = []
    for i, f in enumerate(frags):
        if f.kind not in _TEXT_MARK:
            out.append(esc(f.text))
            continue
        title = titles.get(f.note, NOT_ATTRIBUTED) if f.note is not None else NOT_ATTRIBUTED
        by = f" data-by=\"{esc(cites[f.note])}\"" if f.note is not None and cites.get(f.note) else ""
        out.append(f"<{f.kind} title=\"{esc(title)}\"{by}>{esc(f.text)}</{f.kind}>")
        nxt = frags[i + 1] if i + 1 < len(frags) else None
        if marks and f.note is not None and not (
                nxt is not None and nxt.kind in _TEXT_MARK and nxt.note == f.note):
            out.append(marker_html(red.markers[f.note], title, anchored))
    return "".join(out)


def versions_table(before: Sequence[tuple[str, str]], after: Sequence[tuple[str, str]]) -> str:
    """The two versions side by side: version date, extent, conditions."""
    rows = "".join(f"<tr><th scope=\"row\">{esc(k)}</th><td>{esc(v1)}</td><td>{esc(v2)}</td></tr>"
                   for (k, v1), (_, v2) in zip(before, after, strict=True))
    return ("<table class=\"versions\"><tr><td></td><th scope=\"col\">Earlier version</th>"
            f"<th scope=\"col\">Later version</th></tr>{rows}</table>")


_HEAD_TAGS = {"section": "h2", "schedule": "h2", "part": "h2", "crossheading": "h3"}


def redline_html(before: Consolidation, after: Consolidation) -> str:
    """The redline as a self-contained HTML page (see the module documentation)."""
    comparer = _Comparer(before, after)
    red = comparer.build()
    titles = {k: text for k, (m, text) in zip(red.markers, red.notes, strict=True)}
    cites = {k: comparer.citation(k) for k in red.markers}
    body = [f"<header class=\"doc\">\n<h1>{esc(red.title)}</h1>",
            f"<p class=\"version\">Changes from the version {esc(version_when(before))} to the "
            f"version {esc(version_when(after))}</p>",
            versions_table(view_items(before), view_items(after)),
            "<p class=\"legend\">Deleted words are shown <span class=\"sample-del\">thus</span>, "
            "inserted words <span class=\"sample-ins\">thus</span>; each change links to its "
            "note.</p>", "</header>", "<main>"]
    if not red.changed:
        body.append("<p class=\"nochange\">No differences between the two versions.</p>")
    anchored: set[str] = set()
    i = 0
    lines = red.lines
    while i < len(lines):
        line = lines[i]
        depth = f"d{min(line.depth, 6)}"
        if line.role == "row":
            rows = []
            while i < len(lines) and lines[i].role == "row" and lines[i].table == line.table:
                row = lines[i]
                tag = "th" if row.header else "td"
                cells = []
                for c, cell in enumerate(row.cells):
                    inner = _frags_html(cell, red, titles, cites, anchored,
                                        marks=not row.whole or (c == 0 and row.mark))
                    cells.append(f"<{tag}>{inner}</{tag}>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
                i += 1
            body.append(f"<table class=\"act {depth}\">\n" + "\n".join(rows) + "\n</table>")
            continue
        tag = _HEAD_TAGS.get(line.role, "p")
        cls = f"line {line.role} {depth}" + (f" whole-{line.whole}" if line.whole else "")
        inner = _frags_html(line.frags, red, titles, cites, anchored, marks=line.mark)
        body.append(f"<{tag} class=\"{cls}\">{inner}</{tag}>")
        i += 1
    body.append("</main>")
    if red.notes:
        items = "\n".join(f"{note_term(m)}<dd>{note_html(w.text, w.editorial)}</dd>"
                          for (m, _), w in zip(red.notes, red.wordings, strict=True))
        body.append(f"<section class=\"notes\"><h2>Notes</h2>\n<dl class=\"notes\">\n{items}\n"
                    "</dl></section>")
    if red.sources:
        body.append(sources_html(red.sources))
    body.append(footer(after.base, red.editorial))
    return page(f"{red.title} \u2014 changes {version_when(before)} to {version_when(after)}",
                "\n".join(body))
