"""The communes left out of a province's summary name their district while the list had
districts (before the 2025 reform): "Huyện/thành phố" after the name, in the PDF and the XLSX;
none after the reform (issue 15 review)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]

from assessor_app.reports.summary import ScopeLevel, SummaryData, render_summary
from assessor_app.reports.summary_model import Exclusion, ExclusionReason, Scope
from assessor_app.reports.xlsx import HEADER_ROW, SHEET_EXCLUDED, summary_xlsx
from tests.unit.reports import fixtures
from tests.unit.reports.fixtures import flat, pdftotext, write_pdf

LEFT_OUT = (
    Exclusion("06385", "Xã Minh Sơn", ExclusionReason.NOT_FINALISED, "", "Huyện Hữu Lũng"),
    Exclusion("05974", "Xã Minh Sơn", ExclusionReason.QUARANTINED, "", "Huyện Chi Lăng"),
)


def _province_2016() -> SummaryData:
    district = fixtures.summary_district_2016()
    scope = Scope(ScopeLevel.PROVINCE, "Tỉnh Lạng Sơn", "20")
    return replace(district, scope=scope, excluded=LEFT_OUT)


def test_pdf_names_the_district(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path, "s.pdf", render_summary(_province_2016()))
    text = flat(pdftotext(pdf))
    section = text[text.index("5. Đơn vị chưa được tổng hợp và lý do") :]
    assert "Tên đơn vị Huyện/thành phố Lý do" in section
    # two communes of one name, told apart by their districts
    assert "06385 Xã Minh Sơn Huyện Hữu Lũng" in section
    assert "05974 Xã Minh Sơn Huyện Chi Lăng" in section


def test_pdf_without_districts_after_the_reform(tmp_path: Path) -> None:
    after = fixtures.summary_province_2026()
    pdf = write_pdf(tmp_path, "s.pdf", render_summary(after))
    text = flat(pdftotext(pdf))
    section = text[text.index("5. Đơn vị chưa được tổng hợp và lý do") :]
    assert "Huyện/thành phố" not in section[:200]


def test_xlsx_names_the_district() -> None:
    workbook = load_workbook(io.BytesIO(summary_xlsx(_province_2016())))
    sheet = workbook[SHEET_EXCLUDED]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == ["STT", "Mã đơn vị", "Tên đơn vị", "Huyện/thành phố", "Lý do"]
    assert [c.value for c in sheet[HEADER_ROW + 1]][1:4] == [
        "06385",
        "Xã Minh Sơn",
        "Huyện Hữu Lũng",
    ]
    after = load_workbook(io.BytesIO(summary_xlsx(fixtures.summary_province_2026())))
    assert "Huyện/thành phố" not in [c.value for c in after[SHEET_EXCLUDED][HEADER_ROW]]
