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
from assessor_app.reports.summary_model import (  # the data, re-exported
    PLAN_TARGETS as PLAN_TARGETS,
    STANDARD as STANDARD,
    CommuneResult as CommuneResult,
    Exclusion as Exclusion,
    ExclusionReason as ExclusionReason,
    Scope as Scope,
    ScopeLevel as ScopeLevel,
    Shortfall as Shortfall,
    SummaryData as SummaryData,
    Target as Target,
    TrendPoint as TrendPoint,
    target_for as target_for,
    targets_text as targets_text,
    title_line as title_line,
)
from assessor_app.reports.summary_tables import Cell, Column, text_table
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.documents import in_sentence, place_date


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
    if not data.communes:
        return [*heading("II. KẾT QUẢ THEO ĐƠN VỊ", st), para("Chưa có kết quả.", st.body)]
    with_district = any(c.district for c in data.communes) and (
        data.scope.level is ScopeLevel.PROVINCE
    )
    columns = [Column("STT", 10 * mm, centred=True), Column("Mã đơn vị", 17 * mm, centred=True)]
    if with_district:
        columns += [Column("Tên đơn vị", 36 * mm), Column("Huyện", 30 * mm)]
    else:
        columns += [Column("Tên đơn vị", 58 * mm)]
    columns += [
        Column("Loại", 16 * mm, centred=True),
        Column("Tổng điểm", 17 * mm, centred=True),
        Column("Kết quả", 18 * mm, centred=True),
    ]
    columns.append(Column("Trạng thái", TEXT_WIDTH - sum(c.width for c in columns)))
    rows: list[list[str | Cell]] = []
    for index, commune in enumerate(data.communes, start=1):
        row: list[str | Cell] = [str(index), commune.code, commune.name]
        if with_district:
            row.append(commune.district)
        row += [
            commune.unit_type,
            "—" if commune.total is None else numbers.number(commune.total, PAPER),
            Cell(commune.verdict, bold=commune.recognized),
            commune.status,
        ]
        rows.append(row)
    return [*heading("II. KẾT QUẢ THEO ĐƠN VỊ", st), text_table(columns, rows, st)]


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
    columns = [
        Column("STT", 10 * mm, centred=True),
        Column("Mã đơn vị", 20 * mm, centred=True),
        Column("Tên đơn vị", 45 * mm),
        Column("Lý do", TEXT_WIDTH - 75 * mm),
    ]
    rows: list[list[str | Cell]] = [
        [str(index), item.code, item.name, item.reason_text]
        for index, item in enumerate(data.excluded, start=1)
    ]
    return [*items, text_table(columns, rows, st)]


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
