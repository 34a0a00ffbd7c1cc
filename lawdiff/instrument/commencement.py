"""An instrument's own commencement provisions: which of its provisions come into force when.

"This Act comes into force on 1 January 2008", "These Regulations come into
force on 6th April 2016", "The following provisions come into force on the
day on which this Act is passed— (a) sections 1 and 3; …", "… at the end of
the period of 2 months beginning with the day on which this Act is passed",
"… on such day as the Secretary of State may by regulations appoint".

:func:`read_rules` reads one commencement provision into
:class:`CommencementRule` values (what it covers, and the day, or why there
is none); :func:`rule_for` picks the rule that governs a provision of the
instrument: the most specific one that covers it.  Words this module cannot
read are kept in the rule's ``note`` and give no date; a rule limited by
"so far as …" is not applied to anything, since what it leaves out cannot
be told.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date

import attrs

from lawdiff.designation import Designation
from lawdiff.errors import InvalidDesignation

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_FORCE = re.compile(r"(?P<subject>.*?)\s+(?:comes?|shall\s+come)\s+into\s+(?:force|operation)\b"
                    r"\s*(?P<when>.*)$", re.IGNORECASE | re.DOTALL)
_EXCEPT = re.compile(r"^(?:except\s+as\s+provided\s+(?:by|in)|subject\s+to)\b[^,]*,\s*",
                     re.IGNORECASE)
_WHOLE = re.compile(r"^(?:this|these)\s+(?:Act|Regulations|Order|Rules|Measure|Scheme"
                    r"|instrument)$", re.IGNORECASE)
_ON_DATE = re.compile(r"^on\s+(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]+)\s*,?"
                      r"\s+(?P<y>\d{4})\b", re.IGNORECASE)
_PASSED = re.compile(r"^on\s+the\s+day\s+(?:on\s+which|that)\s+(?:this|these)\s+\w+\s+"
                     r"(?:is|are)\s+(?:passed|made)\b", re.IGNORECASE)
_MONTHS_AFTER = re.compile(
    r"^at\s+the\s+end\s+of\s+the\s+period\s+of\s+(?P<n>\d+|[a-z]+)\s+months?\s+beginning\s+"
    r"(?:with\s+the\s+day\s+on\s+which|when|on\s+the\s+day\s+on\s+which)\s+this\s+\w+\s+"
    r"(?:is|was)\s+passed\b", re.IGNORECASE)
_APPOINTED = re.compile(r"^on\s+(?:such\s+)?day\s+as\s+(?P<who>.+?)\s+(?:may\s+)?(?:by\s+"
                        r"(?P<how>regulations|order|rules)\s+)?appoints?\b", re.IGNORECASE)
_NUM = r"(?:\d+[A-Z]*|[A-Z]{1,2}\d+[A-Z]*|[IVXL]+\b)(?:\([0-9A-Za-z]+\))*"
_UNIT = re.compile(rf"(?P<word>(?i:sections?|regulations?|articles?|rules?|Schedules?|Parts?))"
                   rf"\s+(?P<list>{_NUM}(?:\s*(?:,|and|to)\s*{_NUM})*)")
_PREFIX = {"section": "s.", "regulation": "reg.", "article": "art.", "rule": "r.",
           "schedule": "Sch.", "part": "Pt."}


@attrs.frozen(slots=True)
class Scope:
    """Provisions of the instrument a rule covers: ``prefix`` "s.", "Sch.", "Pt." …, and the
    numbers from ``first`` to ``last`` (one number when they are equal)."""

    prefix: str
    first: str
    last: str

    def covers(self, provision: str, part: str | None) -> bool:
        """True when ``provision`` ("Sch. 19 para. 227(2)(a)", "s. 5(1)") lies in this scope;
        ``part`` is the Part ("Pt. 3") the provision stands in, for a scope of Parts."""
        subject = part if self.prefix == "Pt." else provision
        if subject is None:
            return False
        if "(" in self.first:
            whole = f"{self.prefix} {self.first}"
            return subject == whole or subject.startswith((f"{whole}(", f"{whole} "))
        m = re.match(rf"{re.escape(self.prefix)} (?P<n>[0-9A-Z]+)(?:$|[ (])", subject)
        if m is None:
            return False
        return _between(m.group("n"), self.first, self.last)


def _between(value: str, first: str, last: str) -> bool:
    if first == last:
        return value == first
    try:
        v, lo, hi = (Designation.parse(x) for x in (value, first, last))
    except InvalidDesignation:
        return False
    return lo <= v <= hi


@attrs.frozen(slots=True)
class CommencementRule:
    """What one commencement provision says about some provisions of the instrument.

    ``scopes`` are what it covers (empty: the whole instrument); ``day`` the
    day they come into force, or None when it names none ("on such day as …
    may by regulations appoint"); ``words`` how it says so; ``provision``
    the commencement provision itself ("s. 212(2)"); ``partial`` is True
    when it covers its provisions only "so far as …", so it is applied to
    none of them.
    """

    scopes: tuple[Scope, ...]
    day: date | None
    words: str
    provision: str
    partial: bool = False

    def covers(self, provision: str, part: str | None) -> bool:
        """True when the rule governs ``provision`` of the instrument."""
        if self.partial:
            return False
        if not self.scopes:
            return True
        return any(s.covers(provision, part) for s in self.scopes)

    @property
    def specificity(self) -> int:
        """Narrower rules win: a whole instrument 0, Parts and Schedules 1, sections 2."""
        if not self.scopes:
            return 0
        return 1 if all(s.prefix in ("Pt.", "Sch.") for s in self.scopes) else 2


def read_rules(subject_text: str, listed: Sequence[str], provision: str,
               made: date | None, own: str | None = None) -> list[CommencementRule]:
    """The rules one commencement provision states.

    ``subject_text`` is its words ("This Act comes into force on …", "The
    following provisions come into force …—"), ``listed`` the items of its
    list, if any ("sections 1 and 3;"); ``provision`` its citation within
    the instrument ("s. 212(2)"); ``made`` the day the instrument was passed
    or made; ``own`` the provision it stands in ("s. 212"), for "this
    section".  Returns no rule for words that state no commencement.
    """
    text = " ".join(subject_text.split())
    m = _FORCE.match(text)
    if m is None:
        return []
    subject = _EXCEPT.sub("", m.group("subject").strip())
    when = m.group("when").strip(" \u2014\u2013-:.")
    day, words = _day(when, made)
    scopes: list[Scope] = []
    partial = False
    whole = bool(_WHOLE.match(subject))
    for part in [subject, *listed]:
        if re.search(r"\bso\s+far\s+as\b", part, re.IGNORECASE):
            partial = True
        scopes.extend(_scopes(part, own))
    if whole and not listed:
        return [CommencementRule((), day, words, provision)]
    if not scopes:
        return [CommencementRule((), None, f"{words} (covering provisions that could not be "
                                            f"read: {subject})", provision, partial=True)]
    if partial:
        # Keep the provisions read without any "so far as" limit apart.
        clean = [p for p in [subject, *listed]
                 if not re.search(r"\bso\s+far\s+as\b", p, re.IGNORECASE)]
        kept = [s for p in clean for s in _scopes(p, own)]
        rules = [CommencementRule(tuple(kept), day, words, provision)] if kept else []
        return [*rules, CommencementRule(tuple(scopes), day, words, provision, partial=True)]
    return [CommencementRule(tuple(scopes), day, words, provision)]


def _scopes(text: str, own: str | None) -> list[Scope]:
    out: list[Scope] = []
    if own is not None and re.search(r"\bthis\s+section\b", text, re.IGNORECASE):
        head = own.split(" ", 1)
        if len(head) == 2:
            out.append(Scope(head[0], head[1], head[1]))
    for m in _UNIT.finditer(text):
        word = m.group("word").lower().rstrip("s")
        prefix = _PREFIX.get(word)
        if prefix is None:
            continue
        tokens = re.split(r"\s*(,|\band\b|\bto\b)\s*", m.group("list"))
        values = [t for t in tokens if t and t not in (",", "and", "to")]
        i = 0
        while i < len(values):
            first = values[i]
            if i + 1 < len(values) and _joined_by_to(tokens, first, values[i + 1]):
                out.append(Scope(prefix, first, values[i + 1]))
                i += 2
                continue
            out.append(Scope(prefix, first, first))
            i += 1
    return out


def _joined_by_to(tokens: list[str], first: str, second: str) -> bool:
    for i in range(len(tokens) - 2):
        if tokens[i] == first and tokens[i + 1] == "to" and tokens[i + 2] == second:
            return True
    return False


def _day(when: str, made: date | None) -> tuple[date | None, str]:
    """The day a commencement phrase gives (None when it gives none) and how to say so."""
    m = _ON_DATE.match(when)
    if m is not None and m.group("m").lower() in _MONTHS:
        try:
            day = date(int(m.group("y")), _MONTHS[m.group("m").lower()], int(m.group("d")))
        except ValueError:
            return None, when
        return day, when
    if _PASSED.match(when):
        return made, when
    m = _MONTHS_AFTER.match(when)
    if m is not None and made is not None:
        raw = m.group("n").lower()
        count = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
        if count is not None:
            return add_months(made, count), when
    m = _APPOINTED.match(when)
    if m is not None:
        how = m.group("how")
        return None, f"on a day appointed by {how}" if how else "on a day to be appointed"
    return None, when


def add_months(start: date, months: int) -> date:
    """The day a period of ``months`` months beginning with ``start`` has ended: the
    corresponding day ``months`` later, or the first day of the month after when that month
    is too short for it."""
    month = start.month - 1 + months
    year = start.year + month // 12
    month = month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return date(year, month, start.day)
    return date(year + (month == 12), month % 12 + 1, 1)


def rule_for(rules: Sequence[CommencementRule], provision: str, part: str | None
             ) -> CommencementRule | None:
    """The rule that governs ``provision`` of the instrument: the most specific one that
    covers it (the later one of equal specificity), or None."""
    best: CommencementRule | None = None
    for rule in rules:
        if rule.covers(provision, part) and (best is None or
                                             rule.specificity >= best.specificity):
            best = rule
    return best


__all__ = ["CommencementRule", "Scope", "add_months", "read_rules", "rule_for"]
