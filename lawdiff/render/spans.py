"""Where each word change of a consolidation stands in the final text, found in linear time.

:func:`final_changes` gives exactly what
:meth:`lawdiff.engine.Consolidation.final_changes` gives, with each "words
omitted" change placed where the words were (:func:`place_omissions`'s rule).
The engine maps every change through every later step's edits, one at a time
(:func:`~lawdiff.operations.map_span`), which takes time in the square of the
number of operations.  Here each run of text (a segment: one provision's
words, closing words, or a table cell) is replayed once: every character
gets a number, each change's ends are tied to the characters beside them, and
an edit that removes a character moves what was tied to it as ``map_span``
moves a span's ends:

* a change's start is tied to its first character; if that goes, to the
  character after the edit (the span then starts after the new words);
* its end is tied to its last character; if that goes, to the character
  before the edit (the span then ends before the new words);
* the place of an omission (``map_offset`` with ``after=False``) is tied to
  the character after it; if that goes, or words are inserted right there,
  to the first new character (or the one after the edit when there are
  none).

Words inserted right at a span's edge therefore stay outside it, and a span
whose words all went becomes empty where the new words begin.  A step whose
edits of one segment touch or are out of order (never the case for word
operations, which edit separate places) makes that segment fall back to the
engine's step-by-step mapping, so the result is always the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lawdiff.address import Address
from lawdiff.engine import Consolidation
from lawdiff.operations import Change, SpanEdit, map_offset, map_span

SegmentKey = tuple[object, ...]

_START = -1  # the place before the first character: never removed
_HEAD, _TAIL, _GAP = 0, 1, 2


class _Replay:
    """A segment's characters as numbers, with the change ends tied to them."""

    def __init__(self, length: int) -> None:
        self.ids = list(range(length))
        self.fresh = length
        self.tied: dict[int, list[int]] = {}  # character -> markers tied to it
        self.kinds: list[int] = []

    def tie(self, kind: int, index: int) -> int:
        """A new marker of ``kind`` tied to the character at ``index`` (-1: the start)."""
        marker = len(self.kinds)
        self.kinds.append(kind)
        char = self.ids[index] if index >= 0 else _START
        self.tied.setdefault(char, []).append(marker)
        return marker

    def edit(self, start: int, end: int, length: int) -> None:
        """Replace the characters at ``[start, end)`` by ``length`` new ones."""
        ids = self.ids
        new = list(range(self.fresh, self.fresh + length))
        self.fresh += length
        tied = self.tied
        if tied:
            after = ids[end]
            before = ids[start - 1] if start else _START
            first_new = new[0] if new else after
            if start < end:
                for char in ids[start:end]:
                    markers = tied.pop(char, None)
                    if markers:
                        for m in markers:
                            kind = self.kinds[m]
                            target = after if kind == _HEAD else before if kind == _TAIL else first_new
                            tied.setdefault(target, []).append(m)
            elif new:
                markers = tied.get(ids[start])
                if markers and any(self.kinds[m] == _GAP for m in markers):
                    tied[ids[start]] = [m for m in markers if self.kinds[m] != _GAP]
                    tied.setdefault(new[0], []).extend(m for m in markers if self.kinds[m] == _GAP)
        ids[start:end] = new

    def places(self) -> list[int]:
        """Each marker's place in the final text, by marker number."""
        where = {char: i for i, char in enumerate(self.ids)}
        where[_START] = -1
        out = [0] * len(self.kinds)
        for char, markers in self.tied.items():
            for m in markers:
                out[m] = where[char] + (1 if self.kinds[m] == _TAIL else 0)
        return out


@attrs.frozen(slots=True)
class _Step:
    """What one step did to one segment: its edits (in their order) and its word changes."""

    index: int
    edits: tuple[SpanEdit, ...]
    changes: tuple[tuple[int, Change], ...]


def _separate(edits: Sequence[SpanEdit]) -> bool:
    """True when ``edits`` are in order and each leaves at least one character before the next."""
    for k, e in enumerate(edits):
        if e.start < 0 or e.end < e.start or e.length < 0:
            return False
        if k and not edits[k - 1].end < e.start:
            return False
    return True


def _omission_places(step: _Step) -> dict[int, int]:
    """Where, just after ``step``, each of its "words omitted" changes' words were.

    The engine records an omission at the start of the omitted words in the
    old text, one character late when a space before them went too; the
    step's edits say where the removed run began.  Keyed by the change's
    index in its step; empty unless the step has one edit per change.
    """
    if not any(c.effect == "words omitted" for _, c in step.changes):
        return {}
    edits = sorted(step.edits, key=lambda e: (e.start, e.end))
    if len(edits) != len(step.changes):
        return {}
    out: dict[int, int] = {}
    delta = 0
    for (ci, change), edit in zip(step.changes, edits, strict=True):
        if change.effect == "words omitted":
            out[ci] = edit.start + delta
        delta += edit.length - (edit.end - edit.start)
    return out


def _replayed(steps: Sequence[_Step]) -> dict[tuple[int, int], tuple[int, int]]:
    """The final ``(start, end)`` of every change of one segment, by (step, change index)."""
    need = 1
    growth = 0
    for step in steps:
        for e in step.edits:
            need = max(need, e.end - growth + 1)
        growth += sum(e.length - (e.end - e.start) for e in step.edits)
        for _, change in step.changes:
            need = max(need, change.start - growth + 1, change.end - growth + 1)
        for place in _omission_places(step).values():
            need = max(need, place - growth + 1)
    replay = _Replay(need)
    ends: dict[tuple[int, int], tuple[int, int]] = {}
    gaps: dict[tuple[int, int], int] = {}
    for step in steps:
        for e in reversed(step.edits):
            replay.edit(e.start, e.end, e.length)
        for ci, change in step.changes:
            head = replay.tie(_HEAD, change.start)
            tail = replay.tie(_TAIL, change.end - 1)
            ends[(step.index, ci)] = (head, tail)
        for ci, place in _omission_places(step).items():
            gaps[(step.index, ci)] = replay.tie(_GAP, place)
    places = replay.places()
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for key, (head, tail) in ends.items():
        first, last = places[head], places[tail]
        out[key] = (first, last) if first <= last else (last, last)
    for key, gap in gaps.items():
        out[key] = (places[gap], places[gap])
    return out


def _stepwise(steps: Sequence[_Step]) -> dict[tuple[int, int], tuple[int, int]]:
    """The same as :func:`_replayed`, one later step at a time, as the engine does it."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for k, step in enumerate(steps):
        later = [s.edits for s in steps[k + 1:] if s.edits]
        for ci, change in step.changes:
            start, end = change.start, change.end
            for edits in later:
                start, end = map_span(start, end, edits)
            out[(step.index, ci)] = (start, end)
        for ci, place in _omission_places(step).items():
            for edits in later:
                place = map_offset(place, edits, after=False)
            out[(step.index, ci)] = (place, place)
    return out


def final_changes(cons: Consolidation) -> list[tuple[int, Change]]:
    """Every change with its text span mapped into the final Act, by step index.

    The same as :meth:`~lawdiff.engine.Consolidation.final_changes`, except
    that a "words omitted" change stands exactly where the omitted words
    were (an empty span), mapped through later steps with
    :func:`~lawdiff.operations.map_offset` (``after=False``).  Changes of
    whole provisions are returned as they are.
    """
    # A step's edits and changes of one segment share one Address object: hash each object
    # once (an Address hashes every step of it, every time).
    numbers: dict[Address, int] = {}
    by_object: dict[int, int] = {}

    def segment(x: SpanEdit | Change) -> SegmentKey:
        number = by_object.get(id(x.address))
        if number is None:
            number = by_object[id(x.address)] = numbers.setdefault(x.address, len(numbers))
        return (number, x.field, x.row, x.cell)

    by_segment: dict[SegmentKey, list[_Step]] = {}
    for i, step in enumerate(cons.steps):
        edits: dict[SegmentKey, list[SpanEdit]] = {}
        for e in step.edits:
            edits.setdefault(segment(e), []).append(e)
        changes: dict[SegmentKey, list[tuple[int, Change]]] = {}
        for ci, change in enumerate(step.changes):
            if change.field is not None:
                changes.setdefault(segment(change), []).append((ci, change))
        for key in edits.keys() | changes.keys():
            by_segment.setdefault(key, []).append(
                _Step(i, tuple(edits.get(key, ())), tuple(changes.get(key, ()))))
    placed: dict[tuple[int, int], tuple[int, int]] = {}
    for steps in by_segment.values():
        if not any(s.changes for s in steps):
            continue
        last_edit = max((k for k, s in enumerate(steps) if s.edits), default=-1)
        if all(not s.changes for s in steps[:last_edit]) and not any(
                _omission_places(s) for s in steps):
            continue  # no change has an edit after it: every span stands as recorded
        if all(_separate(s.edits) for s in steps):
            placed.update(_replayed(steps))
        else:
            placed.update(_stepwise(steps))
    out: list[tuple[int, Change]] = []
    for i, step in enumerate(cons.steps):
        for ci, change in enumerate(step.changes):
            where = placed.get((i, ci))
            if where is not None and where != (change.start, change.end):
                change = attrs.evolve(change, start=where[0], end=where[1])
            out.append((i, change))
    return out
