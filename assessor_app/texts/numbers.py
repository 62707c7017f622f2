"""Numbers as people read them, in a given language: "1.234.567", "97,9 %", "0,1 ‰", "855 / 1.000
điểm" in Vietnamese; "1,234,567", "97.9 %", "0.1 ‰", "855 / 1,000 points" in English.

One rounding rule for everything shown: the exact value (a Fraction, a Decimal, an int; a float
through its shortest repr) rounded half up, as a Decimal, at the precision printed. So 97.85 % reads
"97,9 %" everywhere, never "97,8" because a float was a hair below 97.85.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from assessor_app.i18n import ngettext

Number = int | Fraction | Decimal | float

PERCENT = 100
PER_MILLE = 1000
NONE = "—"  # a value that does not exist (a share of nothing)


def exact(value: Number) -> Fraction:
    """`value` exactly, as a Fraction (a float by its shortest repr: 97.85 is 1957/20)."""
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def rounded(value: Number, places: int = 0) -> Decimal:
    """The one rounding rule: half up (ties away from zero), to `places` decimals, computed
    exactly (`rounded(Fraction(1957, 20), 1)` is 97.9; `rounded(-0.25, 1)` is -0.3)."""
    if isinstance(value, int):  # most points and counts: nothing to round (a list of thousands)
        return Decimal(value * 10**places).scaleb(-places)
    scaled = abs(exact(value)) * 10**places
    whole = math.floor(scaled + Fraction(1, 2))
    return Decimal(-whole if value < 0 else whole).scaleb(-places)


def _separators(language: str) -> tuple[str, str]:
    """(thousands, decimal) separators: Vietnamese writes 1.234,5; English 1,234.5."""
    return (".", ",") if language == "vi" else (",", ".")


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def number(value: Number, language: str, places: int = 0) -> str:
    """`value` rounded half up to `places` decimals, thousands grouped: `number(1234567, "vi")` is
    "1.234.567", `number(Fraction(49, 50) * 100, "vi", 1)` is "98,0", `number(-2.5, "en", 1)` is
    "-2.5"."""
    thousands, point = _separators(language)
    value_rounded = rounded(value, places)
    sign = "-" if value_rounded < 0 else ""
    whole, _, fraction = f"{abs(value_rounded):f}".partition(".")
    return sign + _group(whole, thousands) + (point + fraction if fraction else "")


def plain(value: Number, language: str, max_places: int = 2) -> str:
    """A threshold or a target as a rule writes it: whole numbers bare ("98"), others with up to
    `max_places` decimals and no trailing zeros ("2,5")."""
    text = number(value, language, max_places)
    point = _separators(language)[1]
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text


def editable(value: float, language: str) -> str:
    """A decimal as a form field shows it to be edited and read back: exact (its shortest repr),
    no thousands separator, no trailing zeros, the language's decimal point ("97,5" in Vietnamese,
    "97.5" in English; 98.0 is "98")."""
    text = f"{Decimal(repr(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", _separators(language)[1])


def money(amount: int, language: str) -> str:
    """An amount of Vietnamese đồng as officials write it: "1.200.000.000 đồng" ("1,200,000,000
    VND" in English)."""
    return number(amount, language) + (" đồng" if language == "vi" else " VND")


def sign_of(scale: int) -> str:
    """The sign of a rate's scale: "%" for 100, "‰" for 1,000."""
    return "‰" if scale == PER_MILLE else "%"


def percent(value: Number, language: str, places: int | None = 1) -> str:
    """A share already in per cent: "98,0 %" (a space before the sign, as TCVN and ISO 80000 write
    it, in both languages); `places=None` writes it as a target is written: "20 %", "12,5 %"."""
    shown = plain(value, language) if places is None else number(value, language, places)
    return f"{shown} %"


def share(part: int, whole: int, language: str, places: int = 1) -> str:
    """`part` of `whole` in per cent; "—" when `whole` is 0."""
    if whole == 0:
        return NONE
    return percent(Fraction(part * 100, whole), language, places)


def rate_places(rate: Fraction, thresholds: Iterable[Fraction] = ()) -> int:
    """How many decimals a rate is shown with: one, unless rounding would show a threshold the
    exact rate does not reach (97.996 % against a band at 98 % reads "97,996 %", not "98,0 %")."""
    limits = set(thresholds)
    for places in (1, 2, 3):
        shown = Fraction(rounded(rate, places))
        if shown == rate or shown not in limits:
            return places
    return 4


def rate(value: Fraction, scale: int, language: str, thresholds: Iterable[Fraction] = ()) -> str:
    """A rate in its scale, as precise as its thresholds need: "97,9 %", "0,1 ‰"."""
    return f"{number(value, language, rate_places(value, thresholds))} {sign_of(scale)}"


def threshold(value: Number, scale: int, language: str) -> str:
    """A band's threshold in its scale: "98 %", "2,5 ‰"."""
    return f"{plain(value, language)} {sign_of(scale)}"


def points(value: int, language: str) -> str:
    """ "1 point", "1.000 points" ("1.000 điểm")."""
    return ngettext("{points} point", "{points} points", value, language=language).format(
        points=number(value, language)
    )


def points_of(value: int, maximum: int, language: str) -> str:
    """Points earned against a maximum: "855 / 1.000 điểm"."""
    return ngettext(
        "{points} / {max_points} point",
        "{points} / {max_points} points",
        maximum,
        language=language,
    ).format(points=number(value, language), max_points=number(maximum, language))


def cases(count: int, language: str) -> str:
    """A count of cases as a count indicator reads: "0 trường hợp", "1 case", "12 cases"."""
    return ngettext("{count} case", "{count} cases", count, language=language).format(
        count=number(count, language)
    )


def fraction(numerator: int, denominator: int, language: str) -> str:
    """The two figures of a rate as entered: "1.957/2.000"."""
    return f"{number(numerator, language)}/{number(denominator, language)}"


_SIZE_UNITS = ("KB", "MB", "GB", "TB")


def file_size(size: int, language: str) -> str:
    """A file's size: bytes below 1 KiB ("512 bytes"), else one decimal in the largest binary unit
    that keeps the number at or above 1 ("1,5 MB"), as the file managers of both systems show."""
    if size < 1024:
        return ngettext("{count} byte", "{count} bytes", size, language=language).format(
            count=number(size, language)
        )
    value = Fraction(size, 1024)
    unit = _SIZE_UNITS[0]
    for next_unit in _SIZE_UNITS[1:]:
        if value < 1024:
            break
        value /= 1024
        unit = next_unit
    return f"{number(value, language, 1)} {unit}"
