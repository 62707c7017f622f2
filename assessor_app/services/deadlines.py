"""What a unit owes the next level for an evaluation year, by the effective procedure
(services/procedures.py): the yearly report due (a district's to the province until the 2025
reform, the province's to the ministry), whether it is done, the days left, and what is still
missing (`assessor-app plan deadlines`; the dashboard and the yearly report read the same result).

`due_for(ws_or_repo, unit, year, today)` answers a `Due`:

    unit, unit_name, level   the scope: a district's code (years up to 2024) or the province's,
                             its name, "district" or "province".
    year                     the evaluation year.
    regime                   the procedure's code ("QD06-2019").
    evaluation_year          whether the regime's cycle evaluates communes that year (QĐ 06: the
                             2nd and 4th year of a five-year plan; QĐ 34: every year).
    report, reporter, recipient
                             what is due, who sends it, to whom (Vietnamese, from the data).
    due_on                   the day it is due (30 November for a district, 10 December for the
                             province, or what the province set).
    status, source, reason   how far that day is known: "exact" (the province's plan), "secondary",
                             "not_verified" (a reasoned default) or "province" (set here).
    done, done_by            the report is done when the summary report of the scope and year has
                             a registered number (its details: services/report_details.py;
                             done_by "report"), or else when a recognition decision of the scope
                             is recorded for the year (services/decisions.py; done_by "decision").
    report_number, report_day, decision_number
                             what shows it done ("" / None when not).
    today, days_left         the day judged by (the services' clock) and the days from it to
                             `due_on`: negative when the day has passed. `overdue`: not done and
                             past its day.
    communes                 the communes of the scope in the year's unit list.
    not_assessed             the communes of the scope with no assessment for the year.
    not_decided              the communes named in no recognition decision of the year.
                             Both name each commune's district for a province before the reform.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessor_app.domain.errors import N_, NotFoundError
from assessor_app.domain.evaluation import period
from assessor_app.domain.procedure import regime_for_year
from assessor_app.reports.summary_model import ScopeLevel
from assessor_app.services.demo import store_is_demo
from assessor_app.services.procedures import regimes_in
from assessor_app.services.report_data import resolve_scope
from assessor_app.services.report_details import details_in
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import StoredUnit
from assessor_app.storage.repository import Repository


@dataclass(frozen=True)
class Commune:
    """A commune of the lists; `district` its district for a province's year that still had
    districts (two communes of one name in two districts are then told apart), else ""."""

    code: str
    name: str
    district: str = ""


@dataclass(frozen=True)
class Due:
    """What `unit` owes for `year` (the fields: the module's docstring)."""

    unit: str
    unit_name: str
    level: str
    year: int
    regime: str
    evaluation_year: bool
    report: str
    reporter: str
    recipient: str
    due_on: date
    status: str
    source: str
    reason: str
    done: bool
    done_by: str
    report_number: str
    report_day: date | None
    decision_number: str
    today: date
    days_left: int
    communes: int
    not_assessed: tuple[Commune, ...]
    not_decided: tuple[Commune, ...]

    @property
    def overdue(self) -> bool:
        return not self.done and self.days_left < 0


def _communes(repo: Repository, year: int, level: ScopeLevel, code: str) -> list[StoredUnit]:
    listing = repo.unit_list_valid_on(period(year)[1])
    if listing is None:
        return []
    units = repo.units_in_list(listing.code)
    return [u for u in units if level is ScopeLevel.PROVINCE or u.district_code == code]


def _assessed(repo: Repository, year: int) -> set[str]:
    real = not store_is_demo(repo)  # a real store never counts demo data
    return {r.commune_code for r in repo.assessment_records(year=year) if not (r.demo and real)}


def _decided(repo: Repository, year: int) -> set[str]:
    codes: set[str] = set()
    for decision in repo.decision_records(year):
        for key in ("recognised", "not_recognised"):
            codes |= {str(item["code"]) for item in decision.document.get(key, [])}
    return codes


def _registered(number: str) -> bool:
    """A number written in ("12/BC-UBND"), not the symbol alone ("/BC-UBND")."""
    return number.split("/", 1)[0].strip().isdigit()


def due_in(repo: Repository, unit: str, year: int, today: date) -> Due:
    scope = resolve_scope(repo, unit, year)
    regime = regime_for_year(regimes_in(repo), year)
    deadline = regime.deadline_for(scope.level.value, year)
    if deadline is None:
        raise NotFoundError(
            "PLAN_NO_DEADLINE",
            N_("Nothing is due from {unit} for {year} under the procedure {regime}."),
            unit=scope.name,
            year=year,
            regime=regime.code,
        )
    details = details_in(repo, scope.code, year)
    decisions = repo.decision_records(year, scope.code)
    reported = _registered(details.number)
    due_on = deadline.due_on(year)
    communes = _communes(repo, year, scope.level, scope.code)
    assessed, decided = _assessed(repo, year), _decided(repo, year)
    with_district = scope.level is ScopeLevel.PROVINCE

    def named(unit: StoredUnit) -> Commune:
        return Commune(unit.code, unit.name, unit.district_name if with_district else "")

    return Due(
        unit=scope.code,
        unit_name=scope.name,
        level=scope.level.value,
        year=year,
        regime=regime.code,
        evaluation_year=regime.cycle.evaluates(year),
        report=deadline.report,
        reporter=deadline.reporter,
        recipient=deadline.recipient,
        due_on=due_on,
        status=deadline.status,
        source=deadline.source,
        reason=deadline.reason,
        done=reported or bool(decisions),
        done_by="report" if reported else ("decision" if decisions else ""),
        report_number=details.number if reported else "",
        report_day=details.day if reported else None,
        decision_number=decisions[-1].number if decisions else "",
        today=today,
        days_left=(due_on - today).days,
        communes=len(communes),
        not_assessed=tuple(named(u) for u in communes if u.code not in assessed),
        not_decided=tuple(named(u) for u in communes if u.code not in decided),
    )


def due_for(
    ws_or_repo: Workspace | Repository, unit: str, year: int, today: date | None = None
) -> Due:
    """What `unit` owes for `year`, judged on `today` (the workspace's today by default; a
    repository needs it given)."""
    if isinstance(ws_or_repo, Repository):
        if today is None:
            raise ValueError("a repository has no clock: give today")
        return due_in(ws_or_repo, unit, year, today)
    with ws_or_repo.database.reading() as session:
        return due_in(Repository(session), unit, year, today or ws_or_repo.today())
