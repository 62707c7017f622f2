"""The summary as an Excel workbook (openpyxl), for offices that work on the figures further.

Sheets, each with a title in row 1, a note in row 2 (provisional catalogue, demo data) and the
column headers in row 3 (`HEADER_ROW`), data from row 4:

- "Tổng hợp": every commune — Mã đơn vị, Tên đơn vị, Loại, Tổng điểm, Kết quả, Trạng thái (and
  Huyện when the communes have one).
- "Tiêu chí chưa đạt": Mã tiêu chí, Tên tiêu chí, Số đơn vị chưa đạt.
- "Xu hướng": Năm, Số đơn vị, Số được đánh giá, Số đạt, Tỷ lệ đạt (%), Chỉ tiêu (%).
- "Chưa tổng hợp": Mã đơn vị, Tên đơn vị, Lý do.

Codes are text cells (format "@"), so "06400" keeps its leading zero. The bytes are deterministic:
the document properties carry `data.created`, and every zip entry the same time stamp.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.layout import DEMO_BANNER, PROVISIONAL_BANNER
from assessor_app.reports.summary_model import SummaryData, target_for, title_line
from assessor_app.texts import dates, numbers

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4

SHEET_COMMUNES = "Tổng hợp"
SHEET_SHORTFALLS = "Tiêu chí chưa đạt"
SHEET_TREND = "Xu hướng"
SHEET_EXCLUDED = "Chưa tổng hợp"

COMMUNE_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Loại", "Tổng điểm", "Kết quả", "Trạng thái")
SHORTFALL_HEADERS = ("Mã tiêu chí", "Tên tiêu chí", "Số đơn vị chưa đạt")
TREND_HEADERS = (
    "Năm",
    "Số đơn vị",
    "Số được đánh giá",
    "Số đạt",
    "Tỷ lệ đạt (%)",
    "Chỉ tiêu (%)",
)
EXCLUDED_HEADERS = ("Mã đơn vị", "Tên đơn vị", "Lý do")

TEXT = "@"
_BOLD = Font(name="Times New Roman", bold=True)
_TITLE = Font(name="Times New Roman", bold=True, size=13)
_NOTE = Font(name="Times New Roman", italic=True, color="9C0006")
_BODY = Font(name="Times New Roman")
_HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")


def note_text(data: SummaryData) -> str:
    """Row 2 of every sheet: the demo and provisional warnings (empty when neither applies)."""
    notes = []
    if data.demo:
        notes.append(DEMO_BANNER + ".")
    parts = data.catalogue.provisional_parts
    if parts:
        notes.append(f"{PROVISIONAL_BANNER} — các phần tạm tính: {', '.join(parts)}.")
    return " ".join(notes)


def _sheet(
    workbook: Workbook,
    name: str,
    title: str,
    note: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int],
    text_columns: Sequence[int] = (),
    number_formats: dict[int, str] | None = None,
) -> None:
    sheet = workbook.create_sheet(nfc(name))
    last = get_column_letter(len(headers))
    sheet.cell(TITLE_ROW, 1, nfc(title)).font = _TITLE
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    if note:
        cell = sheet.cell(NOTE_ROW, 1, nfc(note))
        cell.font = _NOTE
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
        sheet.row_dimensions[NOTE_ROW].height = 45
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, nfc(header))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    formats = number_formats or {}
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = nfc(value)
            cell = sheet.cell(FIRST_DATA_ROW + offset, column, value)
            cell.font = _BODY
            if column in text_columns:
                cell.number_format = TEXT
            elif column in formats:
                cell.number_format = formats[column]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    if rows:
        end = FIRST_DATA_ROW + len(rows) - 1
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{end}"


def _stamp(moment: datetime) -> tuple[int, int, int, int, int, int]:
    # zip time stamps start in 1980 and have a two-second resolution
    year = max(moment.year, 1980)
    return (year, moment.month, moment.day, moment.hour, moment.minute, moment.second // 2 * 2)


def _rezip(raw: bytes, moment: datetime) -> bytes:
    """The same entries in the same order, every one with the same time stamp and attributes."""
    stamp = _stamp(moment)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def summary_xlsx(data: SummaryData) -> bytes:
    """The workbook's bytes (deterministic for the same `data`)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    scope = nfc(data.scope.name)
    note = note_text(data)
    heading = f"{title_line(data)} — {scope} (lập ngày {dates.day(data.created.date())})"

    with_district = any(c.district for c in data.communes)
    headers = list(COMMUNE_HEADERS) + (["Huyện"] if with_district else [])
    rows: list[list[Any]] = []
    for commune in data.communes:
        row: list[Any] = [
            commune.code,
            commune.name,
            commune.unit_type,
            commune.total,
            commune.verdict,
            commune.status,
        ]
        if with_district:
            row.append(commune.district)
        rows.append(row)
    _sheet(
        workbook,
        SHEET_COMMUNES,
        heading,
        note,
        headers,
        rows,
        [12, 30, 10, 11, 11, 18] + ([22] if with_district else []),
        text_columns=(1,),
    )
    _sheet(
        workbook,
        SHEET_SHORTFALLS,
        f"Các tiêu chí chưa đạt nhiều nhất — {scope}, năm {data.year}",
        note,
        SHORTFALL_HEADERS,
        [[s.code, s.title, s.count] for s in data.shortfalls],
        [12, 70, 18],
        text_columns=(1,),
    )
    trend_rows: list[list[Any]] = []
    for point in data.trend:
        target = target_for(point.year, data.targets)
        share = point.share
        trend_rows.append(
            [
                point.year,
                point.units,
                point.assessed,
                point.recognized,
                float(numbers.rounded(share, 1)) if share is not None else None,
                float(target.percent) if target is not None else None,
            ]
        )
    _sheet(
        workbook,
        SHEET_TREND,
        f"Tỷ lệ đơn vị đạt tiêu chuẩn theo năm — {scope}",
        note,
        TREND_HEADERS,
        trend_rows,
        [8, 12, 16, 10, 14, 12],
        number_formats={5: "0.0", 6: "0"},
    )
    _sheet(
        workbook,
        SHEET_EXCLUDED,
        f"Đơn vị chưa được tổng hợp và lý do — {scope}, năm {data.year}",
        note,
        EXCLUDED_HEADERS,
        [[e.code, e.name, e.reason_text] for e in data.excluded],
        [12, 30, 70],
        text_columns=(1,),
    )

    created = data.created.replace(tzinfo=None, microsecond=0)
    properties = workbook.properties
    properties.created = created
    properties.modified = created
    properties.creator = "assessor_app"
    properties.lastModifiedBy = "assessor_app"
    properties.title = nfc(heading)
    properties.language = "vi-VN"

    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with the clock
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _rezip(buffer.getvalue(), created)
