"""The exception hierarchy.

Every error lawdiff raises on purpose is a :class:`LawdiffError`.  Two kinds are
kept apart, as in JSON Patch:

* :class:`InvalidAmendment` -- the amendment itself is malformed: an unreadable
  address, an operation missing a field, an instruction the parser cannot read.
  It would be wrong against any text.
* :class:`AmendmentConflict` -- the amendment is well formed but does not fit
  this text: the provision is missing, the words are not there, or they occur
  a different number of times than the instruction requires.

Each error builds its whole message before it is raised and keeps the facts
that went into it as attributes, so callers can report them their own way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class LawdiffError(Exception):
    """Base class of every error lawdiff raises deliberately."""


class InvalidStatute(LawdiffError, ValueError):
    """A statute file is malformed, unsafe, or does not describe a valid tree."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(f"{where}{message}")
        self.source = source
        self.line = line


class UnsafeXML(InvalidStatute):
    """The XML declares a DTD or entities; lawdiff refuses such input outright."""


class InputTooLarge(LawdiffError, ValueError):
    """An input is larger than the input limit (``limit`` bytes); reading stopped there.

    The limit guards against huge or endless input (``/dev/zero``); the
    command line sets it with ``--max-input`` or ``LAWDIFF_MAX_INPUT``.
    """

    def __init__(self, message: str, *, source: str, limit: int):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.limit = limit


class InvalidDesignation(LawdiffError, ValueError):
    """A provision number such as "(A1)" or "1ZA" cannot be read."""


class InvalidAddress(LawdiffError, ValueError):
    """A citation such as "s. 6(A1)" or an eId such as "sec_6__subsec_A1" cannot be read."""


class InvalidView(LawdiffError, ValueError):
    """A point-in-time request that cannot be answered: a day before the base text, an
    unknown extent, a condition met before the base text, or versions out of order."""


class InvalidAmendment(LawdiffError, ValueError):
    """An amendment or operation is malformed, independent of any text it is applied to."""

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source


class InstructionParseError(InvalidAmendment):
    """Part of an amending instruction could not be read.

    ``span`` is the (start, end) of the text that could not be read, in the
    string given to the parser, and ``unparsed`` is that text itself.
    """

    def __init__(self, message: str, *, text: str, span: tuple[int, int]):
        start, end = span
        self.text = text
        self.span = span
        self.unparsed = text[start:end]
        shown = self.unparsed if len(self.unparsed) <= 80 else self.unparsed[:77] + "..."
        if not text.strip():
            super().__init__(message)  # nothing to read, so no span to quote
        elif start == end:
            super().__init__(f"{message} (at character {start})")
        else:
            super().__init__(f"{message}: could not read {shown!r} (characters {start}-{end})")


class AmendmentConflict(LawdiffError, LookupError):
    """A well-formed operation does not fit the text it is applied to.

    ``operation`` names the operation (its citation where it has one) and
    ``provision`` the citation of the provision it was looking in.
    """

    def __init__(self, message: str, *, operation: str | None = None,
                 provision: str | None = None):
        parts = []
        if operation:
            parts.append(operation)
        if provision and not (operation and f"in {provision}," in operation):
            parts.append(f"in {provision}")
        prefix = ", ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.reason = message
        self.operation = operation
        self.provision = provision


class ProvisionNotFound(AmendmentConflict):
    """The addressed provision does not exist; ``nearest`` lists provisions that do."""

    def __init__(self, message: str, *, address: str, nearest: Sequence[str] = (),
                 operation: str | None = None, provision: str | None = None):
        self.address = address
        self.nearest = tuple(nearest)
        self.detail = message
        if self.nearest:
            message = f"{message}; nearest existing: {', '.join(self.nearest)}"
        super().__init__(message, operation=operation, provision=provision)


class WordsNotFound(AmendmentConflict):
    """The quoted words do not occur (or occur fewer times than required)."""

    def __init__(self, message: str, *, words: str, operation: str | None = None,
                 provision: str | None = None):
        self.words = words
        super().__init__(message, operation=operation, provision=provision)


class AmbiguousWords(AmendmentConflict):
    """The quoted words occur more often than the instruction allows.

    ``places`` describes every place the words were found, e.g.
    ``"s. 6(2): …functions of [director of] social services…"``.
    """

    def __init__(self, message: str, *, words: str, places: Sequence[str],
                 operation: str | None = None, provision: str | None = None):
        self.words = words
        self.places = tuple(places)
        listed = "; ".join(self.places)
        super().__init__(f"{message}; found at: {listed}", operation=operation,
                         provision=provision)


class InvalidPlacement(AmendmentConflict):
    """The result would not be a valid text: a provision out of designation order or
    numbered twice, or a provision left with no words."""


class RangeNotExpressible(AmendmentConflict):
    """A range of words "to the end" cannot be changed as one run of words here: from the
    chosen start words it would run on through other provisions' text, or its end lies
    before them.  ``words`` is the range as the instruction cites it."""

    def __init__(self, message: str, *, words: str, operation: str | None = None,
                 provision: str | None = None):
        self.words = words
        super().__init__(message, operation=operation, provision=provision)


class ConflictingAmendments(AmendmentConflict):
    """An operation fits the original text but no longer fits after an earlier one in the batch.

    ``earlier`` names the earlier operation and ``cause`` is the error the
    operation raised against the amended text.
    """

    def __init__(self, message: str, *, earlier: str, cause: AmendmentConflict,
                 operation: str | None = None, provision: str | None = None):
        self.earlier = earlier
        self.cause = cause
        super().__init__(message, operation=operation, provision=provision)


class BatchError(LawdiffError):
    """A batch of operations failed; nothing was changed.

    ``index`` is the position of the failing operation in the batch,
    ``operation`` the operation itself and ``cause`` the underlying error.
    ``where`` names the operation for the message when the batch position is
    not what a reader knows it by (e.g. "operation 2 of amendments/x.toml").
    """

    def __init__(self, index: int, operation: Any, cause: LawdiffError, where: str | None = None):
        self.index = index
        self.operation = operation
        self.cause = cause
        self.where = where
        super().__init__(f"{where or f'operation {index + 1}'} failed, nothing was changed: "
                         f"{cause}")
