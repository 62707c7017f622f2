"""The summary report of a district or the province for one evaluation year, as one PDF:
"BÁO CÁO Kết quả xây dựng xã, phường, thị trấn phù hợp với trẻ em năm …".

Sections: I. the result: 1. overall, against the target in force for the year; 2. every commune;
3. the trend by year with a bar chart (each year's target marked, a break where the standard or
the number of units changed); 4. the criteria communes most often do not meet (below the pass level
the catalogue's recognition conditions set) with a chart; 5. the communes left out and why. Then in
words (the office's text, else drafted from the data: `summary_narrative`): II. đánh giá chung;
III. tồn tại, hạn chế and nguyên nhân; IV. phương hướng; V. kiến nghị; VI. a note on the catalogue
and the targets. The header, the recipients and the signature follow Nghị định 30/2020/NĐ-CP
(`layout`).

`render_summary(data)` is pure: the same `SummaryData` gives the same bytes. `xlsx.summary_xlsx`
writes the same data as a workbook.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
)

from assessor_app.domain.text import nfc
from assessor_app.reports.charts import SharePoint, share_chart, shortfall_chart
from assessor_app.reports.layout import (
    INK,
    TEXT_WIDTH,
    Styles,
    closing_block,
    grid_table,
    header_cell,
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
    DEFAULT_TARGETS as DEFAULT_TARGETS,
    NATIONAL_TARGETS as NATIONAL_TARGETS,
    PLAN_TARGETS as PLAN_TARGETS,
    SECONDARY_NOTE,
    STANDARD as STANDARD,
    CommuneResult as CommuneResult,
    Exclusion as Exclusion,
    ExclusionReason as ExclusionReason,
    Narrative as Narrative,
    PlanInfo as PlanInfo,
    Scope as Scope,
    ScopeLevel as ScopeLevel,
    Shortfall as Shortfall,
    SummaryData as SummaryData,
    Target as Target,
    TargetSource as TargetSource,
    TrendPoint as TrendPoint,
    break_text,
    cites_national_target,
    series_breaks,
    target_basis,
    target_for as target_for,
    target_text,
    targets_text as targets_text,
    title_line as title_line,
)
from assessor_app.reports.summary_narrative import area, filled, paragraphs, target_gap
from assessor_app.reports.summary_tables import Cell, Column, excluded_table, text_table
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, numbers
from assessor_app.texts.documents import DISTRICT_COLUMN, criterion_words, in_sentence, place_date


def _opening(data: SummaryData) -> list[str]:
    if data.letter.body:
        return list(data.letter.body)
    issuer = nfc(data.letter.issuer.name).replace("\n", " ")
    plan = f" và {data.plan.citation}" if data.plan is not None else ""
    return [
        f"Thực hiện {data.catalogue.legal_basis}{plan}, {issuer} báo cáo kết quả đánh giá, công "
        f"nhận {STANDARD} năm {data.year} trên địa bàn {in_sentence(data.scope.name)} như sau:"
    ]


def _target_paragraph(data: SummaryData) -> str:
    target = target_for(data.year, data.targets)
    if target is None:
        return (
            f"Chưa có chỉ tiêu phấn đấu áp dụng cho năm {data.year} (các chỉ tiêu đã nhập: "
            f"{targets_text(data.targets) or 'không có'})."
        )
    share = numbers.share(data.recognized, data.units_total, PAPER)
    return (
        f"Chỉ tiêu áp dụng cho năm {data.year}: {target_text(target)}, theo "
        f"{target_basis(target, data.plan)}. Tỷ lệ năm {data.year} ({share}) {target_gap(data)}."
    )


def _overall(data: SummaryData, st: Styles) -> list[Flowable]:
    assessed = len(data.communes)
    recognised = data.recognized
    items: list[Flowable] = [
        *heading("I. KẾT QUẢ ĐÁNH GIÁ, CÔNG NHẬN", st),
        para("1. Kết quả chung", st.heading),
        para(
            f"Toàn {area(data)} có {numbers.number(data.units_total, PAPER)} đơn vị hành chính cấp xã; "
            f"{numbers.number(assessed, PAPER)} đơn vị có kết quả đánh giá được tổng hợp trong báo cáo này; "
            f"{numbers.number(len(data.excluded), PAPER)} đơn vị chưa được tổng hợp (mục I.5).",
            st.body,
        ),
        para(
            f"Số đơn vị đạt tiêu chuẩn {STANDARD}: {numbers.number(recognised, PAPER)} đơn vị, bằng "
            f"{numbers.share(recognised, data.units_total, PAPER)} tổng số đơn vị của {area(data)} "
            f"({numbers.share(recognised, assessed, PAPER)} số đơn vị được tổng hợp); chưa đạt: "
            f"{numbers.number(assessed - recognised, PAPER)} đơn vị.",
            st.body,
        ),
    ]
    items.append(para(_decision_paragraph(data), st.body))
    if data.units_total:
        items.append(para(_target_paragraph(data), st.body))
    return items


def _decision_paragraph(data: SummaryData) -> str:
    """The year's recognition decision, cited by its number and date (or that there is none)."""
    decision = data.decision
    if decision is None:
        return f"Chưa có quyết định công nhận năm {data.year}."
    said = (
        f"{decision.issuer} đã ban hành Quyết định số {decision.number} ngày "
        f"{dates.day(decision.day)} công nhận {numbers.number(decision.recognised, PAPER)} đơn vị "
        f"đạt tiêu chuẩn {STANDARD} năm {data.year}"
    )
    if decision.revoked:
        said += (
            f"; {numbers.number(decision.revoked, PAPER)} đơn vị trong số đó "
            "đã bị thu hồi quyết định công nhận"
        )
    return said + "."


def _commune_table(data: SummaryData, st: Styles) -> list[Flowable]:
    title = "2. Kết quả theo đơn vị"
    if not data.communes:
        return [*heading(title, st), para("Chưa có kết quả.", st.body)]
    with_district = any(c.district for c in data.communes) and (
        data.scope.level is ScopeLevel.PROVINCE
    )
    columns = [Column("STT", 10 * mm, centred=True), Column("Mã đơn vị", 17 * mm, centred=True)]
    if with_district:
        columns += [Column("Tên đơn vị", 36 * mm), Column(DISTRICT_COLUMN, 30 * mm)]
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
    return [*heading(title, st), text_table(columns, rows, st)]


_TREND_WIDTHS = [20 * mm, 25 * mm, 28 * mm, 28 * mm, 26 * mm, 38 * mm]


def _trend_rows(data: SummaryData, st: Styles) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """The trend table's rows, a spanning row in italics where a new series starts."""
    labels = ("Năm", "Số đơn vị", "Được đánh giá", "Đạt tiêu chuẩn", "Tỷ lệ đạt", "Chỉ tiêu")
    rows: list[list[Any]] = [[header_cell(label, st) for label in labels]]
    extra: list[tuple[Any, ...]] = []
    breaks = series_breaks(data.trend)
    for index, point in enumerate(data.trend):
        if index in breaks:
            row = len(rows)
            rows.append([para(break_text(data.trend[index - 1], point), st.note)] + [""] * 5)
            extra += [("SPAN", (0, row), (-1, row)), ("LINEABOVE", (0, row), (-1, row), 1.5, INK)]
        target = target_for(point.year, data.targets)
        rows.append(
            [
                para(str(point.year), st.cell_center),
                para(numbers.number(point.units, PAPER), st.cell_center),
                para(numbers.number(point.assessed, PAPER), st.cell_center),
                para(numbers.number(point.recognized, PAPER), st.cell_center),
                para(numbers.share(point.recognized, point.units, PAPER), st.cell_center),
                para(target_text(target) if target else "—", st.cell_center),
            ]
        )
    return rows, extra


def _trend(data: SummaryData, st: Styles) -> list[Flowable]:
    if not data.trend:
        return []
    points = []
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
    breaks = series_breaks(data.trend)
    note = (
        "Biểu đồ 1. Tỷ lệ đơn vị cấp xã đạt tiêu chuẩn theo năm (trên tổng số đơn vị của năm "
        "đó); vạch đỏ: chỉ tiêu áp dụng cho năm đó."
    )
    if breaks:
        note += (
            " Vạch đứng nét đứt ngăn các giai đoạn không so sánh trực tiếp được (đổi bộ tiêu "
            "chuẩn hoặc số đơn vị hành chính): "
            + " ".join(break_text(data.trend[i - 1], data.trend[i]) for i in breaks)
        )
    rows, extra = _trend_rows(data, st)
    return [
        KeepTogether(
            [
                para("3. Xu hướng qua các năm và so sánh với chỉ tiêu", st.heading),
                share_chart(points, TEXT_WIDTH, breaks=breaks),
                para(note, st.note),
            ]
        ),
        Spacer(1, 6),
        grid_table(rows, _TREND_WIDTHS, extra=extra),
    ]


def _shortfalls(data: SummaryData, st: Styles) -> list[Flowable]:
    title = "4. Các tiêu chí chưa đạt nhiều nhất"
    rule = data.shortfall_rule or "không đáp ứng điều kiện công nhận của bộ tiêu chí"
    counted = (
        f"Một đơn vị được tính là chưa đạt một tiêu chí khi tiêu chí đó {rule} (điều kiện công "
        "nhận của bộ tiêu chí); cột cuối ghi số đơn vị chưa đạt điểm tối đa của tiêu chí (bị trừ "
        "điểm nhưng không vì thế mà không được công nhận)."
    )
    if not data.shortfalls:
        return [*heading(title, st), para("Không có tiêu chí nào chưa đạt.", st.body)]
    labels = ("Mã", "Tiêu chí", "Số đơn vị chưa đạt", "Số đơn vị chưa đạt điểm tối đa")
    rows: list[list[Any]] = [[header_cell(label, st) for label in labels]]
    for item in data.shortfalls:
        rows.append(
            [
                para(item.code, st.cell_center),
                para(item.title, st.cell),
                para(numbers.number(item.count, PAPER), st.cell_center),
                para(numbers.number(item.below_max, PAPER), st.cell_center),
            ]
        )
    failing = [s for s in data.shortfalls if s.count]
    items: list[Flowable] = [para(title, st.heading), para(counted, st.body)]
    if failing:
        chart = shortfall_chart(
            [criterion_words(s.code) for s in failing],
            [s.count for s in failing],
            TEXT_WIDTH,
            "Số đơn vị chưa đạt tiêu chí (dưới mức yêu cầu để được công nhận)",
        )
        items += [chart, para("Biểu đồ 2. Các tiêu chí có nhiều đơn vị chưa đạt nhất.", st.note)]
    else:
        items.append(para("Không có đơn vị nào chưa đạt mức yêu cầu của một tiêu chí.", st.body))
    return [
        CondPageBreak(60 * mm),
        KeepTogether(items),
        Spacer(1, 6),
        grid_table(rows, [16 * mm, TEXT_WIDTH - 16 * mm - 52 * mm, 22 * mm, 30 * mm]),
    ]


def _excluded(data: SummaryData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = heading("5. Đơn vị chưa được tổng hợp và lý do", st)
    if not data.excluded:
        return [*items, para("Tất cả các đơn vị đều được tổng hợp.", st.body)]
    return [*items, excluded_table(data.excluded, st)]


def _narrative(data: SummaryData, st: Styles) -> list[Flowable]:
    """II–V: the assessment in words, in the order officials write it."""
    text = filled(data)
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        ("II. ĐÁNH GIÁ CHUNG", [("", text.general)]),
        (
            "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
            [("1. Tồn tại, hạn chế", text.shortcomings), ("2. Nguyên nhân", text.causes)],
        ),
        ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", [("", text.directions)]),
        ("V. KIẾN NGHỊ, ĐỀ XUẤT", [("", text.proposals)]),
    ]
    items: list[Flowable] = []
    for title, parts in sections:
        items += heading(title, st)
        for subtitle, body in parts:
            if subtitle:
                items.append(para(subtitle, st.heading))
            items += [para(paragraph, st.body) for paragraph in paragraphs(body)]
    return items


def _catalogue_note(data: SummaryData, st: Styles) -> list[Flowable]:
    catalogue = data.catalogue
    items: list[Flowable] = [
        *heading("VI. GHI CHÚ VỀ BỘ TIÊU CHÍ VÀ CHỈ TIÊU", st),
        para(f"Kết quả được tính theo tiêu chuẩn quy định tại {catalogue.legal_basis}.", st.body),
    ]
    if cites_national_target(data.year, (p.year for p in data.trend), data.targets):
        items.append(para(SECONDARY_NOTE, st.body))
    if catalogue.provisional_parts:
        items.append(
            para(
                "Bộ tiêu chí có nội dung tạm tính, chưa đối chiếu được với văn bản chính thức; "
                "kết quả chỉ có giá trị chính thức khi các giá trị này được thay bằng giá trị trong "
                f"văn bản chính thức. Các phần tạm tính: {'; '.join(catalogue.provisional_parts)}.",
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
        items += _narrative(data, st)
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
