"""Citations of enactments (lawdiff.citation)."""

from __future__ import annotations

import doctest

import lawdiff.citation
from lawdiff.citation import parse_citation

SSWB = ("The Social Services and Well-being (Wales) Act 2014 (Consequential Amendments) "
        "Regulations 2016")


def test_the_module_examples() -> None:
    result = doctest.testmod(lawdiff.citation)
    assert result.attempted >= 6 and result.failed == 0


def test_an_instrument_cited_by_title_and_number() -> None:
    c = parse_citation(f"{SSWB} (S.I. 2016/413), reg. 21(a)")
    assert (c.kind, c.title, c.year, c.number, c.provision) == (
        "si", SSWB, 2016, "413", "reg. 21(a)")
    assert c.year_and_number == "2016 No. 413"  # legislation.gov.uk's form for a UK S.I.
    assert c.enactment == f"{SSWB} (S.I. 2016/413)"
    assert c.with_power(None) == f"{SSWB} (S.I. 2016/413), reg. 21(a)"
    assert c.akn_work() == "/akn/gb/act/si/2016/413"


def test_a_welsh_instrument_keeps_its_welsh_number() -> None:
    c = parse_citation("The Example (Wales) Regulations 2016 (S.I. 2016/211 (W. 84)), reg. 3")
    assert (c.title, c.year_and_number, c.provision, c.sub) == (
        "The Example (Wales) Regulations 2016", "2016 No. 211", "reg. 3", "W. 84")
    assert c.enactment == "The Example (Wales) Regulations 2016 (S.I. 2016/211 (W. 84))"


def test_the_short_form_and_no_provision() -> None:
    c = parse_citation("S.I. 2016/413, reg. 21(a)")
    assert (c.title, c.year_and_number, c.provision) == ("S.I. 2016/413", "2016 No. 413",
                                                         "reg. 21(a)")
    assert c.enactment == "S.I. 2016/413"
    titled = parse_citation(f"{SSWB} (S.I. 2016/413)")
    assert titled.provision is None and titled.enactment == f"{SSWB} (S.I. 2016/413)"


def test_acts_and_other_text() -> None:
    c = parse_citation("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)")
    assert (c.kind, c.year_and_number, c.akn_work()) == ("act", "2004 c. 31", "/akn/gb/act/2004/31")
    other = parse_citation("an unrecorded provision (see notes)")
    assert (other.kind, other.title, other.year_and_number) == (
        "other", "an unrecorded provision (see notes)", "")
