"""An amending provision: where it comes from, what it amends, and its operations."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from lawdiff.commencement import extent_set
from lawdiff.errors import InvalidAmendment
from lawdiff.operations import Operation
from lawdiff.text import may_be_str
from lawdiff.timeline import Revocation


def _operations(value: Iterable[Operation]) -> tuple[Operation, ...]:
    return tuple(value)


def _revocations(value: Iterable[Revocation]) -> tuple[Revocation, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Amendment:
    """One amending provision (e.g. Children Act 2004 Sch. 2 para. 2) as operations.

    ``amends`` is the work identifier of the amended Act ("ukpga/1970/42");
    ``text`` the amending provision verbatim; ``source`` and ``licence``
    record where that text was taken from.  ``name`` is how messages refer to
    the amendment (:func:`~lawdiff.formats.amendment_file.read_amendment` uses
    the file's path).  ``extent`` is where the amending provision itself
    extends ("E+W"), when that limits where its changes apply.  ``revocations`` are amending
    provisions (of any Act) that this amendment omits or repeals.
    """

    citation: str
    amends: str
    operations: tuple[Operation, ...] = attrs.field(converter=_operations)
    text: str | None = None
    source: str | None = None
    licence: str | None = None
    name: str | None = None
    revocations: tuple[Revocation, ...] = attrs.field(default=(), converter=_revocations)
    extent: str | None = attrs.field(default=None, validator=may_be_str)

    def __attrs_post_init__(self) -> None:
        if self.extent is not None:
            extent_set(self.extent)
        if not self.citation.strip():
            raise InvalidAmendment("an amendment needs the citation of the amending provision")
        for op in self.operations:
            if not isinstance(op, Operation):
                raise InvalidAmendment(f"not an operation: {op!r}")
