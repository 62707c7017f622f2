"""The summary workbook, read back with openpyxl."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from assessor_app.reports.summary import PLAN_TARGETS, ScopeLevel, SummaryData
from assessor_app.reports.xlsx import (
    COMMUNE_HEADERS,
    EXCLUDED_HEADERS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    NOTE_ROW,
    SHEET_COMMUNES,
    SHEET_EXCLUDED,
    SHEET_SHORTFALLS,
    SHEET_TREND,
    SHEET_UNITS,
    SHORTFALL_HEADERS,
    TOTAL_LABEL,
    TREND_HEADERS,
    UNIT_HEADERS,
    lines_needed,
    summary_xlsx,
)
from tests.unit.reports import fixtures


@pytest.fixture(scope="module")
def province() -> SummaryData:
    return fixtures.summary_province_2026()


def rows(sheet: Any, width: int) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_col=width, values_only=True)
    ]


def test_sheets_headers_and_values(province: SummaryData) -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    assert workbook.sheetnames == [
        SHEET_COMMUNES,
        SHEET_UNITS,
        SHEET_SHORTFALLS,
        SHEET_TREND,
        SHEET_EXCLUDED,
    ]
    assert SHEET_COMMUNES == "Tổng hợp"
    assert SHEET_EXCLUDED == "Chưa tổng hợp"

    communes = workbook[SHEET_COMMUNES]
    headers = [c.value for c in communes[HEADER_ROW]]
    assert tuple(headers) == COMMUNE_HEADERS
    assert headers == [
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại",
        "Tổng điểm",
        "Kết quả",
        "Trạng thái",
    ]
    data = rows(communes, len(COMMUNE_HEADERS))[: len(province.communes)]
    assert data == [
        (i, c.code, c.name, c.unit_type, c.total, c.verdict, c.status)
        for i, c in enumerate(province.communes, start=1)
    ]
    first = communes.cell(FIRST_DATA_ROW, 2)
    assert first.value == "06001"
    assert first.data_type == "s"
    assert first.number_format == "@"
    assert all(isinstance(row[1], str) and len(row[1]) == 5 for row in data)
    assert all(isinstance(row[4], int) for row in data)
    assert sum(1 for row in data if row[5] == "Đạt") == province.recognized
    assert "Kết quả xây dựng xã, phường, thị trấn phù hợp với trẻ em năm 2026" in str(
        communes.cell(1, 1).value
    )

    shortfalls = workbook[SHEET_SHORTFALLS]
    assert tuple(c.value for c in shortfalls[HEADER_ROW]) == SHORTFALL_HEADERS
    assert rows(shortfalls, 5)[: len(province.shortfalls)] == [
        (i, s.code, s.title, s.count, s.below_max)
        for i, s in enumerate(province.shortfalls, start=1)
    ]

    trend = workbook[SHEET_TREND]
    assert tuple(c.value for c in trend[HEADER_ROW]) == TREND_HEADERS
    last = rows(trend, 10)[-1]
    assert last[1:5] == (2026, 65, 60, province.recognized)
    assert last[5] == pytest.approx(55.4)
    assert last[6:9] == (75, 2030, "QĐ 06/QĐ-TTg")  # 2026 against 2030's target, not 2020's
    assert last[9] == "Giữa năm 2024 và năm 2026: 65 đơn vị hành chính cấp xã (trước đó 200)."
    years = {row[1]: row for row in rows(trend, 10)}
    assert years[2018][6:8] == (50, 2020)
    assert str(years[2020][9]).startswith("Giữa năm 2018 và năm 2020: đánh giá theo QĐ 06")

    excluded = workbook[SHEET_EXCLUDED]
    assert tuple(c.value for c in excluded[HEADER_ROW]) == EXCLUDED_HEADERS
    assert rows(excluded, 4)[: len(province.excluded)] == [
        (i, e.code, e.name, e.reason_text) for i, e in enumerate(province.excluded, start=1)
    ]
    assert excluded.cell(FIRST_DATA_ROW, 2).number_format == "@"


def test_totals_rows_are_formulas(province: SummaryData) -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    communes = workbook[SHEET_COMMUNES]
    last = FIRST_DATA_ROW + len(province.communes) - 1
    total = last + 1
    assert communes.cell(total, 3).value == TOTAL_LABEL
    assert communes.cell(total, 2).value == f"=COUNTA(B{FIRST_DATA_ROW}:B{last})"
    assert communes.cell(total, 6).value == f'=COUNTIF(F{FIRST_DATA_ROW}:F{last},"Đạt")'
    shortfalls = workbook[SHEET_SHORTFALLS]
    end = FIRST_DATA_ROW + len(province.shortfalls) - 1
    # a commune short on two criteria counts in two rows: a sum would count nothing real
    assert shortfalls.cell(end + 1, 3).value is None
    assert shortfalls.cell(end + 1, 4).value is None
    excluded = workbook[SHEET_EXCLUDED]
    end = FIRST_DATA_ROW + len(province.excluded) - 1
    assert excluded.cell(end + 1, 2).value == f"=COUNTA(B{FIRST_DATA_ROW}:B{end})"


def test_print_setup_and_borders(province: SummaryData) -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(sheet.page_setup.fitToWidth) == 1
        assert int(sheet.page_setup.fitToHeight) == 0
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row):
            for cell in row:
                for side in (
                    cell.border.left,
                    cell.border.right,
                    cell.border.top,
                    cell.border.bottom,
                ):
                    assert side.style == "thin", (sheet.title, cell.coordinate)


def test_row_heights_show_the_whole_note_and_text(province: SummaryData) -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    for sheet in workbook.worksheets:
        note = str(sheet.cell(NOTE_ROW, 1).value)
        width = sum(
            sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ"[: sheet.max_column]
        )
        lines = lines_needed(note, width)
        assert lines >= 3, sheet.title  # the provisional list and the secondary note are long
        assert sheet.row_dimensions[NOTE_ROW].height >= lines * 15, sheet.title
        assert sheet.cell(NOTE_ROW, 1).alignment.wrap_text
    excluded = workbook[SHEET_EXCLUDED]
    long_reason = next(i for i, e in enumerate(province.excluded) if len(e.reason_text) > 70)
    row = FIRST_DATA_ROW + long_reason
    assert excluded.cell(row, 4).alignment.wrap_text
    assert excluded.row_dimensions[row].height >= 30


def test_every_commune_listed_with_its_district_and_result() -> None:
    district = fixtures.summary_district_2016()
    province = replace(
        district,
        scope=replace(district.scope, level=ScopeLevel.PROVINCE, name="Tỉnh Lạng Sơn", code="20"),
        excluded=tuple(replace(e, district="Huyện Hữu Lũng") for e in district.excluded),
    )
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    sheet = workbook[SHEET_UNITS]
    assert tuple(c.value for c in sheet[HEADER_ROW]) == UNIT_HEADERS
    listed = rows(sheet, 6)[: province.units_total]
    assert len(listed) == 26 == len(province.communes) + len(province.excluded)
    assert [row[1] for row in listed] == sorted(row[1] for row in listed)
    assert all(row[3] == "Huyện Hữu Lũng" for row in listed)
    by_code = {row[1]: row for row in listed}
    left_out = province.excluded[0]
    assert str(by_code[left_out.code][5]).startswith("Chưa tổng hợp — Chưa hoàn tất")
    commune = province.communes[0]
    assert by_code[commune.code][4:6] == (commune.total, commune.verdict)
    total = FIRST_DATA_ROW + 26
    assert sheet.cell(total, 6).value == f'=COUNTIF(F{FIRST_DATA_ROW}:F{total - 1},"Đạt")'
    # after the 2025 reform there are no districts: no such column
    after = load_workbook(io.BytesIO(summary_xlsx(fixtures.summary_province_2026())))
    assert "Huyện" not in [c.value for c in after[SHEET_UNITS][HEADER_ROW]]


def test_note_row_when_provisional_and_demo(province: SummaryData) -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    for sheet in workbook.worksheets:
        note = str(sheet.cell(NOTE_ROW, 1).value)
        assert note.startswith("Bộ tiêu chí có nội dung TẠM TÍNH"), sheet.title
        assert "lấy theo nguồn thứ cấp" in note
        assert "tiêu chí 13 (Mức độ hài lòng của trẻ em…)" in note
        assert "TC13" not in note
    exact = replace(
        province,
        catalogue=replace(province.catalogue, provisional_parts=()),
        targets=PLAN_TARGETS,
    )
    workbook = load_workbook(io.BytesIO(summary_xlsx(exact)))
    assert workbook[SHEET_COMMUNES].cell(NOTE_ROW, 1).value is None
    demo = load_workbook(io.BytesIO(summary_xlsx(replace(exact, demo=True))))
    assert str(demo[SHEET_COMMUNES].cell(NOTE_ROW, 1).value).startswith("DEMO")


def test_district_column_when_communes_have_one() -> None:
    district = fixtures.summary_district_2016()
    workbook = load_workbook(io.BytesIO(summary_xlsx(district)))
    sheet = workbook[SHEET_COMMUNES]
    assert sheet.cell(HEADER_ROW, 8).value == "Huyện/thành phố"
    assert sheet.cell(FIRST_DATA_ROW, 8).value == "Huyện Hữu Lũng"
    assert sheet.cell(FIRST_DATA_ROW, 2).value == "06385"


def test_deterministic_bytes_and_dates(province: SummaryData) -> None:
    first = summary_xlsx(province)
    assert first == summary_xlsx(province)
    workbook = load_workbook(io.BytesIO(first))
    assert workbook.properties.created == province.created
    assert workbook.properties.modified == province.created
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2026, 12, 8, 16, 0, 0)}
