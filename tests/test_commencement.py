"""lawdiff.commencement: in-force facts as the statute book states them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lawdiff.commencement import Commencement, extent_set
from lawdiff.errors import InvalidAmendment


@pytest.mark.parametrize("text, parts", [
    ("E", {"E"}), ("E+W", {"E", "W"}), ("E.W.", {"E", "W"}), ("e", {"E"}),
    ("N.I.", {"NI"}), ("NI", {"NI"}), ("E+W+S+NI", {"E", "W", "S", "NI"}), ("S, NI", {"S", "NI"}),
])
def test_extents_read_in_the_usual_spellings(text: str, parts: set[str]) -> None:
    assert extent_set(text) == frozenset(parts)


@pytest.mark.parametrize("text", ["", "UK", "E+Q", "England"])
def test_unknown_extents_are_invalid(text: str) -> None:
    with pytest.raises(InvalidAmendment, match="unknown extent"):
        extent_set(text)


def test_a_fact_needs_a_date_a_condition_or_a_note() -> None:
    assert Commencement(date(2005, 4, 1), extent="E").prospective is False
    assert Commencement(note="prospective").prospective is True
    assert Commencement(condition="dcs-appointed").date is None
    with pytest.raises(InvalidAmendment, match="needs a date, a condition or a note"):
        Commencement(authority="S.I. 2007/1792, art. 2")


@pytest.mark.parametrize("bad", [datetime(2008, 1, 1, 12, 0), "2008-01-01", 20080101])
def test_a_date_is_a_calendar_day(bad: object) -> None:
    with pytest.raises(InvalidAmendment, match="must be a day"):
        Commencement(date=bad)  # type: ignore[arg-type]


def test_typed_fields_reject_other_types() -> None:
    with pytest.raises(InvalidAmendment):
        Commencement(date(2008, 1, 1), authority=7)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmendment, match="unknown extent"):
        Commencement(date(2008, 1, 1), extent="Wales")
