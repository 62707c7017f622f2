"""The yearly report of the province for a year before the 2025 reform, rolled up into the 65 units
of 1 July 2025 (issue 14, "Units across the reform"): the last section of the PDF and a sheet of the
workbook, figures checked by hand on Xã Lộc Bình (1 of its 4 old communes recognised in 2021),
marked unverified until a person confirms the rows behind it; no such section for a district, nor
for a year that already had the 65 units."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import Runner
from tests.integration.test_reports import fill
from tests.unit.reports.fixtures import flat, pdftotext

SECTION = "QUY ĐỔI KẾT QUẢ THEO ĐƠN VỊ HÀNH CHÍNH CẤP XÃ TỪ NGÀY 01/07/2025"


@pytest.fixture
def store(home: Path) -> Path:
    """Evaluation year 2021: Thị trấn Lộc Bình recognised; Khánh Xuân finalised short of it (as
    tests/cli/test_unit_merge_commands.py)."""
    from assessor_app.services import reference_data
    from assessor_app.services.workspace import open_workspace

    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        reference_data.initialise(ws)
        fill(ws, "06529", year=2021)
        fill(ws, "06544", year=2021, values={"TC2.1": "49/50"})
    finally:
        ws.close()
    return home


def report(cli: Runner, unit: str, year: int, out: Path) -> str:
    done = cli("report", "yearly", "--unit", unit, "--year", str(year), "--out", str(out))
    assert done.code == 0, done.err
    return flat(pdftotext(out)) if out.suffix == ".pdf" else ""


LOC_BINH = "56 06529 Xã Lộc Bình 4 2 1 25,0 %"  # by hand: 4 old communes, 2 assessed, 1 recognised
ROWS_OF_LOC_BINH = ("2025-33.1", "2025-33.2", "2025-33.3", "2025-33.4")


def rollup_sheet(book: Path) -> dict[str, tuple[object, ...]]:
    sheet = openpyxl.load_workbook(book)["Quy đổi đơn vị 2025"]
    return {str(row[1]): row for row in sheet.iter_rows(min_row=4, values_only=True)}


def test_the_province_report_before_the_reform_shows_both_views(
    cli: Runner, store: Path, tmp_path: Path
) -> None:
    text = report(cli, "20", 2021, tmp_path / "năm 2021.pdf")
    # the body stays the historical view: the 200 communes of 2021
    assert (
        "Toàn tỉnh có 200 đơn vị hành chính cấp xã; 2 đơn vị có kết quả đánh giá; 1 đơn vị đạt"
        in text
    )
    # the last section: the 65 units of July 2025, the rule stated, unverified rows marked
    assert "VI. " + SECTION in text
    assert text.index("ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP VÀ LÝ DO") < text.index(SECTION)
    assert "quy đổi theo 65 đơn vị hành chính cấp xã từ ngày 01/07/2025" in text
    assert "Đơn vị sau sáp nhập không được coi là đạt chuẩn" in text
    assert LOC_BINH + " Chưa xác minh" in text
    assert "58 06565 Xã Khuất Xá 0 0 0 — Chưa xác định được xã cũ hợp thành" in text
    # then the old communes the table cannot place, with their result that year
    assert "Có 15 xã cũ chưa xác định được đơn vị tiếp nhận từ ngày 01/07/2025" in text
    assert "13 06565 Xã Khuất Xá Chưa có kết quả" in text
    assert "2025-33" not in text  # the merge table's row ids are internal

    book = tmp_path / "năm 2021.xlsx"
    report(cli, "20", 2021, book)
    units = rollup_sheet(book)
    assert len(units) == 65
    assert units["06529"] == (56, "06529", "Xã Lộc Bình", 4, 2, 1, 25.0, "Chưa xác minh")
    workbook = openpyxl.load_workbook(book)
    assert "Đơn vị sau sáp nhập không được coi là đạt chuẩn" in str(
        workbook["Quy đổi đơn vị 2025"]["A2"].value
    )
    unplaced = list(workbook["Xã cũ chưa quy đổi"].iter_rows(min_row=4, values_only=True))
    assert len(unplaced) == 15
    assert unplaced[0][1:4] == ("06187", "Thị trấn Cao Lộc", "Chưa có kết quả")


def test_confirming_the_rows_behind_a_unit_lifts_its_mark(
    cli: Runner, store: Path, tmp_path: Path
) -> None:
    for row in ROWS_OF_LOC_BINH[:3]:
        assert cli("units", "merges", "confirm", row, "--reason", "NQ, khoản 33").code == 0
    text = report(cli, "20", 2021, tmp_path / "a.pdf")
    assert LOC_BINH + " Chưa xác minh" in text  # one row behind it is still unverified
    done = cli("units", "merges", "confirm", ROWS_OF_LOC_BINH[3], "--reason", "NQ, khoản 33")
    assert done.code == 0, done.err
    text = report(cli, "20", 2021, tmp_path / "b.pdf")
    assert LOC_BINH + " 57 06541 Xã Mẫu Sơn" in text
    book = tmp_path / "b.xlsx"
    report(cli, "20", 2021, book)
    assert rollup_sheet(book)["06529"][-1] is None
    assert rollup_sheet(book)["06541"][-1] == "Chưa xác minh"


def test_no_rollup_for_a_district_nor_from_the_reform_on(
    cli: Runner, store: Path, tmp_path: Path
) -> None:
    district = report(cli, "188", 2021, tmp_path / "huyện.pdf")
    assert "Toàn huyện có" in district
    assert SECTION not in district
    after = report(cli, "20", 2026, tmp_path / "2026.pdf")
    assert "Toàn tỉnh có 65 đơn vị hành chính cấp xã" in after
    assert SECTION not in after
    book = tmp_path / "2026.xlsx"
    report(cli, "20", 2026, book)
    assert "Quy đổi đơn vị 2025" not in openpyxl.load_workbook(book).sheetnames
