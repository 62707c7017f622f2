"""The procedure as data: the shipped regimes, which regime, actor and deadline applies on a day or
to an evaluation year, the QĐ 06 cycle, and the checks on a procedure file (coded errors)."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from assessor_app.domain.errors import InputError, NotFoundError
from assessor_app.domain.procedure import (
    NOT_VERIFIED,
    STEPS,
    find_regime,
    parse_due_day,
    regime_for_year,
    regime_on,
)
from assessor_app.domain.procedure_format import parse_regime
from assessor_app.paths import resource
from assessor_app.services.procedure_files import shipped_regimes

REGIMES = shipped_regimes()


def _document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(resource("procedure", name).read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2014, 7, 15), "QD34-2014"),
        (date(2019, 1, 2), "QD34-2014"),
        (date(2019, 1, 3), "QD06-2019"),
        (date(2025, 6, 29), "QD06-2019"),
        (date(2026, 12, 7), "QD06-2019"),
    ],
)
def test_the_regime_in_force_on_a_day(day: date, code: str) -> None:
    assert regime_on(REGIMES, day).code == code


def test_no_regime_before_the_first() -> None:
    with pytest.raises(NotFoundError) as caught:
        regime_on(REGIMES, date(2014, 7, 14))
    assert caught.value.code == "PROCEDURE_NONE_IN_FORCE"


@pytest.mark.parametrize(
    ("year", "code"),
    [(2015, "QD34-2014"), (2018, "QD34-2014"), (2019, "QD06-2019"), (2025, "QD06-2019")],
)
def test_the_regime_of_an_evaluation_year_is_the_one_of_its_last_day(year: int, code: str) -> None:
    assert regime_for_year(REGIMES, year).code == code


@pytest.mark.parametrize(
    ("day", "step", "actor", "status"),
    [
        (
            date(2016, 11, 20),
            "appraisal",
            "Phòng Lao động - Thương binh và Xã hội cấp huyện",
            "secondary",
        ),
        (date(2016, 11, 20), "decision", "Chủ tịch Ủy ban nhân dân cấp huyện", "secondary"),
        (date(2025, 6, 29), "decision", "Chủ tịch Ủy ban nhân dân cấp huyện", "secondary"),
        (
            date(2025, 6, 30),
            "appraisal",
            "Phòng Lao động - Thương binh và Xã hội cấp huyện",
            "secondary",
        ),
        (date(2025, 7, 1), "appraisal", "Sở Y tế", NOT_VERIFIED),
        (date(2025, 7, 1), "decision", "Chủ tịch Ủy ban nhân dân tỉnh", NOT_VERIFIED),
        (
            date(2025, 7, 1),
            "self_assessment",
            "Hội đồng đánh giá do Ủy ban nhân dân cấp xã thành lập",
            NOT_VERIFIED,
        ),
    ],
)
def test_who_acts_at_a_step_by_period(day: date, step: str, actor: str, status: str) -> None:
    found = regime_on(REGIMES, day).step(step).actor_on(day)
    assert found is not None
    assert (found.who.value, found.who.status) == (actor, status)
    assert found.who.source
    if status == NOT_VERIFIED:
        assert found.who.reason
        assert not found.who.verified


def test_every_regime_has_the_four_steps_with_documents() -> None:
    for regime in REGIMES:
        assert tuple(s.code for s in regime.steps) == STEPS
        assert all(step.documents for step in regime.steps)
    dossier = find_regime(REGIMES, "qd34-2014").step("dossier")
    assert "Biên bản họp hội đồng đánh giá" in " ".join(d.value for d in dossier.documents)


@pytest.mark.parametrize(
    ("level", "year", "due", "status"),
    [
        ("district", 2016, date(2016, 11, 30), "exact"),
        ("province", 2016, date(2016, 12, 10), "exact"),
        ("district", 2024, date(2024, 11, 30), NOT_VERIFIED),
        ("province", 2024, date(2024, 12, 10), NOT_VERIFIED),
        ("province", 2025, date(2025, 12, 10), NOT_VERIFIED),
        ("district", 2025, None, ""),
    ],
)
def test_the_reports_due_for_a_level_and_a_year(
    level: str, year: int, due: date | None, status: str
) -> None:
    deadline = regime_for_year(REGIMES, year).deadline_for(level, year)
    if due is None:
        assert deadline is None  # no districts after the reform
        return
    assert deadline is not None
    assert (deadline.due_on(year), deadline.status) == (due, status)


def test_the_seed_plan_is_cited_in_its_own_words() -> None:
    deadline = find_regime(REGIMES, "QD34-2014").deadline_for("district", 2015)
    assert deadline is not None
    assert "trước ngày 30 tháng 11 hàng năm" in deadline.source
    assert deadline.fact.value == "11-30"
    after = find_regime(REGIMES, "QD06-2019").deadline_for("province", 2025)
    assert after is not None
    assert after.recipient.startswith("Bộ Y tế")


@pytest.mark.parametrize(
    ("year", "evaluates"),
    [
        (2017, True),
        (2018, False),
        (2019, True),
        (2021, False),
        (2022, True),
        (2023, False),
        (2024, True),
        (2025, False),
        (2026, False),
        (2027, True),
        (2029, True),
    ],
)
def test_the_qd06_cycle_is_the_2nd_and_4th_year_of_a_five_year_plan(
    year: int, evaluates: bool
) -> None:
    cycle = find_regime(REGIMES, "QD06-2019").cycle
    assert cycle.evaluates(year) is evaluates
    assert cycle.status == "secondary"
    assert cycle.month == 11


def test_qd34_evaluates_every_year() -> None:
    cycle = find_regime(REGIMES, "QD34-2014").cycle
    assert all(cycle.evaluates(year) for year in range(2014, 2019))


def test_a_deadline_in_january_falls_after_the_year() -> None:
    regime = find_regime(REGIMES, "QD34-2014")
    deadline = regime.deadlines[0]
    from dataclasses import replace

    assert replace(deadline, month=1, day=15).due_on(2016) == date(2017, 1, 15)


@pytest.mark.parametrize(("text", "parsed"), [("30/11", (11, 30)), (" 1/12 ", (12, 1))])
def test_due_days_are_written_dd_mm(text: str, parsed: tuple[int, int]) -> None:
    assert parse_due_day(text) == parsed


@pytest.mark.parametrize("text", ["31/11", "29/02", "11-30", "", "30", "x/y"])
def test_bad_due_days_are_refused_with_a_code(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_due_day(text)
    assert caught.value.code == "PROCEDURE_BAD_DAY"


def _broken(change: Any) -> InputError:
    document = copy.deepcopy(_document("qd06-2019.json"))
    change(document)
    with pytest.raises(InputError) as caught:
        parse_regime(document)
    return caught.value


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format="other"),
        lambda d: d["steps"][2]["actors"][1].update(status="official"),
        lambda d: d["steps"][2]["actors"][1].update(reason=""),  # not verified needs a reason
        lambda d: d["steps"][3]["actors"][1].update(valid_from="2025-07-02"),  # a gap
        lambda d: d["steps"].pop(),
        lambda d: d["deadlines"][0].update(due="02-30"),
        lambda d: d["deadlines"][2].update(valid_from="2025-06-01"),  # overlaps
        lambda d: d["cycle"].update(plan_years=[6]),
        lambda d: d["steps"][0]["documents"][0].update(source=""),
    ],
)
def test_a_bad_procedure_file_is_refused_with_a_code(change: Any) -> None:
    assert _broken(change).code == "PROCEDURE_FORMAT"
