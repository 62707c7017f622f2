"""Vietnamese numbers and dates in printed documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from assessor_app.reports.formatting import (
    in_sentence,
    place_date,
    vi_date,
    vi_int,
    vi_number,
    vi_percent,
    vi_plain,
    vi_rate,
    vi_share,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (0, 0, "0"),
        (855, 0, "855"),
        (1000, 0, "1.000"),
        (1250000, 0, "1.250.000"),
        (-2500, 0, "-2.500"),
        (Fraction(49 * 100, 50), 1, "98,0"),
        (Fraction(47 * 100, 48), 1, "97,9"),
        (Fraction(1, 8), 2, "0,13"),  # half up, not banker's rounding
        (Decimal("1234.5"), 1, "1.234,5"),
        (2.5, 0, "3"),
        (-0.04, 1, "0,0"),
    ],
)
def test_vi_number(value: int | Fraction | Decimal | float, places: int, expected: str) -> None:
    assert vi_number(value, places) == expected


def test_percent_rate_share_plain() -> None:
    assert vi_percent(98) == "98,0 %"
    assert vi_rate(Fraction(8000, 1250), 1000) == "6,4 ‰"
    assert vi_rate(Fraction(98), 100) == "98,0 %"
    assert vi_share(36, 65) == "55,4 %"
    assert vi_share(1, 0) == "—"
    assert vi_plain(Fraction(5, 2)) == "2,5"
    assert vi_plain(98) == "98"
    assert vi_int(65) == "65"


def test_dates_follow_decree_30() -> None:
    # days below 10 and the months 1 and 2 take a leading zero; other months do not
    assert vi_date(date(2026, 11, 28)) == "ngày 28 tháng 11 năm 2026"
    assert vi_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vi_date(date(2026, 3, 20)) == "ngày 20 tháng 3 năm 2026"
    assert place_date("Hữu Liên", date(2026, 11, 28)) == "Hữu Liên, ngày 28 tháng 11 năm 2026"


def test_unit_names_inside_a_sentence() -> None:
    assert in_sentence("Xã Hữu Liên") == "xã Hữu Liên"
    assert in_sentence("Thị trấn Hữu Lũng") == "thị trấn Hữu Lũng"
    assert in_sentence("Phường Đông Kinh") == "phường Đông Kinh"
    assert in_sentence("Huyện Hữu Lũng") == "huyện Hữu Lũng"
    assert in_sentence("X\u0061\u0303 Hữu Liên") == "xã Hữu Liên"  # NFD input
    assert in_sentence("Hữu Liên") == "Hữu Liên"
