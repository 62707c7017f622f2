"""The yearly report on the plan (`assessor-app report yearly`, Báo cáo → Báo cáo năm…): the
year's summary figures of a district or the province (services/report_data.summary_data, so the
report, `plan status` and the summary cannot disagree), the communes planned for the year and
whether each made it, and the budget by source with what was spent (services/plan_entries.py).

The reporting deadlines are an optional part of the data (`YearlyData.deadlines`): a caller that
knows them passes them in and the report prints them; without them the section is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from assessor_app import logs
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import OperationCancelled
from assessor_app.reports.yearly_model import BudgetLine, Deadline, YearlyData
from assessor_app.services import plan_entries, reports
from assessor_app.services.report_data import summary_data
from assessor_app.services.workspace import Workspace

YEARLY_FORMATS = reports.SUMMARY_FORMATS


def yearly_data(
    workspace: Workspace,
    unit: str,
    year: int,
    created: datetime | None = None,
    deadlines: Sequence[Deadline] | None = None,
) -> YearlyData:
    summary = summary_data(workspace, unit, year, created)
    code = summary.scope.code
    planned = plan_entries.planned_year(workspace, code, year)
    lines = plan_entries.budget_lines(workspace, code)
    spent_before: dict[str, int] = {}
    for line in lines:
        if line.year is not None and line.year < year and line.spent is not None:
            spent_before[line.fund] = spent_before.get(line.fund, 0) + line.spent
    return YearlyData(
        summary=summary,
        planned=planned.communes,
        budget=tuple(
            BudgetLine(line.year, line.fund, line.planned, line.spent, line.note, line.from_plan)
            for line in lines
            if line.year in (None, year)
        ),
        spent_before=tuple(
            sorted(spent_before.items(), key=lambda i: plan_entries.FUNDS.index(i[0]))
        ),
        deadlines=tuple(deadlines) if deadlines is not None else None,
    )


def render_yearly(data: YearlyData) -> bytes:
    from assessor_app.reports.yearly import render_yearly as render  # reportlab: when drawn

    return render(data)


def yearly_xlsx(data: YearlyData) -> bytes:
    from assessor_app.reports.yearly_xlsx import yearly_xlsx as workbook  # openpyxl: when asked

    return workbook(data)


def check_yearly_target(out: Path) -> None:
    """The checks `write_yearly` makes on its file before reading anything."""
    reports.check_summary_target(out)


def write_yearly(
    workspace: Workspace,
    unit: str,
    year: int,
    out: Path,
    created: datetime | None = None,
    deadlines: Sequence[Deadline] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> YearlyData:
    """Write the yearly report to `out`: a PDF for ".pdf", a workbook for ".xlsx"."""
    out = Path(out)
    check_yearly_target(out)
    if cancelled is not None and cancelled():
        raise OperationCancelled()
    data = yearly_data(workspace, unit, year, created, deadlines)
    if progress is not None:
        progress(1, reports.STEPS)
    content = render_yearly(data) if out.suffix.lower() == reports.PDF else yearly_xlsx(data)
    if progress is not None:
        progress(2, reports.STEPS)
    if cancelled is not None and cancelled():
        raise OperationCancelled()
    reports.write_file(out, content)
    logs.event(
        "report", "saved", document="yearly", unit=unit, year=year, format=out.suffix.lower()
    )
    if progress is not None:
        progress(3, reports.STEPS)
    return data


def yearly_bytes(
    workspace: Workspace,
    unit: str,
    year: int,
    fmt: str = reports.PDF,
    created: datetime | None = None,
    deadlines: Sequence[Deadline] | None = None,
) -> bytes:
    """The yearly report as PDF (".pdf") or workbook (".xlsx") bytes (previews, the gallery)."""
    data = yearly_data(workspace, unit, year, created, deadlines)
    return render_yearly(data) if fmt == reports.PDF else yearly_xlsx(data)
