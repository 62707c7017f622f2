"""Raw figures entered for an indicator, their text and JSON forms, and their validation.

Text forms (command line, one field in a form): `N/D` for a rate, `yes`/`no` (also `có`/`không`),
a whole number for a count, `points=N` for a manual indicator (the justification travels apart).
JSON forms: {"numerator": N, "denominator": D}, true/false, N, {"points": N, "justification": "..."}.

Numbers are written with the digits 0-9 only. Python's int() also reads full-width ("４９") and
other scripts' digits ("٤٩"); a figure typed that way is refused with a message saying to type
0-9, rather than silently converted, so that what is stored is what the official can read back.
A figure has at most 15 digits: far above any count of children, and exact in every program that
reads the JSON (spreadsheets and JavaScript lose digits beyond that). In the JSON form, numbers
are JSON numbers (not text in quotes) and objects hold exactly their documented keys.
"""

from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.catalogue import Indicator, RateRule, RuleKind
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import REASON, checked_clean, clean, fold, shorten


@dataclass(frozen=True)
class RateValue:
    numerator: int
    denominator: int


@dataclass(frozen=True)
class YesNoValue:
    answer: bool


@dataclass(frozen=True)
class CountValue:
    count: int


@dataclass(frozen=True)
class ManualValue:
    points: int
    justification: str


Value = RateValue | YesNoValue | CountValue | ManualValue

_YES = {"yes", "y", "true", "1", "co", "dat"}
_NO = {"no", "n", "false", "0", "khong", "khong dat"}
_WHOLE = re.compile(r"^[+-]?[0-9]+$")
MAX_DIGITS = 15  # see the module's docstring
_RATE = re.compile(r"^\s*(\S+)\s*/\s*(\S+)\s*$")
_POINTS = re.compile(r"^\s*points\s*=\s*(\S+)\s*$", re.IGNORECASE)


# One whole sentence per part, so that translations never mix languages.
_NOT_WHOLE = {
    "numerator": N_("{indicator}: the numerator must be a whole number, not '{text}'."),
    "denominator": N_("{indicator}: the denominator must be a whole number, not '{text}'."),
    "count": N_("{indicator}: the count must be a whole number, not '{text}'."),
    "points": N_("{indicator}: the points must be a whole number, not '{text}'."),
}


_NOT_JSON_NUMBER = {
    "numerator": N_(
        "{indicator}: the numerator must be a number without quotes, not the text '{text}'."
    ),
    "denominator": N_(
        "{indicator}: the denominator must be a number without quotes, not the text '{text}'."
    ),
    "points": N_("{indicator}: the points must be a number without quotes, not the text '{text}'."),
}


def _raw_text(raw: Any) -> str:
    """A JSON value as a short text for a message, however deep or long it is."""
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**40:
        return "…"  # str() of a huge int is slow, and refused beyond 4,300 digits
    return shorten(reprlib.repr(raw) if isinstance(raw, dict | list) else str(raw))


def _not_whole(indicator: Indicator, what: str, text: str) -> InputError:
    return InputError(
        "VAL_NOT_A_NUMBER",
        _NOT_WHOLE[what],
        indicator=indicator.code,
        what=what,
        text=shorten(text),
    )


def _require_ascii_digits(indicator: Indicator, text: str) -> None:
    if any(c.isdigit() and not c.isascii() for c in text):
        raise InputError(
            "VAL_DIGITS_NOT_ASCII",
            N_(
                "{indicator}: '{text}' contains digits of another script or full-width digits; type the figures with the digits 0-9."
            ),
            indicator=indicator.code,
            text=shorten(text),
        )


def _too_long(indicator: Indicator, text: str) -> InputError:
    return InputError(
        "VAL_TOO_LONG",
        N_("{indicator}: '{text}' has more than {count} digits; no real figure is that large."),
        indicator=indicator.code,
        text=shorten(text),
        count=MAX_DIGITS,
    )


def _whole(text: str, indicator: Indicator, what: str) -> int:
    text = text.strip()  # parse_text has refused digits other than 0-9
    if not _WHOLE.match(text):
        raise _not_whole(indicator, what, text)
    if len(text.lstrip("+-").lstrip("0")) > MAX_DIGITS:  # before int(): 5,000 digits would fail
        raise _too_long(indicator, text)
    return int(text)


def _format_error(indicator: Indicator, text: str) -> InputError:
    expected = {
        RuleKind.RATE: "N/D",
        RuleKind.YES_NO: "yes / no",
        RuleKind.COUNT: "N",
        RuleKind.MANUAL: "points=N",
    }[indicator.kind]
    return InputError(
        "VAL_FORMAT",
        N_("{indicator}: '{text}' is not a valid value; expected {expected}."),
        indicator=indicator.code,
        text=shorten(text),
        expected=expected,
    )


def parse_text(indicator: Indicator, text: str, justification: str = "") -> Value:
    """Parse the text form of a value for `indicator`, then validate it."""
    text = clean(text)
    _require_ascii_digits(indicator, text)
    value: Value
    if indicator.kind is RuleKind.RATE:
        match = _RATE.match(text)
        if not match:
            raise _format_error(indicator, text)
        value = RateValue(
            _whole(match.group(1), indicator, "numerator"),
            _whole(match.group(2), indicator, "denominator"),
        )
    elif indicator.kind is RuleKind.YES_NO:
        key = fold(text)
        if key not in _YES | _NO:
            raise _format_error(indicator, text)
        value = YesNoValue(key in _YES)
    elif indicator.kind is RuleKind.COUNT:
        value = CountValue(_whole(text, indicator, "count"))
    else:
        match = _POINTS.match(text)
        if not match:
            raise _format_error(indicator, text)
        points = _whole(match.group(1), indicator, "points")
        value = ManualValue(points, checked_clean(justification, REASON))
    validate(indicator, value)
    return value


def _json_int(indicator: Indicator, raw: Any, what: str) -> int:
    if isinstance(raw, str) and what in _NOT_JSON_NUMBER:
        raise InputError(
            "VAL_NOT_A_JSON_NUMBER",
            _NOT_JSON_NUMBER[what],
            indicator=indicator.code,
            what=what,
            text=shorten(raw),
        )
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise _not_whole(indicator, what, _raw_text(raw))
    if abs(raw) >= 10**MAX_DIGITS:
        raise _too_long(indicator, _raw_text(raw))
    return raw


# (required keys, optional keys) of the JSON forms that are objects
_RATE_KEYS: tuple[set[str], set[str]] = ({"numerator", "denominator"}, set())
_MANUAL_KEYS: tuple[set[str], set[str]] = ({"points"}, {"justification"})
_JSON_FORMS = {
    RuleKind.RATE: '{"numerator": N, "denominator": D}',
    RuleKind.MANUAL: '{"points": N, "justification": "..."}',
}


def _require_keys(
    indicator: Indicator, raw: dict[str, Any], keys: tuple[set[str], set[str]]
) -> None:
    """`raw` holds every required key of `keys` and nothing but them and the optional ones."""
    required, optional = keys
    unknown = sorted(set(raw) - required - optional)
    if unknown:
        raise InputError(
            "VAL_UNKNOWN_KEY",
            N_("{indicator}: '{key}' has no place in this value; write it as {expected}."),
            indicator=indicator.code,
            key=shorten(unknown[0]),
            expected=_JSON_FORMS[indicator.kind],
        )
    missing = sorted(required - set(raw))
    if missing:
        raise InputError(
            "VAL_MISSING_KEY",
            N_("{indicator}: the value lacks '{key}'; write it as {expected}."),
            indicator=indicator.code,
            key=missing[0],
            expected=_JSON_FORMS[indicator.kind],
        )


def parse_json(indicator: Indicator, raw: Any) -> Value:
    """Parse the JSON form (or a text form inside a JSON string), then validate it."""
    if isinstance(raw, str):
        return parse_text(indicator, raw)
    value: Value
    if indicator.kind is RuleKind.RATE and isinstance(raw, dict):
        _require_keys(indicator, raw, _RATE_KEYS)
        value = RateValue(
            _json_int(indicator, raw["numerator"], "numerator"),
            _json_int(indicator, raw["denominator"], "denominator"),
        )
    elif indicator.kind is RuleKind.YES_NO and isinstance(raw, bool):
        value = YesNoValue(raw)
    elif indicator.kind is RuleKind.COUNT and not isinstance(raw, bool | dict | list):
        value = CountValue(_json_int(indicator, raw, "count"))
    elif indicator.kind is RuleKind.MANUAL and isinstance(raw, dict):
        _require_keys(indicator, raw, _MANUAL_KEYS)
        justification = raw.get("justification", "")
        if not isinstance(justification, str):
            raise InputError(
                "VAL_NOT_TEXT",
                N_("{indicator}: the justification must be text in quotes."),
                indicator=indicator.code,
            )
        value = ManualValue(_json_int(indicator, raw["points"], "points"), clean(justification))
    else:
        raise _format_error(indicator, _raw_text(raw))
    validate(indicator, value)
    return value


def validate(indicator: Indicator, value: Value) -> None:
    """Raise InputError when the value cannot be a true figure for this indicator."""
    kinds = {
        RateValue: RuleKind.RATE,
        YesNoValue: RuleKind.YES_NO,
        CountValue: RuleKind.COUNT,
        ManualValue: RuleKind.MANUAL,
    }
    # The kind first: the checks below assume the value fits the rule.
    if kinds[type(value)] is not indicator.kind:
        raise _format_error(indicator, to_text(value))
    if isinstance(value, RateValue):
        _validate_rate(indicator, value)
    elif isinstance(value, CountValue) and value.count < 0:
        raise _negative(indicator.code)
    elif isinstance(value, ManualValue):
        _validate_manual(indicator, value)


def _negative(code: str) -> InputError:
    return InputError(
        "VAL_NEGATIVE", N_("{indicator}: figures cannot be negative."), indicator=code
    )


def _validate_rate(indicator: Indicator, value: RateValue) -> None:
    code = indicator.code
    if value.numerator < 0 or value.denominator < 0:
        raise _negative(code)
    if value.numerator > value.denominator:
        raise InputError(
            "VAL_NUMERATOR_ABOVE_DENOMINATOR",
            N_(
                "{indicator}: the numerator ({numerator}) cannot be larger than the denominator ({denominator})."
            ),
            indicator=code,
            numerator=value.numerator,
            denominator=value.denominator,
        )
    rule = indicator.rule
    assert isinstance(rule, RateRule)
    if value.denominator == 0 and rule.empty_denominator == "error":
        raise InputError(
            "VAL_ZERO_DENOMINATOR",
            N_("{indicator}: the denominator must be larger than 0."),
            indicator=code,
        )


def _validate_manual(indicator: Indicator, value: ManualValue) -> None:
    code = indicator.code
    if not 0 <= value.points <= indicator.max_points:
        raise InputError(
            "VAL_POINTS_OUT_OF_RANGE",
            N_("{indicator}: points must be between 0 and {max_points}, not {points}."),
            indicator=code,
            max_points=indicator.max_points,
            points=value.points,
        )
    if not value.justification:
        raise InputError(
            "VAL_JUSTIFICATION_REQUIRED",
            N_("{indicator}: points given by judgement need a written justification."),
            indicator=code,
        )


def to_json(value: Value) -> Any:
    if isinstance(value, RateValue):
        return {"numerator": value.numerator, "denominator": value.denominator}
    if isinstance(value, YesNoValue):
        return value.answer
    if isinstance(value, CountValue):
        return value.count
    return {"points": value.points, "justification": value.justification}


def to_text(value: Value) -> str:
    if isinstance(value, RateValue):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, YesNoValue):
        return "yes" if value.answer else "no"
    if isinstance(value, CountValue):
        return str(value.count)
    return f"points={value.points}"
