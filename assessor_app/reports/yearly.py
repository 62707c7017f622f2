"""The yearly report on the plan of a district or the province, as one PDF: "BÁO CÁO Kết quả thực
hiện kế hoạch xây dựng xã, phường, thị trấn phù hợp với trẻ em năm …", the report the plan asks of
the districts (to the province by 30 November) and of the province (to the ministry by 10
December).

Sections: I. the result of the year against the target in force (the summary's figures);
II. the communes planned for the year and whether each reached the standard; III. the budget by
source, planned and spent, and the whole plan's; IV. the reports due (only when the data carries
them); then the communes left out with the reason; last, for a province's year before the 2025
reform, its results in the units of 1 July 2025 (reports/yearly_rollup.py). The header, the
recipients and the signature are the summary's frame (Nghị định 30/2020/NĐ-CP, `layout`); the number and the date follow its rules.

`render_yearly(data)` is pure: the same `YearlyData` gives the same bytes.
"""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.layout import (
    TEXT_WIDTH,
    Styles,
    closing_block,
    heading,
    para,
    title_block,
)
from assessor_app.reports.layout_header import AdminHeader
from assessor_app.reports.layout_pages import Banner, PageState, PdfInfo, SectionStart, build_pdf
from assessor_app.reports.summary_model import (
    SECONDARY_NOTE,
    STANDARD,
    cites_national_target,
    target_basis,
    target_text,
)
from assessor_app.reports.summary_narrative import area, target_gap
from assessor_app.reports.summary_tables import Cell, Column, excluded_table, text_table
from assessor_app.reports.yearly_model import (
    BudgetLine,
    PlannedOutcome,
    YearlyData,
    yearly_title,
)
from assessor_app.reports.yearly_rollup import rollup_section
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, numbers
from assessor_app.texts.documents import in_sentence, place_date

NONE = "—"


def _money(amount: int | None) -> str:
    return NONE if amount is None else numbers.number(amount, PAPER)


def _opening(data: YearlyData) -> str:
    summary = data.summary
    issuer = nfc(summary.letter.issuer.name).replace("\n", " ")
    plan = summary.plan.citation if summary.plan is not None else f"{summary.catalogue.legal_basis}"
    return (
        f"Thực hiện {plan}, {issuer} báo cáo kết quả thực hiện kế hoạch xây dựng {STANDARD} năm "
        f"{data.year} trên địa bàn {in_sentence(summary.scope.name)} như sau:"
    )


def _target_sentence(data: YearlyData) -> str:
    target = data.target
    if target is None:
        return f"Chưa có chỉ tiêu phấn đấu áp dụng cho năm {data.year}."
    share = numbers.share(data.recognised, data.summary.units_total, PAPER)
    # The same words as the summary's (summary_narrative.target_gap): a target due in a later
    # year is a gap still to close, not a failure yet.
    gap = target_gap(data.summary)
    return (
        f"Chỉ tiêu áp dụng cho năm {data.year}: {target_text(target)}, theo "
        f"{target_basis(target, data.summary.plan)}. Tỷ lệ năm {data.year} ({share}) {gap}."
    )


def _result(data: YearlyData, st: Styles) -> list[Flowable]:
    summary = data.summary
    total = summary.units_total
    items: list[Flowable] = [
        *heading("I. KẾT QUẢ ĐÁNH GIÁ, CÔNG NHẬN", st),
        para(
            f"Toàn {area(summary)} có {numbers.number(total, PAPER)} đơn vị hành chính cấp xã; "
            f"{numbers.number(data.assessed, PAPER)} đơn vị có kết quả đánh giá; "
            f"{numbers.number(data.recognised, PAPER)} đơn vị đạt tiêu chuẩn {STANDARD}, bằng "
            f"{numbers.share(data.recognised, total, PAPER)} tổng số đơn vị.",
            st.body,
        ),
    ]
    decision = summary.decision
    if decision is not None:
        items.append(
            para(
                f"{decision.issuer} đã ban hành Quyết định số {decision.number} ngày "
                f"{dates.day(decision.day)} công nhận {numbers.number(decision.recognised, PAPER)} "
                f"đơn vị đạt tiêu chuẩn năm {data.year}.",
                st.body,
            )
        )
    if total:
        items.append(para(_target_sentence(data), st.body))
    return items


def _left_out(data: YearlyData, number: str, st: Styles) -> list[Flowable]:
    excluded = data.summary.excluded
    items: list[Flowable] = heading(f"{number}. ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP VÀ LÝ DO", st)
    if not excluded:
        return [*items, para("Tất cả các đơn vị đều được tổng hợp.", st.body)]
    return [*items, excluded_table(excluded, st)]


def _planned(data: YearlyData, st: Styles) -> list[Flowable]:
    title = f"II. CÁC ĐƠN VỊ PHẤN ĐẤU ĐẠT TIÊU CHUẨN NĂM {data.year} THEO KẾ HOẠCH"
    items: list[Flowable] = heading(title, st)
    if not data.planned:
        return [
            *items,
            para(
                f"Kế hoạch năm {data.year} chưa xác định danh sách đơn vị phấn đấu đạt tiêu chuẩn.",
                st.body,
            ),
        ]
    items.append(
        para(
            f"Kế hoạch năm {data.year} xác định {numbers.number(len(data.planned), PAPER)} đơn vị "
            f"phấn đấu đạt tiêu chuẩn; {numbers.number(data.made_it, PAPER)} đơn vị đã đạt.",
            st.body,
        )
    )
    columns = [
        Column("STT", 10 * mm, centred=True),
        Column("Mã đơn vị", 20 * mm, centred=True),
        Column("Tên đơn vị", 50 * mm),
        Column("Kết quả", 30 * mm, centred=True),
    ]
    columns.append(Column("Ghi chú", TEXT_WIDTH - sum(c.width for c in columns)))
    rows: list[list[str | Cell]] = [
        [
            str(index),
            c.code,
            c.name,
            Cell(c.outcome_text, bold=c.outcome is PlannedOutcome.RECOGNISED),
            c.why,
        ]
        for index, c in enumerate(data.planned, start=1)
    ]
    return [*items, text_table(columns, rows, st)]


def _budget_table(lines: tuple[BudgetLine, ...], st: Styles, spent_label: str) -> Flowable:
    columns = [
        Column("Nguồn kinh phí", 50 * mm),
        Column("Dự kiến (đồng)", 35 * mm, centred=True),
        Column(spent_label, 35 * mm, centred=True),
    ]
    columns.append(Column("Ghi chú", TEXT_WIDTH - sum(c.width for c in columns)))
    rows: list[list[str | Cell]] = [
        [line.fund_text, _money(line.planned), _money(line.spent), line.note] for line in lines
    ]
    planned = [line.planned for line in lines if line.planned is not None]
    spent = [line.spent for line in lines if line.spent is not None]
    rows.append(
        [
            Cell("Tổng cộng", bold=True),
            Cell(_money(sum(planned)) if planned else NONE, bold=True),
            Cell(_money(sum(spent)) if spent else NONE, bold=True),
            "",
        ]
    )
    return text_table(columns, rows, st)


def _budget(data: YearlyData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = heading("III. KINH PHÍ THỰC HIỆN", st)
    year_lines, plan_lines = data.lines_of(whole_plan=False), data.lines_of(whole_plan=True)
    if not year_lines and not plan_lines:
        return [*items, para(f"Chưa có số liệu kinh phí năm {data.year}.", st.body)]
    if plan_lines:
        total = sum(line.planned or 0 for line in plan_lines)
        parts = "; ".join(
            f"{line.fund_text.lower()} {numbers.money(line.planned, PAPER)}"
            for line in plan_lines
            if line.planned is not None
        )
        items += [
            para("1. Kinh phí của kế hoạch", st.heading),
            para(
                f"Tổng kinh phí dự kiến thực hiện kế hoạch: {numbers.money(total, PAPER)} "
                f"(trong đó: {parts}).",
                st.body,
            ),
        ]
        if data.spent_before:
            before = sum(amount for _fund, amount in data.spent_before)
            items.append(
                para(
                    f"Kinh phí đã chi các năm trước năm {data.year}: {numbers.money(before, PAPER)}.",
                    st.body,
                )
            )
    label = para(f"{'2' if plan_lines else '1'}. Kinh phí năm {data.year}", st.heading)
    if not year_lines:
        return [*items, label, para(f"Chưa có số liệu kinh phí năm {data.year}.", st.body)]
    table = _budget_table(year_lines, st, f"Đã chi năm {data.year} (đồng)")
    return [*items, KeepTogether([label, table])]


UNVERIFIED_DEADLINE = (
    "(*) Thời hạn chưa được đối chiếu với văn bản quy định (giá trị mặc định hoặc theo nguồn thứ "
    "cấp); cơ quan báo cáo cần kiểm tra lại."
)


def _deadlines(data: YearlyData, st: Styles) -> list[Flowable]:
    if data.deadlines is None:
        return []
    items: list[Flowable] = heading("IV. TIẾN ĐỘ GỬI BÁO CÁO", st)
    if not data.deadlines:
        return [*items, para("Không có báo cáo đến hạn.", st.body)]
    items.append(para(f"{data.deadline_report} năm {data.year}:", st.body))
    columns = [
        Column("STT", 10 * mm, centred=True),
        Column("Đơn vị báo cáo, nơi nhận", 70 * mm),
        Column("Thời hạn", 25 * mm, centred=True),
        Column("Đã gửi", 25 * mm, centred=True),
    ]
    columns.append(Column("Ghi chú", TEXT_WIDTH - sum(c.width for c in columns)))
    rows: list[list[str | Cell]] = [
        [
            str(index),
            item.what,
            dates.day(item.due) + ("" if item.verified else " (*)"),
            item.sent_text,
            item.note,
        ]
        for index, item in enumerate(data.deadlines, start=1)
    ]
    items.append(text_table(columns, rows, st))
    if not all(item.verified for item in data.deadlines):
        items.append(para(UNVERIFIED_DEADLINE, st.body))
    return items


def _notes(data: YearlyData, st: Styles) -> list[Flowable]:
    summary = data.summary
    notes: list[str] = []
    if cites_national_target(data.year, (), summary.targets):
        notes.append(SECONDARY_NOTE)
    if summary.catalogue.provisional_parts:
        notes.append(
            "Bộ tiêu chí có nội dung tạm tính, chưa đối chiếu được với văn bản chính thức; kết quả "
            "chỉ có giá trị chính thức khi các giá trị này được thay bằng giá trị trong văn bản "
            f"chính thức. Các phần tạm tính: {'; '.join(summary.catalogue.provisional_parts)}."
        )
    return [para(note, st.note) for note in notes]


def render_yearly(data: YearlyData) -> bytes:
    """The yearly report as PDF bytes (A4, Liberation Serif embedded, deterministic)."""
    summary = data.summary
    letter = summary.letter

    def story(state: PageState, st: Styles) -> list[Flowable]:
        items: list[Flowable] = [
            SectionStart(state, "bao-cao", "Báo cáo"),
            AdminHeader(letter.issuer, letter.number, place_date(letter.place, letter.date)),
            *title_block("Báo cáo", yearly_title(data), letter.addressee, st),
            para(_opening(data), st.body),
        ]
        items += _result(data, st)
        items += _planned(data, st)
        items += _budget(data, st)
        items += _deadlines(data, st)
        left_out, rolled_up = ("IV", "V") if data.deadlines is None else ("V", "VI")
        items += _left_out(data, left_out, st)
        items += rollup_section(data, rolled_up, st)
        notes = _notes(data, st)
        keep = notes[-1:] if notes else items[-1:]
        items = items + notes[:-1] if notes else items[:-1]
        items.append(closing_block(letter.recipients, letter.signature, st, keep_with=keep))
        return items

    info = PdfInfo(
        title=f"Báo cáo {yearly_title(data).lower()} — {summary.scope.name}",
        subject=f"Kế hoạch xây dựng {STANDARD} — năm {data.year}",
        author=nfc(letter.issuer.name).replace("\n", " "),
        created=summary.created,
        keywords=(summary.scope.code, str(data.year)),
    )
    banner = Banner(provisional_parts=summary.catalogue.provisional_parts, demo=summary.demo)
    return build_pdf(story, info, banner)
