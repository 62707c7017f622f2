"""Numbers as people read them: one rounding rule (exact, half up, as printed), Vietnamese and
English separators, rates as precise as their thresholds need."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from assessor_app.texts import numbers


@pytest.mark.parametrize(
    ("value", "places", "vi", "en"),
    [
        (0, 0, "0", "0"),
        (855, 0, "855", "855"),
        (1000, 0, "1.000", "1,000"),
        (1234567, 0, "1.234.567", "1,234,567"),
        (-2500, 0, "-2.500", "-2,500"),
        (Fraction(49 * 100, 50), 1, "98,0", "98.0"),
        (Fraction(47 * 100, 48), 1, "97,9", "97.9"),
        (Fraction(1957, 20), 1, "97,9", "97.9"),  # 97.85 exactly: half up
        (97.85, 1, "97,9", "97.9"),  # the float a hair below 97.85 reads as written
        (Fraction(1, 8), 2, "0,13", "0.13"),  # half up, not banker's rounding
        (Decimal("1234.5"), 1, "1.234,5", "1,234.5"),
        (2.5, 0, "3", "3"),
        (-0.25, 1, "-0,3", "-0.3"),  # ties away from zero
        (-0.04, 1, "0,0", "0.0"),  # no "-0,0"
        # exact: a decimal expansion longer than Decimal's 28 digits still rounds right
        (Fraction(5 * 10**29 - 1, 10**31), 1, "0,0", "0.0"),
    ],
)
def test_number(value: numbers.Number, places: int, vi: str, en: str) -> None:
    assert numbers.number(value, "vi", places) == vi
    assert numbers.number(value, "en", places) == en


@given(st.integers(-(10**12), 10**12), st.integers(0, 4))
def test_whole_numbers_read_the_same_by_the_short_way_as_by_the_exact_one(
    value: int, places: int
) -> None:
    """Integers skip the exact arithmetic (a province's list formats thousands of totals): the
    short way gives what the Fraction way gives."""
    assert numbers.rounded(value, places) == numbers.rounded(Fraction(value), places)
    assert str(numbers.rounded(value, places)) == str(numbers.rounded(Fraction(value), places))


def test_percent_rate_share_plain() -> None:
    assert numbers.percent(98, "vi") == "98,0 %"
    assert numbers.percent(20, "vi", None) == "20 %"
    assert numbers.percent(12.5, "en", None) == "12.5 %"
    assert numbers.rate(Fraction(8000, 1250), 1000, "vi") == "6,4 ‰"
    assert numbers.rate(Fraction(1, 20), 1000, "vi") == "0,1 ‰"  # 0.05 ‰, half up
    assert numbers.rate(Fraction(98), 100, "vi") == "98,0 %"
    assert numbers.share(36, 65, "vi") == "55,4 %"
    assert numbers.share(1, 0, "vi") == "—"
    assert numbers.plain(Fraction(5, 2), "vi") == "2,5"
    assert numbers.plain(98, "vi") == "98"
    assert numbers.threshold(Fraction(5, 2), 1000, "en") == "2.5 ‰"


def test_a_rate_never_shows_a_threshold_it_does_not_reach() -> None:
    band = [Fraction(98)]
    just_below = Fraction(97996, 1000)
    assert numbers.rate(just_below, 100, "vi", band) == "97,996 %"
    assert numbers.rate(just_below, 100, "vi") == "98,0 %"  # no band at 98: one decimal
    assert numbers.rate(Fraction(98), 100, "vi", band) == "98,0 %"  # reached: one decimal


def test_points_and_counts_say_their_plural() -> None:
    assert numbers.points(1, "en") == "1 point"
    assert numbers.points(1000, "en") == "1,000 points"
    assert numbers.points(1000, "vi") == "1.000 điểm"
    assert numbers.points_of(855, 1000, "vi") == "855 / 1.000 điểm"
    assert numbers.points_of(0, 1, "en") == "0 / 1 point"
    assert numbers.cases(0, "vi") == "0 trường hợp"
    assert numbers.cases(1, "en") == "1 case"
    assert numbers.fraction(1957, 2000, "vi") == "1.957/2.000"


@pytest.mark.parametrize(
    ("size", "vi", "en"),
    [
        (0, "0 byte", "0 bytes"),
        (1, "1 byte", "1 byte"),
        (1023, "1.023 byte", "1,023 bytes"),
        (1536, "1,5 KB", "1.5 KB"),
        (5 * 1024 * 1024, "5,0 MB", "5.0 MB"),
        (3 * 1024**3 + 1, "3,0 GB", "3.0 GB"),
    ],
)
def test_file_size(size: int, vi: str, en: str) -> None:
    assert numbers.file_size(size, "vi") == vi
    assert numbers.file_size(size, "en") == en


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (97.5, "vi", "97,5"),
        (98.0, "vi", "98"),
        (0.1, "en", "0.1"),
        (1000.25, "vi", "1000,25"),  # no grouping: the form reads it back as typed
        (2.675, "en", "2.675"),  # exact, never rounded
    ],
)
def test_editable_numbers_read_back_as_typed(value: float, language: str, expected: str) -> None:
    assert numbers.editable(value, language) == expected
