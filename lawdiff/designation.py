"""UK provision numbers ("designations") and their order.

Amended Acts are never renumbered: new provisions get *inserted numbers*
(OPC Drafting Guidance 6.4).  Between 1 and 2 go 1A, 1B …; between 1A and
1B go 1AA, 1AB …; between 1 and 1A go 1ZA, 1ZB …; before 1 go A1, B1 …, and
before A1 goes ZA1.  Lettered lists work the same way: (za) before (a), (aa)
between (a) and (b).

The rule that makes all of this one total order: inside a run of inserted
letters, a "Z" that is followed by another letter means "before", so it sorts
below every other letter (1ZA comes after 1 but before 1A).  A final "Z" is an
ordinary 26th letter.

A :class:`Designation` is the number without brackets ("A1", "za", "iv") and
its :class:`Style`.  ``Designation.key`` is the sort key; designations of one
style compare by it.  :func:`between` finds the number a drafter would give a
provision inserted between two others.
"""

from __future__ import annotations

import enum
import re
from functools import total_ordering

import attrs

from lawdiff.errors import InvalidDesignation


class Style(enum.Enum):
    """How a level of provisions is numbered."""

    NUMBER = "number"  # 6, 1A, 1ZA, A1 (sections, subsections, schedule paragraphs)
    ALPHA = "alpha"  # a, aa, za (paragraphs)
    ROMAN = "roman"  # i, ii, ia (sub-paragraphs)
    UPPER_ROMAN = "upper-roman"  # I, II, IIA (some Parts)
    UPPER_ALPHA = "upper-alpha"  # A, AA, ZA (clauses: (A), (B))
    OTHER = "other"  # anything else real texts print ("2.1", "Article 2", "1-1"): kept, not ordered


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_NUMBER_RE = re.compile(r"([A-Z]*)([0-9]+)([A-Z]*)")
_ALPHA_RE = re.compile(r"[a-z]+")
_UPPER_ALPHA_RE = re.compile(r"[A-Z]+")
_ROMAN_RE = re.compile(r"(m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))([a-z]*)")

LetterKey = tuple[int, ...]


def letters_key(letters: str) -> LetterKey:
    """Sort key of a run of inserted letters ("A", "ZA", "AB"), case-insensitive.

    A "Z" followed by another letter counts as -1 (before every letter, after
    the end of a shorter run); every other letter counts as its place in the
    alphabet.
    """
    upper = letters.upper()
    last = len(upper) - 1
    return tuple(-1 if (c == "Z" and i < last) else ord(c) - 64 for i, c in enumerate(upper))


def _roman_value(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def _to_roman(value: int) -> str:
    out = []
    for number, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                            (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


SortKey = tuple[int, int, LetterKey, LetterKey]


def _key(style: Style, value: str) -> SortKey:
    if style is Style.NUMBER and value.isdigit() and value.isascii():
        if len(value) > 1 and value[0] == "0":
            raise InvalidDesignation(f"{value!r} has a leading zero")
        return (int(value), 1, (), ())  # the common case, without the regular expression
    if style is Style.NUMBER:
        m = _NUMBER_RE.fullmatch(value)
        if not m or (m.group(1) and not m.group(1).isupper()):
            raise InvalidDesignation(f"{value!r} is not a section-style number (e.g. 6, 1A, A1, 1ZA)")
        prefix, digits, suffix = m.groups()
        if len(digits) > 1 and digits[0] == "0":
            raise InvalidDesignation(f"{value!r} has a leading zero")
        # A prefixed number (A1) sorts before the bare number (1) it precedes.
        return (int(digits), 0 if prefix else 1, letters_key(prefix), letters_key(suffix))
    if style is Style.ALPHA:
        if not _ALPHA_RE.fullmatch(value):
            raise InvalidDesignation(f"{value!r} is not a lettered designation (e.g. a, aa, za)")
        return (0, 1, (), letters_key(value))
    if style is Style.UPPER_ALPHA:
        if not _UPPER_ALPHA_RE.fullmatch(value):
            raise InvalidDesignation(f"{value!r} is not a capital-lettered designation (e.g. A, AA)")
        return (0, 1, (), letters_key(value))
    if style is Style.OTHER:
        if not value or value != value.strip() or any(c.isspace() and c != " " for c in value):
            raise InvalidDesignation(f"{value!r} is not a designation")
        return (0, 0, (), ())
    lowered = value.lower()
    if style is Style.UPPER_ROMAN and value != value.upper():
        raise InvalidDesignation(f"{value!r} is not an upper-case roman designation (e.g. II, IIA)")
    if style is Style.ROMAN and value != lowered:
        raise InvalidDesignation(f"{value!r} is not a roman designation (e.g. i, iv, ia)")
    m = _ROMAN_RE.fullmatch(lowered)
    if not m or not m.group(1):
        raise InvalidDesignation(f"{value!r} is not a roman designation (e.g. i, iv, ia)")
    numeral, suffix = m.groups()
    if _to_roman(_roman_value(numeral)) != numeral:
        raise InvalidDesignation(f"{value!r} is not a well-formed roman numeral")
    return (_roman_value(numeral), 1, (), letters_key(suffix))


@total_ordering
@attrs.frozen(eq=False, repr=False)
class Designation:
    """A provision number without brackets, e.g. ``Designation.parse("(A1)")``.

    Equal designations have equal text; ordering compares :attr:`key` and is
    only defined between designations of the same style.
    """

    value: str
    style: Style
    key: SortKey = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", _key(self.style, self.value))

    @classmethod
    def parse(cls, text: str, style: Style | None = None) -> Designation:
        """Read a designation as printed: "(A1)", "6", "1ZA", "(za)", "(iv)".

        Brackets are optional.  Without ``style`` the style is guessed from the
        shape: digits mean NUMBER, "i"/"v"/"x" runs that are valid numerals
        mean ROMAN only when ``style`` says so (a bare "(i)" is read as ALPHA),
        upper-case numerals mean UPPER_ROMAN.  Raises InvalidDesignation.
        """
        value = text.strip()
        if value.startswith("(") and value.endswith(")"):
            value = value[1:-1].strip()
        if not value:
            raise InvalidDesignation(f"empty designation {text!r}")
        if style is None:
            if any(ch.isdigit() for ch in value):
                style = Style.NUMBER
            elif value.islower():
                style = Style.ALPHA
            elif value.isupper():
                style = Style.UPPER_ROMAN
            else:
                raise InvalidDesignation(f"cannot tell how {text!r} is numbered")
        return cls(value, style)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Designation):
            return NotImplemented
        return self.style is other.style and self.value == other.value

    def __hash__(self) -> int:
        return hash((self.style, self.value))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Designation):
            return NotImplemented
        if other.style is not self.style:
            raise TypeError(f"cannot order {self.style.value} designation {self.value!r} "
                            f"against {other.style.value} designation {other.value!r}")
        return self.key < other.key

    def __repr__(self) -> str:
        return f"Designation({self.value!r}, {self.style.name})"

    def __str__(self) -> str:
        return self.value


def _with_letters(d: Designation, prefix: str | None, suffix: str) -> Designation:
    """The designation with the same base as ``d`` but the given inserted letters."""
    if d.style is Style.NUMBER:
        m = _NUMBER_RE.fullmatch(d.value)
        assert m is not None
        head = m.group(1) if prefix is None else prefix
        return Designation(f"{head}{m.group(2)}{suffix.upper()}", d.style)
    if d.style is Style.ALPHA:
        return Designation(suffix.lower(), d.style)
    if d.style is Style.UPPER_ALPHA:
        return Designation(suffix.upper(), d.style)
    m = _ROMAN_RE.fullmatch(d.value.lower())
    assert m is not None
    letters = suffix.lower() if d.style is Style.ROMAN else suffix.upper()
    base = m.group(1) if d.style is Style.ROMAN else m.group(1).upper()
    return Designation(base + letters, d.style)


def _letters(d: Designation) -> str:
    """The run of letters that :func:`between` may extend (whole value for ALPHA)."""
    if d.style is Style.NUMBER:
        m = _NUMBER_RE.fullmatch(d.value)
        assert m is not None
        return m.group(3)
    if d.style in (Style.ALPHA, Style.UPPER_ALPHA):
        return d.value.upper()
    m = _ROMAN_RE.fullmatch(d.value.lower())
    assert m is not None
    return m.group(2).upper()


def _candidates_after(letters: str) -> list[str]:
    # Preference order: next letter (1A -> 1B), a new level (1A -> 1AA), ever
    # deeper "Z" runs (1 -> 1ZA -> 1ZZA, which approach ``letters`` from above),
    # then the next letter at an outer level (1AZ -> 1B).
    # Every later letter is offered, not just the next: after a roman numeral
    # a letter such as "v" would read as part of the numeral (i + v = iv), and
    # callers skip candidates that do not sort where they should.
    # A final Z is an ordinary letter, so every candidate may end in one.
    out: list[str] = []
    if letters:
        out.extend(letters[:-1] + chr(c) for c in range(ord(letters[-1]) + 1, ord("Z") + 1))
    out.append(letters + "A")
    out.extend(letters + "Z" * k + "A" for k in range(1, 12))
    for k in range(len(letters) - 2, -1, -1):
        out.extend(letters[:k] + chr(c) for c in range(ord(letters[k]) + 1, ord("Z") + 1))
    return out


def _reads_back(d: Designation) -> bool:
    """True when ``d`` prints as text that reads back as the same designation."""
    try:
        return Designation.parse(str(d), d.style) == d
    except InvalidDesignation:
        return False


def _next_base(d: Designation) -> Designation | None:
    """The next plain number after ``d``'s base (2 after 1Z), where the style has one."""
    if d.style is Style.NUMBER:
        m = _NUMBER_RE.fullmatch(d.value)
        assert m is not None
        return Designation(str(int(m.group(2)) + 1), d.style)
    if d.style in (Style.ROMAN, Style.UPPER_ROMAN):
        m = _ROMAN_RE.fullmatch(d.value.lower())
        assert m is not None
        numeral = _to_roman(_roman_value(m.group(1)) + 1)
        return Designation(numeral if d.style is Style.ROMAN else numeral.upper(), d.style)
    return None


def _candidates(before: Designation | None, after: Designation | None) -> list[Designation]:
    out: list[Designation] = []
    if before is not None:
        if before.style is Style.NUMBER:
            m = _NUMBER_RE.fullmatch(before.value)
            assert m is not None
            if m.group(1) and not m.group(3):
                # Between A1 and 1 comes B1, not A1A.
                out.extend(_with_letters(before, letters, "") for letters in _candidates_after(m.group(1)))
        out.extend(_with_letters(before, None, letters)
                   for letters in _candidates_after(_letters(before)))
        if after is None:
            following = _next_base(before)
            if following is not None:
                out.append(following)
            elif before.style in (Style.ALPHA, Style.UPPER_ALPHA):
                # Letters have no next base: after an inserted (zz), which sorts before (a),
                # comes a plain letter.
                first = "a" if before.style is Style.ALPHA else "A"
                out.extend(Designation(chr(c), before.style)
                           for c in range(ord(first), ord(first) + 26))
        else:
            # Nothing left after ``before``'s base (1Z): a number inserted before ``after`` (A2),
            # or the next plain number where it is free (ii between iz and iii).
            out.extend(_candidates(None, after))
            following = _next_base(before)
            if following is not None:
                out.append(following)
        return out
    assert after is not None
    if after.style in (Style.ALPHA, Style.UPPER_ALPHA):
        # Before (a) comes (za); before (za), (zza).
        z = "z" if after.style is Style.ALPHA else "Z"
        out.extend(Designation(z * k + after.value, after.style) for k in range(1, 12))
    elif after.style is Style.NUMBER:
        m = _NUMBER_RE.fullmatch(after.value)
        assert m is not None
        prefix = m.group(1)
        if not prefix:
            out.append(Designation(f"A{m.group(2)}", Style.NUMBER))
        out.extend(_with_letters(after, "Z" * k + prefix, "") for k in range(1, 12))
    return out


def between(before: Designation | None, after: Designation | None) -> Designation:
    """The designation a drafter gives a provision inserted between two neighbours.

    ``before``/``after`` are the existing neighbours (None at the start or the
    end of the list); at least one is needed and both must share a style.
    The result sorts strictly between them (OPC Drafting Guidance 6.4): 1A
    after 1, 1ZA between 1 and 1A, A1 before 1, (za) before (a).  After a
    number whose letters end in Z (1Z) no inserted number follows it on its
    own base: at the end of a list the next plain number is given, and
    before 2 the number inserted before it (A2).  Raises InvalidDesignation
    when no designation fits (e.g. before a roman (i)).
    """
    if before is None and after is None:
        raise InvalidDesignation("between() needs at least one neighbour")
    odd = next((d for d in (before, after) if d is not None and d.style is Style.OTHER), None)
    if odd is not None:
        raise InvalidDesignation(f"no designation can be worked out beside the irregular "
                                 f"number {odd}")
    if before is not None and after is not None:
        if before.style is not after.style:
            raise InvalidDesignation("neighbours are numbered in different styles")
        if not before < after:
            raise InvalidDesignation(f"{before} does not come before {after}")
    for candidate in _candidates(before, after):
        if _reads_back(candidate) and (before is None or before < candidate) and (
                after is None or candidate < after):
            return candidate
    where = (f"between {before} and {after}" if before is not None and after is not None
             else f"after {before}" if before is not None else f"before {after}")
    raise InvalidDesignation(f"no designation fits {where}")
