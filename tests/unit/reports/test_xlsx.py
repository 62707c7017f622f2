"""The summary workbook, read back with openpyxl."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from assessor_app.reports.summary import SummaryData
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
    SHORTFALL_HEADERS,
    TREND_HEADERS,
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
    assert workbook.sheetnames == [SHEET_COMMUNES, SHEET_SHORTFALLS, SHEET_TREND, SHEET_EXCLUDED]
    assert SHEET_COMMUNES == "Tổng hợp"
    assert SHEET_EXCLUDED == "Chưa tổng hợp"

    communes = workbook[SHEET_COMMUNES]
    headers = [c.value for c in communes[HEADER_ROW]]
    assert tuple(headers) == COMMUNE_HEADERS
    assert headers == ["Mã đơn vị", "Tên đơn vị", "Loại", "Tổng điểm", "Kết quả", "Trạng thái"]
    data = rows(communes, len(COMMUNE_HEADERS))
    assert data == [
        (c.code, c.name, c.unit_type, c.total, c.verdict, c.status) for c in province.communes
    ]
    first = communes.cell(FIRST_DATA_ROW, 1)
    assert first.value == "06001"
    assert first.data_type == "s"
    assert first.number_format == "@"
    assert all(isinstance(row[0], str) and len(row[0]) == 5 for row in data)
    assert all(isinstance(row[3], int) for row in data)
    assert sum(1 for row in data if row[4] == "Đạt") == province.recognized
    assert "Kết quả xây dựng xã, phường, thị trấn phù hợp với trẻ em năm 2026" in str(
        communes.cell(1, 1).value
    )

    shortfalls = workbook[SHEET_SHORTFALLS]
    assert tuple(c.value for c in shortfalls[HEADER_ROW]) == SHORTFALL_HEADERS
    assert rows(shortfalls, 3) == [(s.code, s.title, s.count) for s in province.shortfalls]

    trend = workbook[SHEET_TREND]
    assert tuple(c.value for c in trend[HEADER_ROW]) == TREND_HEADERS
    last = rows(trend, 6)[-1]
    assert last[:4] == (2026, 65, 60, province.recognized)
    assert last[4] == pytest.approx(55.4)
    assert last[5] == 50

    excluded = workbook[SHEET_EXCLUDED]
    assert tuple(c.value for c in excluded[HEADER_ROW]) == EXCLUDED_HEADERS
    assert rows(excluded, 3) == [(e.code, e.name, e.reason_text) for e in province.excluded]
    assert excluded.cell(FIRST_DATA_ROW, 1).number_format == "@"


def test_note_row_when_provisional_and_demo(province: SummaryData) -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(province)))
    for sheet in workbook.worksheets:
        note = str(sheet.cell(NOTE_ROW, 1).value)
        assert note.startswith("Bộ tiêu chí có nội dung TẠM TÍNH"), sheet.title
        assert "TC13.1" in note
    exact = replace(province, catalogue=replace(province.catalogue, provisional_parts=()))
    workbook = load_workbook(io.BytesIO(summary_xlsx(exact)))
    assert workbook[SHEET_COMMUNES].cell(NOTE_ROW, 1).value is None
    demo = load_workbook(io.BytesIO(summary_xlsx(replace(exact, demo=True))))
    assert str(demo[SHEET_COMMUNES].cell(NOTE_ROW, 1).value).startswith("DEMO")


def test_district_column_when_communes_have_one() -> None:
    district = fixtures.summary_district_2016()
    workbook = load_workbook(io.BytesIO(summary_xlsx(district)))
    sheet = workbook[SHEET_COMMUNES]
    assert sheet.cell(HEADER_ROW, 7).value == "Huyện"
    assert sheet.cell(FIRST_DATA_ROW, 7).value == "Huyện Hữu Lũng"
    assert sheet.cell(FIRST_DATA_ROW, 1).value == "06385"


def test_deterministic_bytes_and_dates(province: SummaryData) -> None:
    first = summary_xlsx(province)
    assert first == summary_xlsx(province)
    workbook = load_workbook(io.BytesIO(first))
    assert workbook.properties.created == province.created
    assert workbook.properties.modified == province.created
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2026, 12, 8, 16, 0, 0)}
