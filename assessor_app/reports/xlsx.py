"""The summary as an Excel workbook (openpyxl), for offices that work on the figures further.

Sheets, each with a title in row 1, a note in row 2 (provisional catalogue, demo data, secondary
targets; its height fits the whole note) and the column headers in row 3 (`HEADER_ROW`), data from
row 4, an STT column first, every cell of the table ruled, a totals row with formulas where a total
means something, and print setup for an office printer (A4 landscape, the header row repeated on
every page, fitted to the page's width):

- "Tổng hợp": the communes summarised — STT, Mã đơn vị, Tên đơn vị, Loại, Tổng điểm, Kết quả,
  Trạng thái (and Huyện when the communes have one); totals: units (COUNTA), recognised (COUNTIF).
- "Danh sách đơn vị": every commune of the scope, summarised or not — STT, Mã đơn vị, Tên đơn
  vị, Huyện (years before the 2025 reform), Tổng điểm, Kết quả (or why it is not summarised).
- "Tiêu chí chưa đạt": STT, Mã tiêu chí, Tên tiêu chí, Số đơn vị chưa đạt (below the pass
  level), Số đơn vị chưa đạt điểm tối đa; totals: =SUM (instances).
- "Xu hướng": STT, Năm, Số đơn vị, Số được đánh giá, Số đạt, Tỷ lệ đạt (%), Chỉ tiêu (%), Chỉ
  tiêu đến năm, Bộ tiêu chuẩn, Ghi chú (where a new series starts: another standard or another
  number of units).
- "Chưa tổng hợp": STT, Mã đơn vị, Tên đơn vị, Lý do.

Codes are text cells (format "@"), so "06400" keeps its leading zero. The bytes are deterministic:
the document properties carry `data.created`, and every zip entry the same time stamp.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.layout import DEMO_BANNER, PROVISIONAL_BANNER
from assessor_app.reports.summary_model import (
    SECONDARY_NOTE,
    SummaryData,
    break_text,
    cites_national_target,
    series_breaks,
    target_for,
    title_line,
)
from assessor_app.texts import dates, numbers
from assessor_app.texts.documents import DISTRICT_COLUMN

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4

SHEET_COMMUNES = "Tổng hợp"
SHEET_UNITS = "Danh sách đơn vị"
SHEET_SHORTFALLS = "Tiêu chí chưa đạt"
SHEET_TREND = "Xu hướng"
SHEET_EXCLUDED = "Chưa tổng hợp"

STT = "STT"
COMMUNE_HEADERS = (STT, "Mã đơn vị", "Tên đơn vị", "Loại", "Tổng điểm", "Kết quả", "Trạng thái")
UNIT_HEADERS = (STT, "Mã đơn vị", "Tên đơn vị", DISTRICT_COLUMN, "Tổng điểm", "Kết quả")
SHORTFALL_HEADERS = (
    STT,
    "Mã tiêu chí",
    "Tên tiêu chí",
    "Số đơn vị chưa đạt",
    "Số đơn vị chưa đạt điểm tối đa",
)
TREND_HEADERS = (
    STT,
    "Năm",
    "Số đơn vị",
    "Số được đánh giá",
    "Số đạt",
    "Tỷ lệ đạt (%)",
    "Chỉ tiêu (%)",
    "Chỉ tiêu đến năm",
    "Bộ tiêu chuẩn",
    "Ghi chú",
)
EXCLUDED_HEADERS = (STT, "Mã đơn vị", "Tên đơn vị", "Lý do")
TOTAL_LABEL = "Tổng cộng"
LABEL_COLUMN = 3  # the totals row's label goes under the names (every table's third column)

TEXT = "@"
LINE_HEIGHT = 15.0  # points per line of 11 pt text
_BOLD = Font(name="Times New Roman", bold=True)
_TITLE = Font(name="Times New Roman", bold=True, size=13)
_NOTE = Font(name="Times New Roman", italic=True, color="9C0006")
_BODY = Font(name="Times New Roman")
_HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def note_text(data: SummaryData) -> str:
    """Row 2 of every sheet: the demo, provisional and secondary-target warnings (empty when none
    applies)."""
    notes = []
    if data.demo:
        notes.append(DEMO_BANNER + ".")
    parts = data.catalogue.provisional_parts
    if parts:
        notes.append(f"{PROVISIONAL_BANNER} — các phần tạm tính: {'; '.join(parts)}.")
    if cites_national_target(data.year, (p.year for p in data.trend), data.targets):
        notes.append(SECONDARY_NOTE)
    return " ".join(notes)


def lines_needed(value: object, width: float) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide (Excel's width
    unit is about one digit; Vietnamese text runs a little wider, hence the margin)."""
    if value is None:
        return 1
    chars = max(int(width * 0.95) - 1, 1)
    return sum(max(1, math.ceil(len(part) / chars)) for part in str(value).split("\n"))


@dataclass(frozen=True)
class Table:
    """One sheet: its name, title, headers, rows, column widths (characters), the columns whose
    cells are text codes or wrapped text, number formats, and the totals row (column → formula
    template with {first} and {last} data rows, or a text)."""

    name: str
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    widths: Sequence[int]
    text_columns: Sequence[int] = ()
    wrapped: Sequence[int] = ()
    formats: dict[int, str] = field(default_factory=dict)
    totals: dict[int, tuple[str, str]] = field(default_factory=dict)  # column → (formula, format)
    note: str = ""  # this sheet's own note, after the workbook's


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True


def _title_and_note(sheet: Worksheet, table: Table, note: str) -> None:
    last = get_column_letter(len(table.headers))
    sheet.cell(TITLE_ROW, 1, nfc(table.title)).font = _TITLE
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    if note:
        cell = sheet.cell(NOTE_ROW, 1, nfc(note))
        cell.font = _NOTE
        cell.alignment = _WRAP
        sheet.merge_cells(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
        lines = lines_needed(note, sum(table.widths))
        sheet.row_dimensions[NOTE_ROW].height = lines * LINE_HEIGHT


def _header(sheet: Worksheet, table: Table) -> None:
    for column, header in enumerate(table.headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, nfc(header))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lines = max(lines_needed(h, w) for h, w in zip(table.headers, table.widths, strict=True))
    sheet.row_dimensions[HEADER_ROW].height = lines * LINE_HEIGHT


def _body(sheet: Worksheet, table: Table) -> None:
    for offset, row in enumerate(table.rows):
        number = FIRST_DATA_ROW + offset
        lines = 1
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = nfc(value)
            cell = sheet.cell(number, column, value)
            cell.font = _BODY
            cell.border = BORDER
            if column in table.text_columns:
                cell.number_format = TEXT
            elif column in table.formats:
                cell.number_format = table.formats[column]
            if column in table.wrapped:
                cell.alignment = _WRAP
                lines = max(lines, lines_needed(value, table.widths[column - 1]))
            else:
                cell.alignment = Alignment(vertical="top")
        if lines > 1:
            sheet.row_dimensions[number].height = lines * LINE_HEIGHT


def _totals(sheet: Worksheet, table: Table) -> None:
    if not table.totals or not table.rows:
        return
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + len(table.rows) - 1
    number = last + 1
    for column in range(1, len(table.headers) + 1):
        cell = sheet.cell(number, column)
        cell.border = BORDER
        cell.font = _BOLD
    sheet.cell(number, LABEL_COLUMN, TOTAL_LABEL)
    for column, (formula, number_format) in table.totals.items():
        letter = get_column_letter(column)
        cell = sheet.cell(number, column, formula.format(col=letter, first=first, last=last))
        if number_format:
            cell.number_format = number_format


def _sheet(workbook: Workbook, table: Table, note: str) -> Worksheet:
    sheet = workbook.create_sheet(nfc(table.name))
    _title_and_note(sheet, table, note)
    _header(sheet, table)
    _body(sheet, table)
    _totals(sheet, table)
    for column, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    if table.rows:
        end = FIRST_DATA_ROW + len(table.rows) - 1
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(table.headers))}{end}"
    _print_setup(sheet)
    return sheet


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


def _communes(data: SummaryData, heading: str) -> Table:
    with_district = any(c.district for c in data.communes)
    headers = list(COMMUNE_HEADERS) + ([DISTRICT_COLUMN] if with_district else [])
    rows: list[list[Any]] = []
    for index, commune in enumerate(data.communes, start=1):
        row: list[Any] = [
            index,
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
    return Table(
        SHEET_COMMUNES,
        heading,
        headers,
        rows,
        [6, 12, 30, 10, 11, 11, 30] + ([22] if with_district else []),
        text_columns=(2,),
        wrapped=(3, 7, 8),
        totals={
            2: ("=COUNTA({col}{first}:{col}{last})", '0" đơn vị"'),
            6: ('=COUNTIF({col}{first}:{col}{last},"Đạt")', '0" đạt"'),
        },
    )


def _units(data: SummaryData, scope: str) -> Table:
    """Every commune of the scope: its result, or why it is not summarised."""
    entries: list[tuple[str, str, str, int | None, str]] = [
        (c.code, c.name, c.district, c.total, c.verdict) for c in data.communes
    ]
    entries += [
        (e.code, e.name, e.district, None, f"Chưa tổng hợp — {e.reason_text}")
        for e in data.excluded
    ]
    entries.sort(key=lambda entry: entry[0])
    with_district = any(entry[2] for entry in entries)
    headers = [h for h in UNIT_HEADERS if with_district or h != DISTRICT_COLUMN]
    rows = [
        [index, code, name, *([district] if with_district else []), total, result]
        for index, (code, name, district, total, result) in enumerate(entries, start=1)
    ]
    result_column = len(headers)
    return Table(
        SHEET_UNITS,
        f"Danh sách đơn vị hành chính cấp xã và kết quả — {scope}, năm {data.year}",
        headers,
        rows,
        [6, 12, 30] + ([22] if with_district else []) + [11, 45],
        text_columns=(2,),
        wrapped=tuple(range(3, result_column + 1)),
        totals={
            2: ("=COUNTA({col}{first}:{col}{last})", '0" đơn vị"'),
            result_column: ('=COUNTIF({col}{first}:{col}{last},"Đạt")', '0" đạt"'),
        },
    )


def _shortfalls(data: SummaryData, scope: str) -> Table:
    return Table(
        SHEET_SHORTFALLS,
        f"Các tiêu chí chưa đạt nhiều nhất — {scope}, năm {data.year}",
        SHORTFALL_HEADERS,
        [
            [index, s.code, s.title, s.count, s.below_max]
            for index, s in enumerate(data.shortfalls, start=1)
        ],
        [6, 12, 70, 14, 18],
        text_columns=(2,),
        wrapped=(3,),
        # no totals row: a commune short on two criteria would count twice, so a sum of the
        # column counts nothing an office reports
    )


def _trend(data: SummaryData, scope: str) -> Table:
    breaks = series_breaks(data.trend)
    rows: list[list[Any]] = []
    for index, point in enumerate(data.trend):
        target = target_for(point.year, data.targets)
        share = point.share
        rows.append(
            [
                index + 1,
                point.year,
                point.units,
                point.assessed,
                point.recognized,
                float(numbers.rounded(share, 1)) if share is not None else None,
                float(target.percent) if target is not None else None,
                target.year if target is not None else None,
                point.standard,
                break_text(data.trend[index - 1], point) if index in breaks else "",
            ]
        )
    return Table(
        SHEET_TREND,
        f"Tỷ lệ đơn vị đạt tiêu chuẩn theo năm — {scope}",
        TREND_HEADERS,
        rows,
        [6, 8, 10, 12, 10, 12, 11, 12, 22, 50],
        wrapped=(9, 10),
        formats={6: "0.0", 7: "0"},
    )


def _excluded(data: SummaryData, scope: str) -> Table:
    # the district after the name, as in the units' sheet, when the list still had districts
    with_district = any(e.district for e in data.excluded)
    headers = EXCLUDED_HEADERS[:3] + ((DISTRICT_COLUMN,) if with_district else ()) + ("Lý do",)
    rows = [
        [index, e.code, e.name, *([e.district] if with_district else []), e.reason_text]
        for index, e in enumerate(data.excluded, start=1)
    ]
    return Table(
        SHEET_EXCLUDED,
        f"Đơn vị chưa được tổng hợp và lý do — {scope}, năm {data.year}",
        headers,
        rows,
        [6, 12, 30, *([22] if with_district else []), 70],
        text_columns=(2,),
        wrapped=(3, 4, 5) if with_district else (3, 4),
        totals={2: ("=COUNTA({col}{first}:{col}{last})", '0" đơn vị"')},
    )


def summary_xlsx(data: SummaryData) -> bytes:
    """The workbook's bytes (deterministic for the same `data`)."""
    scope = nfc(data.scope.name)
    heading = f"{title_line(data)} — {scope} (lập ngày {dates.day(data.created.date())})"
    tables = (
        _communes(data, heading),
        _units(data, scope),
        _shortfalls(data, scope),
        _trend(data, scope),
        _excluded(data, scope),
    )
    return workbook_bytes(tables, note_text(data), heading, data.created)


def workbook_bytes(tables: Sequence[Table], note: str, title: str, moment: datetime) -> bytes:
    """A workbook of `tables` (one sheet each, `note` in row 2 of every sheet) as deterministic
    bytes: the document properties and every zip entry carry `moment`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _sheet(workbook, table, " ".join(text for text in (note, table.note) if text))

    created = moment.replace(tzinfo=None, microsecond=0)
    properties = workbook.properties
    properties.created = created
    properties.modified = created
    properties.creator = "assessor_app"
    properties.lastModifiedBy = "assessor_app"
    properties.title = nfc(title)
    properties.language = "vi-VN"

    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with the clock
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _rezip(buffer.getvalue(), created)
