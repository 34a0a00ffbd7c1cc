"""Citations of enactments as legislation.gov.uk prints them.

>>> c = parse_citation("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)")
>>> (c.title, c.year_and_number, c.provision)
('Children Act 2004', '2004 c. 31', 'Sch. 2 para. 2(2)(a)')
>>> c = parse_citation("S.I. 2007/1792, art. 2")
>>> (c.title, c.year_and_number, c.provision)
('S.I. 2007/1792', '2007 No. 1792', 'art. 2')

An instrument may be cited by its title with its number in brackets, as
legislation.gov.uk's notes do:

>>> c = parse_citation("The Example (Amendment) Regulations 2016 (S.I. 2016/413), reg. 21(a)")
>>> (c.title, c.year_and_number, c.provision)
('The Example (Amendment) Regulations 2016', '2016 No. 413', 'reg. 21(a)')
>>> c.enactment
'The Example (Amendment) Regulations 2016 (S.I. 2016/413)'
"""

from __future__ import annotations

import re

import attrs

_ACT_RE = re.compile(r"^(?P<title>.+? (?P<year>\d{4}))\s*\((?P<number>(?:c|asp|anaw|asc|nia)\.? ?\d+)\)"
                     r"(?:,\s*(?P<provision>.+))?$")
_SERIES = r"(?P<kind>S\.I\.|S\.S\.I\.|S\.R\.|W\.S\.I\.)"
_SI_RE = re.compile(rf"^{_SERIES} (?P<year>\d{{4}})/(?P<number>\d+)"
                    r"(?:\s*\((?P<sub>[^)]*)\))?(?:,\s*(?P<provision>.+))?$")
_TITLED_SI_RE = re.compile(rf"^(?P<title>.+?\S)\s*\({_SERIES} ?(?P<year>\d{{4}})/(?P<number>\d+)"
                           r"(?:\s*\((?P<sub>[^()]*)\))?\)(?:,\s*(?P<provision>.+))?$")


@attrs.frozen(slots=True)
class Citation:
    """An enactment and optionally a provision of it.

    ``title`` is "Children Act 2004", "S.I. 2007/1792", or an instrument's
    name when it is cited with one ("The … Regulations 2016"); ``number`` the
    chapter ("c. 31") or instrument number ("1792"); ``provision`` the rest
    ("Sch. 2 para. 2(2)(a)").  ``series`` is an instrument's series ("S.I.")
    and ``sub`` any number in brackets after its number ("W. 131").
    """

    title: str
    year: int | None
    number: str | None
    provision: str | None
    kind: str = "act"
    series: str | None = None
    sub: str | None = None

    @property
    def instrument_number(self) -> str:
        """An instrument's number as cited: "S.I. 2016/413" (with "(W. 131)" if given); "" for Acts."""
        if self.kind != "si" or self.series is None:
            return ""
        sub = f" ({self.sub})" if self.sub else ""
        return f"{self.series} {self.year}/{self.number}{sub}"

    @property
    def enactment(self) -> str:
        """The enactment as cited, without the provision: "Children Act 2004 (c. 31)",
        "S.I. 2016/413", "The … Regulations 2016 (S.I. 2016/413)"."""
        if self.kind == "act" and self.number:
            return f"{self.title} ({self.number})"
        number = self.instrument_number
        if number and self.title != number:
            return f"{self.title} ({number})"
        return self.title

    @property
    def year_and_number(self) -> str:
        """legislation.gov.uk's "Year and Number": "2004 c. 31"; an instrument's "2016 No. 413"."""
        if self.kind == "act":
            return f"{self.year} {self.number}" if self.year and self.number else ""
        if self.kind == "si":
            return f"{self.year} No. {self.number}"
        return ""

    def with_power(self, power: str | None) -> str:
        """The citation with an enabling provision after the enactment:
        "Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(d)"."""
        parts = [self.enactment, power, self.provision]
        return ", ".join(p for p in parts if p)

    def akn_work(self) -> str | None:
        """An Akoma Ntoso work URI for the enactment, e.g. "/akn/gb/act/2004/31".

        The country is "gb", the ISO 3166-1 alpha-2 code of the United
        Kingdom, as the AKN naming convention asks (see docs/outputs.md).
        """
        if self.year is None or not self.number:
            return None
        digits = re.sub(r"\D", "", self.number)
        if self.kind == "act":
            return f"/akn/gb/act/{self.year}/{digits}"
        return f"/akn/gb/act/si/{self.year}/{digits}"


def parse_citation(text: str) -> Citation:
    """Read "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)", "S.I. 2016/413, reg. 21(c)"
    or "The … Regulations 2016 (S.I. 2016/413), reg. 21(c)".

    Text in none of these shapes is kept whole as the title (kind "other").
    """
    text = " ".join(text.split())
    m = _ACT_RE.match(text)
    if m:
        return Citation(m.group("title"), int(m.group("year")), m.group("number"),
                        m.group("provision"))
    m = _SI_RE.match(text)
    if m:
        return Citation(f"{m.group('kind')} {m.group('year')}/{m.group('number')}",
                        int(m.group("year")), m.group("number"), m.group("provision"), "si",
                        m.group("kind"), m.group("sub"))
    m = _TITLED_SI_RE.match(text)
    if m:
        return Citation(m.group("title"), int(m.group("year")), m.group("number"),
                        m.group("provision"), "si", m.group("kind"), m.group("sub"))
    return Citation(text, None, None, None, "other")
