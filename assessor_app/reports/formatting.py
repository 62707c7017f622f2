"""Numbers and dates as Vietnamese documents write them: "1.000", "98,0 %", "ngày 28 tháng 11 năm 2026".

Printed documents are always in Vietnamese, whatever the language of the app's interface.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from assessor_app.domain.text import nfc

Number = int | Fraction | Decimal | float


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _group(digits: str) -> str:
    """Thousands separated by dots: "1250000" → "1.250.000"."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def vi_number(value: Number, places: int = 0) -> str:
    """`value` rounded half up to `places` decimals, with a decimal comma and thousands dots.

    `vi_number(1000)` → "1.000", `vi_number(Fraction(49, 50) * 100, 1)` → "98,0",
    `vi_number(-2.5, 1)` → "-2,5".
    """
    quantum = Decimal(1).scaleb(-places)
    rounded = _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    whole, _, fraction = text.partition(".")
    return sign + _group(whole) + ("," + fraction if fraction else "")


def vi_plain(value: Number, max_places: int = 2) -> str:
    """A threshold or a target as written in a rule: whole numbers bare ("98"), others with up to
    `max_places` decimals and no trailing zeros ("2,5")."""
    text = vi_number(value, max_places)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def vi_int(value: int) -> str:
    return vi_number(value)


def vi_percent(value: Number, places: int = 1) -> str:
    """A share already in per cent: `vi_percent(98)` → "98,0 %" (a space before the sign, as the
    Vietnamese standard TCVN writes it)."""
    return f"{vi_number(value, places)} %"


def vi_share(part: int, whole: int, places: int = 1) -> str:
    """`part` of `whole` in per cent; "—" when `whole` is 0."""
    if whole == 0:
        return "—"
    return vi_percent(Fraction(part * 100, whole), places)


def unit_sign(scale: int) -> str:
    """The sign of a rate's scale: "%" for 100, "‰" for 1,000."""
    return "‰" if scale == 1000 else "%"


def vi_rate(rate: Fraction, scale: int, places: int = 1) -> str:
    """A rate in its scale: "98,0 %", "0,8 ‰"."""
    return f"{vi_number(rate, places)} {unit_sign(scale)}"


def vi_date(day: date) -> str:
    """The date as documents write it (NĐ 30/2020, Phụ lục I, mục II.6): "ngày 28 tháng 11 năm 2026";
    days below 10 and the months 1 and 2 take a leading 0: "ngày 05 tháng 02 năm 2026",
    "ngày 20 tháng 3 năm 2026"."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def vi_date_short(day: date) -> str:
    """Tables and notes: "28/11/2026"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def vi_datetime_short(moment: datetime) -> str:
    return f"{moment.hour:02d} giờ {moment.minute:02d}, {vi_date_short(moment.date())}"


def place_date(place: str, day: date) -> str:
    """The place-and-date line of an administrative document: "Hữu Liên, ngày 28 tháng 11 năm 2026"."""
    return f"{place}, {vi_date(day)}" if place else vi_date(day)


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: its type in lower case ("Xã Hữu Liên" → "xã Hữu Liên",
    "Thị trấn Hữu Lũng" → "thị trấn Hữu Lũng", "Huyện Hữu Lũng" → "huyện Hữu Lũng")."""
    name = nfc(name)
    for prefix in (
        "Thị trấn ",
        "Thành phố ",
        "Xã ",
        "Phường ",
        "Huyện ",
        "Tỉnh ",
        "Thị xã ",
        "Quận ",
    ):
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name
