"""A document is dated by its data, never by the day it happens to be printed (issue 12): a summary
by the date the office entered, else the day it is due under the plan (districts 30 November, the
province 10 December; today while that day is ahead: never in the future); an appraisal report by its date, else the day the last appraisal was
finalised. So a report of 2016 printed in 2026 is dated in 2016, and a reprint gives the same
bytes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from assessor_app.services import decision_documents, report_details, reports
from assessor_app.services.workspace import Workspace
from tests.integration.test_reports import COMPLETE, fill
from tests.unit.reports.fixtures import flat, pdftotext


def _text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return flat(pdftotext(path))


def test_a_summary_is_dated_the_day_it_is_due_unless_the_office_dates_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    fill(workspace, "05971", year=2016, values={"TC2.1": "49/50"})
    fill(workspace, "06400")
    district = reports.summary_bytes(workspace, "178", 2016)
    assert "ngày 30 tháng 11 năm 2016" in _text(district, tmp_path)
    assert reports.summary_bytes(workspace, "178", 2016) == district  # a reprint: same bytes
    province = reports.summary_bytes(workspace, "20", 2026)
    due = date(2026, 12, 10)
    shown = min(due, workspace.today())  # never dated in the future while its due day is ahead
    assert f"ngày {shown.day:02d} tháng {shown.month} năm {shown.year}" in _text(province, tmp_path)

    entered = replace(report_details.get_details(workspace, "20", 2026), day=date(2026, 12, 4))
    report_details.set_details(workspace, "20", 2026, entered)
    assert "ngày 04 tháng 12 năm 2026" in _text(
        reports.summary_bytes(workspace, "20", 2026), tmp_path
    )


def test_an_appraisal_report_is_dated_by_its_appraisals(
    workspace: Workspace, tmp_path: Path
) -> None:
    fill(workspace, "06001", kind="self")
    review = fill(workspace, "06001", kind="review", values={**COMPLETE, "TC2.1": "40/50"})
    first = decision_documents.appraisal_bytes(workspace, 2026, communes=["06001"])
    assert decision_documents.appraisal_bytes(workspace, 2026, communes=["06001"]) == first
    assert review
    dated = decision_documents.appraisal_bytes(
        workspace, 2026, communes=["06001"], day=date(2026, 11, 25)
    )
    assert "ngày 25 tháng 11 năm 2026" in _text(dated, tmp_path)
