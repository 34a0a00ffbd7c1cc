"""Annotated revised text, as legislation.gov.uk prints it.

Inserted and substituted words stand in square brackets after a footnote
marker (``[F2in Wales]``); a provision inserted or substituted whole is
bracketed whole (``[F1(A1) A local authority …]``); omitted words leave a
marker and three dots (``F3...``); an omitted or repealed provision keeps its
number and a line of dots (``(3) F4. . . . . . .``).  Markers F1, F2 … are
numbered in document order of first appearance, one per operation (or per
base-text repeal note).  After each section and each Schedule a "Textual
Amendments" block lists its notes in legislation.gov.uk's words, built from
the operations' provenance and commencement, e.g.::

    F6 Words in s. 6(6) substituted (1.1.2008 with effect in accordance with
       s. 18(9)(10) of the amending Act) by Children Act 2004 (c. 31), s. 67(2),
       Sch. 2 para. 2(2)(d); S.I. 2007/1792, art. 2

Amendments not applied in the view (``Consolidation.pending``) follow as
"Amendments not applied to this text".

:func:`annotate` builds a small layout (:class:`Annotated`: units of lines of
pieces) that :func:`annotated_text` and
:func:`lawdiff.render.html.annotated_html` both print, so the two always
agree.  The note wording (:func:`step_note`, :func:`pending_note`,
:func:`base_note`) is shared with the redline and the effects table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

import attrs

from lawdiff.address import Address, Step
from lawdiff.citation import parse_citation
from lawdiff.commencement import Commencement, extent_set, lgu_date
from lawdiff.engine import AppliedStep, Consolidation, Pending
from lawdiff.errors import InvalidAddress
from lawdiff.model import Act, Kind, Node, Omitted, Opaque, Provision, SourceRecord, Table
from lawdiff.operations import (
    Change,
    EditCell,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.printing import DOTS, num_text
from lawdiff.render.spans import final_changes
from lawdiff.timeline import View, effective_date

WHOLE_EFFECTS = frozenset({"inserted", "substituted", "omitted", "repealed"})

# --- wording shared by every renderer ------------------------------------------------------


def extent_label(extent: str) -> str:
    """"E" -> "(E.)", "E+W" -> "(E.W.)"."""
    parts = [p.strip().rstrip(".") for p in extent.replace(".", "+").split("+")]
    return "(" + "".join(f"{p}." for p in parts if p) + ")"


def capitalise(text: str) -> str:
    """The text with its first letter upper case ("s. 6(1)" -> "S. 6(1)")."""
    return text[:1].upper() + text[1:]


def join_addresses(addresses: Iterable[Address]) -> str:
    """Several provisions as one citation: "s. 6(1)(2)" for siblings, else a list.

    Table entries are cited by the provision that holds the table.
    """
    unique: list[Address] = []
    for a in addresses:
        a = Address(a.steps) if a.entry is not None else a
        if a not in unique:
            unique.append(a)
    if not unique:
        return ""
    if len(unique) == 1:
        return str(unique[0])
    parents = {a.steps[:-1] for a in unique if a.steps}
    if (len(parents) == 1 and all(a.steps and a.steps[-1].kind.bracketed for a in unique)):
        return str(unique[0].parent) + "".join(f"({a.steps[-1].num})" for a in unique)
    return ", ".join(str(a) for a in unique)


def commencement_entries(op: Operation, view: View, effective: date | None = None
                         ) -> list[Commencement]:
    """The commencement entries a note cites for ``op`` in ``view``.

    The entry that gave the operation effect on ``effective`` (by its date or
    by a condition met in the view); else the first dated entry covering the
    view; in a view with no extent or of several parts ("E+W"), every part's
    earliest dated entry when they differ by extent ("(E.) (1.4.2005) and
    (W.) (1.7.2005)").
    """
    parts = extent_set(view.extent) if view.extent is not None else None
    entries = [c for c in op.commencement
               if parts is None or c.extent is None or extent_set(c.extent) & parts] \
        or list(op.commencement)
    dated = [c for c in entries if c.date is not None]
    extents = {c.extent for c in dated}
    if (parts is None or len(parts) > 1) and len(extents) > 1 and None not in extents:
        earliest: dict[str | None, Commencement] = {}
        for c in dated:
            assert c.date is not None
            best = earliest.get(c.extent)
            if best is None or (best.date is not None and c.date < best.date):
                earliest[c.extent] = c
        return sorted(earliest.values(), key=lambda c: (c.date or date.max, c.extent or ""))
    if effective is not None:
        for c in entries:
            met = view.condition(c.condition) if c.condition else None
            if c.date == effective or met == effective:
                return [c]
    if dated:
        return [min(dated, key=lambda c: c.date or date.max)]
    return entries[:1]


def _when(entries: Sequence[Commencement]) -> str:
    """" (E.) (1.4.2005)", " (1.1.2008 with effect in accordance with …)", or "".

    Entries for several extents are joined with "and", as legislation.gov.uk
    prints them: " (E.) (1.4.2005) and (W.) (1.4.2006)".
    """
    parts = []
    for c in entries:
        inner = " ".join(x for x in (lgu_date(c.date) if c.date else None, c.note) if x)
        bits = [extent_label(c.extent)] if c.extent else []
        if inner:
            bits.append(f"({inner})")
        if bits:
            parts.append(" ".join(bits))
    return (" " + " and ".join(parts)) if parts else ""


EDITORIAL = "Editorial note"


def basis_note(entries: Sequence[Commencement]) -> str | None:
    """lawdiff's own note on commencement facts that are not an official record, or None.

    Built from each entry's ``basis``: "inferred: …" reads "Editorial note:
    in-force date inferred: …" (for an entry with no date, "commencement
    inferred: …"); any other basis reads "Editorial note: basis of the
    commencement facts: …".  Several distinct bases are joined with "; ".
    Renderers print it apart from legislation.gov.uk's wording (in text, in
    square brackets after the note; in HTML, in its own element), so an
    inferred fact is never shown as legislation.gov.uk's record.

    >>> basis_note([Commencement(date=date(2008, 1, 1), basis="inferred: from s. 18(9)")])
    'Editorial note: in-force date inferred: from s. 18(9)'
    >>> basis_note([Commencement(date=date(2008, 1, 1))]) is None
    True
    """
    parts: list[str] = []
    for c in entries:
        if not c.basis:
            continue
        basis = " ".join(c.basis.split())
        head, sep, rest = basis.partition(":")
        if sep and head.strip().lower() == "inferred":
            what = "in-force date" if c.date is not None else "commencement"
            text = f"{what} inferred: {rest.strip()}"
        else:
            text = f"basis of the commencement facts: {basis}"
        if text not in parts:
            parts.append(text)
    return f"{EDITORIAL}: " + "; ".join(parts) if parts else None


@attrs.frozen(slots=True)
class Wording:
    """A note in legislation.gov.uk's words (``text``) and lawdiff's own note beside it.

    ``editorial`` (see :func:`basis_note`) is None when every fact the note
    relies on is an official record.  :attr:`full` is the plain-text form
    every output prints: the text, then the editorial note in square brackets.
    """

    text: str
    editorial: str | None = None

    @property
    def full(self) -> str:
        """"… S.I. 2007/1792, art. 2 [Editorial note: in-force date inferred: …]"."""
        return with_editorial(self.text, self.editorial)


def with_editorial(text: str, editorial: str | None) -> str:
    """``text`` followed by `` [editorial]`` (just ``text`` when there is none)."""
    return f"{text} [{editorial}]" if editorial else text


def affecting_citation(op: Operation, entries: Sequence[Commencement]) -> str:
    """The amending provision with the enabling power after the Act's name:
    "Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(d)"."""
    citation = op.provenance.citation
    if not citation:
        return "an amending provision not recorded"
    power = next((c.power for c in entries if c.power), None)
    parsed = parse_citation(citation)
    if parsed.kind == "other":
        return citation
    return parsed.with_power(power)


def _authorities(entries: Sequence[Commencement]) -> str:
    seen: list[str] = []
    for c in entries:
        if c.authority and c.authority not in seen:
            seen.append(c.authority)
    return "".join(f"; {a}" for a in seen)


def _verb(effect: str) -> str:
    return effect.removeprefix("words ")


def _subject(effect: str, addresses: Sequence[Address]) -> str:
    """"Words in s. 6(6)", "Sch. 1: words in entry", "S. 6(A1)"."""
    if effect.startswith("words"):
        entries = [a for a in addresses if a.entry is not None]
        if entries and len(entries) == len(addresses):
            holder = join_addresses(Address(a.steps) for a in entries)
            plural = "entries" if len({a.entry for a in entries}) > 1 else "entry"
            return f"{capitalise(holder)}: words in {plural}"
        return f"Words in {join_addresses(addresses)}"
    return capitalise(join_addresses(addresses))


def operation_effect(op: Operation) -> tuple[str, list[Address]]:
    """What an operation does and where, read from the operation itself (for pending ones)."""
    if isinstance(op, InsertWords):
        return "words inserted", [op.target]
    if isinstance(op, (SubstituteWords, EditCell)):
        return "words substituted", [op.target]
    if isinstance(op, OmitWords):
        return "words omitted", [op.target]
    if isinstance(op, InsertProvision):
        out = []
        for p in op.provisions:
            assert p.num is not None
            if p.kind in (Kind.SECTION, Kind.SCHEDULE):
                out.append(Address((Step(p.kind, p.num),)))
            else:
                out.append(op.target.child(p.kind, p.num))
        return "inserted", out
    if isinstance(op, SubstituteProvision):
        return "substituted", [op.target]
    if isinstance(op, OmitProvision):
        return op.how, [op.target]
    return "amended", []


def _what(op: Operation, changes: Sequence[Change]) -> tuple[str, str, str]:
    """(subject, effect, suffix) of a note: ("S. 6(1)(1A)", "substituted", " for s. 6(1)")."""
    if changes:
        effect = changes[0].effect
        addresses = [c.address for c in changes]
    else:
        effect, addresses = operation_effect(op)
    if not addresses:
        return capitalise(op.describe()), effect, ""
    suffix = ""
    if (effect == "substituted" and isinstance(op, SubstituteProvision)
            and [a for a in addresses] != [op.target]):
        suffix = f" for {op.target}"
    return _subject(effect, addresses), effect, suffix


def _by(effect: str) -> str:
    return "by virtue of" if effect.endswith("omitted") else "by"


def _in_this_version(entries: Sequence[Commencement], effective: date | None, view: View,
                     tense: str) -> str:
    """" (in this version from 1.9.2006, when the condition “dcs-appointed” was met)", or "".

    Said when the view gives the operation effect on a day other than the
    cited entry's date (a condition met earlier, or a view of several extents).
    """
    if effective is None or len(entries) != 1 or entries[0].date == effective:
        return ""
    entry = entries[0]
    why = (f", when the condition \u201c{entry.condition}\u201d {tense} met"
           if entry.condition and view.condition(entry.condition) == effective else "")
    return f" (in this version from {lgu_date(effective)}{why})"


def step_wording(step: AppliedStep, view: View) -> Wording:
    """legislation.gov.uk's note for an applied operation, and lawdiff's editorial note.

    "Words in s. 6(6) substituted (1.1.2008 with effect in accordance with s.
    18(9)(10) of the amending Act) by Children Act 2004 (c. 31), s. 67(2), Sch. 2
    para. 2(2)(d); S.I. 2007/1792, art. 2".  When a condition of the view gave
    the operation effect before the entry's date, the note says so at the end.
    The editorial note (:func:`basis_note`) marks commencement facts that are
    not an official record.
    """
    op = step.operation
    entries = commencement_entries(op, view, step.effective)
    subject, effect, suffix = _what(op, step.changes)
    note = (f"{subject} {_verb(effect)}{suffix}{_when(entries)} {_by(effect)} "
            f"{affecting_citation(op, entries)}{_authorities(entries)}"
            f"{_in_this_version(entries, step.effective, view, 'was')}")
    return Wording(note, basis_note(entries))


def step_note(step: AppliedStep, view: View) -> str:
    """:func:`step_wording` as one string (its :attr:`Wording.full` form)."""
    return step_wording(step, view).full


_PENDING_LABELS = {
    "prospective": "Prospective amendment",
    "not in force in this view": "Amendment not in force in this version",
    "no commencement recorded": "Amendment with no recorded commencement",
}


def pending_label(reason: str) -> str:
    """How a pending note starts, from :attr:`lawdiff.engine.Pending.reason`."""
    if reason in _PENDING_LABELS:
        return _PENDING_LABELS[reason]
    if reason.startswith("in force from"):
        return "Amendment not yet in force"
    return f"Amendment that will not take effect ({reason})"


def pending_wording(pending: Pending, view: View) -> Wording:
    """A note for an operation not applied in the view, and lawdiff's editorial note.

    "Amendment not yet in force: Words in s. 6(1) to be inserted (1.1.2008 …) by
    Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(b); S.I. 2007/1792,
    art. 2"; "Prospective amendment: S. 7 to be inserted by …".  When the view
    gives the operation effect on another day than the cited entry's (a
    condition met in the view), the note ends with that day: "… (in this
    version from 1.9.2006, when the condition “dcs-appointed” is met)".
    """
    op = pending.operation
    effective = effective_date(op, view) if pending.reason.startswith("in force from") else None
    entries = commencement_entries(op, view, effective)
    subject, effect, suffix = _what(op, ())
    note = (f"{pending_label(pending.reason)}: {subject} to be {_verb(effect)}{suffix}"
            f"{_when(entries)} {_by(effect)} {affecting_citation(op, entries)}"
            f"{_authorities(entries)}{_in_this_version(entries, effective, view, 'is')}")
    return Wording(note, basis_note(entries))


def pending_note(pending: Pending, view: View) -> str:
    """:func:`pending_wording` as one string (its :attr:`Wording.full` form)."""
    return pending_wording(pending, view).full


def base_note(addresses: Sequence[Address], note: str) -> str:
    """A base text's own repeal note: "S. 6(7) repealed by Local Government Act 1972 (c. 70), Sch. 30"."""
    label = capitalise(join_addresses(addresses))
    note = " ".join(note.split())
    if note[:1].islower():
        return f"{label} {note}"
    return f"{label}: {note}"


def view_description(view: View) -> str:
    """"extent: all; conditions: none" or "extent: E; conditions: dcs-appointed from 1.9.2006"."""
    extent = view.extent or "all"
    conditions = ", ".join(f"{name} from {lgu_date(day)}" for name, day in view.conditions) or "none"
    return f"extent: {extent}; conditions: {conditions}"


def version_date(cons: Consolidation) -> date:
    """The day a consolidation speaks from: the view's day, else its latest change, else the base's."""
    if cons.view.as_at is not None:
        return cons.view.as_at
    days = [s.effective for s in cons.steps if s.effective is not None]
    return max(days) if days else cons.base.info.version_date


def version_when(cons: Consolidation) -> str:
    """"as at 1.1.2008", or "with every amendment in force (latest 1.1.2008)" for no date."""
    if cons.view.as_at is not None:
        return f"as at {lgu_date(cons.view.as_at)}"
    if cons.steps:
        return f"with every amendment in force (latest {lgu_date(version_date(cons))})"
    return f"as at {lgu_date(cons.base.info.version_date)} (base text)"


def version_description(cons: Consolidation) -> str:
    """"as at 1.1.2008 (extent: all; conditions: none)"."""
    return f"{version_when(cons)} ({view_description(cons.view)})"


# --- the layout ---------------------------------------------------------------------------

NoteKey = tuple[str, int]


@attrs.frozen(slots=True)
class Piece:
    """A run of a line.

    ``kind`` is "text"; "open"/"close" (inserted words: "[" with markers, "]");
    "popen"/"pclose" (a provision inserted whole: the same brackets, but they
    may span lines); "gap" (omitted words: markers and "..."); "dots" (an
    omitted provision: markers and a line of dots); "mark" (markers alone).
    """

    kind: str
    text: str = ""
    markers: tuple[str, ...] = ()

    def plain(self) -> str:
        """The piece as plain text."""
        marks = "".join(self.markers)
        if self.kind in ("open", "popen"):
            return f"[{marks}"
        if self.kind in ("close", "pclose"):
            return "]"
        if self.kind == "gap":
            return f"{marks}..."
        if self.kind == "dots":
            return f"{marks}{DOTS}"
        if self.kind == "mark":
            return marks
        return self.text


def plain(pieces: Iterable[Piece]) -> str:
    """Pieces as plain text."""
    return "".join(p.plain() for p in pieces)


@attrs.frozen(slots=True)
class Line:
    """One printed line: a provision's number, heading and text, closing words, or a table row.

    ``role`` is "part", "crossheading", "section", "schedule", "provision",
    "omitted", "closing" or "row"; a row has ``cells`` (and ``header``) and
    ``table`` numbers the table it belongs to.  ``inserted`` is True inside a
    provision inserted or substituted whole.
    """

    role: str
    depth: int
    pieces: tuple[Piece, ...] = ()
    cells: tuple[tuple[Piece, ...], ...] = ()
    header: bool = False
    table: int = 0
    inserted: bool = False
    eid: str | None = None

    def plain(self) -> str:
        """The line as plain text (cells joined by " | ")."""
        if self.role == "row":
            return " | ".join(plain(c) for c in self.cells)
        return plain(self.pieces)


@attrs.frozen(slots=True)
class Note:
    """A footnote: its marker ("F1"), its wording, and the step it annotates (None: base text).

    ``text`` is in legislation.gov.uk's words; ``editorial`` is lawdiff's own
    note beside it (see :func:`basis_note`), or None; :attr:`full` joins them.
    """

    marker: str
    text: str
    step: int | None = None
    editorial: str | None = None

    @property
    def full(self) -> str:
        """The note as printed in text: its wording, then `` [Editorial note: …]`` if any."""
        return with_editorial(self.text, self.editorial)


@attrs.frozen(slots=True)
class Unit:
    """A section, a Schedule (or a Part or cross-heading line): its lines, notes and pending notes.

    ``sources`` are the "Source of this text" lines (see :func:`source_notes`)
    for its provisions whose base text is derived or reconstructed.
    """

    lines: tuple[Line, ...]
    notes: tuple[Note, ...] = ()
    pending: tuple[Wording, ...] = ()
    eid: str | None = None
    sources: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Annotated:
    """The whole annotated Act: title, version, units, every note, and pending notes for no unit."""

    title: str
    version: str
    units: tuple[Unit, ...]
    notes: tuple[Note, ...]
    pending: tuple[Wording, ...] = ()


class Markers:
    """Hands out markers F1, F2 … in the order keys are first seen."""

    def __init__(self, prefix: str = "F") -> None:
        self.prefix = prefix
        self.order: dict[NoteKey, str] = {}

    def get(self, key: NoteKey) -> str:
        """The marker for ``key``, assigning the next one on first sight."""
        if key not in self.order:
            self.order[key] = f"{self.prefix}{len(self.order) + 1}"
        return self.order[key]


SegKey = tuple[tuple[Step, ...], str, int | None, int | None]


def seg_key(change: Change) -> SegKey:
    """The run of text a word change is in, ignoring the entry's words."""
    return (change.address.steps, change.field or "", change.row, change.cell)


def live_changes(cons: Consolidation) -> list[tuple[int, Change]]:
    """:func:`lawdiff.render.spans.final_changes` less those a later step swept away.

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
    final = final_changes(cons)
    # The last step that changed each provision whole: any such change, and one that
    # inserted or substituted it; and the last that changed a provision holding it.
    last_whole: dict[Address, int] = {}
    last_new: dict[Address, int] = {}
    last_holder: dict[tuple[Step, ...], int] = {}
    for i, c in final:
        if c.field is None and c.effect in WHOLE_EFFECTS:
            last_whole[c.address] = i
            if c.effect in ("inserted", "substituted"):
                last_new[c.address] = i
            last_holder[c.address.steps] = i
    gaps = {(c.segment(), c.start) for _, c in final if c.effect == "words omitted"}
    out = []
    for i, change in final:
        where = Address(change.address.steps)
        word = change.field is not None
        if word and change.start == change.end and change.effect != "words omitted" and (
                change.segment(), change.start) not in gaps:
            continue
        steps = where.steps
        if any(last_holder.get(steps[:n], -1) > i for n in range(len(steps))):
            continue  # a provision holding it was changed whole later
        if (last_whole if word else last_new).get(where, -1) > i:
            continue
        out.append((i, change))
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
    empty_at: dict[int, list[NoteKey]] = {}
    open_at: dict[int, list[tuple[int, int, NoteKey]]] = {}
    for sp in nested:
        if sp[0] == sp[1]:
            empty_at.setdefault(sp[0], []).append(sp[2])
        else:
            open_at.setdefault(sp[0], []).append(sp)
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
        empties = empty_at.get(p, ())
        gap = p in gap_at
        if gap and p > 0 and not text[p - 1].isspace() and text[p - 1] not in "([\u201c\u2018":
            out.append(Piece("text", " "))
        for k in empties:
            out.append(Piece("open", markers=(marker(k),)))
        if gap:
            out.append(Piece("gap", markers=tuple(marker(k) for k in gap_at[p])))
        for _ in empties:
            out.append(Piece("close"))
        if gap and p < n and text[p].isalnum():
            out.append(Piece("text", " "))
        for sp in sorted(open_at.get(p, ()), key=lambda x: -x[1]):
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


def _normal(text: str | None) -> str:
    text = (text or "").replace("\u2018", "'").replace("\u2019", "'")
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split())


class _Builder:
    """Walks the consolidated Act once, producing lines, markers and notes."""

    def __init__(self, cons: Consolidation, changes: Sequence[tuple[int, Change]]) -> None:
        self.cons = cons
        self.markers = Markers()
        self.word: dict[SegKey, list[tuple[int, Change]]] = {}
        self.whole: dict[Address, list[tuple[int, str]]] = {}
        seen: set[tuple[Address, int, str]] = set()
        for i, change in changes:
            if change.field is not None:
                self.word.setdefault(seg_key(change), []).append((i, change))
            elif change.effect in WHOLE_EFFECTS and (change.address, i, change.effect) not in seen:
                seen.add((change.address, i, change.effect))
                self.whole.setdefault(change.address, []).append((i, change.effect))
        self.base_notes: dict[int, tuple[list[Address], str]] = {}
        self.tables = 0
        self.units: list[tuple[list[Line], list[str], str | None]] = []
        self.lines: list[Line] = []

    # -- units
    def start_unit(self, eid: str | None) -> None:
        self.lines = []
        self.units.append((self.lines, [], eid))

    def marker(self, key: NoteKey) -> str:
        return self.markers.get(key)

    # -- text
    def segment(self, text: str, key: SegKey, entry: str | None = None,
                multi_table: bool = False) -> list[Piece]:
        spans: list[tuple[int, int, NoteKey]] = []
        gaps: list[tuple[int, NoteKey]] = []
        for i, change in self.word.get(key, ()):
            if multi_table and _normal(change.address.entry) != _normal(entry):
                continue
            if change.effect == "words omitted":
                gaps.append((change.start, ("op", i)))
            else:
                spans.append((change.start, change.end, ("op", i)))
        if not spans and not gaps:
            return [Piece("text", text)] if text else []
        return _segment_pieces(text, spans, gaps, self.marker)

    def walk_children(self, children: Sequence[Node], parent: Address, depth: int,
                      top: bool, inserted: bool) -> None:
        group_of: dict[int, int] = {}
        previous: Omitted | None = None
        for index, child in enumerate(children):
            if isinstance(child, Omitted) and child.note:
                address = _child_address(parent, child)
                fresh = not self.whole.get(address)
                if (fresh and previous is not None and previous.note == child.note
                        and previous.how == child.how and index - 1 in group_of):
                    gid = group_of[index - 1]
                    self.base_notes[gid][0].append(address)
                elif fresh:
                    gid = len(self.base_notes)
                    self.base_notes[gid] = ([address], child.note)
                else:
                    previous = None
                    continue
                group_of[index] = gid
                previous = child
            else:
                previous = None
        multi = sum(isinstance(c, Table) for c in children) > 1
        for index, child in enumerate(children):
            if isinstance(child, Table):
                self.table(child, parent, depth, inserted, multi)
                continue
            if isinstance(child, Opaque):
                self.lines.extend(Line("closing", depth, (Piece("text", words),), inserted=inserted)
                                  for words in child.words)
                continue
            self.node(child, parent, depth, top, inserted, group_of.get(index))

    def table(self, table: Table, holder: Address, depth: int, inserted: bool, multi: bool) -> None:
        self.tables += 1
        for r, row in enumerate(table.rows):
            cells = tuple(tuple(self.segment(cell, (holder.steps, "cell", r, c), row.entry, multi))
                          for c, cell in enumerate(row.cells))
            self.lines.append(Line("row", depth, cells=cells, header=row.header,
                                   table=self.tables, inserted=inserted))

    def node(self, node: Provision | Omitted, parent: Address, depth: int, top: bool,
             inserted: bool, base_group: int | None) -> None:
        address = _child_address(parent, node)
        own = node.num is not None and (not node.kind.transparent or node.kind is Kind.PART)
        whole = list(self.whole.get(address, ())) if own else []
        starts_unit = top and (node.kind in (Kind.SECTION, Kind.SCHEDULE) or node.kind.transparent)
        eid = _eid(address) if own and node.kind is not Kind.PART else None
        if starts_unit:
            self.start_unit(eid)
        number = num_text(node.kind, node.num)
        if isinstance(node, Omitted):
            keys: list[NoteKey] = [("op", i) for i, _ in whole]
            if base_group is not None:
                keys.append(("base", base_group))
            marks = tuple(self.marker(k) for k in keys)
            self.lines.append(Line("omitted", depth, (Piece("text", f"{number} "),
                                                      Piece("dots", markers=marks)),
                                   inserted=inserted, eid=eid))
            return
        opened = [self.marker(("op", i)) for i, effect in whole
                  if effect in ("inserted", "substituted")]
        marks_other = [self.marker(("op", i)) for i, effect in whole
                       if effect not in ("inserted", "substituted")]
        inside = inserted or bool(opened)
        first_list = self.lines
        first = len(first_list)
        head: list[Piece] = []
        words = [w for w in (number, node.heading) if w]
        if words:
            head.append(Piece("text", " ".join(words)))
        if node.text is not None:
            if head:
                head.append(Piece("text", " \u2014 " if node.heading else " "))
            head.extend(self.segment(node.text, (address.steps, "text", None, None)))
        role = {Kind.PART: "part", Kind.CROSSHEADING: "crossheading", Kind.SECTION: "section",
                Kind.SCHEDULE: "schedule"}.get(node.kind, "provision")
        if head or opened or marks_other:
            if marks_other:
                head.append(Piece("text", " "))
                head.append(Piece("mark", markers=tuple(marks_other)))
            self.lines.append(Line(role, depth, tuple(_merge_text(head)), inserted=inside,
                                   eid=eid))
        child_parent = parent if node.kind.transparent else address
        self.walk_children(node.children, child_parent, depth + 1,
                           top and node.kind.transparent, inside)
        if node.wrap_up is not None:
            pieces = self.segment(node.wrap_up, (address.steps, "wrap_up", None, None))
            self.lines.append(Line("closing", depth + 1, tuple(pieces), inserted=inside))
        if opened:
            if first >= len(first_list):
                first_list.append(Line(role, depth, (), inserted=True, eid=eid))
            first_list[first] = _prepend(first_list[first], Piece("popen", markers=tuple(opened)))
            self.lines[-1] = _append(self.lines[-1], Piece("pclose"))

    def build(self) -> Annotated:
        act: Act = self.cons.act
        self.start_unit(None)
        self.walk_children(act.children, Address(()), 0, True, False)
        notes: dict[str, Note] = {}
        for key, marker in self.markers.order.items():
            kind, index = key
            if kind == "op":
                wording = step_wording(self.cons.steps[index], self.cons.view)
                notes[marker] = Note(marker, wording.text, index, wording.editorial)
            else:
                addresses, raw = self.base_notes[index]
                notes[marker] = Note(marker, base_note(addresses, raw))
        pending_by_unit: dict[str | None, list[Wording]] = {}
        unit_eids = {eid for _, _, eid in self.units if eid}
        for p in self.cons.pending:
            target = getattr(p.operation, "target", None)
            eid = None
            if isinstance(target, Address) and target.steps:
                eid = _eid(Address(target.steps[:1]))
            elif isinstance(p.operation, InsertProvision):
                _, addresses = operation_effect(p.operation)
                eid = _eid(Address(addresses[0].steps[:1])) if addresses else None
            pending_by_unit.setdefault(eid if eid in unit_eids else None, []).append(
                pending_wording(p, self.cons.view))
        units = []
        for lines, _, eid in self.units:
            if not lines:
                continue
            seen: dict[str, None] = {}
            for line in lines:
                for piece in _all_pieces(line):
                    seen.update(dict.fromkeys(piece.markers))
            unit_notes = tuple(notes[m] for m in sorted(seen, key=lambda m: int(m[1:])))
            units.append(Unit(tuple(lines), unit_notes,
                              tuple(pending_by_unit.pop(eid, [])) if eid else (), eid,
                              tuple(source_notes(self.cons.base, lines))))
        rest = [n for eid, group in pending_by_unit.items() for n in group]
        info = act.info
        title = info.citation
        return Annotated(title, version_description(self.cons), tuple(units),
                         tuple(notes[m] for m in self.markers.order.values()), tuple(rest))


SOURCES_HEADING = "Source of this text (editorial notes)"
SOURCE_STATUSES = {
    "derived": "today's revised text on legislation.gov.uk with later recorded amendments "
               "reversed",
    "reconstructed": "lawdiff's best reading where no source text could be consulted",
}


def source_label(eid: str) -> str:
    """A source record's eId as a citation: "sec_6__subsec_1" -> "s. 6(1)";
    a table, "sched_1__table_1" -> "Sch. 1, table"."""
    holder, sep, _ = eid.partition("__table_")
    try:
        label = str(Address.from_eid(holder))
    except InvalidAddress:
        return eid
    return f"{label}, table" if sep else label


def source_line(record: SourceRecord) -> str:
    """"s. 6(1): reconstructed — mirrors the wording of the inserted subsection (A1); …"."""
    line = f"{source_label(record.eid)}: {record.status}"
    note = " ".join((record.note or "").split())
    if note:
        if note[1:2].islower():
            note = note[0].lower() + note[1:]
        line += f" — {note}"
    return line


def has_sources(act: Act) -> bool:
    """True when some provision of ``act`` is derived or reconstructed (so notes list it)."""
    return any(r.status in SOURCE_STATUSES for r in act.info.sources)


def source_notes(act: Act, lines: Sequence[Line]) -> list[str]:
    """The "Source of this text" lines for the provisions printed in ``lines``.

    One line per base-text provision whose source status (the statute file's
    ``<ld:provision>`` records, :attr:`ActInfo.sources`) is "derived" or
    "reconstructed", in document order; a table's record follows its holder.
    Provisions printed inside a provision inserted or substituted whole are
    not base text, and omitted ones print no base words, so neither is listed.
    """
    records = [r for r in act.info.sources if r.status in SOURCE_STATUSES]
    if not records:
        return []
    shown = [line.eid for line in lines
             if line.eid and not line.inserted and line.role != "omitted"]
    has_table = any(line.role == "row" and not line.inserted for line in lines)
    out: list[str] = []
    for eid in shown:
        for r in records:
            holder, sep, _ = r.eid.partition("__table_")
            if r.eid == eid or (sep and has_table and holder == eid):
                out.append(source_line(r))
    return out


def editorial_legend(act: Act, editorial: bool = False) -> str | None:
    """The line saying whose the editorial notes are and what the source statuses mean.

    None when there is nothing editorial to explain: no provision of ``act``
    is derived or reconstructed and ``editorial`` (some note carries an
    editorial note) is False.
    """
    used = [s for s in SOURCE_STATUSES if any(r.status == s for r in act.info.sources)]
    if not used and not editorial:
        return None
    legend = (f"Editorial notes (\u201c{EDITORIAL}: \u2026\u201d, \u201c{SOURCES_HEADING}\u201d) "
              "are lawdiff's, not legislation.gov.uk's.")
    if used:
        meanings = "; ".join(f"{s}: {SOURCE_STATUSES[s]}" for s in used)
        legend += (f" Source status of the base text \u2014 {meanings}; every other provision "
                   "is verbatim (identical to the revised text on legislation.gov.uk).")
    return legend


def _all_pieces(line: Line) -> Iterable[Piece]:
    yield from line.pieces
    for cell in line.cells:
        yield from cell


def _prepend(line: Line, piece: Piece) -> Line:
    if line.role == "row" and line.cells:
        return attrs.evolve(line, cells=((piece, *line.cells[0]), *line.cells[1:]))
    return attrs.evolve(line, pieces=(piece, *line.pieces))


def _append(line: Line, piece: Piece) -> Line:
    if line.role == "row" and line.cells:
        return attrs.evolve(line, cells=(*line.cells[:-1], (*line.cells[-1], piece)))
    return attrs.evolve(line, pieces=(*line.pieces, piece))


def _child_address(parent: Address, node: Provision | Omitted) -> Address:
    """The citation address of a node below ``parent`` (Parts and cross-headings are skipped)."""
    if node.num is None:
        return parent
    if node.kind in (Kind.SECTION, Kind.SCHEDULE):
        return Address((Step(node.kind, node.num),))
    return Address((*parent.steps, Step(node.kind, node.num)))


def _eid(address: Address) -> str | None:
    try:
        return address.eid
    except InvalidAddress:  # a table entry has no eId
        return None


def annotate(cons: Consolidation, *, changes: Sequence[tuple[int, Change]] | None = None
             ) -> Annotated:
    """The annotated layout of a consolidation (see the module documentation).

    ``changes`` are ``live_changes(cons)`` when the caller has them already.
    """
    return _Builder(cons, live_changes(cons) if changes is None else changes).build()


def annotated_text(cons: Consolidation) -> str:
    """The Act as legislation.gov.uk prints revised text, with notes after each section and Schedule.

    A title line, a line saying which version it is, a blank line, then each
    section or Schedule followed by its "Textual Amendments" and "Amendments
    not yet in force"; the base text's provenance closes the document.
    """
    doc = annotate(cons)
    info = cons.act.info
    out = [doc.title + (" [extract]" if info.extract else ""), f"Revised version {doc.version}", ""]
    for unit in doc.units:
        out.extend(line.plain() for line in unit.lines)
        if unit.notes:
            out.extend(["", "Textual Amendments"])
            out.extend(f"{n.marker} {n.full}" for n in unit.notes)
        if unit.pending:
            out.extend(["", "Amendments not applied to this text"])
            out.extend(w.full for w in unit.pending)
        if unit.sources:
            out.extend(["", SOURCES_HEADING])
            out.extend(unit.sources)
        out.append("")
    if doc.pending:
        out.extend(["Amendments not applied to this text", *(w.full for w in doc.pending), ""])
    out.extend(provenance_lines(cons.base, has_editorial(doc)))
    return "\n".join(out).rstrip("\n") + "\n"


def has_editorial(doc: Annotated) -> bool:
    """True when any note or pending note of ``doc`` carries an editorial note."""
    pending = [*doc.pending, *(w for u in doc.units for w in u.pending)]
    return any(n.editorial for n in doc.notes) or any(w.editorial for w in pending)


def provenance_lines(act: Act, editorial: bool = False) -> list[str]:
    """The base text's provenance: extract note, editorial legend (see
    :func:`editorial_legend`), source and licence."""
    info = act.info
    lines = [f"Base text: {info.citation} as at {lgu_date(info.version_date)}."]
    if info.extract and info.extract_note:
        lines.append(info.extract_note)
    legend = editorial_legend(act, editorial)
    if legend:
        lines.append(legend)
    if info.source:
        lines.append(f"Source: {info.source}")
    if info.licence:
        lines.append(info.licence)
    return lines
