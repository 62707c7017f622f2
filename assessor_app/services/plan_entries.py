"""What the plan sets beside its targets: the communes a unit planned to bring to the standard
each year (and whether each did), and the plan's budget by source and year with what was spent
(`assessor-app plan communes|budget`, the plan editor, the yearly report).

A unit is a district for evaluation years up to 2024 (districts were abolished on 1 July 2025) or
the province. Every change is audited on the store chain: `set_planned_communes` (target
"plan:UNIT:YEAR") and `set_budget_line` (target "budget:UNIT:YEAR:FUND", YEAR "plan" for the
whole plan). The seed plan's own budget (2.5 billion đồng: 1.2 central, 1.3 local) is shipped by
migration 0016 as the province's lines for the whole plan, with source "plan"; the plan names no
communes nor counts of communes per year, so none are shipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.evaluation import check_year, period
from assessor_app.domain.text import clean
from assessor_app.reports.summary_model import ScopeLevel
from assessor_app.reports.yearly_model import PlannedCommune, PlannedOutcome
from assessor_app.services.report_data import resolve_scope, summary_data
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.plan import StoredBudgetLine
from assessor_app.storage.repository import STORE_CHAIN, Repository

FUNDS = ("central", "local", "other")
PLAN_SOURCE = "plan"  # the line is the seed plan's own figure
WHOLE_PLAN = "plan"  # the year part of a whole-plan line's audit target
# The year a whole-plan line's unit is checked in: the seed plan runs to its 2020 target.
WHOLE_PLAN_YEAR = 2020
LARGEST_AMOUNT = 10**15  # đồng; far above any budget, far below SQLite's integer limit


@dataclass(frozen=True)
class PlannedYear:
    """The communes `unit` planned for `year`, each with whether it made it."""

    unit: str
    unit_name: str
    year: int
    communes: tuple[PlannedCommune, ...]
    source: str = ""

    @property
    def made_it(self) -> int:
        return sum(1 for c in self.communes if c.outcome is PlannedOutcome.RECOGNISED)


@dataclass(frozen=True)
class BudgetLine:
    """`year` None: the whole plan. Amounts in đồng, None when not known."""

    unit: str
    year: int | None
    fund: str
    planned: int | None
    spent: int | None
    note: str = ""
    source: str = ""

    @property
    def from_plan(self) -> bool:
        return self.source == PLAN_SOURCE


def _line(stored: StoredBudgetLine) -> BudgetLine:
    return BudgetLine(
        stored.unit_code,
        stored.year,
        stored.fund,
        stored.planned,
        stored.spent,
        stored.note,
        stored.source,
    )


# --- planned communes


def _communes_of(repo: Repository, scope_code: str, district: bool, year: int) -> dict[str, str]:
    """code → name of the communes of the scope in the unit list of `year`."""
    listing = repo.unit_list_valid_on(period(year)[1])
    if listing is None:
        return {}
    return {
        u.code: u.name
        for u in repo.units_in_list(listing.code)
        if not district or u.district_code == scope_code
    }


def planned_year(workspace: Workspace, unit: str, year: int) -> PlannedYear:
    """The communes `unit` planned for `year` and whether each was recognised that year (the
    year's summary figures: the same as `plan status` and the summary report)."""
    check_year(year)
    with workspace.database.reading() as session:
        repo = Repository(session)
        scope = resolve_scope(repo, unit, year)
        stored = repo.planned_communes(scope.code, year)
    if not stored:
        return PlannedYear(scope.code, scope.name, year, ())
    data = summary_data(workspace, scope.code, year)
    results = {c.code: c.recognized for c in data.communes}
    left_out = {e.code: e.reason_text for e in data.excluded}
    communes = []
    for item in stored:
        if item.code in results:
            outcome = (
                PlannedOutcome.RECOGNISED if results[item.code] else PlannedOutcome.NOT_RECOGNISED
            )
            communes.append(PlannedCommune(item.code, item.name, outcome))
        else:
            why = left_out.get(item.code, "")
            communes.append(PlannedCommune(item.code, item.name, PlannedOutcome.NO_RESULT, why))
    return PlannedYear(scope.code, scope.name, year, tuple(communes), stored[0].source)


def planned_years(workspace: Workspace, unit: str | None = None) -> list[tuple[str, int]]:
    """(unit, year) of every planned list, by unit and year."""
    with workspace.database.reading() as session:
        stored = Repository(session).planned_communes(unit)
    return list(dict.fromkeys((c.unit_code, c.year) for c in stored))


def set_planned_communes(
    workspace: Workspace, unit: str, year: int, codes: Sequence[str], reason: str = ""
) -> PlannedYear:
    """Replace the communes `unit` planned for `year` by `codes` (empty: none). Each must be a
    commune of the unit in that year's unit list. Audited as `set_planned_communes`."""
    check_year(year)
    wanted = list(dict.fromkeys(clean(code) for code in codes if clean(code)))

    def _work(session: WriteSession) -> str:
        repo = Repository(session)
        scope = resolve_scope(repo, unit, year)
        known = _communes_of(repo, scope.code, scope.level is ScopeLevel.DISTRICT, year)
        for code in wanted:
            if code not in known:
                raise InputError(
                    "PLAN_COMMUNE_NOT_IN_UNIT",
                    N_("{code} is not a commune of {unit} in {year}."),
                    code=code,
                    unit=scope.name,
                    year=year,
                )
        before = repo.planned_communes(scope.code, year)
        old = [{"code": c.code, "name": c.name} for c in before]
        new = [{"code": code, "name": known[code]} for code in sorted(wanted)]
        if old != new:
            now = workspace.clock()
            communes = [(c["code"], c["name"]) for c in new]
            repo.replace_planned_communes(scope.code, year, communes, "", now, workspace.actor)
            repo.append_audit(
                STORE_CHAIN,
                now,
                workspace.actor,
                "set_planned_communes",
                f"plan:{scope.code}:{year}",
                {"communes": old} if old else None,
                {"communes": new} if new else None,
                clean(reason),
            )
        return scope.code

    return planned_year(workspace, workspace.database.run_in_transaction(_work), year)


# --- the budget


def budget_lines(
    workspace: Workspace, unit: str | None = None, year: int | None = None
) -> list[BudgetLine]:
    """The budget lines (of `unit`; of `year` and of the whole plan when `year` is given)."""
    with workspace.database.reading() as session:
        years = None if year is None else (None, year)
        return [_line(s) for s in Repository(session).budget_lines(unit, years)]


def _check_fund(fund: str) -> str:
    if fund not in FUNDS:
        raise InputError(
            "PLAN_BUDGET_BAD_FUND",
            N_("The source of funds must be central, local or other, not {fund}."),
            fund=fund,
        )
    return fund


def _check_amount(amount: int | None) -> int | None:
    if amount is not None and not 0 <= amount <= LARGEST_AMOUNT:
        raise InputError(
            "PLAN_BUDGET_BAD_AMOUNT",
            N_("An amount is a whole number of VND from 0 to 10^15, not {amount}."),
            amount=amount,
        )
    return amount


def _record(line: StoredBudgetLine | None) -> dict[str, object] | None:
    if line is None:
        return None
    return {"planned": line.planned, "spent": line.spent, "note": line.note}


@dataclass(frozen=True)
class BudgetChange:
    """What `set_budget_line` is asked: `clear` removes the line; otherwise the amounts and note
    given replace the line's (None: keep what it has)."""

    unit: str
    year: int | None
    fund: str
    planned: int | None = None
    spent: int | None = None
    note: str | None = None
    clear: bool = False
    reason: str = ""


def _changed_line(
    old: StoredBudgetLine | None, change: BudgetChange, unit: str
) -> StoredBudgetLine:
    planned = change.planned if change.planned is not None else (old.planned if old else None)
    spent = change.spent if change.spent is not None else (old.spent if old else None)
    note = clean(change.note) if change.note is not None else (old.note if old else "")
    # A plan's own figure stays marked as the plan's only while its planned amount is the plan's.
    source = old.source if old is not None and planned == old.planned else ""
    return StoredBudgetLine(unit, change.year, change.fund, planned, spent, note, source)


def set_budget_line(workspace: Workspace, change: BudgetChange) -> list[BudgetLine]:
    """Add, change or (with `clear`) remove a budget line; a line that exists is changed only
    with a reason. Audited as `set_budget_line`. Returns the unit's lines."""
    fund = _check_fund(change.fund)
    year = check_year(change.year) if change.year is not None else None
    _check_amount(change.planned)
    _check_amount(change.spent)
    reason = clean(change.reason)

    def _work(session: WriteSession) -> str:
        repo = Repository(session)
        scope = resolve_scope(repo, change.unit, year or WHOLE_PLAN_YEAR)
        old = repo.budget_line(scope.code, year, fund)
        if old is not None and not reason:
            raise InputError(
                "PLAN_BUDGET_REASON",
                N_("Give a reason to change or remove a budget line already entered."),
            )
        if change.clear:
            new = None
            if old is not None:
                repo.remove_budget_line(scope.code, year, fund)
        else:
            new = _changed_line(old, change, scope.code)
            if new.planned is None and new.spent is None:
                raise InputError(
                    "PLAN_BUDGET_EMPTY", N_("Give the amount planned or spent (in VND).")
                )
            repo.put_budget_line(new, workspace.clock(), workspace.actor)
        if _record(old) != _record(new):
            target = f"budget:{scope.code}:{WHOLE_PLAN if year is None else year}:{fund}"
            repo.append_audit(
                STORE_CHAIN,
                workspace.clock(),
                workspace.actor,
                "set_budget_line",
                target,
                _record(old),
                _record(new),
                reason,
            )
        return scope.code

    return budget_lines(workspace, workspace.database.run_in_transaction(_work))
