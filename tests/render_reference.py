"""The renderers' previous, quadratic code, kept as an oracle for their faster replacements.

Each function here is the code the renderers used before they were made
about linear in the number of operations (commit 2098005), unchanged but for
its imports: the tests check that the new code gives exactly the same
results on random inputs.  Not a test module (nothing here is collected).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import attrs

from lawdiff.address import Address
from lawdiff.engine import Consolidation
from lawdiff.operations import Change, map_offset
from lawdiff.render.annotated import WHOLE_EFFECTS, NoteKey, Piece
from lawdiff.render.redline import Frag, Span, _edges, _merge
from lawdiff.worddiff import word_changes

# --- lawdiff.render.redline ----------------------------------------------------------------

def _runs(old: str, new: str) -> list[list[object]]:
    return [[changed, o, n, None] for changed, o, n in word_changes(old, new)]


def _text(run: list[object], index: int) -> str:
    value = run[index]
    assert isinstance(value, str)
    return value


def _offsets(runs: list[list[object]]) -> list[tuple[int, int]]:
    out = []
    b = a = 0
    for run in runs:
        out.append((b, a))
        b += len(_text(run, 1))
        a += len(_text(run, 2))
    return out


def _core(text: str, start: int) -> tuple[int, int]:
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


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


def _split_across_spans(runs: list[list[object]], fwd: Sequence[Span]) -> None:
    """Split a changed run whose new words several operations made, one run per operation.

    The word diff may join words one operation inserted with words another
    substituted ("The [-cat-]{+bird or big dog+}"); each part then gets its own
    note ("[-cat-]{+bird or+}[F2] {+big dog+}[F1]").  The deleted words go with
    the first part a substitution or omission made (else the first part).
    """
    k = 0
    while k < len(runs):
        run = runs[k]
        new_text = _text(run, 2)
        if not run[0] or not new_text.strip():
            k += 1
            continue
        a = _offsets(runs)[k][1]
        lo, hi = _core(new_text, a)
        mine = sorted((sp for sp in fwd if sp.start < sp.end and sp.start < hi and lo < sp.end),
                      key=lambda sp: sp.start)
        if mine and _text(run, 1).strip() and all(sp.effect == "words inserted" for sp in mine):
            # Insertions delete nothing: the words that went are another operation's.
            runs[k:k + 1] = [[True, _text(run, 1), "", None], [True, "", new_text, None]]
            k += 1
            continue
        if len({sp.key for sp in mine}) < 2:  # one operation ("in both places"): one run
            k += 1
            continue
        cuts = sorted({p - a for sp in mine for p in (sp.start, sp.end) if lo < p < hi})
        bounds = [0, *cuts, len(new_text)]
        pieces = [new_text[x:y] for x, y in itertools.pairwise(bounds)]
        merged: list[str] = []
        for piece in pieces:  # white space alone joins the piece before it
            if merged and not piece.strip():
                merged[-1] += piece
            else:
                merged.append(piece)
        if len(merged) < 2:
            k += 1
            continue
        starts = list(itertools.accumulate([a, *(len(m) for m in merged[:-1])]))
        owner = [next((sp for sp in mine if sp.start < st + len(m) and st < sp.end), None)
                 for st, m in zip(starts, merged, strict=True)]
        takes_old = next((i for i, sp in enumerate(owner)
                          if sp is not None and sp.effect != "words inserted"), 0)
        old_text = _text(run, 1)
        runs[k:k + 1] = [[True, old_text if i == takes_old else "", m, None]
                         for i, m in enumerate(merged)]
        k += len(merged)


def _join_within_spans(runs: list[list[object]], owners: dict[int, Span]) -> None:
    """Join changed runs that one change span holds, with the unchanged words between them.

    "regulations under section 1" -> "regulations under sections 1 and 2" is one
    substitution, shown whole, not "[-section-]{+sections+} 1 {+and 2+}".  Runs
    are joined only when the same span (not merely the same operation: "in both
    places" makes two spans) owns both, so the words between lie inside it.
    """
    k = 0
    while k + 2 < len(runs):
        span = owners.get(k)
        if span is not None and owners.get(k + 2) is span and not runs[k + 1][0]:
            between = _text(runs[k + 1], 1)
            runs[k][1] = _text(runs[k], 1) + between + _text(runs[k + 2], 1)
            runs[k][2] = _text(runs[k], 2) + between + _text(runs[k + 2], 2)
            del runs[k + 1:k + 3]
            owners = {(i if i <= k else i - 2): s for i, s in owners.items() if i not in (k + 1, k + 2)}
            continue
        k += 1


def _attribute(lo: int, hi: int, spans: Sequence[Span], text: str) -> Span | None:
    """The span a changed range [lo, hi) of ``text`` (empty for a deletion) belongs to.

    A non-empty range belongs to a span it overlaps; an empty one (or an
    omission's empty span) to a span it touches, white space between allowed.
    """
    def near(p: int, start: int, end: int) -> bool:
        if start <= p <= end:
            return True
        gap = text[p:start] if p < start else text[end:p]
        return not gap.strip()

    def empty_here() -> Span | None:
        # Among empty spans at one place -- an omission, and words inserted earlier that
        # it then took out -- the latest operation made the text as it is.
        for s in reversed(spans):
            if s.start == s.end and (lo <= s.start <= hi or near(s.start, lo, hi)):
                return s
        return None

    if lo < hi:
        for s in spans:
            if s.start < s.end and s.start < hi and lo < s.end:
                return s
        return empty_here()
    # A deletion: an omission at that very place first, then words changed beside it.
    here = empty_here()
    if here is not None:
        return here
    for s in spans:
        if s.start < s.end and near(lo, s.start, s.end):
            return s
    return None


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
    omitted = {s.start for s in fwd if s.start == s.end}
    restored = {s.start for s in rev if s.start == s.end}
    for k in range(len(runs)):
        if not runs[k][0]:
            continue
        b, a = _offsets(runs)[k]
        if not _text(runs[k], 1) and (fwd_targets or restored):
            length, shift = len(_text(runs[k], 2)), b - a

            def placed(t: int, length: int = length, shift: int = shift) -> bool:
                return _core(new[t:t + length], t) in fwd_targets or t + shift in restored

            def close(t: int, shift: int = shift) -> bool:
                p = t + shift
                return any(not old[min(p, o):max(p, o)].strip() for o in restored)

            _slide(runs, k, 2, new, [placed, close], a)
        elif not _text(runs[k], 2) and (rev_targets or omitted):
            length, shift = len(_text(runs[k], 1)), a - b

            def exact(t: int, length: int = length, shift: int = shift) -> bool:
                return _core(old[t:t + length], t) in rev_targets or t + shift in omitted

            def near(t: int, shift: int = shift) -> bool:
                p = t + shift
                return any(not new[min(p, o):max(p, o)].strip() for o in omitted)

            _slide(runs, k, 1, old, [exact, near], b)
    _split_across_spans(runs, fwd)
    owners: dict[int, Span] = {}
    for k in range(len(runs)):
        if not runs[k][0]:
            continue
        b, a = _offsets(runs)[k]
        old_text, new_text = _text(runs[k], 1), _text(runs[k], 2)
        lo_a, hi_a = _core(new_text, a) if new_text.strip() else (a, a)
        span = _attribute(lo_a, hi_a, fwd, new)
        if span is not None:
            _widen(runs, k, 2, a, a + len(new_text), span)
        else:
            lo_b, hi_b = _core(old_text, b) if old_text.strip() else (b, b)
            span = _attribute(lo_b, hi_b, rev, old)
            if span is not None:
                _widen(runs, k, 1, b, b + len(old_text), span)
        runs[k][3] = span.key if span is not None else None
        if span is not None:
            owners[k] = span
    _join_within_spans(runs, owners)
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



# --- lawdiff.render.annotated --------------------------------------------------------------


def _is_ancestor(outer: Address, inner: Address, proper: bool) -> bool:
    n = len(outer.steps)
    if n > len(inner.steps) or (proper and n == len(inner.steps)):
        return False
    return inner.steps[:n] == outer.steps


def live_changes(cons: Consolidation) -> list[tuple[int, Change]]:
    """:meth:`Consolidation.final_changes` less those a later step swept away.

    A word change is gone when a later step inserted, substituted or omitted
    its provision (or one holding it) whole, and words inserted or
    substituted are gone when later steps substituted other words for all of
    them (their span is empty: "[F1]" would mark nothing; but words later
    omitted keep their bracket around the omission, "[F1F2...]", as
    legislation.gov.uk shows them); a whole-provision change is gone
    when a later step replaced a provision holding it, or inserted or
    substituted the provision itself anew (an insertion later omitted keeps
    both notes, as legislation.gov.uk does).
    """
    final = _fix_omissions(cons, cons.final_changes())
    wholes = [(i, c.address, c.effect) for i, c in final
              if c.field is None and c.effect in WHOLE_EFFECTS]
    out = []
    gaps = {(c.segment(), c.start) for _, c in final if c.effect == "words omitted"}
    for i, change in final:
        where = Address(change.address.steps)
        word = change.field is not None
        if word and change.start == change.end and change.effect != "words omitted" and (
                change.segment(), change.start) not in gaps:
            continue
        if any(j > i and (_is_ancestor(a, where, proper=True)
                          or (a == where and (word or effect in ("inserted", "substituted"))))
               for j, a, effect in wholes):
            continue
        out.append((i, change))
    return out


def _fix_omissions(cons: Consolidation, final: list[tuple[int, Change]]) -> list[tuple[int, Change]]:
    """Place each "words omitted" change exactly where the words were.

    The engine records an omission at the start of the omitted words in the
    old text, which is one character late when a space before them went too;
    the step's span edits say exactly where the removed run began.  That
    place is mapped through later steps as
    :meth:`~lawdiff.engine.Consolidation.final_changes` maps every change.
    """
    fixed: dict[tuple[int, int], int] = {}
    for i, step in enumerate(cons.steps):
        groups: dict[object, list[tuple[int, Change]]] = {}
        for ci, change in enumerate(step.changes):
            if change.field is not None:
                groups.setdefault(change.segment(), []).append((ci, change))
        for seg, changes in groups.items():
            if not any(c.effect == "words omitted" for _, c in changes):
                continue
            edits = sorted((e for e in step.edits if e.segment() == seg),
                           key=lambda e: (e.start, e.end))
            if len(edits) != len(changes):
                continue
            delta = 0
            for (ci, change), edit in zip(changes, edits, strict=True):
                if change.effect == "words omitted":
                    where = edit.start + delta
                    for later in cons.steps[i + 1:]:
                        same = [e for e in later.edits if e.segment() == seg]
                        if same:
                            where = map_offset(where, same, after=False)
                    fixed[(i, ci)] = where
                delta += edit.length - (edit.end - edit.start)
    if not fixed:
        return final
    out: list[tuple[int, Change]] = []
    counters: dict[int, int] = {}
    for i, change in final:
        ci = counters.get(i, 0)
        counters[i] = ci + 1
        place = fixed.get((i, ci))
        out.append((i, change if place is None else attrs.evolve(change, start=place, end=place)))
    return out


def _words_only(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` less white space at either end (a later edit that took the first or
    last words of a change can leave the space before or after them in its span)."""
    if not text[start:end].strip():
        return start, end
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def _segment_pieces(text: str, spans: Sequence[tuple[int, int, NoteKey]],
                    gaps: Sequence[tuple[int, NoteKey]], marker: Callable[[NoteKey], str]
                    ) -> list[Piece]:
    """``text`` with bracketed spans (inserted words) and gaps (omitted words), well nested."""
    n = len(text)
    ordered = sorted(((*_words_only(text, s, e), k) for s, e, k in spans if 0 <= s <= e <= n),
                     key=lambda x: (x[0], -x[1]))
    nested: list[tuple[int, int, NoteKey]] = []
    stack: list[tuple[int, int, NoteKey]] = []
    for s, e, k in ordered:
        while stack and stack[-1][1] <= s and not (stack[-1][0] == stack[-1][1] == s):
            stack.pop()
        if stack and e > stack[-1][1]:
            e = max(s, stack[-1][1])
        nested.append((s, e, k))
        stack.append((s, e, k))
    gap_at: dict[int, list[NoteKey]] = {}
    for p, k in gaps:
        if 0 <= p <= n and k not in gap_at.setdefault(p, []):
            gap_at[p].append(k)
    points = sorted({p for s, e, _ in nested for p in (s, e)} | set(gap_at) | {n})
    out: list[Piece] = []
    open_: list[tuple[int, int, NoteKey]] = []
    pos = 0
    for p in points:
        if p > pos:
            out.append(Piece("text", text[pos:p]))
            pos = p
        while open_ and open_[-1][1] == p:
            open_.pop()
            out.append(Piece("close"))
        empties = [sp for sp in nested if sp[0] == sp[1] == p]
        gap = p in gap_at
        if gap and p > 0 and not text[p - 1].isspace() and text[p - 1] not in "([\u201c\u2018":
            out.append(Piece("text", " "))
        for _, _, k in empties:
            out.append(Piece("open", markers=(marker(k),)))
        if gap:
            out.append(Piece("gap", markers=tuple(marker(k) for k in gap_at[p])))
        for _ in empties:
            out.append(Piece("close"))
        if gap and p < n and text[p].isalnum():
            out.append(Piece("text", " "))
        for sp in sorted((sp for sp in nested if sp[0] == p < sp[1]), key=lambda x: -x[1]):
            out.append(Piece("open", markers=(marker(sp[2]),)))
            open_.append(sp)
    while open_:
        open_.pop()
        out.append(Piece("close"))
    return _merge_text(out)


def _merge_text(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if p.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Piece("text", out[-1].text + p.text)
        elif p.kind != "text" or p.text:
            out.append(p)
    return out


