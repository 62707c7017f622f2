"""Scoring: raw figures → points per indicator and criterion, total, and the verdict with its reasons.

Pure functions over a `Catalogue`. Rates are exact fractions, so a figure exactly on a threshold
(49/50 = 98 %) lands in the band the legal text intends, never one below it through rounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from assessor_app.core.messages import Message
from assessor_app.domain.catalogue import (
    Catalogue,
    ConditionKind,
    CountRule,
    Indicator,
    RateRule,
    Status,
    UnitCategory,
    YesNoRule,
)
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.values import (
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
    validate,
)


@dataclass(frozen=True)
class IndicatorScore:
    code: str
    criterion: str
    max_points: int
    points: int
    assessed: bool
    rate: Fraction | None = None
    band: int | None = None  # 1-based band that matched; 0 = below every band
    status: Status = Status.EXACT


@dataclass(frozen=True)
class CriterionScore:
    code: str
    max_points: int
    points: int
    assessed: int
    indicators: int
    status: Status

    @property
    def complete(self) -> bool:
        return self.assessed == self.indicators


@dataclass(frozen=True, kw_only=True)
class Reason(Message):
    """One failed recognition condition: a message (code, English msgid, params) naming the
    condition, and whether the condition is provisional in the catalogue."""

    condition: str
    provisional: bool = False

    @classmethod
    def of(
        cls,
        condition: str,
        code: str,
        template: str,
        params: dict[str, Any],
        provisional: bool = False,
    ) -> Reason:
        return cls(
            code=code,
            template=template,
            params=params,
            condition=condition,
            provisional=provisional,
        )


@dataclass(frozen=True)
class ScoreResult:
    catalogue: str
    catalogue_hash: str
    category: UnitCategory
    indicators: tuple[IndicatorScore, ...]
    criteria: tuple[CriterionScore, ...]
    total: int
    max_total: int
    recognized: bool
    reasons: tuple[Reason, ...]
    provisional: tuple[str, ...] = field(default=())


def rate_of(value: RateValue, scale: int) -> Fraction | None:
    if value.denominator == 0:
        return None
    return Fraction(value.numerator * scale, value.denominator)


def score_indicator(indicator: Indicator, value: Value | None) -> IndicatorScore:
    """Points for one indicator; an indicator without a value scores 0 and is not assessed."""

    def result(
        points: int, assessed: bool = True, rate: Fraction | None = None, band: int | None = None
    ) -> IndicatorScore:
        return IndicatorScore(
            code=indicator.code,
            criterion=indicator.criterion_code,
            max_points=indicator.max_points,
            points=points,
            assessed=assessed,
            rate=rate,
            band=band,
            status=indicator.effective_status,
        )

    if value is None:
        return result(0, assessed=False)
    validate(indicator, value)
    rule = indicator.rule
    if isinstance(value, RateValue):
        assert isinstance(rule, RateRule)
        rate = rate_of(value, rule.scale)
        if rate is None:  # nothing to measure; validate() already refused "error"
            return result(indicator.max_points if rule.empty_denominator == "max" else 0)
        points, band = _rate_band(rule, rate)
        return result(points, rate=rate, band=band)
    if isinstance(value, CountValue):
        assert isinstance(rule, CountRule)
        points, band = _count_band(rule, value.count)
        return result(points, band=band)
    if isinstance(value, YesNoValue):
        assert isinstance(rule, YesNoRule)
        return result(rule.points_yes if value.answer else rule.points_no)
    assert isinstance(value, ManualValue)
    return result(value.points)


def _rate_band(rule: RateRule, rate: Fraction) -> tuple[int, int]:
    """(points, band number from 1; 0 = none of the bands: the rule's "otherwise")."""
    for index, band in enumerate(rule.bands, start=1):
        if band.matches(rate, rule.direction):
            return band.points, index
    return rule.otherwise_points, 0


def _count_band(rule: CountRule, count: int) -> tuple[int, int]:
    for index, band in enumerate(rule.bands, start=1):
        if count <= band.max_count:
            return band.points, index
    return rule.otherwise_points, 0


def score(catalogue: Catalogue, category: UnitCategory, values: Mapping[str, Value]) -> ScoreResult:
    """Score every indicator, add up criteria and total, and check each recognition condition."""
    unknown = sorted(code for code in values if catalogue.indicator(code) is None)
    if unknown:
        raise InputError(
            "VAL_UNKNOWN_INDICATOR",
            N_("Catalogue {catalogue} has no indicator {indicator}."),
            catalogue=catalogue.code,
            indicator=", ".join(unknown),
        )
    indicator_scores: list[IndicatorScore] = []
    criterion_scores: list[CriterionScore] = []
    for criterion in catalogue.criteria:
        scores = [score_indicator(i, values.get(i.code)) for i in criterion.indicators]
        indicator_scores += scores
        criterion_scores.append(
            CriterionScore(
                code=criterion.code,
                max_points=criterion.max_points,
                points=sum(s.points for s in scores),
                assessed=sum(1 for s in scores if s.assessed),
                indicators=len(scores),
                status=criterion.effective_status,
            )
        )
    total = sum(c.points for c in criterion_scores)
    reasons = _check_conditions(catalogue, category, total, criterion_scores, indicator_scores)
    return ScoreResult(
        catalogue=catalogue.code,
        catalogue_hash=catalogue.content_hash,
        category=category,
        indicators=tuple(indicator_scores),
        criteria=tuple(criterion_scores),
        total=total,
        max_total=catalogue.max_total,
        recognized=not reasons,
        reasons=tuple(reasons),
        provisional=tuple(catalogue.provisional_parts()),
    )


def _check_conditions(
    catalogue: Catalogue,
    category: UnitCategory,
    total: int,
    criteria: list[CriterionScore],
    indicators: list[IndicatorScore],
) -> list[Reason]:
    reasons: list[Reason] = []
    for condition in catalogue.conditions:
        provisional = condition.provenance.status is Status.PROVISIONAL
        if condition.kind is ConditionKind.MIN_TOTAL_BY_CATEGORY:
            threshold = condition.thresholds[category]
            provisional = (
                provisional or condition.threshold_status.get(category) is Status.PROVISIONAL
            )
            if total < threshold:
                reasons.append(
                    Reason.of(
                        condition.id,
                        "R_TOTAL_BELOW_THRESHOLD",
                        N_(
                            "The total of {total} points is below the {threshold} points required for this category of unit ({category})."
                        ),
                        {"total": total, "threshold": threshold, "category": category.value},
                        provisional,
                    )
                )
        elif condition.kind is ConditionKind.NO_CRITERION_ZERO:
            zero = [c.code for c in criteria if c.points == 0]
            if zero:
                reasons.append(
                    Reason.of(
                        condition.id,
                        "R_CRITERION_AT_ZERO",
                        N_("No criterion may score 0 points; at 0 or not assessed: {criteria}."),
                        {"criteria": ", ".join(zero)},
                        provisional,
                    )
                )
        elif condition.kind is ConditionKind.ALL_INDICATORS_ASSESSED:
            missing = [i.code for i in indicators if not i.assessed]
            if missing:
                reasons.append(
                    Reason.of(
                        condition.id,
                        "R_NOT_ASSESSED",
                        N_("Every indicator must be assessed; not assessed: {indicators}."),
                        {"indicators": ", ".join(missing)},
                        provisional,
                    )
                )
        else:
            points = next(c.points for c in criteria if c.code == condition.criterion)
            if points < condition.min_points:
                reasons.append(
                    Reason.of(
                        condition.id,
                        "R_CRITERION_BELOW_MINIMUM",
                        N_(
                            "Criterion {criterion} has {points} points; at least {min_points} are required."
                        ),
                        {
                            "criterion": condition.criterion,
                            "points": points,
                            "min_points": condition.min_points,
                        },
                        provisional,
                    )
                )
    return reasons
