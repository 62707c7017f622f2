"""What a summary report says, as data: the area, each commune's result, the plan's targets, the
trend, the shortfalls and the communes left out (`SummaryData`). Pure data and wording, no drawing:
the services and the workbook use it without loading reportlab; `summary.render_summary` draws it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from assessor_app.reports.model import CatalogueInfo, Letter
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, labels, numbers

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
        recognized: the verdict (False when the year's recognition was revoked).
        status: the assessment's status in words ("Đã thẩm định", "Đã hoàn tất", …).
        district: its district (province reports before 1 July 2025); empty otherwise.
        revoked_by: the decision revoking its recognition for the year ("Quyết định số
            130/QĐ-UBND ngày 20/12/2026"); empty when not revoked.
    """

    code: str
    name: str
    unit_type: str
    total: int | None
    recognized: bool
    status: str
    district: str = ""
    revoked_by: str = ""

    @property
    def verdict(self) -> str:
        if self.revoked_by:
            return f"Thu hồi công nhận ({self.revoked_by})"
        return labels.verdict(self.recognized, PAPER)


@dataclass(frozen=True)
class Shortfall:
    """A criterion communes fall short on.

    Fields:
        code: the criterion's code ("TC13").
        title: its title.
        count: how many communes of the report have the criterion below its pass level: they
            fail a recognition condition of the catalogue on it (`SummaryData.shortfall_rule` says
            which, in words).
        below_max: how many communes have fewer points on it than its maximum (points lost,
            which does not by itself stop recognition).
    """

    code: str
    title: str
    count: int
    below_max: int = 0


class TargetSource(enum.StrEnum):
    PLAN = "plan"  # the province's plan implementing QĐ 34/2014 (the seed plan): 2015, 2020
    NATIONAL = "national"  # the national programme for children 2021–2030 (SECONDARY figures)
    PROVINCE = "province"  # entered here by the province (services/reports.py `set_target`)


@dataclass(frozen=True)
class Target:
    """A target: `percent` % of the communes recognised by `year`, and whose target it is."""

    year: int
    percent: float
    source: TargetSource = TargetSource.PLAN


# Lạng Sơn's plan implementing QĐ 34/2014 ("Phấn đấu đến năm 2015 có 20% số xã, phường, thị trấn
# đạt tiêu chuẩn …; Đến năm 2020 có 50% …").
PLAN_TARGETS = (Target(2015, 20), Target(2020, 50))
# The national programme of action for children 2021–2030: 65 % of communes by 2025, 75 % by 2030.
# SECONDARY (news reports; the decision's text was not read): printed with a note saying so.
NATIONAL_TARGETS = (
    Target(2025, 65, TargetSource.NATIONAL),
    Target(2030, 75, TargetSource.NATIONAL),
)
DEFAULT_TARGETS = PLAN_TARGETS + NATIONAL_TARGETS

NATIONAL_PROGRAMME = (
    "Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 – 2030 (Quyết định số 23/QĐ-TTg "
    "ngày 07/01/2021 của Thủ tướng Chính phủ)"
)
SECONDARY_MARK = "(*)"
SECONDARY_NOTE = (
    "(*) Chỉ tiêu 65 % đến năm 2025 và 75 % đến năm 2030 của Chương trình hành động quốc gia vì "
    "trẻ em giai đoạn 2021 – 2030 được lấy theo nguồn thứ cấp, chưa đối chiếu với văn bản chính "
    "thức."
)


# The province's plan implementing QĐ 34/2014 (the seed plan), after "Kế hoạch": its title as it
# reads (EXACT); its copy carries no number or date. Later years answer to a later plan of the
# province, whose title the office enters.
SEED_PLAN = (
    "thực hiện Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ quy định tiêu "
    "chuẩn xã, phường, thị trấn phù hợp với trẻ em trên địa bàn {province}"
)
LATER_PLAN = "về xây dựng xã, phường, thị trấn phù hợp với trẻ em trên địa bàn {province}"


# Blanks written in by hand when the plan's number or date was not entered (a plan of a people's
# committee is numbered …/KH-UBND: Nghị định 30/2020/NĐ-CP, Phụ lục III).
PLAN_NUMBER_BLANK = "……/KH-UBND"
DATE_BLANK = "…/…/……"


@dataclass(frozen=True)
class PlanInfo:
    """The plan the report answers to.

    Fields:
        title: what the plan is about, after "Kế hoạch" ("thực hiện Quyết định số 34/2014/QĐ-TTg …").
        issuer: who issued it ("Ủy ban nhân dân tỉnh Lạng Sơn").
        number: its số và ký hiệu ("123/KH-UBND"); empty when not entered.
        issued: the day it was signed; None when not entered.
    """

    title: str
    issuer: str
    number: str = ""
    issued: date | None = None

    @property
    def citation(self) -> str:
        """ "Kế hoạch số 123/KH-UBND ngày 01/10/2014 của Ủy ban nhân dân tỉnh Lạng Sơn thực hiện
        …"; a number or date not entered (the seed plan's copy carries neither) is left blank to
        be written in by hand before signing, as a document's own number is, rather than a
        sentence saying it is missing."""
        number = self.number or PLAN_NUMBER_BLANK
        issued = dates.day(self.issued) if self.issued else DATE_BLANK
        return f"Kế hoạch số {number} ngày {issued} của {self.issuer} {self.title}".strip()

    @property
    def short(self) -> str:
        """The plan named again after the opening has cited it in full."""
        if self.number:
            issued = f" ngày {dates.day(self.issued)}" if self.issued else ""
            return f"Kế hoạch số {self.number}{issued}"
        return f"Kế hoạch của {self.issuer} nêu trên"


@dataclass(frozen=True)
class Narrative:
    """The report's assessment in words, printed in this order; an empty text is drafted from the
    data (`summary_narrative.drafted`). Paragraphs are separated by line breaks.

    Fields:
        general: đánh giá chung.
        shortcomings: tồn tại, hạn chế.
        causes: nguyên nhân.
        directions: phương hướng, nhiệm vụ.
        proposals: kiến nghị, đề xuất.
    """

    general: str = ""
    shortcomings: str = ""
    causes: str = ""
    directions: str = ""
    proposals: str = ""


NARRATIVE_FIELDS = ("general", "shortcomings", "causes", "directions", "proposals")


@dataclass(frozen=True)
class TrendPoint:
    """One year of the trend.

    Fields:
        year: the evaluation year.
        units: the number of communes in the scope that year (the unit list changes: 226 in
            2014–2019 in Lạng Sơn, 200 in 2020–2024, 65 from July 2025).
        assessed: how many have a result.
        recognized: how many are recognised.
        standard: the standard the year was assessed against, as officials abbreviate it
            ("QĐ 34/2014/QĐ-TTg"); a change of standard or of the number of units starts a new
            series, drawn and tabled apart (the shares do not compare across it).
    """

    year: int
    units: int
    assessed: int
    recognized: int
    standard: str = ""

    @property
    def share(self) -> Fraction | None:
        """The share of all communes recognised, in per cent (what the plan's targets measure)."""
        return Fraction(self.recognized * 100, self.units) if self.units else None


class ExclusionReason(enum.StrEnum):
    NOT_FINALISED = "not_finalised"
    QUARANTINED = "quarantined"
    NOT_REVIEWED = "not_reviewed"
    DEMO = "demo"  # only demo data (sample assessments), never counted in a real store


@dataclass(frozen=True)
class Exclusion:
    """A commune left out of the summary.

    Fields:
        code, name: the commune.
        reason: why it is left out.
        detail: more words on it, empty for none.
        district: its district (province reports before 1 July 2025); empty otherwise.
    """

    code: str
    name: str
    reason: ExclusionReason
    detail: str = ""
    district: str = ""

    @property
    def reason_text(self) -> str:
        title = labels.exclusion_reason(self.reason, PAPER)
        return f"{title}: {self.detail}" if self.detail else title


@dataclass(frozen=True)
class CitedDecision:
    """The recognition decision of the year the report cites (recorded in the store).

    Fields:
        number: "125/QĐ-UBND".
        day: its date.
        issuer: the authority that issued it ("Ủy ban nhân dân tỉnh Lạng Sơn").
        recognised: how many communes it recognises.
        revoked: how many of those had their recognition revoked by a later decision.
    """

    number: str
    day: date
    issuer: str
    recognised: int
    revoked: int = 0


@dataclass(frozen=True)
class SummaryData:
    """Everything the summary report prints.

    Fields:
        scope: the district or the province.
        year: the evaluation year.
        units_total: how many communes the scope has this year (the denominator of the share).
        communes: the communes whose result is summarised.
        shortfalls: the criteria communes fall short on most often, most frequent first.
        targets: the targets (`DEFAULT_TARGETS` and the province's own); each year is measured
            against the one in force for it (`target_for`).
        trend: the years to compare, oldest first (normally including `year`).
        excluded: the communes left out and why.
        catalogue: the catalogue of the year (its provisional parts drive the banner).
        letter: the report's frame (issuer, number, place, date, addressee, recipients, signer);
            `letter.body`, if given, replaces the opening paragraph.
        created: when the report was made; the PDF's and workbook's dates.
        demo: the data is the demo store's: a DEMO banner on every page.
        plan: the plan the report answers to; None to cite none.
        narrative: the assessment in words (empty texts are drafted from the data).
        shortfall_rule: what makes a criterion "not met" for `Shortfall.count`, in words
            ("bị 0 điểm hoặc chưa được đánh giá đủ các chỉ tiêu").
        decision: the year's recognition decision for the scope, when one is recorded.
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
    plan: PlanInfo | None = None
    narrative: Narrative = Narrative()
    shortfall_rule: str = ""
    decision: CitedDecision | None = None

    @property
    def recognized(self) -> int:
        return sum(1 for c in self.communes if c.recognized)


_PRECEDENCE = {TargetSource.PROVINCE: 0, TargetSource.PLAN: 1, TargetSource.NATIONAL: 2}


def targets_by_year(targets: tuple[Target, ...]) -> tuple[Target, ...]:
    """One target per year, by year: the province's own over its plan's over the national one."""
    chosen: dict[int, Target] = {}
    for target in sorted(targets, key=lambda t: (t.year, _PRECEDENCE[t.source])):
        chosen.setdefault(target.year, target)
    return tuple(chosen[year] for year in sorted(chosen))


def target_for(year: int, targets: tuple[Target, ...]) -> Target | None:
    """The target in force for a year: the first one due in or after it (2016–2020 answer to the
    2020 target, 2026–2030 to the 2030 one). None after the last: a past target is not the
    measure of a later year (2020's 50 % says nothing of 2026)."""
    for target in targets_by_year(targets):
        if target.year >= year:
            return target
    return None


def cites_national_target(
    year: int, trend_years: Iterable[int], targets: tuple[Target, ...]
) -> bool:
    """Whether the report cites a national target (the year's own or a year of its trend): only
    then does it carry the note on their secondary sources (a 2016 report cites none)."""
    cited = (target_for(y, targets) for y in (year, *trend_years))
    return any(t is not None and t.source is TargetSource.NATIONAL for t in cited)


def target_basis(target: Target, plan: PlanInfo | None) -> str:
    """Whose target it is, in words."""
    if target.source is TargetSource.NATIONAL:
        return NATIONAL_PROGRAMME
    if target.source is TargetSource.PROVINCE:
        return "chỉ tiêu do tỉnh đề ra"
    return plan.short if plan is not None else "Kế hoạch của Ủy ban nhân dân tỉnh"


def target_text(target: Target) -> str:
    """ "75 % đến năm 2030" (with the secondary mark for the national programme's)."""
    mark = f" {SECONDARY_MARK}" if target.source is TargetSource.NATIONAL else ""
    return f"{numbers.percent(target.percent, PAPER, None)} đến năm {target.year}{mark}"


def targets_text(targets: tuple[Target, ...]) -> str:
    return "; ".join(
        f"đến năm {t.year}: {numbers.percent(t.percent, PAPER, None)}"
        for t in targets_by_year(targets)
    )


def series_breaks(trend: tuple[TrendPoint, ...]) -> list[int]:
    """Indexes of the points that start a new series: the standard or the number of units
    changed from the point before."""
    return [
        index
        for index in range(1, len(trend))
        if (trend[index].standard, trend[index].units)
        != (trend[index - 1].standard, trend[index - 1].units)
    ]


def break_text(before: TrendPoint, after: TrendPoint) -> str:
    """What changed at a series break, in words: "Từ năm 2026: …" when the years follow each
    other; "Giữa năm 2016 và năm 2026: …" when years without data lie between them, since the
    changes may then have come in different years."""
    changes = []
    if after.standard != before.standard and after.standard:
        changes.append(f"đánh giá theo {after.standard} (trước đó theo {before.standard or '—'})")
    if after.units != before.units:
        changes.append(
            f"{numbers.number(after.units, PAPER)} đơn vị hành chính cấp xã "
            f"(trước đó {numbers.number(before.units, PAPER)})"
        )
    if after.year == before.year + 1:
        return f"Từ năm {after.year}: {'; '.join(changes)}."
    return f"Giữa năm {before.year} và năm {after.year}: {'; '.join(changes)}."


def title_line(data: SummaryData) -> str:
    return f"Kết quả xây dựng {STANDARD} năm {data.year}"
