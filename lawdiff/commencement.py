"""When an amendment takes effect.

A :class:`Commencement` records one in-force fact as the statute book states
it: a date (None while the amendment is prospective), the extent it applies
to, the instrument that brought it into force (``authority``, e.g. "S.I.
2007/1792, art. 2") and the enabling provision of the amending Act
(``power``, e.g. "s. 67(2)"), a note in legislation.gov.uk's words, and an
optional *condition*: a named event (e.g. "dcs-appointed", an
authority appointing its director of children's services) from whose date the
amendment has effect earlier than ``date`` for those it concerns.
``basis`` says where the fact comes from when it is not an official record
(e.g. a date inferred from the amending Act); annotations do not print it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import attrs

from lawdiff.errors import InvalidAmendment
from lawdiff.text import may_be_str

_EXTENTS = ("E", "W", "S", "NI")


def extent_set(text: str) -> frozenset[str]:
    """The parts of the United Kingdom an extent names: "E+W", "E.W.", "e", "N.I." and "NI" all read.

    Raises InvalidAmendment for anything else.
    """
    cleaned = text.upper().replace("N.I.", "NI").replace("N I", "NI")
    parts = {p for p in re.split(r"[+.,\s&]+", cleaned) if p}
    if not parts or not parts <= set(_EXTENTS):
        raise InvalidAmendment(f"unknown extent {text!r}: use E, W, S and NI, joined by '+'")
    return frozenset(parts)


def lgu_date(day: date) -> str:
    """A date as legislation.gov.uk prints it in notes: "1.1.2008"."""
    return f"{day.day}.{day.month}.{day.year}"


def must_be_day(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a calendar day (a ``date`` that is not a ``datetime``)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidAmendment(f"{attribute.name} must be a day (YYYY-MM-DD, unquoted in TOML), "
                               f"not {value!r}")


def may_be_day(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a calendar day or None."""
    if value is not None:
        must_be_day(instance, attribute, value)


@attrs.frozen(slots=True)
class Commencement:
    """One in-force fact of an operation (an operation may have several, e.g. per extent)."""

    date: date | None = attrs.field(default=None, validator=may_be_day)
    extent: str | None = attrs.field(default=None, validator=may_be_str)
    authority: str | None = attrs.field(default=None, validator=may_be_str)
    power: str | None = attrs.field(default=None, validator=may_be_str)
    note: str | None = attrs.field(default=None, validator=may_be_str)
    condition: str | None = attrs.field(default=None, validator=may_be_str)
    basis: str | None = attrs.field(default=None, validator=may_be_str)

    def __attrs_post_init__(self) -> None:
        if self.extent is not None:
            extent_set(self.extent)
        if self.date is None and self.condition is None and self.note is None:
            raise InvalidAmendment("a commencement needs a date, a condition or a note "
                                   "(a prospective amendment says so in its note)")

    @property
    def prospective(self) -> bool:
        """True while no in-force date is known."""
        return self.date is None
