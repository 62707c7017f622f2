"""Text and JSON forms of raw figures, and their validation."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from assessor_app.domain.catalogue import Catalogue, Indicator
from assessor_app.domain.errors import InputError
from assessor_app.domain.values import (
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
    parse_json,
    parse_text,
    to_json,
    to_text,
    validate,
)
from tests.unit.domain.catalogue_fixtures import base_catalogue

# I1a rate (empty denominator: error), I1b rate (empty: max), I2b yes/no, I2c count, I3a manual (20)
CATALOGUE: Catalogue = base_catalogue()


def ind(code: str) -> Indicator:
    indicator = CATALOGUE.indicator(code)
    assert indicator is not None
    return indicator


def error_of(call: Any, *args: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args)
    return caught.value


# ---------------------------------------------------------------------------------------------
# Text forms


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("I1a", "49/50", RateValue(49, 50)),
        ("I1a", " 49 / 50 ", RateValue(49, 50)),
        ("I1a", "49 /50", RateValue(49, 50)),
        ("I1a", "\t0/7\n", RateValue(0, 7)),
        ("I1a", "50/50", RateValue(50, 50)),
        ("I1a", "+3/4", RateValue(3, 4)),
        ("I1b", "0/0", RateValue(0, 0)),  # allowed: empty denominator gives the maximum
        ("I2b", "yes", YesNoValue(True)),
        ("I2b", "Yes", YesNoValue(True)),
        ("I2b", " YES ", YesNoValue(True)),
        ("I2b", "y", YesNoValue(True)),
        ("I2b", "true", YesNoValue(True)),
        ("I2b", "1", YesNoValue(True)),
        ("I2b", "có", YesNoValue(True)),
        ("I2b", "Có", YesNoValue(True)),
        ("I2b", "CÓ", YesNoValue(True)),
        ("I2b", "co", YesNoValue(True)),
        ("I2b", unicodedata.normalize("NFD", "có"), YesNoValue(True)),
        ("I2b", "đạt", YesNoValue(True)),
        ("I2b", "Đạt", YesNoValue(True)),
        ("I2b", "no", YesNoValue(False)),
        ("I2b", "No", YesNoValue(False)),
        ("I2b", "n", YesNoValue(False)),
        ("I2b", "false", YesNoValue(False)),
        ("I2b", "0", YesNoValue(False)),
        ("I2b", "không", YesNoValue(False)),
        ("I2b", "Không", YesNoValue(False)),
        ("I2b", "khong", YesNoValue(False)),
        ("I2b", unicodedata.normalize("NFD", "Không"), YesNoValue(False)),
        ("I2b", "không đạt", YesNoValue(False)),
        ("I2b", "Không   đạt", YesNoValue(False)),
        ("I2c", "3", CountValue(3)),
        ("I2c", " 3 ", CountValue(3)),
        ("I2c", "0", CountValue(0)),
        ("I2c", "120", CountValue(120)),
    ],
)
def test_parse_text(code: str, text: str, expected: Value) -> None:
    assert parse_text(ind(code), text) == expected


@pytest.mark.parametrize(
    ("text", "justification", "expected"),
    [
        ("points=20", "Đủ hồ sơ", ManualValue(20, "Đủ hồ sơ")),
        ("points=0", "Chưa có kế hoạch", ManualValue(0, "Chưa có kế hoạch")),
        (" points = 7 ", "x", ManualValue(7, "x")),
        ("POINTS=7", "x", ManualValue(7, "x")),
        ("Points=13", "  Kế  hoạch\tchưa đủ  ", ManualValue(13, "Kế hoạch chưa đủ")),
        (
            "points=5",
            unicodedata.normalize("NFD", "Hồ sơ"),
            ManualValue(5, unicodedata.normalize("NFC", "Hồ sơ")),
        ),
    ],
)
def test_parse_text_manual(text: str, justification: str, expected: ManualValue) -> None:
    assert parse_text(ind("I3a"), text, justification) == expected


# ---------------------------------------------------------------------------------------------
# JSON forms


@pytest.mark.parametrize(
    ("code", "raw", "expected"),
    [
        ("I1a", {"numerator": 49, "denominator": 50}, RateValue(49, 50)),
        ("I1a", "49/50", RateValue(49, 50)),  # a text form inside a JSON string
        ("I1b", {"numerator": 0, "denominator": 0}, RateValue(0, 0)),
        ("I2b", True, YesNoValue(True)),
        ("I2b", False, YesNoValue(False)),
        ("I2b", "có", YesNoValue(True)),
        ("I2b", "không", YesNoValue(False)),
        ("I2c", 3, CountValue(3)),
        ("I2c", 0, CountValue(0)),
        ("I2c", "3", CountValue(3)),
        ("I3a", {"points": 20, "justification": "Đủ"}, ManualValue(20, "Đủ")),
        ("I3a", {"points": 4, "justification": " a  b "}, ManualValue(4, "a b")),
        ("I3a", {"points": 4}, None),  # the justification key may be left out (then refused)
    ],
)
def test_parse_json(code: str, raw: Any, expected: Value | None) -> None:
    if expected is None:
        assert error_of(parse_json, ind(code), raw).code == "VAL_JUSTIFICATION_REQUIRED"
    else:
        assert parse_json(ind(code), raw) == expected


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("code", "text", "error"),
    [
        # letters in a number
        ("I1a", "4a/50", "VAL_NOT_A_NUMBER"),
        ("I1a", "49/5o", "VAL_NOT_A_NUMBER"),
        ("I1a", "49.5/50", "VAL_NOT_A_NUMBER"),
        ("I1a", "1/2/3", "VAL_NOT_A_NUMBER"),
        ("I2c", "abc", "VAL_NOT_A_NUMBER"),
        ("I2c", "3.5", "VAL_NOT_A_NUMBER"),
        ("I2c", "3 4", "VAL_NOT_A_NUMBER"),
        ("I2c", "", "VAL_NOT_A_NUMBER"),
        ("I3a", "points=abc", "VAL_NOT_A_NUMBER"),
        ("I3a", "points=2.5", "VAL_NOT_A_NUMBER"),
        # wrong shape for the kind
        ("I1a", "abc", "VAL_FORMAT"),
        ("I1a", "49", "VAL_FORMAT"),
        ("I1a", "49 50", "VAL_FORMAT"),
        ("I1a", "", "VAL_FORMAT"),
        ("I1a", "/50", "VAL_FORMAT"),
        ("I2b", "maybe", "VAL_FORMAT"),
        ("I2b", "2", "VAL_FORMAT"),
        ("I2b", "", "VAL_FORMAT"),
        ("I3a", "20", "VAL_FORMAT"),
        ("I3a", "score=20", "VAL_FORMAT"),
        # impossible figures
        ("I1a", "51/50", "VAL_NUMERATOR_ABOVE_DENOMINATOR"),
        ("I1a", "1/0", "VAL_NUMERATOR_ABOVE_DENOMINATOR"),
        ("I1a", "-1/50", "VAL_NEGATIVE"),
        ("I1a", "1/-50", "VAL_NEGATIVE"),
        ("I1a", "-5/-1", "VAL_NEGATIVE"),
        ("I2c", "-1", "VAL_NEGATIVE"),
        ("I1a", "0/0", "VAL_ZERO_DENOMINATOR"),  # the rule says "error"
        ("I3a", "points=21", "VAL_POINTS_OUT_OF_RANGE"),
        ("I3a", "points=-1", "VAL_POINTS_OUT_OF_RANGE"),
    ],
)
def test_bad_text(code: str, text: str, error: str) -> None:
    err = error_of(parse_text, ind(code), text, "Có lý do")
    assert err.code == error
    assert err.params["indicator"] == code
    assert code in str(err)


def test_numerator_above_denominator_params() -> None:
    err = error_of(parse_text, ind("I1a"), "51/50")
    assert err.params == {"indicator": "I1a", "numerator": 51, "denominator": 50}


def test_points_out_of_range_params() -> None:
    err = error_of(parse_text, ind("I3a"), "points=21", "x")
    assert err.params == {"indicator": "I3a", "max_points": 20, "points": 21}


@pytest.mark.parametrize("justification", ["", "   ", "\t\n"])
def test_manual_needs_justification(justification: str) -> None:
    err = error_of(parse_text, ind("I3a"), "points=20", justification)
    assert err.code == "VAL_JUSTIFICATION_REQUIRED"
    assert err.params == {"indicator": "I3a"}


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("I1a", "４９/５０"),  # full-width
        ("I1a", "٤٩/٥٠"),  # Arabic-Indic
        ("I1a", "۴۹/۵۰"),  # Extended Arabic-Indic (Persian)
        ("I1a", "49/५०"),  # Devanagari
        ("I2c", "３"),
        ("I2b", "１"),  # even where no number is due, the message says what to type
        ("I3a", "points=２"),
    ],
)
def test_digits_other_than_0_to_9_are_refused(code: str, text: str) -> None:
    err = error_of(parse_text, ind(code), text, "Có lý do")
    assert err.code == "VAL_DIGITS_NOT_ASCII"
    assert "0-9" in err.english()


@pytest.mark.parametrize(
    ("code", "text", "error"),
    [
        ("I2c", "999999999999999", None),  # 15 digits
        ("I2c", "000000000000000000003", None),  # leading zeros are not digits of the figure
        ("I2c", "1000000000000000", "VAL_TOO_LONG"),
        ("I1a", "1/" + "9" * 5000, "VAL_TOO_LONG"),
        ("I1a", "9" * 5000 + "/1", "VAL_TOO_LONG"),
    ],
)
def test_figures_have_at_most_fifteen_digits(code: str, text: str, error: str | None) -> None:
    if error is None:
        parse_text(ind(code), text)
        return
    err = error_of(parse_text, ind(code), text)
    assert err.code == error
    assert len(str(err)) < 200  # the number is not echoed whole


def test_a_justification_has_the_limit_of_a_reason() -> None:
    err = error_of(parse_text, ind("I3a"), "points=2", "x" * 2001)
    assert err.code == "TEXT_TOO_LONG"
    assert err.params["limit"] == 2000
    assert parse_text(ind("I3a"), "points=2", "x" * 2000) == ManualValue(2, "x" * 2000)


def test_not_a_number_params() -> None:
    err = error_of(parse_text, ind("I1a"), "4a/50")
    assert err.params == {"indicator": "I1a", "what": "numerator", "text": "4a"}
    assert "the numerator must be a whole number" in err.english()
    err = error_of(parse_text, ind("I1a"), "4/5x")
    assert err.params["what"] == "denominator"
    assert "the denominator must be a whole number" in err.english()


def test_format_error_names_expected_form() -> None:
    assert error_of(parse_text, ind("I1a"), "abc").params["expected"] == "N/D"
    assert error_of(parse_text, ind("I2b"), "abc").params["expected"] == "yes / no"
    assert error_of(parse_text, ind("I3a"), "abc").params["expected"] == "points=N"


@pytest.mark.parametrize(
    ("code", "raw", "error"),
    [
        # wrong shape for the kind
        ("I1a", 49, "VAL_FORMAT"),
        ("I1a", [49, 50], "VAL_FORMAT"),
        ("I1a", True, "VAL_FORMAT"),
        ("I1a", None, "VAL_FORMAT"),
        ("I2b", 1, "VAL_FORMAT"),
        ("I2b", None, "VAL_FORMAT"),
        ("I2b", {"answer": True}, "VAL_FORMAT"),
        ("I2c", True, "VAL_FORMAT"),
        ("I2c", [3], "VAL_FORMAT"),
        ("I2c", {"count": 3}, "VAL_FORMAT"),
        ("I3a", 20, "VAL_FORMAT"),
        ("I3a", [20, "x"], "VAL_FORMAT"),
        ("I3a", "points=20", "VAL_JUSTIFICATION_REQUIRED"),  # text form: no justification
        # exactly the documented keys
        ("I1a", {"numerator": 49}, "VAL_MISSING_KEY"),
        ("I1a", {"numerator": 49, "denominator": 50, "note": "x"}, "VAL_UNKNOWN_KEY"),
        ("I1a", {"Numerator": 49, "denominator": 50}, "VAL_UNKNOWN_KEY"),
        ("I3a", {"justification": "x"}, "VAL_MISSING_KEY"),
        ("I3a", {"points": 5, "justification": "x", "by": "y"}, "VAL_UNKNOWN_KEY"),
        # numbers are JSON numbers, text is JSON text
        ("I1a", {"numerator": "49", "denominator": 50}, "VAL_NOT_A_JSON_NUMBER"),
        ("I1a", {"numerator": 49, "denominator": " 50 "}, "VAL_NOT_A_JSON_NUMBER"),
        ("I1a", {"numerator": "4a", "denominator": 50}, "VAL_NOT_A_JSON_NUMBER"),
        ("I3a", {"points": "4", "justification": "x"}, "VAL_NOT_A_JSON_NUMBER"),
        ("I3a", {"points": 5, "justification": 7}, "VAL_NOT_TEXT"),
        # not whole numbers
        ("I1a", {"numerator": 49.0, "denominator": 50}, "VAL_NOT_A_NUMBER"),
        ("I1a", {"numerator": True, "denominator": 50}, "VAL_NOT_A_NUMBER"),
        ("I1a", {"numerator": None, "denominator": 50}, "VAL_NOT_A_NUMBER"),
        ("I2c", 3.0, "VAL_NOT_A_NUMBER"),
        ("I2c", None, "VAL_NOT_A_NUMBER"),
        ("I2c", "abc", "VAL_NOT_A_NUMBER"),
        # at most 15 digits
        ("I2c", 10**15, "VAL_TOO_LONG"),
        ("I2c", -(10**15), "VAL_TOO_LONG"),
        ("I1a", {"numerator": 10**20, "denominator": 10**21}, "VAL_TOO_LONG"),
        ("I2c", "1" * 5000, "VAL_TOO_LONG"),
        # digits 0-9 only
        ("I2c", "４", "VAL_DIGITS_NOT_ASCII"),
        ("I1a", "٤٩/٥٠", "VAL_DIGITS_NOT_ASCII"),
        # impossible figures
        ("I1a", {"numerator": 51, "denominator": 50}, "VAL_NUMERATOR_ABOVE_DENOMINATOR"),
        ("I1a", {"numerator": -1, "denominator": 50}, "VAL_NEGATIVE"),
        ("I1a", {"numerator": 0, "denominator": 0}, "VAL_ZERO_DENOMINATOR"),
        ("I2c", -2, "VAL_NEGATIVE"),
        ("I3a", {"points": 21, "justification": "x"}, "VAL_POINTS_OUT_OF_RANGE"),
        ("I3a", {"points": -1, "justification": "x"}, "VAL_POINTS_OUT_OF_RANGE"),
        ("I3a", {"points": 5}, "VAL_JUSTIFICATION_REQUIRED"),
        ("I3a", {"points": 5, "justification": "  "}, "VAL_JUSTIFICATION_REQUIRED"),
    ],
)
def test_bad_json(code: str, raw: Any, error: str) -> None:
    err = error_of(parse_json, ind(code), raw)
    assert err.code == error
    assert err.params["indicator"] == code


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("I1a", CountValue(3)),
        ("I1a", YesNoValue(True)),
        ("I1a", ManualValue(5, "x")),
        ("I2b", CountValue(0)),
        ("I2b", RateValue(1, 2)),
        ("I2b", ManualValue(50, "")),
        ("I2c", RateValue(1, 2)),
        ("I2c", YesNoValue(False)),
        ("I3a", RateValue(0, 0)),
        ("I3a", CountValue(1)),
    ],
)
def test_validate_refuses_value_of_another_kind(code: str, value: Value) -> None:
    err = error_of(validate, ind(code), value)
    assert err.code == "VAL_FORMAT"
    assert err.params["indicator"] == code


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("I1a", RateValue(49, 50)),
        ("I1b", RateValue(0, 0)),
        ("I2b", YesNoValue(False)),
        ("I2c", CountValue(0)),
        ("I3a", ManualValue(0, "x")),
        ("I3a", ManualValue(20, "x")),
    ],
)
def test_validate_accepts_good_values(code: str, value: Value) -> None:
    validate(ind(code), value)


# ---------------------------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize(
    ("value", "text", "json_form"),
    [
        (RateValue(49, 50), "49/50", {"numerator": 49, "denominator": 50}),
        (RateValue(0, 0), "0/0", {"numerator": 0, "denominator": 0}),
        (YesNoValue(True), "yes", True),
        (YesNoValue(False), "no", False),
        (CountValue(3), "3", 3),
        (ManualValue(20, "Đủ hồ sơ"), "points=20", {"points": 20, "justification": "Đủ hồ sơ"}),
    ],
)
def test_to_text_and_to_json(value: Value, text: str, json_form: Any) -> None:
    assert to_text(value) == text
    assert to_json(value) == json_form


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("I1a", RateValue(49, 50)),
        ("I1b", RateValue(0, 0)),
        ("I2b", YesNoValue(True)),
        ("I2b", YesNoValue(False)),
        ("I2c", CountValue(0)),
        ("I2c", CountValue(17)),
        ("I3a", ManualValue(13, "Kế hoạch chưa đủ")),
    ],
)
def test_round_trips(code: str, value: Value) -> None:
    indicator = ind(code)
    justification = value.justification if isinstance(value, ManualValue) else ""
    assert parse_text(indicator, to_text(value), justification) == value
    assert parse_json(indicator, to_json(value)) == value


@settings(max_examples=200, deadline=None, database=None)
@given(
    denominator=st.integers(1, 10_000),
    data=st.data(),
)
def test_rate_round_trip_property(denominator: int, data: st.DataObject) -> None:
    numerator = data.draw(st.integers(0, denominator))
    value = RateValue(numerator, denominator)
    assert parse_text(ind("I1a"), to_text(value)) == value
    assert parse_json(ind("I1a"), to_json(value)) == value


@settings(max_examples=200, deadline=None, database=None)
@given(
    points=st.integers(0, 20),
    # Control characters (other than line breaks and tabs) are refused in typed text.
    justification=st.text(
        st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\t\n\r"),
        min_size=1,
        max_size=300,
    ).filter(lambda s: s.strip()),
)
def test_manual_round_trip_property(points: int, justification: str) -> None:
    value = parse_json(ind("I3a"), {"points": points, "justification": justification})
    assert isinstance(value, ManualValue)
    assert value.points == points
    assert value.justification  # cleaned, still not empty
    assert parse_json(ind("I3a"), to_json(value)) == value
    assert parse_text(ind("I3a"), to_text(value), value.justification) == value
