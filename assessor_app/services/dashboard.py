"""The office's dashboard (issue 14, "The plan"): for the installation's scope (the province; a
district for years before the 2025 reform) and a range of evaluation years,

- `shares`: the communes recognised each year, as a share of all the scope's communes, against the
  target in force for that year: the year's summary figures (services/report_data.summary_data),
  so the dashboard, `plan status` and the printed summary cannot disagree;
- `shortfalls`: the criteria the communes of the last year most often do not meet (the summary's
  shortfalls, with the criterion's English title for the screen);
- `flags`: assessments of the scope's communes with indicators still marked for follow-up ("Cần
  xem lại"), and which;
- `waiting`: assessments waiting on this office, with how long they have waited (`waiting_items`);
- `deadlines`: what the procedure says is due for the last year, and what is missing
  (`deadline_lines`, from services/deadlines.py).

Plain records only; the screen (ui/dashboard/) formats every number and date through `texts`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import check_year
from assessor_app.domain.text import nfc
from assessor_app.reports.summary_model import (
    Scope,
    ScopeLevel,
    SummaryData,
    TargetSource,
    target_for,
)
from assessor_app.services import appraisal_reading, deadlines
from assessor_app.services.clock import vietnam_date
from assessor_app.services.demo import store_is_demo
from assessor_app.services.report_data import (
    communes_by_year,
    resolve_scope,
    scopes_in,
    summary_data,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository

# The most years the dashboard draws at once: a plan's ten years.
MAX_YEARS = 10


@dataclass(frozen=True)
class YearShare:
    """One year of the scope against the plan. `share`: recognised in per cent of all `units`
    (None without any); `target`: the percent due by `target_year` (None when no target is in
    force for the year); `met`: whether the share reaches it (None without a target). `standard`:
    the standard the year was assessed against ("QĐ 06/QĐ-TTg"): shares do not compare across a
    change of standard or of the number of units."""

    year: int
    units: int
    assessed: int
    recognised: int
    share: Fraction | None
    target: float | None
    target_year: int | None
    secondary_target: bool  # the national programme's figure, known from secondary sources only
    met: bool | None
    standard: str


@dataclass(frozen=True)
class CriterionShortfall:
    """A criterion communes of the year fall short on: `not_met` communes fail a recognition
    condition on it, `below_max` lost points on it."""

    code: str
    title_vi: str
    title_en: str
    not_met: int
    below_max: int


@dataclass(frozen=True)
class FlaggedIndicator:
    code: str
    title_vi: str
    title_en: str


@dataclass(frozen=True)
class FlaggedAssessment:
    """An assessment with indicators still marked for follow-up."""

    assessment_id: int
    commune_code: str
    commune_name: str
    year: int
    kind: AssessmentKind
    status: AssessmentStatus
    indicators: tuple[FlaggedIndicator, ...]


@dataclass(frozen=True)
class WaitingItem:
    """An assessment waiting on this office since `since` (the day it was received, in Vietnam),
    for `days` days."""

    assessment_id: int
    commune_code: str
    commune_name: str
    year: int
    kind: AssessmentKind
    since: date
    days: int


@dataclass(frozen=True)
class DeadlineLine:
    """Something due under the plan: `what` (in Vietnamese, as the procedure names it), by whom
    (`unit_name`), on `due`; `done` once done; `days_left` (negative: overdue); `missing`: what is
    still missing for it (communes' names, documents)."""

    what: str
    unit_name: str
    due: date
    done: bool
    days_left: int
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dashboard:
    unit: str
    unit_name: str
    first_year: int
    last_year: int
    shares: tuple[YearShare, ...]  # every year of the range, oldest first
    shortfall_year: int  # the year the shortfalls are of: the last of the range
    shortfalls: tuple[CriterionShortfall, ...]  # most often not met first
    flags: tuple[FlaggedAssessment, ...]  # newest year first
    waiting: tuple[WaitingItem, ...]  # longest waiting first
    deadlines: tuple[DeadlineLine, ...]
    demo: bool


def _check_range(first_year: int, last_year: int) -> None:
    check_year(first_year)
    check_year(last_year)
    if not 0 <= last_year - first_year < MAX_YEARS:
        raise InputError(
            "DASHBOARD_BAD_YEARS",
            N_(
                "Choose from 1 to {most} evaluation years, the first not after the last ({first} to {last})."
            ),
            most=MAX_YEARS,
            first=first_year,
            last=last_year,
        )


def dashboard(
    workspace: Workspace,
    unit: str,
    first_year: int,
    last_year: int,
    today: date | None = None,
) -> Dashboard:
    """The dashboard of `unit` (the province's code, or a district's for years up to 2024) for the
    evaluation years `first_year` to `last_year` (at most `MAX_YEARS`). `today` (default: the
    workspace's day in Vietnam) measures the waiting and the deadlines."""
    _check_range(first_year, last_year)
    day = today or workspace.today()
    data = summary_data(workspace, unit, last_year)
    with workspace.database.reading() as session:
        repo = Repository(session)
        scope = resolve_scope(repo, unit, last_year)
        communes = communes_by_year(repo, scope, range(first_year, last_year + 1))
        real = not store_is_demo(repo)
        records = [
            r
            for r in repo.assessment_records()
            if r.commune_code in communes.get(r.year, ()) and not (r.demo and real)
        ]
        flags = _flagged(workspace, repo, records)
        waiting = waiting_items(workspace, repo, records, day)
        shortfalls = _shortfalls(workspace, repo, data)
    return Dashboard(
        unit=data.scope.code,
        unit_name=data.scope.name,
        first_year=first_year,
        last_year=last_year,
        shares=_shares(data, communes),
        shortfall_year=last_year,
        shortfalls=shortfalls,
        flags=flags,
        waiting=waiting,
        deadlines=deadline_lines(workspace, data.scope, last_year, day),
        demo=data.demo,
    )


# --- the plan: shares against targets


def _shares(data: SummaryData, communes: Mapping[int, frozenset[str]]) -> tuple[YearShare, ...]:
    """Each year of the range from the summary's trend; a year without any assessment of the
    scope has no point in the trend: none of its communes assessed (a year the scope did not
    exist has no communes, and no share)."""
    points = {point.year: point for point in data.trend}
    shares = []
    for year in sorted(communes):
        point = points.get(year)
        units, assessed, recognised = (
            (point.units, point.assessed, point.recognized)
            if point
            else (len(communes[year]), 0, 0)
        )
        share = Fraction(recognised * 100, units) if units else None
        target = target_for(year, data.targets)
        shares.append(
            YearShare(
                year=year,
                units=units,
                assessed=assessed,
                recognised=recognised,
                share=share,
                target=target.percent if target is not None else None,
                target_year=target.year if target is not None else None,
                secondary_target=target is not None and target.source is TargetSource.NATIONAL,
                met=None
                if target is None or share is None
                else share >= Fraction(str(target.percent)),
                standard=point.standard if point else "",
            )
        )
    return tuple(shares)


# --- the criteria communes fall short on


def _catalogue_with(workspace: Workspace, repo: Repository, content_hash: str) -> Catalogue | None:
    for row in repo.catalogue_records():
        if row.content_hash == content_hash:
            return workspace.catalogue_of(row)
    return None


def _shortfalls(
    workspace: Workspace, repo: Repository, data: SummaryData
) -> tuple[CriterionShortfall, ...]:
    """The summary's shortfalls of the year; the English title from the summary's catalogue."""
    catalogue = _catalogue_with(workspace, repo, data.catalogue.content_hash)
    found = []
    for item in data.shortfalls:
        criterion = catalogue.criterion(item.code) if catalogue is not None else None
        title_en = nfc(criterion.title_en) if criterion is not None else ""
        found.append(
            CriterionShortfall(item.code, nfc(item.title), title_en, item.count, item.below_max)
        )
    return tuple(found)


# --- follow-up flags


def _flagged(
    workspace: Workspace, repo: Repository, records: Sequence[AssessmentRecord]
) -> tuple[FlaggedAssessment, ...]:
    open_flags = repo.open_flags()
    found = []
    for row in records:
        codes = open_flags.get(row.id)
        if not codes:
            continue
        catalogue = workspace.catalogue_of(row.catalogue)
        indicators = []
        for code in codes:
            indicator = catalogue.indicator(code)
            title_vi = nfc(indicator.title_vi) if indicator is not None else code
            title_en = nfc(indicator.title_en) if indicator is not None else ""
            indicators.append(FlaggedIndicator(code, title_vi, title_en))
        found.append(
            FlaggedAssessment(
                row.id,
                row.commune_code,
                nfc(row.commune_name),
                row.year,
                row.kind,
                row.status,
                tuple(indicators),
            )
        )
    return tuple(sorted(found, key=lambda f: (-f.year, f.commune_name, f.assessment_id)))


# --- waiting on this office


def waiting_items(
    workspace: Workspace, repo: Repository, records: Collection[AssessmentRecord], today: date
) -> tuple[WaitingItem, ...]:
    """Assessments waiting on this office (submitted, or under appraisal: services/appraisals.py),
    longest waiting first; `records` are the scope's assessments of the range. Each has waited
    since it reached its state (a submitted one: since its last import)."""
    ours = {r.id for r in records}
    found = []
    for item in appraisal_reading.items(workspace, repo):
        if not item.waiting_on_office or item.assessment_id not in ours:
            continue
        since = vietnam_date(item.since)
        found.append(
            WaitingItem(
                item.assessment_id,
                item.commune_code,
                nfc(item.commune_name),
                item.year,
                item.kind,
                since,
                max((today - since).days, 0),
            )
        )
    return tuple(sorted(found, key=lambda w: (-w.days, w.commune_name, w.assessment_id)))


# --- deadlines


def deadline_lines(
    workspace: Workspace, scope: Scope, year: int, today: date
) -> tuple[DeadlineLine, ...]:
    """What is due for the scope and year under the effective procedure (services/deadlines.py):
    the scope's own yearly report and, for the province in a year that still had districts, each
    district's report to it. A report not yet done lists the communes not yet assessed."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        owing = [scope.code]
        if scope.level is ScopeLevel.PROVINCE:
            owing += [s.code for s in scopes_in(repo, year) if s.level is ScopeLevel.DISTRICT]
        lines = []
        for code in owing:
            try:
                due = deadlines.due_in(repo, code, year, today)
            except NotFoundError:
                continue  # the procedure sets no report for this level and year
            missing = () if due.done else tuple(nfc(c.name) for c in due.not_assessed)
            lines.append(
                DeadlineLine(
                    nfc(due.report),
                    nfc(due.unit_name),
                    due.due_on,
                    due.done,
                    due.days_left,
                    missing,
                )
            )
    return tuple(lines)
