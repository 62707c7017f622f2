"""Moving an assessment's figures from one catalogue version to another: what carries over.

Pure: `plan(old, new, category, values)` says, indicator by indicator, what happens to a figure
when the assessment is repinned to `new`, and scores the assessment before and after.

When a figure carries over. The raw figures (a numerator and a denominator, a count, a yes or a
no, judged points) are what the team collected; points are always recomputed from them with the
new rule. A figure carries when the indicator keeps its code, its rule kind and the meaning of its
inputs: the numerator and denominator labels of a rate, the count label of a count, and for
points judged by the team the maximum they were judged against (judging 7 of 10 is not judging
7 of 15). A changed band, direction, scale or maximum of a computed rule changes only the points.
A figure the new rule refuses (a zero denominator where the new rule requires one) cannot carry.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from assessor_app.domain.catalogue import (
    Catalogue,
    CountRule,
    Indicator,
    ManualRule,
    RateRule,
    UnitCategory,
)
from assessor_app.domain.errors import InputError
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.values import Value, validate


class Outcome(enum.StrEnum):
    CARRIED = "carried"  # the figure carries; its points are unchanged (or it had no figure)
    CARRIED_CHANGED = "carried_changed"  # the figure carries; the new rule gives other points
    REENTER = "reenter"  # a new indicator, or one whose rule changed: its figure must be entered
    DROPPED = "dropped"  # only in the old catalogue: the figure stays in the history only


class Why(enum.StrEnum):
    """Why an indicator must be re-entered or is dropped."""

    NEW_INDICATOR = "new_indicator"
    RULE_KIND_CHANGED = "rule_kind_changed"
    INPUTS_CHANGED = "inputs_changed"
    VALUE_REFUSED = "value_refused"
    NOT_IN_NEW = "not_in_new"


@dataclass(frozen=True)
class IndicatorMigration:
    code: str
    criterion: str  # in the new catalogue (the old one for a dropped indicator)
    outcome: Outcome
    why: Why | None  # None for a carried indicator
    had_value: bool  # the assessment holds a figure for it under the old catalogue
    old_points: int | None  # None: no figure, or not in the old catalogue
    new_points: int | None  # None: no figure carried, or not in the new catalogue
    old_max: int | None
    new_max: int | None

    @property
    def removed(self) -> bool:
        """A figure the migration takes out of the assessment's current state."""
        return self.had_value and self.outcome in (Outcome.REENTER, Outcome.DROPPED)

    @property
    def not_entered(self) -> bool:
        """Kept in the new version but never entered: nothing carries, nothing is lost. Counted
        apart so that "carried over" counts only figures the team actually entered."""
        return not self.had_value and self.outcome is Outcome.CARRIED


@dataclass(frozen=True)
class MigrationCounts:
    carried: int  # figures carried over (with the same or other points)
    not_entered: int  # indicators kept that held no figure
    reenter: int
    dropped: int


@dataclass(frozen=True)
class MigrationPlan:
    old: Catalogue
    new: Catalogue
    items: tuple[IndicatorMigration, ...]  # the new catalogue's order, then the dropped ones
    carried: dict[str, Value]  # the figures the migrated assessment keeps
    before: ScoreResult
    after: ScoreResult  # re-enter indicators unassessed

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items if item.removed)

    @property
    def to_enter(self) -> tuple[str, ...]:
        """Indicators to (re-)enter before the verdict after migration means anything."""
        return tuple(item.code for item in self.items if item.outcome is Outcome.REENTER)

    @property
    def complete(self) -> bool:
        """False while indicators must be (re-)entered: the verdict after is incomplete."""
        return not self.to_enter

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    def counts(self) -> MigrationCounts:
        carried = (Outcome.CARRIED, Outcome.CARRIED_CHANGED)
        return MigrationCounts(
            carried=sum(1 for i in self.items if i.outcome in carried and not i.not_entered),
            not_entered=sum(1 for i in self.items if i.not_entered),
            reenter=self.count(Outcome.REENTER),
            dropped=self.count(Outcome.DROPPED),
        )


def inputs_of(indicator: Indicator) -> tuple[object, ...]:
    """What the raw figures of `indicator` mean; equal inputs let a figure carry over."""
    rule = indicator.rule
    if isinstance(rule, RateRule):
        return (rule.kind, rule.numerator_label_vi, rule.denominator_label_vi)
    if isinstance(rule, CountRule):
        return (rule.kind, rule.count_label_vi)
    if isinstance(rule, ManualRule):
        return (rule.kind, indicator.max_points)
    return (rule.kind,)


def _compare(old: Indicator, new: Indicator, value: Value | None) -> Why | None:
    """Why `value` (of `old`) cannot be used for `new`; None when it can."""
    if old.kind is not new.kind:
        return Why.RULE_KIND_CHANGED
    if inputs_of(old) != inputs_of(new):
        return Why.INPUTS_CHANGED
    if value is not None:
        try:
            validate(new, value)
        except InputError:
            return Why.VALUE_REFUSED
    return None


def plan(
    old: Catalogue, new: Catalogue, category: UnitCategory, values: Mapping[str, Value]
) -> MigrationPlan:
    """What repinning an assessment holding `values` (scored with `old`) to `new` does."""
    before = score(old, category, values)
    carried: dict[str, Value] = {}
    verdicts: dict[str, Why | None] = {}
    for indicator in new.indicators():
        previous = old.indicator(indicator.code)
        value = values.get(indicator.code)
        why = Why.NEW_INDICATOR if previous is None else _compare(previous, indicator, value)
        verdicts[indicator.code] = why
        if why is None and value is not None:
            carried[indicator.code] = value
    after = score(new, category, carried)
    old_points = {s.code: s.points for s in before.indicators if s.assessed}
    new_points = {s.code: s.points for s in after.indicators if s.assessed}
    items = [
        _item(old.indicator(i.code), i, verdicts[i.code], values, old_points, new_points)
        for i in new.indicators()
    ]
    items += [
        IndicatorMigration(
            code=i.code,
            criterion=i.criterion_code,
            outcome=Outcome.DROPPED,
            why=Why.NOT_IN_NEW,
            had_value=i.code in values,
            old_points=old_points.get(i.code),
            new_points=None,
            old_max=i.max_points,
            new_max=None,
        )
        for i in old.indicators()
        if new.indicator(i.code) is None
    ]
    return MigrationPlan(old, new, tuple(items), carried, before, after)


def _item(
    previous: Indicator | None,
    indicator: Indicator,
    why: Why | None,
    values: Mapping[str, Value],
    old_points: dict[str, int],
    new_points: dict[str, int],
) -> IndicatorMigration:
    code = indicator.code
    before, after = old_points.get(code), new_points.get(code)
    if why is not None:
        outcome = Outcome.REENTER
    elif before is not None and after is not None and before != after:
        outcome = Outcome.CARRIED_CHANGED
    else:
        outcome = Outcome.CARRIED
    return IndicatorMigration(
        code=code,
        criterion=indicator.criterion_code,
        outcome=outcome,
        why=why,
        had_value=code in values,
        old_points=before,
        new_points=after,
        old_max=previous.max_points if previous else None,
        new_max=indicator.max_points,
    )
