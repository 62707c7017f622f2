"""What a summary report says, as data: the area, each commune's result, the plan's targets, the
trend, the shortfalls and the communes left out (`SummaryData`). Pure data and wording, no drawing:
the services and the workbook use it without loading reportlab; `summary.render_summary` draws it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from assessor_app.reports.model import CatalogueInfo, Letter
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels, numbers

STANDARD = "xã, phường, thị trấn phù hợp với trẻ em"


class ScopeLevel(enum.StrEnum):
    DISTRICT = "district"  # huyện / thành phố thuộc tỉnh (until 30 June 2025)
    PROVINCE = "province"


@dataclass(frozen=True)
class Scope:
    """The area the report covers.

    Fields:
        level: a district (evaluation years before 1 July 2025) or the province.
        name: "Huyện Hữu Lũng", "Tỉnh Lạng Sơn".
        code: the statistics office's code ("186", "20").
        province: for a district, its province ("Tỉnh Lạng Sơn"); empty for the province.
    """

    level: ScopeLevel
    name: str
    code: str
    province: str = ""


@dataclass(frozen=True)
class CommuneResult:
    """One commune's result in the summary.

    Fields:
        code: 5-digit code as text ("06400").
        name: "Xã Hữu Liên".
        unit_type: "Xã", "Phường", "Thị trấn".
        total: total points; None if it has none (not assessed).
        recognized: the verdict.
        status: the assessment's status in words ("Đã thẩm định", "Đã hoàn tất", …).
        district: its district (province reports before 1 July 2025); empty otherwise.
    """

    code: str
    name: str
    unit_type: str
    total: int | None
    recognized: bool
    status: str
    district: str = ""

    @property
    def verdict(self) -> str:
        return labels.verdict(self.recognized, PAPER)


@dataclass(frozen=True)
class Shortfall:
    """A criterion communes fall short on.

    Fields:
        code: the criterion's code ("TC13").
        title: its title.
        count: how many communes of the report fell short on it (the services decide what short
            means; the app counts criteria below their maximum).
    """

    code: str
    title: str
    count: int


@dataclass(frozen=True)
class Target:
    """A target of the province's plan: `percent` % of the communes recognised by `year`."""

    year: int
    percent: float


# Lạng Sơn's plan implementing QĐ 34/2014 ("Phấn đấu đến năm 2015 có 20% số xã, phường, thị trấn
# đạt tiêu chuẩn …; Đến năm 2020 có 50% …"); later targets are set by the province.
PLAN_TARGETS = (Target(2015, 20), Target(2020, 50))


@dataclass(frozen=True)
class TrendPoint:
    """One year of the trend.

    Fields:
        year: the evaluation year.
        units: the number of communes in the scope that year (the unit list changes: 226 in
            2014–2019 in Lạng Sơn, 200 in 2020–2024, 65 from July 2025).
        assessed: how many have a result.
        recognized: how many are recognised.
    """

    year: int
    units: int
    assessed: int
    recognized: int

    @property
    def share(self) -> Fraction | None:
        """The share of all communes recognised, in per cent (what the plan's targets measure)."""
        return Fraction(self.recognized * 100, self.units) if self.units else None


class ExclusionReason(enum.StrEnum):
    NOT_FINALISED = "not_finalised"
    QUARANTINED = "quarantined"
    NOT_REVIEWED = "not_reviewed"


@dataclass(frozen=True)
class Exclusion:
    """A commune left out of the summary.

    Fields:
        code, name: the commune.
        reason: why it is left out.
        detail: more words on it, empty for none.
    """

    code: str
    name: str
    reason: ExclusionReason
    detail: str = ""

    @property
    def reason_text(self) -> str:
        title = labels.exclusion_reason(self.reason, PAPER)
        return f"{title}: {self.detail}" if self.detail else title


@dataclass(frozen=True)
class SummaryData:
    """Everything the summary report prints.

    Fields:
        scope: the district or the province.
        year: the evaluation year.
        units_total: how many communes the scope has this year (the denominator of the share).
        communes: the communes whose result is summarised.
        shortfalls: the criteria communes fall short on most often, most frequent first.
        targets: the plan's targets (`PLAN_TARGETS` for Lạng Sơn).
        trend: the years to compare, oldest first (normally including `year`).
        excluded: the communes left out and why.
        catalogue: the catalogue of the year (its provisional parts drive the banner).
        letter: the report's frame (issuer, number, place, date, addressee, recipients, signer);
            `letter.body`, if given, replaces the opening paragraph.
        created: when the report was made; the PDF's and workbook's dates.
        demo: the data is the demo store's: a DEMO banner on every page.
    """

    scope: Scope
    year: int
    units_total: int
    communes: tuple[CommuneResult, ...]
    shortfalls: tuple[Shortfall, ...]
    targets: tuple[Target, ...]
    trend: tuple[TrendPoint, ...]
    excluded: tuple[Exclusion, ...]
    catalogue: CatalogueInfo
    letter: Letter
    created: datetime
    demo: bool = False

    @property
    def recognized(self) -> int:
        return sum(1 for c in self.communes if c.recognized)


def target_for(year: int, targets: tuple[Target, ...]) -> Target | None:
    """The target a year is measured against: the first one due in or after that year, or, after
    the last, the last one (the plan asks to keep raising the share)."""
    ordered = sorted(targets, key=lambda t: t.year)
    for target in ordered:
        if target.year >= year:
            return target
    return ordered[-1] if ordered else None


def targets_text(targets: tuple[Target, ...]) -> str:
    return "; ".join(
        f"đến năm {t.year}: {numbers.percent(t.percent, PAPER, None)}"
        for t in sorted(targets, key=lambda t: t.year)
    )


def title_line(data: SummaryData) -> str:
    return f"Kết quả xây dựng {STANDARD} năm {data.year}"
