"""The yearly report on the plan as an Excel workbook, laid out as the summary's workbook
(reports/xlsx.py: title, note, headers in row 3, ruled cells, print setup, deterministic bytes):
- "Kết quả": the year's figures — Chỉ số, Giá trị (communes, assessed, recognised, share,
  target in force, whether met; planned communes and how many made it).
- "Kế hoạch đạt chuẩn": STT, Mã đơn vị, Tên đơn vị, Kết quả, Ghi chú.
- "Kinh phí": STT, Năm, Nguồn kinh phí, Dự kiến (đồng), Đã chi (đồng), Ghi chú; totals by =SUM.
- "Chưa tổng hợp": STT, Mã đơn vị, Tên đơn vị, Lý do.
- "Tiến độ báo cáo" (only when the data carries the deadlines): STT, Nội dung, Thời hạn, Đã gửi,
  Ghi chú.
- "Quy đổi đơn vị 2025" and "Xã cũ chưa quy đổi" (only a province's year before the 2025 reform,
  reports/yearly_rollup.py): STT, Mã đơn vị, Tên đơn vị, Số xã cũ, Có kết quả đánh giá, Đạt
  chuẩn, Tỷ lệ đạt (%), Ghi chú ("Chưa xác minh"); the old communes the merge table cannot place:
  STT, Mã đơn vị, Tên đơn vị, Kết quả, Ghi chú. The rule is stated in the sheet's note.
"""

from __future__ import annotations

from typing import Any

from assessor_app.domain.text import nfc
from assessor_app.reports.summary_model import target_text
from assessor_app.reports.xlsx import STT, Table, note_text, workbook_bytes
from assessor_app.reports.yearly_model import RolledUp, YearlyData, yearly_title
from assessor_app.reports.yearly_rollup import REFORM_ROUND, unit_note
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, numbers
from assessor_app.texts.unit_merges import merge_round_day, rollup_rule

SHEET_RESULT = "Kết quả"
SHEET_PLANNED = "Kế hoạch đạt chuẩn"
SHEET_BUDGET = "Kinh phí"
SHEET_EXCLUDED = "Chưa tổng hợp"
SHEET_DEADLINES = "Tiến độ báo cáo"
SHEET_ROLLUP = "Quy đổi đơn vị 2025"
SHEET_UNPLACED = "Xã cũ chưa quy đổi"
MONEY = "#,##0"
WHOLE_PLAN = "Cả kế hoạch"


def _result(data: YearlyData, heading: str) -> Table:
    target = data.target
    share = data.share
    rows: list[list[Any]] = [
        [1, "Số đơn vị hành chính cấp xã", data.summary.units_total],
        [2, "Số đơn vị có kết quả đánh giá", data.assessed],
        [3, "Số đơn vị đạt tiêu chuẩn", data.recognised],
        [4, "Tỷ lệ đạt (%)", float(numbers.rounded(share, 1)) if share is not None else None],
        [5, "Chỉ tiêu áp dụng", target_text(target) if target else "Chưa có chỉ tiêu"],
        [6, "Đạt chỉ tiêu", "—" if data.met is None else ("Đạt" if data.met else "Chưa đạt")],
        [7, "Số đơn vị phấn đấu đạt chuẩn theo kế hoạch", len(data.planned)],
        [8, "Số đơn vị theo kế hoạch đã đạt", data.made_it],
    ]
    return Table(SHEET_RESULT, heading, (STT, "Chỉ số", "Giá trị"), rows, (6, 48, 28), wrapped=(2,))


def _planned(data: YearlyData, scope: str) -> Table:
    rows = [
        [index, c.code, c.name, c.outcome_text, c.why]
        for index, c in enumerate(data.planned, start=1)
    ]
    return Table(
        SHEET_PLANNED,
        f"Các đơn vị phấn đấu đạt tiêu chuẩn năm {data.year} theo kế hoạch — {scope}",
        (STT, "Mã đơn vị", "Tên đơn vị", "Kết quả", "Ghi chú"),
        rows,
        (6, 12, 30, 16, 48),
        text_columns=(2,),
        wrapped=(5,),
        totals={4: ('=COUNTIF({col}{first}:{col}{last},"Đạt")', "")},
    )


def _budget(data: YearlyData, scope: str) -> Table:
    rows = [
        [
            index,
            WHOLE_PLAN if line.year is None else line.year,
            line.fund_text,
            line.planned,
            line.spent,
            line.note,
        ]
        for index, line in enumerate(data.budget, start=1)
    ]
    return Table(
        SHEET_BUDGET,
        f"Kinh phí thực hiện kế hoạch năm {data.year} — {scope}",
        (STT, "Năm", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)", "Ghi chú"),
        rows,
        (6, 12, 26, 18, 18, 40),
        wrapped=(6,),
        formats={4: MONEY, 5: MONEY},
    )


def _excluded(data: YearlyData, scope: str) -> Table:
    rows = [
        [index, e.code, e.name, e.reason_text]
        for index, e in enumerate(data.summary.excluded, start=1)
    ]
    return Table(
        SHEET_EXCLUDED,
        f"Đơn vị chưa được tổng hợp năm {data.year} — {scope}",
        (STT, "Mã đơn vị", "Tên đơn vị", "Lý do"),
        rows,
        (6, 12, 30, 60),
        text_columns=(2,),
        wrapped=(4,),
    )


def _deadlines(data: YearlyData, scope: str) -> Table:
    rows = [
        [
            index,
            item.what,
            dates.day(item.due),
            item.sent_text,
            item.note,
        ]
        for index, item in enumerate(data.deadlines or (), start=1)
    ]
    return Table(
        SHEET_DEADLINES,
        f"Tiến độ báo cáo năm {data.year} — {scope}: {data.deadline_report}",
        (STT, "Đơn vị báo cáo, nơi nhận", "Thời hạn", "Đã gửi", "Ghi chú"),
        rows,
        (6, 50, 14, 14, 36),
        wrapped=(2, 5),
    )


def _rollup(data: YearlyData, rollup: RolledUp, scope: str) -> list[Table]:
    day = merge_round_day(REFORM_ROUND)
    rows = [
        [
            index,
            unit.code,
            unit.name,
            unit.old_communes,
            unit.assessed,
            unit.recognised,
            float(numbers.rounded(unit.share, 1)) if unit.share is not None else None,
            unit_note(unit),
        ]
        for index, unit in enumerate(rollup.units, start=1)
    ]
    units = Table(
        SHEET_ROLLUP,
        f"Kết quả năm {data.year} quy đổi theo đơn vị hành chính cấp xã từ ngày {day} — {scope}",
        (
            STT,
            "Mã đơn vị",
            "Tên đơn vị",
            "Số xã cũ",
            "Có kết quả đánh giá",
            "Đạt chuẩn",
            "Tỷ lệ đạt (%)",
            "Ghi chú",
        ),
        rows,
        (6, 12, 30, 10, 14, 11, 12, 24),
        text_columns=(2,),
        wrapped=(8,),
        note=rollup_rule(PAPER)
        + " Danh sách sắp xếp đơn vị lấy từ nguồn thứ cấp; “Chưa xác minh”: đơn vị có xã cũ chưa "
        "được đối chiếu, xác nhận với văn bản chính thức.",
    )
    unplaced = Table(
        SHEET_UNPLACED,
        f"Xã cũ chưa xác định được đơn vị tiếp nhận từ ngày {day} — {scope}",
        (STT, "Mã đơn vị", "Tên đơn vị", "Kết quả", "Ghi chú"),
        [
            [index, item.code, item.name, item.outcome_text, item.why]
            for index, item in enumerate(rollup.unplaced, start=1)
        ],
        (6, 12, 30, 16, 48),
        text_columns=(2,),
        wrapped=(5,),
    )
    return [units, unplaced]


def yearly_xlsx(data: YearlyData) -> bytes:
    """The workbook's bytes (deterministic for the same `data`)."""
    summary = data.summary
    scope = nfc(summary.scope.name)
    heading = f"{yearly_title(data)} — {scope} (lập ngày {dates.day(summary.created.date())})"
    tables = [
        _result(data, heading),
        _planned(data, scope),
        _budget(data, scope),
        _excluded(data, scope),
    ]
    if data.deadlines is not None:
        tables.append(_deadlines(data, scope))
    if data.rollup is not None:
        tables += _rollup(data, data.rollup, scope)
    return workbook_bytes(tables, note_text(summary), heading, summary.created)


__all__ = ["yearly_xlsx"]
