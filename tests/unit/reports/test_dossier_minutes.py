"""The printed minutes (biên bản họp hội đồng đánh giá): coherent with themselves, always with a
number line, the reason when the council met outside the regime's window, and no minutes page at
all without a meeting date (the dossier says what the minutes lack instead)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from assessor_app.reports.dossier import render_dossier
from assessor_app.reports.model import CouncilMinutes, DossierData
from tests.unit.reports import fixtures
from tests.unit.reports.fixtures import flat, page_count, pdftotext, write_pdf


def minutes_page(pdf: Path) -> str:
    """The text of the page the minutes' section starts on."""
    for number in range(1, page_count(pdf) + 1):
        text = flat(pdftotext(pdf, number))
        if "Biên bản họp Hội đồng đánh giá (chưa có)" in text or "BIÊN BẢN" in text:
            return text
    raise AssertionError("no minutes section")


def render(tmp_path: Path, data: DossierData, name: str) -> Path:
    return write_pdf(tmp_path, name, render_dossier(data))


@pytest.fixture(scope="module")
def qd06() -> DossierData:
    return fixtures.dossier_qd06()


def with_minutes(data: DossierData, **changes: object) -> DossierData:
    assert data.minutes is not None
    minutes: CouncilMinutes = replace(data.minutes, **changes)  # type: ignore[arg-type]
    return replace(data, minutes=minutes)


def test_the_minutes_say_who_presided_who_came_and_how_they_voted(
    tmp_path: Path, qd06: DossierData
) -> None:
    data = with_minutes(qd06, votes_for=6, votes_against=1)
    text = flat(pdftotext(render(tmp_path, data, "votes.pdf")))
    assert "Chủ trì cuộc họp: Hoàng Văn Thắng, Phó Chủ tịch UBND xã, Chủ tịch Hội đồng." in text
    assert "Thư ký cuộc họp: Lộc Thị Hằng." in text
    assert "Có mặt 7/8 thành viên Hội đồng; vắng mặt: Triệu Văn Minh." in text
    # the vote line is made from the counts against the members present: it cannot say 9/7
    assert "Biểu quyết: 6/7 thành viên dự họp tán thành, 1/7 thành viên không tán thành." in text
    unvoted = with_minutes(qd06, votes_for=5, votes_against=None)
    text = flat(pdftotext(render(tmp_path, unvoted, "unvoted.pdf")))
    assert "5/7 thành viên dự họp tán thành, 0/7 thành viên không tán thành, 2/7 thành viên" in text
    silent = with_minutes(qd06, votes_for=None, votes_against=None)
    assert "Biểu quyết" not in flat(pdftotext(render(tmp_path, silent, "silent.pdf")))


def test_the_number_line_is_always_printed(tmp_path: Path, qd06: DossierData) -> None:
    numbered = minutes_page(render(tmp_path, qd06, "numbered.pdf"))
    assert "Số: 05/BB-HĐĐG" in numbered
    blank = minutes_page(render(tmp_path, with_minutes(qd06, number=""), "blank.pdf"))
    assert "Số: /BB-HĐĐG" in blank  # written in by hand when registered
    assert "BIÊN BẢN" in blank


def test_a_meeting_outside_the_window_says_why(tmp_path: Path, qd06: DossierData) -> None:
    late = with_minutes(
        qd06,
        window_start=date(2026, 11, 1),
        window_end=date(2026, 11, 30),
        date_reason="Bão số 7 làm chậm việc tổng hợp số liệu.",
    )
    text = flat(pdftotext(render(tmp_path, late, "late.pdf")))
    assert (
        "Cuộc họp được tổ chức ngoài thời gian đánh giá theo quy định (từ ngày 01/11/2026 đến "
        "ngày 30/11/2026) vì: Bão số 7 làm chậm việc tổng hợp số liệu." in text
    )
    on_time = flat(pdftotext(render(tmp_path, qd06, "on-time.pdf")))
    assert "ngoài thời gian đánh giá" not in on_time


def test_no_minutes_page_without_a_meeting_date(tmp_path: Path) -> None:
    data = fixtures.dossier_qd34()  # no meeting recorded; no chair, no secretary
    pdf = render(tmp_path, data, "no-minutes.pdf")
    page = minutes_page(pdf)
    assert "BIÊN BẢN" not in page  # no title, header or signatures of a biên bản
    assert "THƯ KÝ" not in page
    assert "Số: /BB" not in page
    assert "Hồ sơ chưa có biên bản họp Hội đồng đánh giá" in page
    assert "- ngày, giờ họp của Hội đồng" in page
    assert "- họ và tên Chủ tịch Hội đồng, người chủ trì cuộc họp và ký biên bản." in page
    assert "- họ và tên Thư ký Hội đồng, người ký biên bản." in page


def test_inconsistent_minutes_are_not_printed(tmp_path: Path, qd06: DossierData) -> None:
    """Details stored before a check existed: the dossier names what is wrong instead."""
    data = replace(qd06, minutes=None, minutes_missing=("council_votes",))
    page = minutes_page(render(tmp_path, data, "inconsistent.pdf"))
    assert "- kết quả biểu quyết, không vượt quá số thành viên dự họp." in page
