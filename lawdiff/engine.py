"""Applying operations: atomic batches and consolidation.

A batch either applies whole or changes nothing (the Act is immutable, so
"nothing changed" is simply the input returned untouched) and one
:class:`~lawdiff.errors.BatchError` names the failing operation.  When an
operation fails only because an earlier operation in the same batch changed
its text, the cause is :class:`~lawdiff.errors.ConflictingAmendments` naming
that earlier operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from lawdiff.amendment import Amendment
from lawdiff.errors import (
    AmendmentConflict,
    BatchError,
    ConflictingAmendments,
    InvalidAmendment,
    LawdiffError,
)
from lawdiff.model import Act
from lawdiff.operations import Applied, Change, Failed, Operation


@attrs.frozen(slots=True)
class AppliedStep:
    """One operation of a batch and the changes it made."""

    operation: Operation
    changes: tuple[Change, ...]


@attrs.frozen(slots=True)
class Consolidation:
    """The result of a batch: the base Act, the amended Act, and each step taken."""

    base: Act
    act: Act
    steps: tuple[AppliedStep, ...]


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


def apply_batch(act: Act, operations: Iterable[Operation]) -> Consolidation:
    """Apply ``operations`` in order, all or nothing.

    Returns the :class:`Consolidation`; raises :class:`BatchError` (with the
    index, the operation and the cause) if any operation does not fit, in
    which case ``act`` is, as always, unchanged.
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
        steps.append(AppliedStep(op, result.changes))
    return Consolidation(act, current, tuple(steps))


def apply_all(act: Act, operations: Iterable[Operation]) -> Act:
    """The Act with every operation applied, or BatchError and nothing changed."""
    return apply_batch(act, operations).act


def consolidate(act: Act, amendments: Iterable[Amendment]) -> Consolidation:
    """Apply amendments to an Act in the order given, atomically.

    Every amendment must amend this Act (its ``amends`` equals the Act's work
    identifier); otherwise InvalidAmendment is raised before anything runs.
    """
    amendments = tuple(amendments)
    for amendment in amendments:
        if amendment.amends != act.info.work:
            raise InvalidAmendment(f"{amendment.citation} amends {amendment.amends}, "
                                   f"not {act.info.work} ({act.info.citation})")
    return apply_batch(act, [op for a in amendments for op in a.operations])
