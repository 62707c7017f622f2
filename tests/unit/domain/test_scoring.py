"""Scoring tables computed by hand against the base test catalogue (see catalogue_fixtures)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assessor_app.domain.catalogue import Catalogue, Status, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import InputError
from assessor_app.domain.scoring import Reason, rate_of, score, score_indicator
from assessor_app.domain.values import (
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
)
from tests.unit.domain.catalogue_fixtures import (
    ALL_INDICATORS,
    CATALOGUE_CODE,
    base_catalogue,
    base_document,
    condition_of,
    indicator_of,
)

WARD = UnitCategory.WARD_CENTRAL_CITY
MOUNTAIN = UnitCategory.MOUNTAIN_ISLAND_DIFFICULT
OTHER = UnitCategory.OTHER


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return base_catalogue()


def perfect_values() -> dict[str, Value]:
    """Values giving every indicator its maximum: 40 + 30 + 30 = 100."""
    return {
        "I1a": RateValue(50, 50),
        "I1b": RateValue(99, 100),
        "I1c": RateValue(0, 1000),
        "I2a": RateValue(0, 50),
        "I2b": YesNoValue(True),
        "I2c": CountValue(0),
        "I3a": ManualValue(20, "Kế hoạch đầy đủ"),
        "I3b": YesNoValue(True),
    }


# ---------------------------------------------------------------------------------------------
# Rates, higher is better


# I1a: >= 98 -> 20 (band 1) | >= 90 -> 15 (band 2) | > 80 -> 10 (band 3) | otherwise 5 (band 0)
@pytest.mark.parametrize(
    ("numerator", "denominator", "points", "band", "rate"),
    [
        (50, 50, 20, 1, Fraction(100)),
        (49, 50, 20, 1, Fraction(98)),  # exactly 98 %, inclusive band -> that band
        (491, 500, 20, 1, Fraction(491, 5)),  # 98.2 %
        (489, 500, 15, 2, Fraction(489, 5)),  # 97.8 %, just below 98
        (97, 100, 15, 2, Fraction(97)),
        (45, 50, 15, 2, Fraction(90)),  # exactly 90 %, inclusive
        (449, 500, 10, 3, Fraction(449, 5)),  # 89.8 %
        (401, 500, 10, 3, Fraction(401, 5)),  # 80.2 %, above the exclusive 80
        (40, 50, 5, 0, Fraction(80)),  # exactly 80 %, exclusive band -> otherwise
        (399, 500, 5, 0, Fraction(399, 5)),  # 79.8 %
        (0, 50, 5, 0, Fraction(0)),
        (1, 1, 20, 1, Fraction(100)),
    ],
)
def test_rate_higher_is_better_inclusive_bands(
    catalogue: Catalogue, numerator: int, denominator: int, points: int, band: int, rate: Fraction
) -> None:
    result = score_indicator(catalogue.indicator("I1a"), RateValue(numerator, denominator))
    assert result.points == points
    assert result.band == band
    assert result.rate == rate
    assert result.assessed is True
    assert result.max_points == 20
    assert result.code == "I1a"
    assert result.criterion == "C1"


# I1b: > 98 -> 10 (band 1) | >= 95 -> 6 (band 2) | otherwise 0
@pytest.mark.parametrize(
    ("numerator", "denominator", "points", "band"),
    [
        (50, 50, 10, 1),
        (99, 100, 10, 1),
        (491, 500, 10, 1),  # 98.2 %
        (49, 50, 6, 2),  # exactly 98 %, exclusive band -> next band
        (19, 20, 6, 2),  # exactly 95 %, inclusive
        (474, 500, 0, 0),  # 94.8 %
        (47, 50, 0, 0),  # 94 %
        (0, 7, 0, 0),
    ],
)
def test_rate_higher_is_better_exclusive_top_band(
    catalogue: Catalogue, numerator: int, denominator: int, points: int, band: int
) -> None:
    result = score_indicator(catalogue.indicator("I1b"), RateValue(numerator, denominator))
    assert (result.points, result.band) == (points, band)


def test_rate_is_exact_not_rounded(catalogue: Catalogue) -> None:
    # 2/3 of 100 is 66.666..., kept as an exact fraction
    result = score_indicator(catalogue.indicator("I1a"), RateValue(2, 3))
    assert result.rate == Fraction(200, 3)
    assert rate_of(RateValue(2, 3), 100) == Fraction(200, 3)
    assert rate_of(RateValue(2, 3), 1000) == Fraction(2000, 3)
    assert rate_of(RateValue(0, 0), 100) is None


# ---------------------------------------------------------------------------------------------
# Rates, lower is better


# I2a: < 2 % -> 10 (band 1) | <= 5 % -> 5 (band 2) | otherwise 0
@pytest.mark.parametrize(
    ("numerator", "denominator", "points", "band"),
    [
        (0, 50, 10, 1),
        (1, 51, 10, 1),  # 1.96 %
        (19, 1000, 10, 1),  # 1.9 %
        (1, 50, 5, 2),  # exactly 2 %: "< 2 %" is NOT met
        (2, 100, 5, 2),  # exactly 2 % again, other figures
        (21, 1000, 5, 2),  # 2.1 %
        (5, 100, 5, 2),  # exactly 5 %, inclusive
        (51, 1000, 0, 0),  # 5.1 %
        (3, 50, 0, 0),  # 6 %
        (50, 50, 0, 0),
    ],
)
def test_rate_lower_is_better_percent(
    catalogue: Catalogue, numerator: int, denominator: int, points: int, band: int
) -> None:
    result = score_indicator(catalogue.indicator("I2a"), RateValue(numerator, denominator))
    assert (result.points, result.band) == (points, band)


# I1c, per thousand: <= 10 ‰ -> 10 (band 1) | < 20 ‰ -> 5 (band 2) | otherwise 0
@pytest.mark.parametrize(
    ("numerator", "denominator", "points", "band", "rate"),
    [
        (0, 1000, 10, 1, Fraction(0)),
        (9, 1000, 10, 1, Fraction(9)),
        (10, 1000, 10, 1, Fraction(10)),  # exactly 10 ‰, inclusive
        (1, 100, 10, 1, Fraction(10)),  # 1 % = 10 ‰
        (11, 1000, 5, 2, Fraction(11)),
        (19, 1000, 5, 2, Fraction(19)),
        (20, 1000, 0, 0, Fraction(20)),  # exactly 20 ‰, exclusive -> otherwise
        (1, 50, 0, 0, Fraction(20)),  # 2 % on a per-thousand scale is 20 ‰, not 2
        (1, 60, 5, 2, Fraction(50, 3)),  # 16.67 ‰
        (3, 100, 0, 0, Fraction(30)),
    ],
)
def test_rate_lower_is_better_per_thousand(
    catalogue: Catalogue, numerator: int, denominator: int, points: int, band: int, rate: Fraction
) -> None:
    result = score_indicator(catalogue.indicator("I1c"), RateValue(numerator, denominator))
    assert (result.points, result.band, result.rate) == (points, band, rate)


# ---------------------------------------------------------------------------------------------
# Empty denominator


@pytest.mark.parametrize(
    ("code", "points"),
    [
        ("I1b", 10),  # empty_denominator "max"
        ("I2a", 10),  # "max", lower is better
        ("I1c", 0),  # "zero"
    ],
)
def test_empty_denominator_max_or_zero(catalogue: Catalogue, code: str, points: int) -> None:
    result = score_indicator(catalogue.indicator(code), RateValue(0, 0))
    assert result.points == points
    assert result.assessed is True
    assert result.rate is None
    assert result.band is None


def test_empty_denominator_error(catalogue: Catalogue) -> None:
    with pytest.raises(InputError) as caught:
        score_indicator(catalogue.indicator("I1a"), RateValue(0, 0))
    assert caught.value.code == "VAL_ZERO_DENOMINATOR"
    assert caught.value.params["indicator"] == "I1a"


def test_empty_denominator_error_through_score(catalogue: Catalogue) -> None:
    values = perfect_values()
    values["I1a"] = RateValue(0, 0)
    with pytest.raises(InputError) as caught:
        score(catalogue, OTHER, values)
    assert caught.value.code == "VAL_ZERO_DENOMINATOR"


# ---------------------------------------------------------------------------------------------
# Yes / no, count, manual


@pytest.mark.parametrize(
    ("code", "answer", "points"),
    [
        ("I2b", True, 10),
        ("I2b", False, 2),  # points_no 2
        ("I3b", True, 10),
        ("I3b", False, 0),  # points_no defaults to 0
    ],
)
def test_yes_no(catalogue: Catalogue, code: str, answer: bool, points: int) -> None:
    result = score_indicator(catalogue.indicator(code), YesNoValue(answer))
    assert result.points == points
    assert result.assessed is True
    assert result.band is None
    assert result.rate is None


# I2c: <= 0 -> 10 (band 1) | <= 2 -> 6 (band 2) | <= 5 -> 3 (band 3) | otherwise 1 (band 0)
@pytest.mark.parametrize(
    ("count", "points", "band"),
    [
        (0, 10, 1),
        (1, 6, 2),
        (2, 6, 2),  # on max_count: inside the band
        (3, 3, 3),
        (5, 3, 3),
        (6, 1, 0),  # above every band -> otherwise_points
        (1000, 1, 0),
    ],
)
def test_count(catalogue: Catalogue, count: int, points: int, band: int) -> None:
    result = score_indicator(catalogue.indicator("I2c"), CountValue(count))
    assert (result.points, result.band, result.assessed) == (points, band, True)


@pytest.mark.parametrize("points", [0, 1, 13, 19, 20])
def test_manual_points_as_given(catalogue: Catalogue, points: int) -> None:
    result = score_indicator(catalogue.indicator("I3a"), ManualValue(points, "Đã xem hồ sơ"))
    assert result.points == points
    assert result.assessed is True


@pytest.mark.parametrize("points", [-1, 21])
def test_manual_points_out_of_range_refused(catalogue: Catalogue, points: int) -> None:
    with pytest.raises(InputError) as caught:
        score_indicator(catalogue.indicator("I3a"), ManualValue(points, "x"))
    assert caught.value.code == "VAL_POINTS_OUT_OF_RANGE"


@pytest.mark.parametrize("code", ALL_INDICATORS)
def test_unassessed_indicator_scores_zero(catalogue: Catalogue, code: str) -> None:
    result = score_indicator(catalogue.indicator(code), None)
    assert result.points == 0
    assert result.assessed is False
    assert result.rate is None
    assert result.band is None


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("I2c", RateValue(1, 2)),
        ("I2b", RateValue(0, 0)),
        ("I3a", RateValue(1, 2)),
        ("I1a", CountValue(3)),
        ("I1a", YesNoValue(True)),
        ("I2c", YesNoValue(False)),
        ("I2b", ManualValue(50, "")),
        ("I1b", ManualValue(5, "x")),
    ],
)
def test_value_of_the_wrong_kind_refused(catalogue: Catalogue, code: str, value: Value) -> None:
    with pytest.raises(InputError) as caught:
        score_indicator(catalogue.indicator(code), value)
    assert caught.value.code == "VAL_FORMAT"
    assert caught.value.params["indicator"] == code


# ---------------------------------------------------------------------------------------------
# Criteria and total


def test_perfect_values_score_everything(catalogue: Catalogue) -> None:
    result = score(catalogue, OTHER, perfect_values())
    assert [(c.code, c.points, c.max_points) for c in result.criteria] == [
        ("C1", 40, 40),
        ("C2", 30, 30),
        ("C3", 30, 30),
    ]
    assert result.total == 100
    assert result.max_total == 100
    assert result.recognized is True
    assert result.reasons == ()
    assert result.catalogue == CATALOGUE_CODE
    assert result.catalogue_hash == catalogue.content_hash
    assert result.category is OTHER
    assert [i.code for i in result.indicators] == list(ALL_INDICATORS)
    assert all(c.complete for c in result.criteria)
    assert result.provisional == ()


def test_criterion_points_are_the_sum_of_its_indicators(catalogue: Catalogue) -> None:
    values: dict[str, Value] = {
        "I1a": RateValue(45, 50),  # 90 % -> 15
        "I1b": RateValue(49, 50),  # 98 %, exclusive -> 6
        "I1c": RateValue(15, 1000),  # 15 ‰ -> 5
        "I2a": RateValue(1, 50),  # 2 % -> 5
        "I2b": YesNoValue(False),  # 2
        "I2c": CountValue(4),  # 3
        "I3a": ManualValue(12, "Một phần"),  # 12
        "I3b": YesNoValue(True),  # 10
    }
    result = score(catalogue, OTHER, values)
    by_code = {i.code: i.points for i in result.indicators}
    assert by_code == {
        "I1a": 15,
        "I1b": 6,
        "I1c": 5,
        "I2a": 5,
        "I2b": 2,
        "I2c": 3,
        "I3a": 12,
        "I3b": 10,
    }
    assert [(c.code, c.points) for c in result.criteria] == [("C1", 26), ("C2", 10), ("C3", 22)]
    assert result.total == 58


def test_unassessed_indicator_counts_zero_in_its_criterion(catalogue: Catalogue) -> None:
    values = perfect_values()
    del values["I1b"]
    result = score(catalogue, MOUNTAIN, values)
    i1b = next(i for i in result.indicators if i.code == "I1b")
    assert (i1b.points, i1b.assessed) == (0, False)
    c1 = result.criteria[0]
    assert (c1.points, c1.assessed, c1.indicators, c1.complete) == (30, 2, 3, False)
    assert all(c.complete for c in result.criteria[1:])
    assert result.total == 90
    # Only "every indicator assessed" fails: 90 >= 85 and C1 has 30 >= 30.
    assert [(r.condition, r.code) for r in result.reasons] == [("R3", "R_NOT_ASSESSED")]
    assert result.reasons[0].params == {"indicators": "I1b"}
    assert result.recognized is False


def test_unknown_indicator_code_refused(catalogue: Catalogue) -> None:
    values: dict[str, Value] = {**perfect_values(), "I9z": YesNoValue(True), "A0": CountValue(1)}
    with pytest.raises(InputError) as caught:
        score(catalogue, OTHER, values)
    assert caught.value.code == "VAL_UNKNOWN_INDICATOR"
    assert caught.value.params == {"catalogue": CATALOGUE_CODE, "indicator": "A0, I9z"}
    assert "I9z" in str(caught.value)


def test_criterion_code_is_not_an_indicator(catalogue: Catalogue) -> None:
    with pytest.raises(InputError) as caught:
        score(catalogue, OTHER, {"C1": YesNoValue(True)})
    assert caught.value.code == "VAL_UNKNOWN_INDICATOR"


# ---------------------------------------------------------------------------------------------
# Recognition: total by category (perfect values except I3a, so total = 80 + I3a points)


@pytest.mark.parametrize(
    ("category", "manual_points", "recognized"),
    [
        (WARD, 15, True),  # 95 = threshold 95
        (WARD, 14, False),  # 94
        (WARD, 20, True),
        (OTHER, 10, True),  # 90 = threshold 90
        (OTHER, 9, False),  # 89
        (MOUNTAIN, 5, True),  # 85 = threshold 85
        (MOUNTAIN, 4, False),  # 84
    ],
)
def test_min_total_by_category(
    catalogue: Catalogue, category: UnitCategory, manual_points: int, recognized: bool
) -> None:
    values = perfect_values()
    values["I3a"] = ManualValue(manual_points, "Đánh giá của đoàn")
    result = score(catalogue, category, values)
    total = 80 + manual_points
    assert result.total == total
    assert result.recognized is recognized
    if recognized:
        assert result.reasons == ()
    else:
        threshold = {WARD: 95, OTHER: 90, MOUNTAIN: 85}[category]
        assert result.reasons == (
            Reason.of(
                "R1",
                "R_TOTAL_BELOW_THRESHOLD",
                result.reasons[0].template,
                {"total": total, "threshold": threshold, "category": category.value},
                False,
            ),
        )
        english = result.reasons[0].english()
        assert str(total) in english
        assert str(threshold) in english
        assert category.value in english


def test_same_total_judged_by_category(catalogue: Catalogue) -> None:
    values = perfect_values()
    values["I3a"] = ManualValue(7, "x")  # total 87
    assert score(catalogue, MOUNTAIN, values).recognized is True
    assert score(catalogue, OTHER, values).recognized is False
    assert score(catalogue, WARD, values).recognized is False


# ---------------------------------------------------------------------------------------------
# Recognition: the other conditions


def test_no_criterion_zero(catalogue: Catalogue) -> None:
    # C3 all assessed but at 0 points; total 70 is also below the mountain threshold.
    values = perfect_values()
    values["I3a"] = ManualValue(0, "Chưa có kế hoạch")
    values["I3b"] = YesNoValue(False)
    result = score(catalogue, MOUNTAIN, values)
    assert result.total == 70
    assert [r.code for r in result.reasons] == ["R_TOTAL_BELOW_THRESHOLD", "R_CRITERION_AT_ZERO"]
    assert result.reasons[1].condition == "R2"
    assert result.reasons[1].params == {"criteria": "C3"}
    assert "C3" in result.reasons[1].english()


def test_criterion_min_points(catalogue: Catalogue) -> None:
    values = perfect_values()
    # C1 = I1a + 10 + 10; C1 >= 30 needs I1a >= 10.
    values["I1a"] = RateValue(401, 500)  # 80.2 % -> 10, C1 = 30: exactly the minimum
    result = score(catalogue, MOUNTAIN, values)
    assert result.criteria[0].points == 30
    assert result.total == 90
    assert result.recognized is True

    values["I1a"] = RateValue(40, 50)  # 80 % -> 5, C1 = 25: below
    result = score(catalogue, MOUNTAIN, values)
    assert result.criteria[0].points == 25
    assert result.total == 85  # still meets the mountain threshold
    assert result.recognized is False
    assert len(result.reasons) == 1
    reason = result.reasons[0]
    assert (reason.condition, reason.code) == ("R4", "R_CRITERION_BELOW_MINIMUM")
    assert reason.params == {"criterion": "C1", "points": 25, "min_points": 30}
    assert reason.provisional is False
    assert "C1" in reason.english()


def test_every_failed_condition_is_listed(catalogue: Catalogue) -> None:
    values = perfect_values()
    values["I1a"] = RateValue(40, 50)  # 5 -> C1 = 25 (< 30)
    del values["I3a"]  # not assessed
    values["I3b"] = YesNoValue(False)  # C3 = 0
    result = score(catalogue, OTHER, values)
    assert result.total == 25 + 30 + 0
    assert result.recognized is False
    assert [(r.condition, r.code, r.params) for r in result.reasons] == [
        ("R1", "R_TOTAL_BELOW_THRESHOLD", {"total": 55, "threshold": 90, "category": "other"}),
        ("R2", "R_CRITERION_AT_ZERO", {"criteria": "C3"}),
        ("R3", "R_NOT_ASSESSED", {"indicators": "I3a"}),
        ("R4", "R_CRITERION_BELOW_MINIMUM", {"criterion": "C1", "points": 25, "min_points": 30}),
    ]
    assert not any(r.provisional for r in result.reasons)
    for reason in result.reasons:
        assert reason.english()  # every template fills with its params


def test_nothing_entered(catalogue: Catalogue) -> None:
    result = score(catalogue, WARD, {})
    assert result.total == 0
    assert all(not i.assessed for i in result.indicators)
    assert [(c.points, c.assessed) for c in result.criteria] == [(0, 0)] * 3
    assert [(r.code, r.params) for r in result.reasons] == [
        ("R_TOTAL_BELOW_THRESHOLD", {"total": 0, "threshold": 95, "category": "ward_central_city"}),
        ("R_CRITERION_AT_ZERO", {"criteria": "C1, C2, C3"}),
        ("R_NOT_ASSESSED", {"indicators": ", ".join(ALL_INDICATORS)}),
        ("R_CRITERION_BELOW_MINIMUM", {"criterion": "C1", "points": 0, "min_points": 30}),
    ]
    assert result.recognized is False


def test_unassessed_and_zero_are_distinct(catalogue: Catalogue) -> None:
    # I3b answered "no" (0 points, assessed) versus I3b left empty (0 points, not assessed).
    values = perfect_values()
    values["I3b"] = YesNoValue(False)
    answered = score(catalogue, MOUNTAIN, values)
    del values["I3b"]
    empty = score(catalogue, MOUNTAIN, values)
    assert answered.total == empty.total == 90
    assert answered.recognized is True
    assert [r.code for r in empty.reasons] == ["R_NOT_ASSESSED"]


def test_catalogue_without_optional_conditions() -> None:
    # Only the total matters: an unassessed indicator and a zero criterion are no reason.
    document = base_document()
    document["recognition"] = [condition_of(document, "R1")]
    catalogue = parse_catalogue(document)
    values = perfect_values()
    values["I3a"] = ManualValue(0, "x")
    values["I3b"] = YesNoValue(False)
    del values["I2b"]
    result = score(catalogue, MOUNTAIN, values)
    assert result.criteria[2].points == 0
    assert result.criteria[1].assessed == 2
    assert result.total == 60
    assert [r.code for r in result.reasons] == ["R_TOTAL_BELOW_THRESHOLD"]


# ---------------------------------------------------------------------------------------------
# Provisional conditions and thresholds


@pytest.fixture(scope="module")
def provisional_catalogue() -> Catalogue:
    document = base_document()
    r1 = condition_of(document, "R1")
    r1["status"] = "secondary"
    r1["thresholds"]["mountain_island_difficult"]["status"] = "provisional"
    condition_of(document, "R2")["status"] = "provisional"
    indicator_of(document, "I2c")["bands"][2]["status"] = "provisional"
    return parse_catalogue(document)


def test_provisional_parts_in_result(provisional_catalogue: Catalogue) -> None:
    result = score(provisional_catalogue, OTHER, perfect_values())
    assert result.provisional == ("C2", "I2c", "R1", "R2")
    assert result.recognized is True
    statuses = {i.code: i.status for i in result.indicators}
    assert statuses["I2c"] is Status.PROVISIONAL
    assert statuses["I2b"] is Status.EXACT
    assert [c.status for c in result.criteria] == [
        Status.EXACT,
        Status.PROVISIONAL,
        Status.EXACT,
    ]


def test_reason_from_provisional_threshold_is_provisional(provisional_catalogue: Catalogue) -> None:
    values = perfect_values()
    values["I3a"] = ManualValue(0, "x")  # total 80: below every threshold
    mountain = score(provisional_catalogue, MOUNTAIN, values)
    other = score(provisional_catalogue, OTHER, values)
    assert [(r.code, r.provisional) for r in mountain.reasons] == [
        ("R_TOTAL_BELOW_THRESHOLD", True)
    ]
    # The "other" threshold is secondary (inherited from R1), not provisional.
    assert [(r.code, r.provisional) for r in other.reasons] == [("R_TOTAL_BELOW_THRESHOLD", False)]


def test_reason_from_provisional_condition_is_provisional(provisional_catalogue: Catalogue) -> None:
    values = perfect_values()
    values["I3a"] = ManualValue(0, "x")
    values["I3b"] = YesNoValue(False)
    result = score(provisional_catalogue, WARD, values)
    assert [(r.code, r.provisional) for r in result.reasons] == [
        ("R_TOTAL_BELOW_THRESHOLD", False),
        ("R_CRITERION_AT_ZERO", True),
    ]


@pytest.mark.parametrize(
    ("cid", "values_change", "code"),
    [
        ("R3", {"I3a": None}, "R_NOT_ASSESSED"),
        ("R4", {"I1a": RateValue(0, 50)}, "R_CRITERION_BELOW_MINIMUM"),
    ],
)
def test_provisional_flag_for_each_condition_kind(
    cid: str, values_change: dict[str, Value | None], code: str
) -> None:
    document = base_document()
    condition_of(document, cid)["status"] = "provisional"
    catalogue = parse_catalogue(document)
    values: dict[str, Value] = perfect_values()
    for key, value in values_change.items():
        if value is None:
            del values[key]
        else:
            values[key] = value
    result = score(catalogue, MOUNTAIN, values)
    assert (cid, code, True) in [(r.condition, r.code, r.provisional) for r in result.reasons]
    assert cid in result.provisional
