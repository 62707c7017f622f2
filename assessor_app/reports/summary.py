"""The summary report of a district or the province for one evaluation year, as one PDF:
"BÁO CÁO Kết quả xây dựng xã, phường, thị trấn phù hợp với trẻ em năm …".

Sections: I. the overall result and the plan's targets; II. every commune's result; III. the trend
by year with a bar chart (targets marked); IV. the criteria communes fall short on most often with
a horizontal bar chart; V. the communes left out and why; VI. a note on the catalogue. The header,
the recipients and the signature follow Nghị định 30/2020/NĐ-CP (`layout`).

`render_summary(data)` is pure: the same `SummaryData` gives the same bytes. `xlsx.summary_xlsx`
writes the same data as a workbook.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.charts import SharePoint, share_chart, shortfall_chart
from assessor_app.reports.layout import (
    TEXT_WIDTH,
    Styles,
    closing_block,
    grid_table,
    heading,
    para,
    title_block,
)
from assessor_app.reports.layout_header import (
    AdminHeader,
)
from assessor_app.reports.layout_pages import (
    Banner,
    PageState,
    PdfInfo,
    SectionStart,
    build_pdf,
)
from assessor_app.reports.model import CatalogueInfo, Letter
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels, numbers
from assessor_app.texts.documents import in_sentence, place_date

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


def _area(data: SummaryData) -> str:
    return "huyện" if data.scope.level is ScopeLevel.DISTRICT else "tỉnh"


def _opening(data: SummaryData) -> list[str]:
    if data.letter.body:
        return list(data.letter.body)
    issuer = nfc(data.letter.issuer.name).replace("\n", " ")
    return [
        f"Thực hiện {data.catalogue.legal_basis} và Kế hoạch của Ủy ban nhân dân tỉnh về xây dựng "
        f"{STANDARD}, {issuer} báo cáo kết quả đánh giá, công nhận {STANDARD} năm {data.year} "
        f"trên địa bàn {in_sentence(data.scope.name)} như sau:"
    ]


def _overall(data: SummaryData, st: Styles) -> list[Flowable]:
    assessed = len(data.communes)
    recognised = data.recognized
    items: list[Flowable] = [
        *heading("I. KẾT QUẢ CHUNG", st),
        para(
            f"Toàn {_area(data)} có {numbers.number(data.units_total, PAPER)} đơn vị hành chính cấp xã; "
            f"{numbers.number(assessed, PAPER)} đơn vị có kết quả đánh giá được tổng hợp trong báo cáo này; "
            f"{numbers.number(len(data.excluded), PAPER)} đơn vị chưa được tổng hợp (mục V).",
            st.body,
        ),
        para(
            f"Số đơn vị đạt tiêu chuẩn {STANDARD}: {numbers.number(recognised, PAPER)} đơn vị, bằng "
            f"{numbers.share(recognised, data.units_total, PAPER)} tổng số đơn vị của {_area(data)} "
            f"({numbers.share(recognised, assessed, PAPER)} số đơn vị được tổng hợp); chưa đạt: "
            f"{numbers.number(assessed - recognised, PAPER)} đơn vị.",
            st.body,
        ),
    ]
    target = target_for(data.year, data.targets)
    if target is not None and data.units_total:
        share = Fraction(recognised * 100, data.units_total)
        goal = Fraction(target.percent).limit_denominator(1000)
        if share >= goal:
            verdict = "đã đạt chỉ tiêu"
        else:
            gap = numbers.number(goal - share, PAPER, 1)
            verdict = f"chưa đạt chỉ tiêu (còn thiếu {gap} điểm phần trăm)"
        items.append(
            para(
                f"Chỉ tiêu của Kế hoạch: {targets_text(data.targets)}. Tỷ lệ năm {data.year} "
                f"({numbers.share(recognised, data.units_total, PAPER)}) so với chỉ tiêu phấn đấu đến năm "
                f"{target.year} ({numbers.percent(target.percent, PAPER, None)}): {verdict}.",
                st.body,
            )
        )
    return items


def _commune_table(data: SummaryData, st: Styles) -> list[Flowable]:
    with_district = any(c.district for c in data.communes) and (
        data.scope.level is ScopeLevel.PROVINCE
    )
    labels = ["STT", "Mã đơn vị", "Tên đơn vị"]
    widths = [10 * mm, 17 * mm]
    if with_district:
        labels.append("Huyện")
        widths += [36 * mm, 30 * mm]
    else:
        widths += [58 * mm]
    labels += ["Loại", "Tổng điểm", "Kết quả", "Trạng thái"]
    widths += [16 * mm, 17 * mm, 18 * mm]
    widths.append(TEXT_WIDTH - sum(widths))
    rows: list[list[Any]] = [[para(label, st.cell_center_bold) for label in labels]]
    for index, commune in enumerate(data.communes, start=1):
        row = [
            para(str(index), st.cell_center),
            para(commune.code, st.cell_center),
            para(commune.name, st.cell),
        ]
        if with_district:
            row.append(para(commune.district, st.cell))
        row += [
            para(commune.unit_type, st.cell_center),
            para(
                "—" if commune.total is None else numbers.number(commune.total, PAPER),
                st.cell_center,
            ),
            para(commune.verdict, st.cell_center_bold if commune.recognized else st.cell_center),
            para(commune.status, st.cell),
        ]
        rows.append(row)
    if not data.communes:
        return [*heading("II. KẾT QUẢ THEO ĐƠN VỊ", st), para("Chưa có kết quả.", st.body)]
    return [*heading("II. KẾT QUẢ THEO ĐƠN VỊ", st), grid_table(rows, widths)]


def _trend(data: SummaryData, st: Styles) -> list[Flowable]:
    points = []
    rows: list[list[Any]] = [
        [
            para(label, st.cell_center_bold)
            for label in (
                "Năm",
                "Số đơn vị",
                "Được đánh giá",
                "Đạt tiêu chuẩn",
                "Tỷ lệ đạt",
                "Chỉ tiêu phấn đấu",
            )
        ]
    ]
    for point in data.trend:
        target = target_for(point.year, data.targets)
        share = point.share
        points.append(
            SharePoint(
                point.year,
                float(share) if share is not None else None,
                target.percent if target else None,
            )
        )
        rows.append(
            [
                para(str(point.year), st.cell_center),
                para(numbers.number(point.units, PAPER), st.cell_center),
                para(numbers.number(point.assessed, PAPER), st.cell_center),
                para(numbers.number(point.recognized, PAPER), st.cell_center),
                para(numbers.share(point.recognized, point.units, PAPER), st.cell_center),
                para(
                    f"{numbers.percent(target.percent, PAPER, None)} (đến {target.year})"
                    if target
                    else "—",
                    st.cell_center,
                ),
            ]
        )
    if not data.trend:
        return []
    return [
        KeepTogether(
            [
                para("III. XU HƯỚNG QUA CÁC NĂM VÀ SO SÁNH VỚI CHỈ TIÊU KẾ HOẠCH", st.heading),
                share_chart(points, TEXT_WIDTH),
                para(
                    "Biểu đồ 1. Tỷ lệ đơn vị cấp xã đạt tiêu chuẩn theo năm (trên tổng số đơn vị "
                    "của năm đó); vạch đỏ: chỉ tiêu phấn đấu của Kế hoạch.",
                    st.note,
                ),
            ]
        ),
        Spacer(1, 6),
        grid_table(rows, [20 * mm, 25 * mm, 28 * mm, 28 * mm, 26 * mm, 38 * mm]),
    ]


def _shortfalls(data: SummaryData, st: Styles) -> list[Flowable]:
    title = "IV. CÁC TIÊU CHÍ CHƯA ĐẠT NHIỀU NHẤT"
    if not data.shortfalls:
        return [*heading(title, st), para("Không có tiêu chí nào chưa đạt.", st.body)]
    rows: list[list[Any]] = [
        [para(label, st.cell_center_bold) for label in ("Mã", "Tiêu chí", "Số đơn vị chưa đạt")]
    ]
    for item in data.shortfalls:
        rows.append(
            [
                para(item.code, st.cell_center),
                para(item.title, st.cell),
                para(numbers.number(item.count, PAPER), st.cell_center),
            ]
        )
    chart = shortfall_chart(
        [s.code for s in data.shortfalls],
        [s.count for s in data.shortfalls],
        TEXT_WIDTH,
        "Số đơn vị chưa đạt điểm tối đa của tiêu chí",
    )
    return [
        KeepTogether(
            [
                para(title, st.heading),
                chart,
                para("Biểu đồ 2. Các tiêu chí có nhiều đơn vị chưa đạt nhất.", st.note),
            ]
        ),
        Spacer(1, 6),
        grid_table(rows, [18 * mm, TEXT_WIDTH - 18 * mm - 32 * mm, 32 * mm]),
    ]


def _excluded(data: SummaryData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = heading("V. ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP VÀ LÝ DO", st)
    if not data.excluded:
        return [*items, para("Tất cả các đơn vị đều được tổng hợp.", st.body)]
    rows: list[list[Any]] = [
        [para(label, st.cell_center_bold) for label in ("STT", "Mã đơn vị", "Tên đơn vị", "Lý do")]
    ]
    for index, item in enumerate(data.excluded, start=1):
        rows.append(
            [
                para(str(index), st.cell_center),
                para(item.code, st.cell_center),
                para(item.name, st.cell),
                para(item.reason_text, st.cell),
            ]
        )
    return [*items, grid_table(rows, [10 * mm, 20 * mm, 45 * mm, TEXT_WIDTH - 75 * mm])]


def _catalogue_note(data: SummaryData, st: Styles) -> list[Flowable]:
    catalogue = data.catalogue
    items: list[Flowable] = [
        *heading("VI. GHI CHÚ VỀ BỘ TIÊU CHÍ", st),
        para(
            f"Kết quả được tính theo bộ tiêu chí {catalogue.code}, phiên bản {catalogue.version} "
            f"({catalogue.title}).",
            st.body,
        ),
    ]
    if catalogue.provisional_parts:
        items.append(
            para(
                "Bộ tiêu chí có nội dung tạm tính, chưa đối chiếu được với văn bản chính thức; "
                "kết quả chỉ có giá trị chính thức khi Sở thay các giá trị này bằng giá trị trong "
                f"văn bản chính thức. Các phần tạm tính: {', '.join(catalogue.provisional_parts)}.",
                st.body,
            )
        )
    return items


def render_summary(data: SummaryData) -> bytes:
    """The summary report as PDF bytes (A4, Liberation Serif embedded, deterministic)."""
    letter = data.letter

    def story(state: PageState, st: Styles) -> list[Flowable]:
        items: list[Flowable] = [
            SectionStart(state, "bao-cao", "Báo cáo"),
            AdminHeader(letter.issuer, letter.number, place_date(letter.place, letter.date)),
            *title_block("Báo cáo", title_line(data), letter.addressee, st),
        ]
        items += [para(paragraph, st.body) for paragraph in _opening(data)]
        items += _overall(data, st)
        items += _commune_table(data, st)
        items += _trend(data, st)
        items += _shortfalls(data, st)
        items += _excluded(data, st)
        note = _catalogue_note(data, st)
        items += note[:-1]
        items.append(closing_block(letter.recipients, letter.signature, st, keep_with=note[-1:]))
        return items

    info = PdfInfo(
        title=f"Báo cáo {title_line(data).lower()} — {data.scope.name}",
        subject=f"Tiêu chuẩn {STANDARD} — {data.catalogue.code}",
        author=nfc(letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(data.scope.code, str(data.year), data.catalogue.code),
    )
    banner = Banner(provisional_parts=data.catalogue.provisional_parts, demo=data.demo)
    return build_pdf(story, info, banner)
