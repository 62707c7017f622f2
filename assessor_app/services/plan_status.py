"""Where a unit stands against the plan in a year: how many of its communes were assessed and
recognised, the share recognised of all its communes (what the plan's targets measure), the target
in force for that year and whether it is met, and the communes left out with the reason
(`assessor-app plan status`).

The figures are the year's summary report's (services/report_data.summary_data), so the command
line, the summary's PDF and its XLSX cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from assessor_app.reports.summary_model import TargetSource, target_for
from assessor_app.services.report_data import summary_data
from assessor_app.services.reports import TARGET_SOURCES
from assessor_app.services.workspace import Workspace


@dataclass(frozen=True)
class LeftOut:
    """A commune the year's figures do not count, and why (`reason` is the code, `why` the words
    of the printed report)."""

    code: str
    name: str
    reason: str
    why: str


@dataclass(frozen=True)
class PlanStatus:
    """`unit`'s standing in `year`. `share` is in per cent of all `communes` (None without any);
    `target` the percent due by `target_year` (None when no target is in force for the year,
    e.g. after the last one); `met` whether the share reaches it (None without a target)."""

    unit: str
    unit_name: str
    year: int
    communes: int
    assessed: int
    recognised: int
    share: Fraction | None
    target: float | None
    target_year: int | None
    target_source: str
    met: bool | None
    left_out: tuple[LeftOut, ...]

    @property
    def secondary_target(self) -> bool:
        """The target is the national programme's, known from secondary sources only."""
        return self.target_source == TARGET_SOURCES[TargetSource.NATIONAL]


def plan_status(workspace: Workspace, unit: str, year: int) -> PlanStatus:
    data = summary_data(workspace, unit, year)
    recognised = sum(1 for c in data.communes if c.recognized)
    share = Fraction(recognised * 100, data.units_total) if data.units_total else None
    target = target_for(year, data.targets)
    met = None if target is None or share is None else share >= Fraction(str(target.percent))
    return PlanStatus(
        unit=data.scope.code,
        unit_name=data.scope.name,
        year=year,
        communes=data.units_total,
        assessed=len(data.communes),
        recognised=recognised,
        share=share,
        target=target.percent if target is not None else None,
        target_year=target.year if target is not None else None,
        target_source=TARGET_SOURCES[target.source] if target is not None else "",
        met=met,
        left_out=tuple(
            LeftOut(e.code, e.name, e.reason.value, e.reason_text) for e in data.excluded
        ),
    )
