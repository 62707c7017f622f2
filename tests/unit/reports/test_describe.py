"""The words the documents use for rules, figures and reasons, written from the shipped catalogues."""

from __future__ import annotations

from fractions import Fraction

from assessor_app.domain.catalogue import (
    Catalogue,
    Direction,
    Indicator,
    RateBand,
    RateRule,
    Sourced,
    Status,
    UnitCategory,
)
from assessor_app.domain.scoring import Reason
from assessor_app.domain.values import CountValue, ManualValue, RateValue, YesNoValue
from assessor_app.reports import describe
from tests.unit.reports import fixtures


def qd06() -> Catalogue:
    return fixtures.catalogue("qd06-2019")


def qd34() -> Catalogue:
    return fixtures.catalogue("qd34-2014")


def indicator(catalogue: Catalogue, code: str) -> Indicator:
    found = catalogue.indicator(code)
    assert found is not None
    return found


def scale(ind: Indicator) -> str:
    steps = [describe.method_text(ind)] + [s.text for s in describe.scale_steps(ind)]
    return "; ".join(steps)


def test_rate_scale_is_written_from_the_rule() -> None:
    birth = indicator(qd06(), "TC2.1")
    assert scale(birth) == (
        "Tỷ lệ (%) = tử số / mẫu số × 100; ≥ 98 %: 75 điểm; ≥ 95 %: 60 điểm; ≥ 90 %: 45 điểm; "
        "≥ 80 %: 30 điểm; dưới 80 %: 0 điểm"
    )
    abuse = indicator(qd06(), "TC3.1")
    assert scale(abuse).startswith("Tỷ suất (‰) = tử số / mẫu số × 1.000; = 0 ‰: 75 điểm; ≤ 1 ‰")
    assert scale(abuse).endswith("trên 3 ‰: 0 điểm")
    # nothing to help: full points
    assert "không phát sinh trường hợp nào (mẫu số bằng 0): 50 điểm" in scale(
        indicator(qd06(), "TC6.1")
    )
    # QĐ 34 TC3.1 uses strict bands: "< 2 %", and "từ 5 % trở lên" below the last
    labour = indicator(qd34(), "TC3.1")
    assert "< 2 %: 75 điểm" in scale(labour)
    assert scale(labour).endswith("từ 5 % trở lên: 0 điểm")


def test_band_statuses_are_kept() -> None:
    steps = describe.scale_steps(indicator(qd06(), "TC7.1"))
    assert [s.provisional for s in steps[:2]] == [False, True]  # ≥ 98 % is secondary, ≥ 95 % not
    yes_no = describe.scale_steps(indicator(qd06(), "TC1.1"))
    assert [s.text for s in yes_no] == ["Có: 50 điểm", "Không: 0 điểm"]
    assert not any(s.provisional for s in yes_no)


def test_count_and_manual_scales() -> None:
    count = indicator(qd34(), "TC4.1")
    assert [s.text for s in describe.scale_steps(count)] == [
        "không có trường hợp nào: 75 điểm",
        "1 trường hợp: 45 điểm",
        "2 trường hợp: 30 điểm",
        "từ 3 trường hợp trở lên: 0 điểm",
    ]
    manual = indicator(qd34(), "TC15.1")
    assert [s.text for s in describe.scale_steps(manual)] == ["từ 0 đến 50 điểm"]
    assert describe.method_text(manual).startswith("Hội đồng đánh giá chấm điểm")


def test_figures() -> None:
    birth = indicator(qd06(), "TC2.1")
    assert describe.figures_text(birth, RateValue(49, 50)) == "49/50 = 98,0 %"
    assert describe.figures_text(birth, None) == "Chưa có số liệu"
    assert (
        describe.figures_text(indicator(qd06(), "TC3.1"), RateValue(1, 1250)) == "1/1.250 = 0,8 ‰"
    )
    assert describe.figures_text(indicator(qd06(), "TC1.1"), YesNoValue(True)) == "Có"
    assert describe.figures_text(indicator(qd34(), "TC4.1"), CountValue(0)) == "0 trường hợp"
    assert (
        describe.figures_text(indicator(qd06(), "TC11.1"), ManualValue(60, "Có câu lạc bộ"))
        == "60 điểm — giải trình: Có câu lạc bộ"
    )
    assert describe.figures_text(indicator(qd06(), "TC6.2"), RateValue(0, 0)) == (
        "0/0 — không phát sinh trường hợp nào"
    )


def test_a_rate_just_under_a_threshold_is_not_rounded_onto_it() -> None:
    rule = RateRule(
        Direction.HIGHER_IS_BETTER,
        (RateBand(Fraction(98), True, 10, Sourced(Status.EXACT)),),
    )
    ind = Indicator("X1", "Thử", 10, rule, Sourced(Status.EXACT))
    # 97.99 % would print as "98,0 %" and look like the band it misses
    assert describe.figures_text(ind, RateValue(9799, 10000)) == "9.799/10.000 = 97,99 %"
    assert describe.figures_text(ind, RateValue(9800, 10000)) == "9.800/10.000 = 98,0 %"


def test_reasons_in_vietnamese_whatever_the_interface_language() -> None:
    from assessor_app import i18n

    reason = Reason.of(
        "DK1",
        "R_TOTAL_BELOW_THRESHOLD",
        "The total of {total} points is below the {threshold} points required for this category of unit ({category}).",
        {"total": 480, "threshold": 650, "category": "mountain_island_difficult"},
        provisional=True,
    )
    previous = i18n.language()
    i18n.set_language("en")
    try:
        text = describe.reason_text(reason)
    finally:
        i18n.set_language(previous)
    assert text == (
        "Tổng điểm 480 thấp hơn mức 650 điểm yêu cầu đối với loại đơn vị này (xã, thị trấn "
        "thuộc miền núi, hải đảo; xã đặc biệt khó khăn). (điều kiện tạm tính — chưa phải giá "
        "trị chính thức)"
    )


def test_rows_and_explanations_from_a_scored_assessment() -> None:
    data = fixtures.dossier_qd06()
    assert [row.code for row in data.criteria] == [f"TC{i}" for i in range(1, 14)]
    assert sum(row.points for row in data.criteria) == data.total == 855
    tc1 = data.criteria[0]
    assert [line.points for line in tc1.indicators] == [50, 15, 15, 0]
    assert tc1.indicators[3].provisional
    assert not tc1.indicators[0].provisional
    birth = next(e for e in data.explanations if e.code == "TC2.1")
    assert (birth.numerator, birth.denominator) == (49, 50)
    assert birth.numerator_label.startswith("Số trẻ em")
    assert birth.comments
    assert data.threshold == 800
    assert describe.threshold_for(qd34(), UnitCategory.WARD_CENTRAL_CITY) == 850


def test_legal_basis_and_catalogue_info() -> None:
    info = describe.catalogue_info(qd34())
    assert info.legal_basis == (
        "Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ quy định tiêu chuẩn "
        "xã, phường, thị trấn phù hợp với trẻ em"
    )
    assert info.procedure.startswith("Thông tư số 25/2014/TT-BLĐTBXH của Bộ Lao động - Thương binh")
    assert info.provisional
    assert "điều kiện công nhận 1" in info.provisional_parts  # "DK1" is the catalogue's own code
    assert len(info.content_hash) == 64
