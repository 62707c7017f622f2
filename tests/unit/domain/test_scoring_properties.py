"""Property tests: scoring stays within bounds and moves the right way as figures change.

Rules are generated at random (but valid), parsed with parse_catalogue, then scored.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings, strategies as st

from assessor_app.domain.catalogue import Catalogue, CountRule, Indicator, RateRule, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.scoring import score, score_indicator
from assessor_app.domain.values import CountValue, ManualValue, RateValue, Value, YesNoValue
from tests.unit.domain.catalogue_fixtures import (
    ALL_INDICATORS,
    base_catalogue,
    single_indicator_document,
)

FAST = settings(max_examples=200, deadline=None, database=None)

BASE: Catalogue = base_catalogue()


# ---------------------------------------------------------------------------------------------
# Strategies


@st.composite
def band_points(draw: st.DrawFn, max_points: int, bands: int) -> tuple[list[int], int]:
    """Points from best to worst: the first band gives the maximum, then never more."""
    rest = draw(st.lists(st.integers(0, max_points), min_size=bands, max_size=bands))
    ordered = sorted(rest, reverse=True)
    return [max_points, *ordered[: bands - 1]], ordered[-1]


@st.composite
def rate_indicator(draw: st.DrawFn, direction: str | None = None) -> Indicator:
    direction = direction or draw(st.sampled_from(["higher_is_better", "lower_is_better"]))
    scale = draw(st.sampled_from([100, 1000]))
    max_points = draw(st.integers(0, 30))
    # thresholds in tenths, distinct, within the scale
    tenths = draw(st.lists(st.integers(0, scale * 10), min_size=1, max_size=5, unique=True))
    tenths.sort(reverse=direction == "higher_is_better")
    points, otherwise = draw(band_points(max_points, len(tenths)))
    bands = [
        {
            "threshold": f"{t // 10}.{t % 10}",
            "inclusive": draw(st.booleans()),
            "points": p,
        }
        for t, p in zip(tenths, points, strict=True)
    ]
    raw: dict[str, Any] = {
        "code": "Q1",
        "kind": "rate",
        "max_points": max_points,
        "direction": direction,
        "scale": scale,
        "bands": bands,
        "otherwise_points": otherwise,
        "empty_denominator": draw(st.sampled_from(["max", "zero", "error"])),
    }
    indicator = parse_catalogue(single_indicator_document(raw)).indicator("Q1")
    assert indicator is not None
    return indicator


@st.composite
def count_indicator(draw: st.DrawFn) -> Indicator:
    max_points = draw(st.integers(0, 30))
    steps = draw(st.lists(st.integers(1, 10), min_size=0, max_size=4))
    limits = [0]
    for step in steps:
        limits.append(limits[-1] + step)
    points, otherwise = draw(band_points(max_points, len(limits)))
    raw = {
        "code": "Q1",
        "kind": "count",
        "max_points": max_points,
        "bands": [{"max_count": m, "points": p} for m, p in zip(limits, points, strict=True)],
        "otherwise_points": otherwise,
    }
    indicator = parse_catalogue(single_indicator_document(raw)).indicator("Q1")
    assert indicator is not None
    return indicator


@st.composite
def yes_no_indicator(draw: st.DrawFn) -> Indicator:
    max_points = draw(st.integers(0, 30))
    raw = {
        "code": "Q1",
        "kind": "yes_no",
        "max_points": max_points,
        "points_no": draw(st.integers(0, max_points)),
    }
    indicator = parse_catalogue(single_indicator_document(raw)).indicator("Q1")
    assert indicator is not None
    return indicator


@st.composite
def manual_indicator(draw: st.DrawFn) -> Indicator:
    raw = {"code": "Q1", "kind": "manual", "max_points": draw(st.integers(0, 30))}
    indicator = parse_catalogue(single_indicator_document(raw)).indicator("Q1")
    assert indicator is not None
    return indicator


def rate_value(rule: RateRule) -> st.SearchStrategy[RateValue]:
    low = 1 if rule.empty_denominator == "error" else 0
    return st.integers(low, 2000).flatmap(
        lambda d: st.integers(0, d).map(lambda n: RateValue(n, d))
    )


@st.composite
def indicator_and_value(draw: st.DrawFn) -> tuple[Indicator, Value]:
    kind = draw(st.sampled_from(["rate", "count", "yes_no", "manual"]))
    value: Value
    if kind == "rate":
        indicator = draw(rate_indicator())
        assert isinstance(indicator.rule, RateRule)
        value = draw(rate_value(indicator.rule))
    elif kind == "count":
        indicator = draw(count_indicator())
        value = CountValue(draw(st.integers(0, 100)))
    elif kind == "yes_no":
        indicator = draw(yes_no_indicator())
        value = YesNoValue(draw(st.booleans()))
    else:
        indicator = draw(manual_indicator())
        value = ManualValue(draw(st.integers(0, indicator.max_points)), "Lý do")
    return indicator, value


def value_for(indicator: Indicator) -> st.SearchStrategy[Value]:
    rule = indicator.rule
    if isinstance(rule, RateRule):
        return rate_value(rule)
    if isinstance(rule, CountRule):
        return st.integers(0, 50).map(CountValue)
    if indicator.kind == "yes_no":
        return st.booleans().map(YesNoValue)
    return st.integers(0, indicator.max_points).map(lambda p: ManualValue(p, "Lý do"))


@st.composite
def base_values(draw: st.DrawFn) -> dict[str, Value]:
    """Any subset of the base catalogue's indicators, each with a valid value."""
    values: dict[str, Value] = {}
    for code in ALL_INDICATORS:
        if draw(st.booleans()):
            indicator = BASE.indicator(code)
            assert indicator is not None
            values[code] = draw(value_for(indicator))
    return values


# ---------------------------------------------------------------------------------------------
# Properties


@FAST
@given(indicator_and_value())
def test_points_within_zero_and_max(case: tuple[Indicator, Value]) -> None:
    indicator, value = case
    result = score_indicator(indicator, value)
    assert 0 <= result.points <= indicator.max_points
    assert result.assessed is True


@FAST
@given(rate_indicator())
def test_empty_denominator_within_bounds(indicator: Indicator) -> None:
    assert isinstance(indicator.rule, RateRule)
    if indicator.rule.empty_denominator == "error":
        return
    result = score_indicator(indicator, RateValue(0, 0))
    expected = indicator.max_points if indicator.rule.empty_denominator == "max" else 0
    assert result.points == expected


@st.composite
def rising_rate(draw: st.DrawFn) -> tuple[RateValue, RateValue]:
    """Two figures with the same denominator, the second numerator not lower."""
    denominator = draw(st.integers(1, 2000))
    low = draw(st.integers(0, denominator))
    high = draw(st.integers(low, denominator))
    return RateValue(low, denominator), RateValue(high, denominator)


@FAST
@given(rate_indicator("higher_is_better"), rising_rate())
def test_higher_is_better_never_drops_when_numerator_rises(
    indicator: Indicator, pair: tuple[RateValue, RateValue]
) -> None:
    low, high = pair
    assert score_indicator(indicator, high).points >= score_indicator(indicator, low).points


@FAST
@given(rate_indicator("lower_is_better"), rising_rate())
def test_lower_is_better_never_rises_when_numerator_rises(
    indicator: Indicator, pair: tuple[RateValue, RateValue]
) -> None:
    low, high = pair
    assert score_indicator(indicator, high).points <= score_indicator(indicator, low).points


@FAST
@given(rate_indicator(), st.integers(1, 2000))
def test_extreme_rates(indicator: Indicator, denominator: int) -> None:
    """A perfect figure earns the maximum whenever the best band can be reached at all."""
    rule = indicator.rule
    assert isinstance(rule, RateRule)
    best_numerator = denominator if rule.direction == "higher_is_better" else 0
    result = score_indicator(indicator, RateValue(best_numerator, denominator))
    best_rate = Fraction(rule.scale) if rule.direction == "higher_is_better" else Fraction(0)
    assert result.rate == best_rate
    # Only an exclusive top band on the very end of the scale ("> 100 %", "< 0 %") is unreachable.
    if rule.bands[0].matches(best_rate, rule.direction):
        assert result.points == indicator.max_points
        assert result.band == 1


@FAST
@given(count_indicator(), st.integers(0, 100), st.integers(0, 100))
def test_count_never_rises_when_count_rises(indicator: Indicator, count: int, more: int) -> None:
    fewer = score_indicator(indicator, CountValue(count)).points
    assert score_indicator(indicator, CountValue(count + more)).points <= fewer
    assert score_indicator(indicator, CountValue(0)).points == indicator.max_points


@FAST
@given(base_values(), st.sampled_from(list(UnitCategory)))
def test_total_is_sum_of_criteria(values: dict[str, Value], category: UnitCategory) -> None:
    result = score(BASE, category, values)
    assert result.total == sum(c.points for c in result.criteria)
    assert 0 <= result.total <= result.max_total == 100
    for criterion in result.criteria:
        own = [i for i in result.indicators if i.criterion == criterion.code]
        assert criterion.points == sum(i.points for i in own)
        assert 0 <= criterion.points <= criterion.max_points
        assert criterion.assessed == sum(1 for i in own if i.assessed)
    assert {i.code for i in result.indicators if i.assessed} == set(values)
    assert result.recognized == (not result.reasons)
    threshold = {
        UnitCategory.WARD_CENTRAL_CITY: 95,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: 85,
        UnitCategory.OTHER: 90,
    }[category]
    below = "R_TOTAL_BELOW_THRESHOLD" in [r.code for r in result.reasons]
    assert below == (result.total < threshold)
    not_assessed = "R_NOT_ASSESSED" in [r.code for r in result.reasons]
    assert not_assessed == (set(values) != set(ALL_INDICATORS))
