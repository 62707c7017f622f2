"""The summary report of the province (2026) and of a district (2016)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assessor_app.reports.layout import DEMO_BANNER, MOTTO, NATIONAL_TITLE, PROVISIONAL_BANNER
from assessor_app.reports.summary import (
    PLAN_TARGETS,
    SummaryData,
    Target,
    TrendPoint,
    render_summary,
    target_for,
)
from tests.unit.reports import fixtures
from tests.unit.reports.fixtures import flat, page_count, pdffonts, pdftotext, write_pdf


@pytest.fixture(scope="module")
def province() -> SummaryData:
    return fixtures.summary_province_2026(demo=True)


@pytest.fixture(scope="module")
def province_pdf(tmp_path_factory: pytest.TempPathFactory, province: SummaryData) -> Path:
    return write_pdf(tmp_path_factory.mktemp("summary"), "province.pdf", render_summary(province))


@pytest.fixture(scope="module")
def district() -> SummaryData:
    return fixtures.summary_district_2016()


@pytest.fixture(scope="module")
def district_pdf(tmp_path_factory: pytest.TempPathFactory, district: SummaryData) -> Path:
    return write_pdf(tmp_path_factory.mktemp("summary"), "district.pdf", render_summary(district))


def test_the_fixtures_are_what_they_claim(province: SummaryData, district: SummaryData) -> None:
    assert province.units_total == 65
    assert len(province.communes) + len(province.excluded) == 65
    assert {e.reason.value for e in province.excluded} == {
        "not_finalised",
        "quarantined",
        "not_reviewed",
    }
    assert district.units_total == 26
    assert district.scope.name == "Huyện Hữu Lũng"


def test_province_report_content(province_pdf: Path, province: SummaryData) -> None:
    text = flat(pdftotext(province_pdf))
    cells = flat(pdftotext(province_pdf, raw=True))
    assert NATIONAL_TITLE in text
    assert MOTTO in text
    assert "ỦY BAN NHÂN DÂN" in text
    assert "TỈNH LẠNG SƠN" in text
    assert "SỞ Y TẾ" in text
    assert "Số: 345/BC-SYT" in text
    assert "Lạng Sơn, ngày 08 tháng 12 năm 2026" in text
    assert "BÁO CÁO" in text
    assert "Kết quả xây dựng xã, phường, thị trấn phù hợp với trẻ em năm 2026" in text
    recognised = province.recognized
    assert f"{recognised} đơn vị, bằng" in text
    assert "Toàn tỉnh có 65 đơn vị hành chính cấp xã; 60 đơn vị" in text
    assert "đến năm 2015: 20 %; đến năm 2020: 50 %" in text
    for commune in province.communes:
        assert f"{commune.code} {commune.name}" in cells, commune
    for item in province.excluded:
        assert item.name in cells
        assert flat(item.reason_text) in cells
    for shortfall in province.shortfalls:
        assert shortfall.code in text
    assert "Gói dữ liệu bị cách ly" in cells
    assert "KT. GIÁM ĐỐC" in text
    assert "PHÓ GIÁM ĐỐC" in text
    assert "Đinh Văn Hưng" in text


def test_charts_are_drawn_with_the_document_font(province_pdf: Path) -> None:
    text = flat(pdftotext(province_pdf))
    # the labels of both charts are real text in Liberation Serif
    assert "Tỷ lệ đơn vị đạt tiêu chuẩn" in text
    assert "Chỉ tiêu phấn đấu của Kế hoạch" in text
    assert "Số đơn vị chưa đạt điểm tối đa của tiêu chí" in text
    assert "100 %" in text
    assert "55,4 %" in text
    for row in pdffonts(province_pdf):
        assert row[-5] == "yes", row
        assert "LiberationSerif" in row[0], row


def test_banners_on_every_page(province_pdf: Path) -> None:
    count = page_count(province_pdf)
    assert count >= 3
    for number in range(1, count + 1):
        text = flat(pdftotext(province_pdf, number))
        assert DEMO_BANNER in text, number
        assert PROVISIONAL_BANNER in text, number


def test_district_report(district_pdf: Path, district: SummaryData) -> None:
    text = flat(pdftotext(district_pdf))
    assert "HUYỆN HỮU LŨNG" in text
    assert "Hữu Lũng, ngày 28 tháng 11 năm 2016" in text
    assert "Toàn huyện có 26 đơn vị hành chính cấp xã" in text
    assert "Thị trấn Hữu Lũng" in text
    assert "DEMO" not in text
    assert "2014" in text
    assert "2015" in text
    for row in pdffonts(district_pdf):
        assert row[-5] == "yes", row
        assert "LiberationSerif" in row[0], row
    assert district.recognized < len(district.communes)


def test_same_input_same_bytes(province: SummaryData, district: SummaryData) -> None:
    assert render_summary(province) == render_summary(province)
    assert render_summary(district) == render_summary(district)


def test_targets() -> None:
    assert (Target(2015, 20), Target(2020, 50)) == PLAN_TARGETS
    assert target_for(2014, PLAN_TARGETS) == Target(2015, 20)
    assert target_for(2015, PLAN_TARGETS) == Target(2015, 20)
    assert target_for(2016, PLAN_TARGETS) == Target(2020, 50)
    assert target_for(2026, PLAN_TARGETS) == Target(2020, 50)
    later = (*PLAN_TARGETS, Target(2030, 70))
    assert target_for(2026, later) == Target(2030, 70)
    assert target_for(2026, ()) is None
    assert TrendPoint(2026, 65, 60, 36).share is not None
    assert TrendPoint(2026, 0, 0, 0).share is None


def test_empty_report_still_renders(tmp_path: Path, district: SummaryData) -> None:
    empty = replace(district, communes=(), shortfalls=(), trend=(), excluded=())
    pdf = write_pdf(tmp_path, "empty.pdf", render_summary(empty))
    text = flat(pdftotext(pdf))
    assert "Chưa có kết quả." in text
    assert "Tất cả các đơn vị đều được tổng hợp." in text
