"""What the yearly report on the plan says, as data (`YearlyData`): the year's summary figures
(`SummaryData`: the same as `plan status` and the summary report), the communes planned to reach
the standard that year and whether each did, the budget by source with what was spent, and,
when given, the reporting deadlines (fed by the procedure's deadlines; printed only when given).
Pure data and wording: services/yearly_data.py builds it, reports/yearly.py draws it and
reports/yearly_xlsx.py writes it as a workbook.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from assessor_app.reports.summary_model import STANDARD, SummaryData, Target, target_for
from assessor_app.texts import dates

FUND_WORDS = {  # how officials name each source of funds
    "central": "Ngân sách trung ương",
    "local": "Ngân sách địa phương",
    "other": "Nguồn hợp pháp khác",
}


class PlannedOutcome(enum.StrEnum):
    RECOGNISED = "recognised"  # recognised in the planned year
    NOT_RECOGNISED = "not_recognised"  # assessed that year, not recognised
    NO_RESULT = "no_result"  # no result counted that year (not assessed, or left out)


OUTCOME_WORDS = {
    PlannedOutcome.RECOGNISED: "Đạt",
    PlannedOutcome.NOT_RECOGNISED: "Chưa đạt",
    PlannedOutcome.NO_RESULT: "Chưa có kết quả",
}


@dataclass(frozen=True)
class PlannedCommune:
    """A commune planned to reach the standard in the year; `why` says why it has no result."""

    code: str
    name: str
    outcome: PlannedOutcome
    why: str = ""

    @property
    def outcome_text(self) -> str:
        return OUTCOME_WORDS[self.outcome]


@dataclass(frozen=True)
class BudgetLine:
    """Funds from one source: for the year, or (`year` None) for the whole plan. Amounts in
    đồng; None when not known. `from_plan`: the plan's own figure."""

    year: int | None
    fund: str
    planned: int | None
    spent: int | None
    note: str = ""
    from_plan: bool = False

    @property
    def fund_text(self) -> str:
        return FUND_WORDS.get(self.fund, self.fund)


@dataclass(frozen=True)
class Deadline:
    """A report due under the plan (e.g. the districts' to the province by 30 November): what,
    by when, and when it was sent (None: not yet, or `settled` without a known day: the year's
    decision is recorded)."""

    what: str
    due: date
    done: date | None = None
    note: str = ""
    settled: bool = False
    verified: bool = True  # False: a default or a secondary source's day, marked (*) on paper

    @property
    def sent_text(self) -> str:
        """The "Đã gửi" cell: the day, or whether it is done."""
        if self.done is not None:
            return dates.day(self.done)
        return "Đã thực hiện" if self.settled else "Chưa gửi"


@dataclass(frozen=True)
class RolledUpUnit:
    """A unit of July 2025 and the old communes it took in (historical results, never a result
    of its own): how many, how many had a result counted, how many were recognised, and whether
    every merge row behind it was confirmed or corrected by a person."""

    code: str
    name: str
    old_communes: int
    assessed: int
    recognised: int
    verified: bool

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.recognised * 100, self.old_communes) if self.old_communes else None


@dataclass(frozen=True)
class UnplacedCommune:
    """An old commune the merge table cannot place in a unit of July 2025, with its result."""

    code: str
    name: str
    outcome: PlannedOutcome
    why: str = ""

    @property
    def outcome_text(self) -> str:
        return OUTCOME_WORDS[self.outcome]


@dataclass(frozen=True)
class RolledUp:
    """The year's results of a province before the reform, seen in the units of July 2025
    (services/unit_rollup.py): `split` says whether some old commune went partly into several
    units (it is then counted under each)."""

    units: tuple[RolledUpUnit, ...]
    unplaced: tuple[UnplacedCommune, ...] = ()
    split: bool = False

    @property
    def unverified(self) -> int:
        return sum(not u.verified for u in self.units)


@dataclass(frozen=True)
class YearlyData:
    """Everything the yearly report prints.

    Fields:
        summary: the year's summary of the unit (scope, figures, left out, targets, frame).
        planned: the communes planned for the year (empty: none entered).
        budget: the unit's budget lines of the year and of the whole plan.
        spent_before: what was spent in earlier years, by fund (for the whole plan's progress).
        deadlines: the reports due; None when not given (the section is then left out).
        deadline_report: what those reports are (the procedure's name for them), said once.
        rollup: a province's year before the reform in the units of July 2025; None otherwise.
    """

    summary: SummaryData
    planned: tuple[PlannedCommune, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    spent_before: tuple[tuple[str, int], ...] = ()
    deadlines: tuple[Deadline, ...] | None = None
    rollup: RolledUp | None = None
    deadline_report: str = (
        "Báo cáo kết quả thực hiện"  # what the reports due are, as the procedure names it
    )

    @property
    def year(self) -> int:
        return self.summary.year

    @property
    def assessed(self) -> int:
        return len(self.summary.communes)

    @property
    def recognised(self) -> int:
        return self.summary.recognized

    @property
    def share(self) -> Fraction | None:
        total = self.summary.units_total
        return Fraction(self.recognised * 100, total) if total else None

    @property
    def target(self) -> Target | None:
        return target_for(self.year, self.summary.targets)

    @property
    def met(self) -> bool | None:
        target, share = self.target, self.share
        if target is None or share is None:
            return None
        return share >= Fraction(str(target.percent))

    @property
    def made_it(self) -> int:
        return sum(1 for c in self.planned if c.outcome is PlannedOutcome.RECOGNISED)

    def lines_of(self, whole_plan: bool) -> tuple[BudgetLine, ...]:
        return tuple(line for line in self.budget if (line.year is None) == whole_plan)


def yearly_title(data: YearlyData) -> str:
    return f"Kết quả thực hiện kế hoạch xây dựng {STANDARD} năm {data.year}"
