"""The procedure on a real store: the province sets who acts and when a report is due (audited on
the store chain, refused without a reason, bad days refused with codes), the effective procedure
shows it as set by the province; and the deadlines of a unit and year (due, done, missing)."""

from __future__ import annotations

from datetime import date

import pytest

from assessor_app.domain.errors import InputError, NotFoundError
from assessor_app.services import deadlines, decisions, procedures, report_details
from assessor_app.services.decisions import DecisionInput
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_decisions import _appraised
from tests.integration.test_reports import fill

REFORM = date(2025, 7, 1)


def _store_actions(ws: Workspace) -> list[tuple[str, str, object, object, str]]:
    with ws.database.reading() as session:
        entries = Repository(session).audit_entries(STORE_CHAIN)
    return [(e.action, e.target, e.old, e.new, e.reason) for e in entries]


def test_the_effective_procedure_on_a_day(workspace: Workspace) -> None:
    before = procedures.procedure_on(workspace, date(2025, 6, 29))
    after = procedures.procedure_on(workspace, REFORM)
    assert before.regime.code == after.regime.code == "QD06-2019"
    appraisal = {v.step.code: v.actor for v in after.steps}["appraisal"]
    assert appraisal is not None
    assert (appraisal.who.value, appraisal.who.verified) == ("Sở Y tế", False)
    assert [d.level for d in before.deadlines] == ["district", "province"]
    assert [d.level for d in after.deadlines] == ["province"]
    old = procedures.procedure_on(workspace, code="QD34-2014")
    assert old.day == date(2019, 1, 2)
    assert old.evaluates


def test_the_province_sets_who_appraises_with_a_reason_audited(workspace: Workspace) -> None:
    actor = procedures.set_actor(
        workspace, "QD06-2019", "appraisal", date(2026, 1, 5), "Sở Nội vụ", "Công văn 12 của tỉnh"
    )
    assert actor.who.value == "Sở Nội vụ"
    assert actor.who.set_by_province
    assert actor.who.verified
    assert actor.who.reason == "Công văn 12 của tỉnh"
    assert actor.span.valid_from == REFORM  # the whole period after the reform
    shown = procedures.procedure_on(workspace, date(2026, 12, 1))
    assert {v.step.code: v.actor for v in shown.steps}["appraisal"] == actor
    before = procedures.procedure_on(workspace, date(2025, 6, 30))
    kept = {v.step.code: v.actor for v in before.steps}["appraisal"]
    assert kept is not None
    assert kept.who.status == "secondary"  # the period before is untouched
    assert _store_actions(workspace)[-1] == (
        "set_procedure_actor",
        "procedure:QD06-2019:appraisal:2025-07-01",
        "Sở Y tế",
        "Sở Nội vụ",
        "Công văn 12 của tỉnh",
    )


def test_confirming_a_not_verified_default_makes_it_the_provinces(workspace: Workspace) -> None:
    actor = procedures.set_actor(
        workspace, "qd06-2019", "decision", REFORM, "Chủ tịch Ủy ban nhân dân tỉnh", "Đã xác nhận"
    )
    assert actor.who.status == "province"
    assert _store_actions(workspace)[-1][0] == "set_procedure_actor"


def test_the_province_sets_a_due_day(workspace: Workspace) -> None:
    deadline = procedures.set_deadline(
        workspace, "QD06-2019", "province_report", date(2026, 3, 1), "15/12", "Bộ Y tế yêu cầu"
    )
    assert (deadline.month, deadline.day, deadline.status) == (12, 15, "province")
    assert deadline.due_on(2026) == date(2026, 12, 15)
    entry = _store_actions(workspace)[-1]
    assert entry[:4] == (
        "set_procedure_deadline",
        "procedure:QD06-2019:province_report:2025-07-01",
        "10/12",
        "15/12",
    )
    due = deadlines.due_for(workspace, "20", 2026, date(2026, 12, 1))
    assert due.due_on == date(2026, 12, 15)
    assert due.status == "province"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (
            lambda ws: procedures.set_actor(ws, "QD06-2019", "appraisal", REFORM, "Sở Nội vụ", " "),
            "REASON_REQUIRED",
        ),
        (
            lambda ws: procedures.set_actor(ws, "QD06-2019", "appraisal", REFORM, "  ", "lý do"),
            "PROCEDURE_NAME_REQUIRED",
        ),
        (
            lambda ws: procedures.set_actor(
                ws, "QD06-2019", "appraisal", date(2018, 1, 1), "X", "lý do"
            ),
            "PROCEDURE_NO_PERIOD",
        ),
        (
            lambda ws: procedures.set_deadline(
                ws, "QD06-2019", "province_report", REFORM, "31/11", "lý do"
            ),
            "PROCEDURE_BAD_DAY",
        ),
        (
            lambda ws: procedures.set_deadline(
                ws, "QD06-2019", "province_report", REFORM, "15/12", ""
            ),
            "REASON_REQUIRED",
        ),
        (
            lambda ws: procedures.set_deadline(
                ws, "QD06-2019", "district_report", REFORM, "15/12", "lý do"
            ),
            "PROCEDURE_NO_PERIOD",
        ),
        (
            lambda ws: procedures.set_deadline(
                ws, "QD06-2019", "commune_report", REFORM, "15/12", "lý do"
            ),
            "PROCEDURE_NO_DEADLINE",
        ),
    ],
)
def test_bad_input_is_refused_with_a_code_and_changes_nothing(
    workspace: Workspace, call: object, code: str
) -> None:
    before = _store_actions(workspace)
    with pytest.raises(InputError) as caught:
        call(workspace)  # type: ignore[operator]
    assert caught.value.code == code
    assert _store_actions(workspace) == before
    with workspace.database.reading() as session:
        assert Repository(session).procedure_overrides() == []


def test_an_unknown_regime_or_step_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError) as caught:
        procedures.set_actor(workspace, "QD99", "appraisal", REFORM, "X", "lý do")
    assert caught.value.code == "PROCEDURE_NOT_FOUND"
    with pytest.raises(NotFoundError) as caught:
        procedures.set_actor(workspace, "QD06-2019", "praise", REFORM, "X", "lý do")
    assert caught.value.code == "PROCEDURE_NO_STEP"


def test_a_district_before_the_reform_owes_its_report_by_30_november(workspace: Workspace) -> None:
    due = deadlines.due_for(workspace, "186", 2016, date(2016, 11, 25))
    assert (due.level, due.regime, due.due_on, due.status) == (
        "district",
        "QD34-2014",
        date(2016, 11, 30),
        "exact",
    )
    assert due.days_left == 5
    assert not due.done
    assert not due.overdue
    assert due.communes > 0
    assert len(due.not_assessed) == due.communes  # nothing assessed in that district
    assert "trước ngày 30 tháng 11 hàng năm" in due.source
    late = deadlines.due_for(workspace, "186", 2016, date(2016, 12, 2))
    assert (late.days_left, late.overdue) == (-2, True)
    report_details.set_details(
        workspace, "186", 2016, report_details.ReportDetails(number="7/BC-UBND")
    )
    done = deadlines.due_for(workspace, "186", 2016, date(2016, 12, 2))
    assert (done.done, done.done_by, done.report_number, done.overdue) == (
        True,
        "report",
        "7/BC-UBND",
        False,
    )


def test_the_province_after_the_reform_what_is_missing(workspace: Workspace) -> None:
    workspace.clock = lambda: "2026-12-06T03:00:00Z"
    fill(workspace, "06400", 2026)
    due = deadlines.due_for(workspace, "20", 2026)
    assert (due.level, due.due_on, due.today, due.days_left) == (
        "province",
        date(2026, 12, 10),
        date(2026, 12, 6),
        4,
    )
    assert due.recipient.startswith("Bộ Y tế")
    assert due.status == "not_verified"
    assert not due.evaluation_year  # 2026: the 1st year of the plan 2026-2030 (QĐ 06, secondary)
    assert "06400" not in {c.code for c in due.not_assessed}
    assert len(due.not_assessed) == due.communes - 1
    assert "06400" in {c.code for c in due.not_decided}
    with pytest.raises(InputError):
        deadlines.due_for(workspace, "186", 2026)  # no districts in 2026


def test_a_decision_counts_as_done_and_decides_its_communes(workspace: Workspace) -> None:
    workspace.clock = lambda: "2026-12-06T03:00:00Z"
    _appraised(workspace)
    decisions.record_decision(
        workspace,
        DecisionInput(2026, "20", "125/QĐ-UBND", date(2026, 12, 5), "Đoàn Thu Hà"),
    )
    due = deadlines.due_for(workspace, "20", 2026)
    assert (due.done, due.done_by, due.decision_number) == (True, "decision", "125/QĐ-UBND")
    assert "06400" not in {c.code for c in due.not_decided}
