"""Moving figures between catalogue versions (domain/catalogue_migration.py), computed by hand.

The base catalogue is tests/unit/domain/catalogue_fixtures.py's TEST-2019. Its "next version":
  I1a  first band 98 % → 99 %          98 % now falls in the 15-point band: carried, 20 → 15
  I1b  unchanged                        carried, 6 → 6
  I1c  removed (C1 now 30 points)       dropped
  I2a  unchanged                        carried, 10 → 10
  I2b  yes/no → judged points           re-enter (rule kind changed)
  I2c  count label changed              re-enter (inputs changed)
  I3a  unchanged (manual, max 20)       carried, 15 → 15
  I3b  maximum 10 → 15 (yes = maximum)  carried, 10 → 15
  I3c  new yes/no, 5 points             re-enter (new indicator); C3 now 40 points
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings, strategies as st

from assessor_app.domain.catalogue import Catalogue, RuleKind, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.catalogue_migration import Outcome, Why, plan
from assessor_app.domain.values import CountValue, ManualValue, RateValue, Value, YesNoValue
from tests.unit.domain.catalogue_fixtures import (
    base_catalogue,
    base_document,
    criterion_of,
    indicator_of,
)

MOUNTAIN = UnitCategory.MOUNTAIN_ISLAND_DIFFICULT  # 85 points are enough

VALUES: dict[str, Value] = {
    "I1a": RateValue(49, 50),  # 98 %: 20
    "I1b": RateValue(19, 20),  # 95 %: 6
    "I1c": RateValue(1, 100),  # 10 ‰: 10
    "I2a": RateValue(1, 100),  # 1 %: 10
    "I2b": YesNoValue(True),  # 10
    "I2c": CountValue(2),  # 6
    "I3a": ManualValue(15, "Đã kiểm tra hồ sơ"),  # 15
    "I3b": YesNoValue(True),  # 10
}  # C1 36, C2 26, C3 25: 87


def next_document() -> dict[str, Any]:
    document = base_document()
    document["version"] = "2.0"
    indicator_of(document, "I1a")["bands"][0]["threshold"] = 99
    c1 = criterion_of(document, "C1")
    c1["indicators"] = [i for i in c1["indicators"] if i["code"] != "I1c"]
    c1["max_points"] = 30
    i2b = indicator_of(document, "I2b")
    i2b["kind"] = "manual"
    del i2b["points_no"]
    indicator_of(document, "I2c")["count_label_vi"] = "Số trẻ em bị đuối nước"
    indicator_of(document, "I3b")["max_points"] = 15
    c3 = criterion_of(document, "C3")
    c3["indicators"].append(
        {"code": "I3c", "title_vi": "Có góc đọc sách cho trẻ em", "max_points": 5, "kind": "yes_no"}
    )
    c3["max_points"] = 40
    return document


def next_catalogue() -> Catalogue:
    return parse_catalogue(next_document())


def test_each_indicator_gets_its_hand_computed_outcome() -> None:
    result = plan(base_catalogue(), next_catalogue(), MOUNTAIN, VALUES)
    table = {i.code: (i.outcome, i.why, i.old_points, i.new_points) for i in result.items}
    assert table == {
        "I1a": (Outcome.CARRIED_CHANGED, None, 20, 15),
        "I1b": (Outcome.CARRIED, None, 6, 6),
        "I2a": (Outcome.CARRIED, None, 10, 10),
        "I2b": (Outcome.REENTER, Why.RULE_KIND_CHANGED, 10, None),
        "I2c": (Outcome.REENTER, Why.INPUTS_CHANGED, 6, None),
        "I3a": (Outcome.CARRIED, None, 15, 15),
        "I3b": (Outcome.CARRIED_CHANGED, None, 10, 15),
        "I3c": (Outcome.REENTER, Why.NEW_INDICATOR, None, None),
        "I1c": (Outcome.DROPPED, Why.NOT_IN_NEW, 10, None),
    }
    # The new catalogue's order, then what it dropped.
    assert [i.code for i in result.items][-1] == "I1c"
    assert result.removed == ("I2b", "I2c", "I1c")
    assert result.to_enter == ("I2b", "I2c", "I3c")
    assert set(result.carried) == {"I1a", "I1b", "I2a", "I3a", "I3b"}
    assert result.carried["I3a"] == VALUES["I3a"]  # the raw figure, justification and all


def test_verdict_before_and_after() -> None:
    result = plan(base_catalogue(), next_catalogue(), MOUNTAIN, VALUES)
    assert (result.before.total, result.before.recognized) == (87, True)
    # C1 15 + 6 = 21, C2 10, C3 15 + 15 = 30.
    assert [c.points for c in result.after.criteria] == [21, 10, 30]
    assert (result.after.total, result.after.recognized) == (61, False)
    assert {r.condition for r in result.after.reasons} == {"R1", "R3", "R4"}
    assert not result.complete
    assert result.after.catalogue_hash == next_catalogue().content_hash


def test_an_indicator_without_a_figure_carries_nothing() -> None:
    values = {k: v for k, v in VALUES.items() if k not in ("I1a", "I2b")}
    result = plan(base_catalogue(), next_catalogue(), MOUNTAIN, values)
    items = {i.code: i for i in result.items}
    assert (items["I1a"].outcome, items["I1a"].had_value, items["I1a"].new_points) == (
        Outcome.CARRIED,
        False,
        None,
    )
    assert items["I2b"].outcome is Outcome.REENTER
    assert not items["I2b"].removed
    assert "I1a" not in result.carried


def test_a_figure_the_new_rule_refuses_must_be_re_entered() -> None:
    document = base_document()
    document["version"] = "1.1"
    indicator_of(document, "I1b")["empty_denominator"] = "error"  # 0/0 meant "nothing to do"
    result = plan(base_catalogue(), parse_catalogue(document), MOUNTAIN, {"I1b": RateValue(0, 0)})
    item = next(i for i in result.items if i.code == "I1b")
    assert (item.outcome, item.why, item.old_points) == (Outcome.REENTER, Why.VALUE_REFUSED, 10)
    assert result.removed == ("I1b",)


def test_judged_points_against_another_maximum_must_be_re_judged() -> None:
    document = base_document()
    document["version"] = "1.1"
    indicator_of(document, "I3a")["max_points"] = 25
    # C3 stays 30 points: 25 + 5.
    indicator_of(document, "I3b")["max_points"] = 5
    result = plan(base_catalogue(), parse_catalogue(document), MOUNTAIN, VALUES)
    items = {i.code: i for i in result.items}
    assert (items["I3a"].outcome, items["I3a"].why) == (Outcome.REENTER, Why.INPUTS_CHANGED)
    assert (items["I3b"].outcome, items["I3b"].old_points, items["I3b"].new_points) == (
        Outcome.CARRIED_CHANGED,
        10,
        5,
    )


def test_a_changed_scale_keeps_the_figures_and_recomputes_the_points() -> None:
    document = base_document()
    document["version"] = "1.1"
    rule = indicator_of(document, "I1c")
    rule["scale"] = 100  # 3/100 was 30 ‰ (over 20: 0 points), now 3 % (at most 10: 10 points)
    result = plan(base_catalogue(), parse_catalogue(document), MOUNTAIN, {"I1c": RateValue(3, 100)})
    item = next(i for i in result.items if i.code == "I1c")
    assert (item.outcome, item.old_points, item.new_points) == (Outcome.CARRIED_CHANGED, 0, 10)


# --- property: migrating to the same catalogue carries everything unchanged

BASE = base_catalogue()


@st.composite
def values_for(draw: st.DrawFn, catalogue: Catalogue) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for indicator in catalogue.indicators():
        if not draw(st.booleans()):
            continue
        kind = indicator.kind
        if kind is RuleKind.RATE:
            denominator = draw(st.integers(1, 500))
            values[indicator.code] = RateValue(draw(st.integers(0, denominator)), denominator)
        elif kind is RuleKind.COUNT:
            values[indicator.code] = CountValue(draw(st.integers(0, 20)))
        elif kind is RuleKind.YES_NO:
            values[indicator.code] = YesNoValue(draw(st.booleans()))
        else:
            values[indicator.code] = ManualValue(
                draw(st.integers(0, indicator.max_points)), "Lý do"
            )
    return values


@settings(max_examples=150, deadline=None, database=None)
@given(values=values_for(BASE), category=st.sampled_from(list(UnitCategory)))
def test_the_same_catalogue_carries_everything_unchanged(
    values: dict[str, Value], category: UnitCategory
) -> None:
    result = plan(BASE, BASE, category, values)
    assert result.carried == values
    assert result.removed == ()
    assert result.to_enter == ()
    assert {i.outcome for i in result.items} <= {Outcome.CARRIED}
    assert all(i.old_points == i.new_points for i in result.items)
    assert result.after == result.before
