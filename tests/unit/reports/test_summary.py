"""The summary report of the province (2026) and of a district (2016)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assessor_app.reports.layout import DEMO_BANNER, MOTTO, NATIONAL_TITLE, PROVISIONAL_BANNER
from assessor_app.reports.summary import (
    DEFAULT_TARGETS,
    PLAN_TARGETS,
    SECONDARY_NOTE,
    SummaryData,
    Target,
    TargetSource,
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
    assert "Chỉ tiêu áp dụng cho năm 2026: 75 % đến năm 2030 (*)" in text
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
    assert "Chỉ tiêu áp dụng cho năm" in text
    assert "Số đơn vị chưa đạt tiêu chí (dưới mức yêu cầu để được công nhận)" in text
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
    # a past target is not the measure of a later year
    assert target_for(2026, PLAN_TARGETS) is None
    assert target_for(2021, DEFAULT_TARGETS) == Target(2025, 65, TargetSource.NATIONAL)
    assert target_for(2026, DEFAULT_TARGETS) == Target(2030, 75, TargetSource.NATIONAL)
    assert target_for(2031, DEFAULT_TARGETS) is None
    # the province's own target of a year comes before the national one of that year
    own = (*DEFAULT_TARGETS, Target(2030, 80, TargetSource.PROVINCE))
    assert target_for(2026, own) == Target(2030, 80, TargetSource.PROVINCE)
    later = (*PLAN_TARGETS, Target(2027, 70, TargetSource.PROVINCE))
    assert target_for(2026, later) == Target(2027, 70, TargetSource.PROVINCE)
    assert target_for(2026, ()) is None
    assert TrendPoint(2026, 65, 60, 36).share is not None
    assert TrendPoint(2026, 0, 0, 0).share is None


def test_empty_report_still_renders(tmp_path: Path, district: SummaryData) -> None:
    empty = replace(district, communes=(), shortfalls=(), trend=(), excluded=())
    pdf = write_pdf(tmp_path, "empty.pdf", render_summary(empty))
    text = flat(pdftotext(pdf))
    assert "Chưa có kết quả." in text
    assert "Tất cả các đơn vị đều được tổng hợp." in text


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_each_year_is_judged_against_the_target_in_force(province_pdf: Path) -> None:
    text = flat(pdftotext(province_pdf))
    overall = _between(text, "1. Kết quả chung", "2. Kết quả theo đơn vị")
    # 2026 answers to the national 75 % by 2030, not to the plan's 50 % by 2020
    assert "75 % đến năm 2030 (*)" in overall
    assert "50 %" not in overall
    assert "2020" not in overall
    assert "Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 – 2030" in overall
    # due in 2030: a gap to close, not a failure in 2026
    assert "so với chỉ tiêu 75 % đến năm 2030 (*), còn thiếu 19,6 điểm phần trăm" in overall
    assert "chưa đạt chỉ tiêu" not in overall
    assert flat(SECONDARY_NOTE) in text
    cells = flat(pdftotext(province_pdf, raw=True))
    assert "2018 226 221 83 36,7 % 50 % đến năm 2020" in cells
    assert "2022 200 198 112 56,0 % 65 % đến năm 2025 (*)" in cells
    assert "2026 65 60" in cells


def test_trend_separates_the_standards_and_unit_lists(province_pdf: Path) -> None:
    text = flat(pdftotext(province_pdf))
    trend = _between(text, "3. Xu hướng", "4. Các tiêu chí")
    assert "Vạch đứng nét đứt ngăn các giai đoạn không so sánh trực tiếp được" in trend
    change = (
        "Giữa năm 2018 và năm 2020: đánh giá theo QĐ 06/QĐ-TTg (trước đó theo QĐ 34/2014/QĐ-TTg); "
        "200 đơn vị hành chính cấp xã (trước đó 226)."
    )
    assert trend.count(change) == 2  # under the chart and as a row of the table
    assert (
        trend.count("Giữa năm 2024 và năm 2026: 65 đơn vị hành chính cấp xã (trước đó 200).") == 2
    )


def test_shortfalls_count_criteria_below_their_pass_level(province_pdf: Path) -> None:
    text = flat(pdftotext(province_pdf))
    section = _between(text, "4. Các tiêu chí chưa đạt nhiều nhất", "5. Đơn vị chưa")
    assert (
        "Một đơn vị được tính là chưa đạt một tiêu chí khi tiêu chí đó bị 0 điểm hoặc chưa được "
        "đánh giá đủ các chỉ tiêu (điều kiện công nhận của bộ tiêu chí)"
    ) in section
    assert "cột cuối ghi số đơn vị chưa đạt điểm tối đa của tiêu chí" in section
    assert "TC13 Mức độ hài lòng" in section
    assert "7 21" in section  # not met / below the maximum
    assert "Trẻ em bị xâm hại 0 4" in section


def test_narrative_sections_in_order(district_pdf: Path, district: SummaryData) -> None:
    text = flat(pdftotext(district_pdf))
    order = [
        "II. ĐÁNH GIÁ CHUNG",
        "Công tác xây dựng xã phù hợp với trẻ em được các cấp quan tâm chỉ đạo.",
        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "1. Tồn tại, hạn chế",
        "2. Nguyên nhân",
        "Nguồn lực đầu tư cho trẻ em ở các xã vùng cao còn hạn chế.",
        "Một số xã chưa bố trí cán bộ chuyên trách.",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "Đề nghị tỉnh hỗ trợ kinh phí xây dựng điểm vui chơi cho trẻ em.",
        "VI. GHI CHÚ",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    # what the office left empty is drafted from the data
    shortcomings = _between(text, "1. Tồn tại, hạn chế", "2. Nguyên nhân")
    failed = len(district.communes) - district.recognized
    assert f"Còn {failed} đơn vị được đánh giá chưa đạt tiêu chuẩn." in shortcomings
    # criteria are named in words with their titles, not by the catalogue's codes
    assert (
        "tiêu chí 10 (Tỷ lệ trẻ em được khám sức khỏe tổng quát ít nhất 01 lần trong năm): "
        "2 đơn vị; tiêu chí 9 (Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng): 1 đơn vị."
    ) in shortcomings
    assert "TC10" not in shortcomings
    directions = _between(text, "IV. PHƯƠNG HƯỚNG", "V. KIẾN NGHỊ")
    assert "Phấn đấu đạt chỉ tiêu 50 % đến năm 2020." in directions


def test_the_plan_is_cited_by_number_and_date_or_left_blank_to_write_in(
    district_pdf: Path, province_pdf: Path
) -> None:
    district = flat(pdftotext(district_pdf))
    assert (
        "và Kế hoạch số 184/KH-UBND ngày 20/10/2014 của Ủy ban nhân dân tỉnh Lạng Sơn thực hiện "
        "Quyết định số 34/2014/QĐ-TTg"
    ) in district
    # the target's basis names the plan again, briefly
    assert "50 % đến năm 2020, theo Kế hoạch số 184/KH-UBND ngày 20/10/2014." in district
    province = flat(pdftotext(province_pdf))
    # not entered: blanks to write in before signing, as for the report's own number
    assert "Kế hoạch số ……/KH-UBND ngày …/…/…… của Ủy ban nhân dân tỉnh Lạng Sơn" in province
    assert "chưa ghi" not in province


def test_a_break_over_years_without_data_is_not_dated_to_its_last_year() -> None:
    from assessor_app.reports.summary_model import TrendPoint, break_text

    before = TrendPoint(2016, 226, 1, 0, "QĐ 34/2014/QĐ-TTg")
    after = TrendPoint(2026, 65, 3, 2, "QĐ 06/QĐ-TTg")
    assert break_text(before, after) == (
        "Giữa năm 2016 và năm 2026: đánh giá theo QĐ 06/QĐ-TTg (trước đó theo QĐ "
        "34/2014/QĐ-TTg); 65 đơn vị hành chính cấp xã (trước đó 226)."
    )
    assert break_text(replace(before, year=2025), after).startswith("Từ năm 2026: ")
