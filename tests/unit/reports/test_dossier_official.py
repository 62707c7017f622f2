"""Issue 12, what an official checks on every page of a dossier: nothing unofficial (codes, English,
software notes), the draft and demo marks, the right kind of document for the result, headers that
follow the issuing body, the document's own date, administrative capitalisation."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from assessor_app.reports.dossier import render_dossier
from assessor_app.reports.layout import DEMO_BANNER
from assessor_app.reports.model import DossierData, IssuingBody
from tests.unit.reports import fixtures
from tests.unit.reports.fixtures import flat, page_count, pdftotext, write_pdf

PROVENANCE = "THÔNG TIN NGUỒN GỐC DỮ LIỆU"


def passing() -> DossierData:
    return fixtures.dossier_qd06()


def failing() -> DossierData:
    return fixtures.dossier_qd34()


def draft() -> DossierData:
    data = fixtures.dossier_qd06()
    return replace(data, draft=True, letter=replace(data.letter, number="/TTr-UBND", dated=False))


def demo_draft() -> DossierData:
    return replace(draft(), demo=True)


DOSSIERS = {"passing": passing, "failing": failing, "draft": draft, "demo_draft": demo_draft}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("official")
    return {
        name: write_pdf(folder, f"{name}.pdf", render_dossier(make()))
        for name, make in DOSSIERS.items()
    }


def pages(pdf: Path) -> list[str]:
    return [pdftotext(pdf, n) for n in range(1, page_count(pdf) + 1)]


def official_pages(pdf: Path) -> list[str]:
    """Every page but the provenance page(s), which may show technical identifiers."""
    texts = pages(pdf)
    last = next(i for i, text in enumerate(texts) if PROVENANCE in text)
    return texts[:last]


_SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize("name", list(DOSSIERS))
def test_no_internal_code_or_english_on_an_official_page(name: str, pdfs: dict[str, Path]) -> None:
    for number, text in enumerate(official_pages(pdfs[name]), start=1):
        page = flat(text)
        for code in ("QD06-2019", "QD34-2014", "provisional", "phiên bản", "bản tạm thời", "))"):
            assert code not in page, (name, number, code)
        assert not _SNAKE.search(page), (name, number, _SNAKE.search(page))


def test_legal_basis_cited_as_officials_do(pdfs: dict[str, Path]) -> None:
    qd34 = flat(pdftotext(pdfs["failing"], 1))
    assert (
        "Căn cứ Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ quy định "
        "tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em;" in qd34
    )
    # The circular's number and ministry are exact; its date is only secondary: not printed.
    assert (
        "Căn cứ Thông tư số 25/2014/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội hướng dẫn "
        "trình tự, thủ tục đánh giá, công nhận xã, phường, thị trấn phù hợp với trẻ em;" in qd34
    )
    qd06 = flat(pdftotext(pdfs["passing"], 1))
    assert "Căn cứ Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ" in qd06
    assert "Thông tư" not in qd06


def test_provenance_page_labels_identifiers_in_vietnamese(pdfs: dict[str, Path]) -> None:
    text = flat(pdftotext(pdfs["passing"], page_count(pdfs["passing"]) - 1, 99))
    assert "QD06-2019, phiên bản 2019.1, có nội dung tạm tính" in text
    assert "2019.1-provisional" not in text
    assert "manifest" not in text.lower()
    assert "Mã băm bản kê khai gói" in text
    assert "Hồ sơ của xã Hữu Liên năm 2026" in text


def test_official_indicator_names(pdfs: dict[str, Path]) -> None:
    text = flat(pdftotext(pdfs["passing"], raw=True))
    # the list of provisional parts shortens criteria's titles on purpose ("tiêu chí 2 (Trẻ em
    # được khai sinh đúng…)"); the indicators' names elsewhere are whole
    text = re.sub(r"tiêu chí \d+ \([^)]*\)", "", text)
    assert "ngân sách" not in text
    assert "…)" not in text
    assert "chấm điểm, có giải trình)" not in text
    assert "Có kinh phí cho công tác bảo vệ trẻ em" in text


@pytest.mark.parametrize("name", ["draft", "demo_draft"])
def test_a_draft_says_du_thao_on_every_page(name: str, pdfs: dict[str, Path]) -> None:
    for number, text in enumerate(pages(pdfs[name]), start=1):
        # Once, in the header: the diagonal mark is drawn, not written (it does not mix into
        # the text a reader copies).
        assert flat(text).count("DỰ THẢO") == 1, (name, number)
        if name == "demo_draft":
            assert DEMO_BANNER in flat(text), number


@pytest.mark.parametrize("name", ["passing", "failing"])
def test_a_finalised_dossier_has_no_draft_mark(name: str, pdfs: dict[str, Path]) -> None:
    assert "DỰ THẢO" not in pdftotext(pdfs[name])


def test_a_draft_letter_claims_no_completed_assessment(pdfs: dict[str, Path]) -> None:
    letter = flat(pdftotext(pdfs["draft"], 1))
    assert "đã tổ chức đánh giá" not in letter
    assert "Kính trình" not in letter
    assert "việc đánh giá chưa hoàn tất" in letter
    assert "Sau khi hoàn tất đánh giá" in letter
    finalised = flat(pdftotext(pdfs["passing"], 1))
    assert "đã tổ chức đánh giá" in finalised
    assert "Kính trình Ủy ban nhân dân tỉnh Lạng Sơn xem xét, quyết định./." in finalised


def test_a_failing_commune_reports_its_result(pdfs: dict[str, Path]) -> None:
    letter = flat(pdftotext(pdfs["failing"], 1))
    assert "BÁO CÁO" in letter
    assert "TỜ TRÌNH" not in letter
    assert "Số: /BC-UBND" in letter  # the fixture's blank "/TTr-UBND" takes the báo cáo's symbol
    assert "Kính gửi" not in letter
    assert "Kính báo cáo" not in letter
    assert "Kính trình" not in letter
    assert "- Ủy ban nhân dân huyện Hữu Lũng;" in letter  # the addressee heads the recipients
    assert "Trên đây là báo cáo kết quả đánh giá" in letter
    table = flat(pdftotext(pdfs["failing"], 2))
    assert "(Kèm theo Báo cáo của Ủy ban nhân dân xã Yên Bình)" in table


def test_a_passing_commune_requests_recognition(pdfs: dict[str, Path]) -> None:
    letter = flat(pdftotext(pdfs["passing"], 1))
    assert "TỜ TRÌNH" in letter
    assert "Số: 12/TTr-UBND" in letter
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn" in letter
    table = flat(pdftotext(pdfs["passing"], 2))
    assert "(Kèm theo Tờ trình số 12/TTr-UBND ngày 28/11/2026 của Ủy ban nhân dân xã Hữu Liên)" in (
        table
    )


def test_a_commune_header_has_no_parent_line(pdfs: dict[str, Path]) -> None:
    head = pdftotext(pdfs["passing"], 1).splitlines()[:3]
    assert head[0].split()[:4] == ["ỦY", "BAN", "NHÂN", "DÂN"]
    assert "XÃ HỮU LIÊN" in head[1]
    assert not any("TỈNH LẠNG SƠN" in line for line in head)


def test_a_department_name_wraps_between_words(tmp_path: Path) -> None:
    data = fixtures.dossier_qd34()
    issuer = IssuingBody(
        "Sở Lao động - Thương binh và Xã hội", parent="Ủy ban nhân dân tỉnh Lạng Sơn"
    )
    pdf = write_pdf(
        tmp_path,
        "department.pdf",
        render_dossier(replace(data, letter=replace(data.letter, issuer=issuer))),
    )
    left = [line[:40].strip() for line in pdftotext(pdf, 1).splitlines()[:5]]
    assert "THƯƠNG BINH" in " / ".join(left)  # the word "thương binh" is never cut in two
    assert "ỦY BAN NHÂN DÂN" in left[0]
    assert "TỈNH LẠNG SƠN" in left[1]


def test_an_undated_letter_leaves_day_and_month_blank_and_says_so(pdfs: dict[str, Path]) -> None:
    first = pdftotext(pdfs["draft"], 1)
    assert re.search(r"Hữu Liên, ngày\s+tháng\s+năm 2026", first)
    everywhere = flat(pdftotext(pdfs["draft"]))  # no page prints a date nobody gave
    assert "28 tháng 11" not in everywhere
    assert "28/11/2026" not in everywhere
    last = flat(pdftotext(pdfs["draft"], page_count(pdfs["draft"]) - 1, 99))
    assert "Chưa nhập: ngày, tháng để trống trên văn bản để ghi khi ký" in last


def test_units_above_the_commune_in_lower_case(pdfs: dict[str, Path]) -> None:
    text = flat(pdftotext(pdfs["failing"]))
    assert "Xã Yên Bình, huyện Hữu Lũng, tỉnh Lạng Sơn" in text
    assert "Huyện Hữu Lũng, Tỉnh" not in text
