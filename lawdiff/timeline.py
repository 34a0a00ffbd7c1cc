"""Point in time: which operations have effect on a given day, for whom.

A :class:`View` asks for the law as it stood on ``as_at`` (None: with every
dated amendment in force), optionally for one ``extent`` ("E", "W") and for a
person or body that satisfies named *conditions* on given dates (e.g. an
authority that appointed its director of children's services on 1.9.2006:
``conditions={"dcs-appointed": date(2006, 9, 1)}``).

An operation has effect in a view from the day its
:class:`~lawdiff.commencement.Commencement` entries give it effect there:

* a view with no extent is legislation.gov.uk's general view: the earliest
  day any entry gives, with the extent shown in the annotation;
* a view of an extent ("E+W") needs every part of it covered: for each part
  the earliest entry whose extent covers that part, and the latest of those
  days (commenced 1.4.2005 for E and 1.4.2006 for W: in force for E+W from
  1.4.2006);
* an entry with a ``condition`` also applies from the day that condition was
  met, when the view names it;
* an entry with no date is prospective: never in force, shown as pending;
* an amending provision that extends only to some parts (Children Act 2004
  Pt. 2 to England and Wales, s. 68(2)) never has effect in a view of
  another part.

A :class:`Revocation` records that a later enactment omitted or repealed an
amending provision itself (e.g. S.I. 2016/413 omitting Children Act 2004
Sch. 2 para. 2(2)(b)).  An operation of that provision that had not taken
effect by the revocation's date never takes effect; one that had taken
effect stays in the text (Interpretation Act 1978, s. 16(1)).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import attrs

from lawdiff.commencement import Commencement, extent_set, must_be_day
from lawdiff.errors import InvalidAmendment, InvalidView
from lawdiff.operations import Operation
from lawdiff.text import must_be_str


def _frozen_conditions(value: Mapping[str, date] | None) -> tuple[tuple[str, date], ...]:
    if value is None:
        return ()
    items = tuple(sorted(dict(value).items()))
    for name, when in items:
        if not isinstance(when, date):
            raise InvalidAmendment(f"condition {name!r} needs a date, not {when!r}")
    return items


@attrs.frozen(slots=True)
class View:
    """Whose law, on which day: ``as_at`` date, ``extent``, and conditions met (name, date)."""

    as_at: date | None = None
    extent: str | None = None
    conditions: tuple[tuple[str, date], ...] = attrs.field(default=(), converter=_frozen_conditions)

    def __attrs_post_init__(self) -> None:
        if self.extent is not None:
            try:
                extent_set(self.extent)
            except InvalidAmendment as exc:
                raise InvalidView(str(exc)) from None

    def condition(self, name: str) -> date | None:
        """The day the named condition was met in this view, or None."""
        return dict(self.conditions).get(name)


def covers(entry_extent: str | None, view_extent: str | None) -> bool:
    """True when a commencement for ``entry_extent`` applies in a view of ``view_extent``.

    No extent on either side means everywhere; otherwise every part the view
    asks for must be covered ("E" is covered by "E+W" and by "E.W.").
    """
    if view_extent is None or entry_extent is None:
        return True
    return extent_set(view_extent) <= extent_set(entry_extent)


@attrs.frozen(slots=True)
class Revocation:
    """A later enactment omitting or repealing an amending provision.

    ``target`` is the citation of the amending provision ("Children Act 2004
    (c. 31), Sch. 2 para. 2(2)(b)"); operations whose citation is that
    provision or lies inside it are affected.  ``by`` cites the revoking
    provision.
    """

    target: str = attrs.field(validator=must_be_str)
    date: date = attrs.field(validator=must_be_day)
    by: str = attrs.field(validator=must_be_str)
    how: str = attrs.field(default="omitted", validator=must_be_str)

    def __attrs_post_init__(self) -> None:
        if self.how not in ("omitted", "repealed"):
            raise InvalidAmendment(f"a revocation is 'omitted' or 'repealed', not {self.how!r}")

    def affects(self, op: Operation) -> bool:
        """True when ``op`` comes from the revoked provision or one inside it."""
        cite = op.provenance.citation or ""
        return cite == self.target or cite.startswith(self.target + "(") or \
            cite.startswith(self.target + " ")


def effective_date(op: Operation, view: View, within: str | None = None) -> date | None:
    """The first day ``op`` has effect in ``view`` (ignoring ``as_at``); None if never or prospective.

    ``within`` is the extent of the amending provision itself, when recorded:
    a view of an extent outside it never has the operation.
    """
    if view.extent is None:
        return min((d for entry in op.commencement for d in _days(entry, view)), default=None)
    parts = extent_set(view.extent)
    if within is not None and not parts <= extent_set(within):
        return None
    latest: date | None = None
    for part in sorted(parts):
        first = min((d for entry in op.commencement if covers(entry.extent, part)
                     for d in _days(entry, view)), default=None)
        if first is None:
            return None
        latest = first if latest is None else max(latest, first)
    return latest


def _days(entry: Commencement, view: View) -> list[date]:
    """The days one commencement entry gives effect from in ``view``: its date, its condition's."""
    days = [entry.date] if entry.date is not None else []
    if entry.condition is not None:
        met = view.condition(entry.condition)
        if met is not None:
            days.append(met)
    return days


def revoked_before(op: Operation, start: date | None,
                   revocations: Sequence[Revocation]) -> Revocation | None:
    """The revocation that stops ``op`` taking effect on ``start`` (None: no such revocation).

    A revocation on or before the day the operation would take effect (or
    any revocation, when it would never take effect) stops it.
    """
    return next((r for r in revocations if r.affects(op) and (start is None or r.date <= start)),
                None)


def has_effect(op: Operation, view: View, revocations: Sequence[Revocation] = (),
               within: str | None = None) -> bool:
    """True when ``op`` has effect on ``view.as_at`` (or at all, with no date) in ``view``.

    ``within`` is the amending provision's own extent, as in :func:`effective_date`.
    """
    start = effective_date(op, view, within)
    if start is None or revoked_before(op, start, revocations) is not None:
        return False
    return view.as_at is None or start <= view.as_at
