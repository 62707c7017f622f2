"""The yearly report on the plan (`assessor-app report yearly`, Báo cáo → Báo cáo năm…): the
year's summary figures of a district or the province (services/report_data.summary_data, so the
report, `plan status` and the summary cannot disagree), the communes planned for the year and
whether each made it, and the budget by source with what was spent (services/plan_entries.py).

The reporting deadlines come from the effective procedure (services/deadlines.py): the reports owed
to the unit (for the province in a year that still had districts, each district's; the report itself
is the unit's own); a caller may pass its own (`deadlines=`); with none the section is left out.

The province's report on a year before the 2025 reform also carries the year rolled up into the
units of 1 July 2025 through the merge table (services/unit_rollup.py; reports/yearly_rollup.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from assessor_app import logs
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import NotFoundError, OperationCancelled
from assessor_app.reports.summary_model import ScopeLevel, SummaryData
from assessor_app.reports.yearly_model import (
    BudgetLine,
    Deadline,
    PlannedOutcome,
    RolledUp,
    RolledUpUnit,
    UnplacedCommune,
    YearlyData,
)
from assessor_app.services import deadlines, plan_entries, reports, unit_rollup
from assessor_app.services.dossier_details import ended_with_districts
from assessor_app.services.report_data import scopes_in, summary_data
from assessor_app.services.unit_merges import shipped_merge_table
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.documents import lower_first

YEARLY_FORMATS = reports.SUMMARY_FORMATS


def yearly_data(
    workspace: Workspace,
    unit: str,
    year: int,
    created: datetime | None = None,
    deadlines: Sequence[Deadline] | None = None,
) -> YearlyData:
    summary = summary_data(workspace, unit, year, created)
    # Its own document: the frame (issuer, date, signer) is the summary's, its number never is
    # ("210/BC-SYT" → "/BC-SYT": the symbol, the number written in when registered).
    number = summary.letter.number
    own = f"/{number.split('/', 1)[1]}" if "/" in number else ""
    summary = replace(summary, letter=replace(summary.letter, number=own))
    code = summary.scope.code
    planned = plan_entries.planned_year(workspace, code, year)
    lines = plan_entries.budget_lines(workspace, code)
    spent_before: dict[str, int] = {}
    for line in lines:
        if line.year is not None and line.year < year and line.spent is not None:
            spent_before[line.fund] = spent_before.get(line.fund, 0) + line.spent
    due, report_name = (tuple(deadlines), "") if deadlines is not None else _due(workspace, summary)
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
        deadlines=due,
        rollup=_rolled_up(workspace, summary),
        deadline_report=report_name or YearlyData.deadline_report,
    )


_OUTCOMES = {
    unit_rollup.PartResult.RECOGNISED: PlannedOutcome.RECOGNISED,
    unit_rollup.PartResult.NOT_RECOGNISED: PlannedOutcome.NOT_RECOGNISED,
    unit_rollup.PartResult.NOT_COUNTED: PlannedOutcome.NO_RESULT,
}


def _rolled_up(workspace: Workspace, summary: SummaryData) -> RolledUp | None:
    """The province's year before the reform in the units of July 2025 (services/unit_rollup.py);
    None for a district, another province, or a year that already had today's units."""
    if summary.scope.level is not ScopeLevel.PROVINCE:
        return None
    if summary.scope.code != shipped_merge_table().province_code:
        return None
    with workspace.database.reading() as session:
        if not ended_with_districts(Repository(session), summary.year):
            return None
    rollup = unit_rollup.year_rollup(workspace, summary.year)
    return RolledUp(
        units=tuple(
            RolledUpUnit(u.code, u.name, len(u.parts), u.counted, u.recognised, u.verified)
            for u in rollup.units
        ),
        unplaced=tuple(
            UnplacedCommune(p.code, p.name, _OUTCOMES[p.result], p.why) for p in rollup.unresolved
        ),
        split=any(p.partial for u in rollup.units for p in u.parts),
    )


def _due(workspace: Workspace, summary: SummaryData) -> tuple[tuple[Deadline, ...] | None, str]:
    """The reports due for the year by the procedure, as the yearly report lists them, judged on
    the report's own date (a report of 2021 says what was due as it stood then, not today)."""
    today = min(workspace.today(), summary.letter.date)
    with workspace.database.reading() as session:
        repo = Repository(session)
        # The reports owed TO this unit (the districts' to the province, before the reform): its
        # own report is the document itself.
        owing: list[str] = []
        if summary.scope.level is ScopeLevel.PROVINCE:
            owing = [
                s.code for s in scopes_in(repo, summary.year) if s.level is ScopeLevel.DISTRICT
            ]
        found = []
        named = ""
        for code in owing:
            try:
                due = deadlines.due_in(repo, code, summary.year, today)
                named = named or due.report
                found.append(_deadline(due))
            except NotFoundError:
                continue  # the procedure sets no report for this level and year
    return (tuple(found) if found else None), named


def _deadline(due: deadlines.Due) -> Deadline:
    # "Ủy ban nhân dân cấp huyện" of the procedure, named: "Ủy ban nhân dân huyện Hữu Lũng"
    reporter = due.reporter.replace("cấp huyện", lower_first(due.unit_name))
    what = f"{reporter} gửi {due.recipient}"  # the report itself is named once, above the table
    notes = []
    if due.done_by == "decision":
        notes.append(f"Đã có Quyết định số {due.decision_number}")
    elif due.done_by == "report" and due.report_number:
        notes.append(f"Báo cáo số {due.report_number}")
    if not due.done and due.days_left < 0:
        notes.append("Quá hạn")
    if not due.done and due.not_assessed:
        count = numbers.number(len(due.not_assessed), PAPER)
        notes.append(f"Còn {count} đơn vị chưa được đánh giá")
    return Deadline(
        what,
        due.due_on,
        due.report_day if due.done_by == "report" else None,
        "; ".join(notes),
        settled=due.done,
        verified=due.status in ("exact", "province"),
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
