"""Citations of enactments as legislation.gov.uk prints them.

>>> c = parse_citation("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)")
>>> (c.title, c.year_and_number, c.provision)
('Children Act 2004', '2004 c. 31', 'Sch. 2 para. 2(2)(a)')
>>> parse_citation("S.I. 2007/1792, art. 2").year_and_number
'2007/1792'
"""

from __future__ import annotations

import re

import attrs

_ACT_RE = re.compile(r"^(?P<title>.+? (?P<year>\d{4}))\s*\((?P<number>(?:c|asp|anaw|asc|nia)\.? ?\d+)\)"
                     r"(?:,\s*(?P<provision>.+))?$")
_SI_RE = re.compile(r"^(?P<kind>S\.I\.|S\.S\.I\.|S\.R\.|W\.S\.I\.) (?P<year>\d{4})/(?P<number>\d+)"
                    r"(?:\s*\((?P<sub>[^)]*)\))?(?:,\s*(?P<provision>.+))?$")


@attrs.frozen(slots=True)
class Citation:
    """An enactment and optionally a provision of it.

    ``title`` is "Children Act 2004" or "S.I. 2007/1792"; ``number`` the
    chapter ("c. 31") or instrument number ("1792"); ``provision`` the rest
    ("Sch. 2 para. 2(2)(a)").
    """

    title: str
    year: int | None
    number: str | None
    provision: str | None
    kind: str = "act"

    @property
    def enactment(self) -> str:
        """The enactment as cited, without the provision: "Children Act 2004 (c. 31)"."""
        if self.kind == "act" and self.number:
            return f"{self.title} ({self.number})"
        return self.title

    @property
    def year_and_number(self) -> str:
        """legislation.gov.uk's "Year and Number": "2004 c. 31", "2007/1792"."""
        if self.kind == "act":
            return f"{self.year} {self.number}" if self.year and self.number else ""
        return f"{self.year}/{self.number}"

    def with_power(self, power: str | None) -> str:
        """The citation with an enabling provision after the enactment:
        "Children Act 2004 (c. 31), s. 67(2), Sch. 2 para. 2(2)(d)"."""
        parts = [self.enactment, power, self.provision]
        return ", ".join(p for p in parts if p)

    def akn_work(self) -> str | None:
        """An Akoma Ntoso work URI for the enactment, e.g. "/akn/uk/act/2004/31"."""
        if self.year is None or not self.number:
            return None
        digits = re.sub(r"\D", "", self.number)
        if self.kind == "act":
            return f"/akn/uk/act/{self.year}/{digits}"
        return f"/akn/uk/act/si/{self.year}/{digits}"


def parse_citation(text: str) -> Citation:
    """Read "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)" or "S.I. 2016/413, reg. 21(c)".

    Text in neither shape is kept whole as the title.
    """
    text = " ".join(text.split())
    m = _ACT_RE.match(text)
    if m:
        return Citation(m.group("title"), int(m.group("year")), m.group("number"),
                        m.group("provision"))
    m = _SI_RE.match(text)
    if m:
        return Citation(f"{m.group('kind')} {m.group('year')}/{m.group('number')}",
                        int(m.group("year")), m.group("number"), m.group("provision"), "si")
    return Citation(text, None, None, None, "other")
