import itertools

import pytest

from lawdiff.designation import Designation, Style, between, letters_key
from lawdiff.errors import InvalidDesignation


def d(value: str, style: Style = Style.NUMBER) -> Designation:
    return Designation.parse(value, style)


@pytest.mark.parametrize("ordered", [
    ["ZA1", "A1", "B1", "1", "1ZA", "1A", "1AA", "1AB", "1B", "2", "10"],
    ["A1", "1", "1ZZA", "1ZA", "1ZB", "1A", "1AZA", "1AA", "1B", "1Z", "2"],
])
def test_number_order_follows_opc_6_4(ordered: list[str]) -> None:
    values = [d(v) for v in ordered]
    assert sorted(reversed(values), key=lambda x: x.key) == values
    assert all(a < b for a, b in itertools.pairwise(values))


def test_alpha_order_puts_za_first_and_aa_after_a() -> None:
    values = [d(v, Style.ALPHA) for v in ["zza", "za", "zb", "a", "aa", "ab", "b", "z"]]
    assert all(a < b for a, b in itertools.pairwise(values))


def test_roman_order() -> None:
    values = [d(v, Style.ROMAN) for v in ["i", "ia", "ib", "ii", "iii", "iv", "v", "ix", "x"]]
    assert all(a < b for a, b in itertools.pairwise(values))


def test_parse_strips_brackets_and_guesses_style() -> None:
    assert Designation.parse("(A1)") == d("A1")
    assert Designation.parse("(za)").style is Style.ALPHA
    assert Designation.parse("IV").style is Style.UPPER_ROMAN


@pytest.mark.parametrize("bad, style", [("1a", Style.NUMBER), ("", Style.NUMBER),
                                        ("a1", Style.ALPHA), ("b", Style.ROMAN),
                                        ("(", Style.NUMBER), ("A", Style.NUMBER)])
def test_bad_designations_are_errors(bad: str, style: Style) -> None:
    with pytest.raises(InvalidDesignation):
        Designation.parse(bad, style)


def test_ordering_across_styles_is_refused() -> None:
    with pytest.raises(TypeError):
        _ = d("1") < d("a", Style.ALPHA)


@pytest.mark.parametrize("before, after, expected", [
    ("1", "2", "1A"), ("1", "1A", "1ZA"), ("1A", "1B", "1AA"), ("1", "1ZA", "1ZZA"),
    (None, "1", "A1"), ("A1", "1", "B1"), (None, "A1", "ZA1"), ("2", None, "2A"),
])
def test_between_numbers(before: str | None, after: str | None, expected: str) -> None:
    got = between(d(before) if before else None, d(after) if after else None)
    assert got == d(expected)


@pytest.mark.parametrize("before, after, expected", [
    ("a", "b", "aa"), (None, "a", "za"), ("a", "aa", "aza"), ("d", None, "e"), (None, "za", "zza"),
])
def test_between_letters(before: str | None, after: str | None, expected: str) -> None:
    got = between(d(before, Style.ALPHA) if before else None,
                  d(after, Style.ALPHA) if after else None)
    assert got == d(expected, Style.ALPHA)


def test_between_rejects_reversed_or_mixed_neighbours() -> None:
    with pytest.raises(InvalidDesignation):
        between(d("2"), d("1"))
    with pytest.raises(InvalidDesignation):
        between(d("1"), d("a", Style.ALPHA))
    with pytest.raises(InvalidDesignation):
        between(None, d("i", Style.ROMAN))


def test_letters_key_treats_inner_z_as_before() -> None:
    assert letters_key("") < letters_key("ZA") < letters_key("A") < letters_key("AZA") < letters_key("AA")
    assert letters_key("Y") < letters_key("Z")
