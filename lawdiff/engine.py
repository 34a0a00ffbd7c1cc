"""Applying operations: atomic batches, consolidation and point-in-time versions.

A batch either applies whole or changes nothing (the Act is immutable, so
"nothing changed" is simply the input returned untouched) and one
:class:`~lawdiff.errors.BatchError` names the failing operation.  When an
operation fails only because an earlier operation in the same batch changed
its text, the cause is :class:`~lawdiff.errors.ConflictingAmendments` naming
that earlier operation.

:func:`consolidate` applies amendments as they stand on a day (see
:mod:`lawdiff.timeline`), in the order they took effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import attrs

from lawdiff.amendment import Amendment
from lawdiff.commencement import extent_set, lgu_date
from lawdiff.errors import (
    AmendmentConflict,
    BatchError,
    ConflictingAmendments,
    InvalidAmendment,
    InvalidView,
    LawdiffError,
)
from lawdiff.model import Act
from lawdiff.operations import Applied, Change, Failed, Operation, Provenance, SpanEdit, map_span
from lawdiff.timeline import Revocation, View, effective_date, revoked_before


@attrs.frozen(slots=True)
class AppliedStep:
    """One operation of a batch, the day it took effect (if known), and what it changed."""

    operation: Operation
    changes: tuple[Change, ...]
    edits: tuple[SpanEdit, ...] = ()
    effective: date | None = None


@attrs.frozen(slots=True)
class Pending:
    """An operation not applied in a view, and why ("prospective", "from 2008-01-01", …)."""

    operation: Operation
    reason: str


@attrs.frozen(slots=True)
class Consolidation:
    """The result of a batch: the base Act, the amended Act, each step, and what is pending."""

    base: Act
    act: Act
    steps: tuple[AppliedStep, ...]
    pending: tuple[Pending, ...] = ()
    view: View = attrs.field(factory=View)

    def final_changes(self) -> list[tuple[int, Change]]:
        """Every change with its text span mapped into the final Act, by step index.

        A later edit that replaces words an earlier change inserted shrinks
        or removes that change's span (:func:`~lawdiff.operations.map_span`);
        changes whose text vanished keep an empty span.
        """
        out: list[tuple[int, Change]] = []
        for i, step in enumerate(self.steps):
            for change in step.changes:
                if change.field is None:
                    out.append((i, change))
                    continue
                start, end = change.start, change.end
                for later in self.steps[i + 1:]:
                    same = [e for e in later.edits if e.segment() == change.segment()]
                    if same:
                        start, end = map_span(start, end, same)
                out.append((i, attrs.evolve(change, start=start, end=end)))
        return out


def _find_conflict(base: Act, operations: Sequence[Operation], index: int,
                   cause: AmendmentConflict) -> LawdiffError:
    """Explain a failure at ``index``: a conflict with an earlier operation, or ``cause``."""
    op = operations[index]
    if isinstance(op.attempt(base), Failed):
        return cause
    act = base
    for j in range(index):
        result = operations[j].attempt(act)
        assert isinstance(result, Applied)
        act = result.act
        if isinstance(op.attempt(act), Failed):
            return ConflictingAmendments(
                f"it fits the original text but not after {operations[j].name}, which "
                f"changed the same words: {cause.reason}", earlier=operations[j].name,
                cause=cause, operation=op.name, provision=cause.provision)
    return cause


def apply_batch(act: Act, operations: Iterable[Operation],
                dates: Sequence[date | None] | None = None) -> Consolidation:
    """Apply ``operations`` in order, all or nothing.

    Returns the :class:`Consolidation`; raises :class:`BatchError` (with the
    index, the operation and the cause) if any operation does not fit, in
    which case ``act`` is, as always, unchanged.  ``dates`` (one per
    operation) are recorded on the steps.
    """
    ops = tuple(operations)
    current = act
    steps = []
    for i, op in enumerate(ops):
        result = op.attempt(current)
        if isinstance(result, Failed):
            error = result.error
            if isinstance(error, AmendmentConflict) and i:
                error = _find_conflict(act, ops, i, error)
            raise BatchError(i, op, error)
        current = result.act
        steps.append(AppliedStep(op, result.changes, result.edits,
                                 dates[i] if dates is not None else None))
    return Consolidation(act, current, tuple(steps))


def apply_all(act: Act, operations: Iterable[Operation]) -> Act:
    """The Act with every operation applied, or BatchError and nothing changed."""
    return apply_batch(act, operations).act


def select_operations(act: Act, amendments: Sequence[Amendment], view: View
                      ) -> tuple[list[tuple[date | None, Operation]], list[Pending]]:
    """The operations with effect in ``view`` in the order they took effect, and the rest.

    Operations with equal dates keep the order of the amendments and of the
    operations within them.  With no commencement at all an operation is
    taken as in force (undated), which only a view without ``as_at`` accepts.
    """
    revocations: list[Revocation] = [r for a in amendments for r in a.revocations]
    chosen: list[tuple[date | None, int, Operation]] = []
    pending: list[Pending] = []
    order = 0
    for amendment in amendments:
        if amendment.amends != act.info.work:
            continue
        for op in amendment.operations:
            order += 1
            if not op.commencement:
                if view.as_at is None:
                    chosen.append((None, order, op))
                else:
                    pending.append(Pending(op, "no commencement recorded"))
                continue
            start = effective_date(op, view, amendment.extent)
            revoked = revoked_before(op, start, revocations)
            if revoked is not None and view.as_at is not None and revoked.date > view.as_at:
                revoked = None  # not yet revoked on the day asked about
            if (view.extent is not None and amendment.extent is not None
                    and not extent_set(view.extent) <= extent_set(amendment.extent)):
                pending.append(Pending(op, f"{amendment.citation} extends to {amendment.extent} "
                                           f"only"))
            elif revoked is not None:
                pending.append(Pending(op, f"{revoked.how} by {revoked.by} "
                                           f"({lgu_date(revoked.date)}) before it took effect"))
            elif start is None:
                pending.append(Pending(op, "prospective" if all(c.date is None for c in op.commencement)
                                       else "not in force in this view"))
            elif view.as_at is not None and start > view.as_at:
                pending.append(Pending(op, f"in force from {start.isoformat()}"))
            else:
                chosen.append((start, order, op))
    chosen.sort(key=lambda item: (item[0] or date.min, item[1]))
    return [(d, op) for d, _, op in chosen], pending


def _check_view(act: Act, view: View, amendments: Sequence[Amendment]) -> None:
    """A view must ask about days the base text can speak to, and conditions that exist."""
    known = {c.condition for a in amendments for op in a.operations for c in op.commencement
             if c.condition is not None}
    for name, _ in view.conditions:
        if name not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise InvalidView(f"no amendment given has effect on condition {name!r} "
                              f"(conditions named: {listed})")
    base = act.info.version_date
    if view.as_at is not None and view.as_at < base:
        raise InvalidView(f"{act.info.citation} is held as it stood on {base.isoformat()}; "
                          f"it cannot show the law on {view.as_at.isoformat()}")
    for name, when in view.conditions:
        if when < base:
            raise InvalidView(f"condition {name!r} met on {when.isoformat()}, before the base "
                              f"text's date {base.isoformat()}: amendments made later cannot "
                              f"take effect then")


def consolidate(act: Act, amendments: Iterable[Amendment], as_at: date | None = None, *,
                extent: str | None = None, conditions: Mapping[str, date] | None = None
                ) -> Consolidation:
    """The Act as amended, atomically; as it stood on ``as_at`` if given.

    Every amendment must amend this Act (its ``amends`` equals the Act's work
    identifier) unless it only revokes amending provisions; otherwise
    InvalidAmendment is raised before anything runs.  Operations apply in the
    order they took effect (see :func:`select_operations`); the result's
    ``pending`` lists those not applied and why.  ``extent`` and
    ``conditions`` select whose law it is (see :class:`~lawdiff.timeline.View`).

    The amended Act is dated as the version it is: its ``info.version_date``
    is the day its latest change took effect in the view (the base text's
    date when nothing applied), not ``as_at`` -- the same text asked for on
    two days is one version.
    """
    amendments = tuple(amendments)
    for amendment in amendments:
        if amendment.amends != act.info.work and amendment.operations:
            raise InvalidAmendment(f"{amendment.citation} amends {amendment.amends}, "
                                   f"not {act.info.work} ({act.info.citation})")
    _check_repeats(act, amendments)
    view = View(as_at, extent, conditions)
    _check_view(act, view, amendments)
    chosen, pending = select_operations(act, amendments, view)
    try:
        result = apply_batch(act, [op for _, op in chosen], [d for d, _ in chosen])
    except BatchError as exc:
        raise BatchError(exc.index, exc.operation, exc.cause,
                         _where(exc.operation, amendments)) from None
    days = [d for d, _ in chosen if d is not None]
    if days and max(days) != act.info.version_date:
        result = attrs.evolve(result, act=result.act.with_info(
            attrs.evolve(result.act.info, version_date=max(days))))
    return attrs.evolve(result, pending=tuple(pending), view=view)


def _check_repeats(act: Act, amendments: Sequence[Amendment]) -> None:
    """Refuse an operation given twice: the same citation and the same effect.

    An amendment applies once; a second copy (one file named twice, or one
    change recorded in two files) would apply it again ("in Wales in
    Wales").  The citation is the operation's, else its amendment's; the
    effect is the operation without its verbatim words and commencement.
    InvalidAmendment names both places.
    """
    seen: dict[tuple[str, Operation], tuple[int, int]] = {}
    for a, amendment in enumerate(amendments):
        if amendment.amends != act.info.work:
            continue
        for i, op in enumerate(amendment.operations):
            key = (op.provenance.citation or amendment.citation,
                   attrs.evolve(op, provenance=Provenance(), commencement=()))
            first = seen.setdefault(key, (a, i))
            if first == (a, i):
                continue
            earlier, later = _place(amendments, *first), _place(amendments, a, i)
            if earlier == later:  # one file named twice
                earlier, later = f"{earlier} (amendment {first[0] + 1})", f"{later} (amendment {a + 1})"
            raise InvalidAmendment(f"{op.name} is given twice: {earlier} and {later}; "
                                   f"an amendment applies once")


def _place(amendments: Sequence[Amendment], index: int, op_index: int) -> str:
    """ "operation 2 of children-act-2004-sch-2-para-2": an operation by its place."""
    amendment = amendments[index]
    return f"operation {op_index + 1} of {amendment.name or amendment.citation}"


def _where(op: Operation, amendments: Sequence[Amendment]) -> str | None:
    """ "operation 2 of children-act-2004-sch-2-para-2": ``op`` by its place in its amendment."""
    for a, amendment in enumerate(amendments):
        for i, candidate in enumerate(amendment.operations):
            if candidate is op:
                return _place(amendments, a, i)
    return None


def versions(act: Act, amendments: Iterable[Amendment], *, extent: str | None = None,
             conditions: Mapping[str, date] | None = None) -> list[tuple[date, list[Operation]]]:
    """The days on which the Act changes in a view, each with the operations taking effect then.

    The base text's own date is not included.  Every version is built, so an
    operation that does not fit raises :class:`BatchError` here as it would
    in :func:`consolidate`: a day is listed only if its version exists.
    """
    result = consolidate(act, amendments, extent=extent, conditions=conditions)
    days: dict[date, list[Operation]] = {}
    for step in result.steps:
        if step.effective is not None:
            days.setdefault(step.effective, []).append(step.operation)
    return sorted(days.items())
