"""The recognition dossier: content, fonts, banners, QR code and identical bytes."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from assessor_app.reports.dossier import render_dossier
from assessor_app.reports.dossier_annexes import qr_payload
from assessor_app.reports.layout import DEMO_BANNER, MOTTO, NATIONAL_TITLE, PROVISIONAL_BANNER
from assessor_app.reports.model import DossierData
from tests.unit.reports import fixtures
from tests.unit.reports.fixtures import flat, page_count, pdffonts, pdftotext, write_pdf


@pytest.fixture(scope="module")
def qd06_data() -> DossierData:
    return fixtures.dossier_qd06()


@pytest.fixture(scope="module")
def qd06_pdf(tmp_path_factory: pytest.TempPathFactory, qd06_data: DossierData) -> Path:
    return write_pdf(tmp_path_factory.mktemp("dossier"), "qd06.pdf", render_dossier(qd06_data))


@pytest.fixture(scope="module")
def qd34_data() -> DossierData:
    return fixtures.dossier_qd34()


@pytest.fixture(scope="module")
def qd34_pdf(tmp_path_factory: pytest.TempPathFactory, qd34_data: DossierData) -> Path:
    return write_pdf(tmp_path_factory.mktemp("dossier"), "qd34.pdf", render_dossier(qd34_data))


def pages(pdf: Path) -> list[str]:
    return [pdftotext(pdf, n) for n in range(1, page_count(pdf) + 1)]


def page_of(pdf: Path, needle: str) -> int:
    for number, text in enumerate(pages(pdf), start=1):
        if needle in flat(text):
            return number
    raise AssertionError(f"{needle!r} not found")


def test_it_is_a_pdf_with_every_section(qd06_pdf: Path) -> None:
    assert qd06_pdf.read_bytes().startswith(b"%PDF-")
    text = flat(pdftotext(qd06_pdf))
    for title in (
        "TỜ TRÌNH",
        "BẢNG ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN TIÊU CHUẨN",
        "BÁO CÁO THUYẾT MINH",
        "BIÊN BẢN",
        "DANH MỤC MINH CHỨNG",
        "THÔNG TIN NGUỒN GỐC DỮ LIỆU",
    ):
        assert title in text, title
    # the sections come in the order of the dossier
    order = [
        page_of(qd06_pdf, t)
        for t in ("TỜ TRÌNH", "BẢNG ĐÁNH GIÁ", "BÁO CÁO THUYẾT MINH", "BIÊN BẢN", "DANH MỤC")
    ]
    assert order == sorted(order)


def test_request_letter_header_and_signature(qd06_pdf: Path) -> None:
    first = pdftotext(qd06_pdf, 1)
    text = flat(first)
    assert "ỦY BAN NHÂN DÂN" in text
    assert "XÃ HỮU LIÊN" in text
    assert NATIONAL_TITLE in text
    assert MOTTO in text
    assert "Số: 12/TTr-UBND" in text
    assert "Hữu Liên, ngày 28 tháng 11 năm 2026" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn" in text
    assert "Về việc đề nghị công nhận xã Hữu Liên đạt tiêu chuẩn xã, phường, thị trấn" in text
    assert "Nơi nhận:" in text
    assert "- Như trên;" in text
    assert "- Lưu: VT." in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "CHỦ TỊCH" in text
    assert "Hoàng Văn Thắng" in text
    # the header's two columns: issuing body left, national title right, on the same line
    line = next(line for line in first.splitlines() if NATIONAL_TITLE in line)
    assert line.index("ỦY BAN NHÂN DÂN") < line.index(NATIONAL_TITLE)


def test_table_figures_totals_and_verdict(qd06_pdf: Path) -> None:
    text = flat(pdftotext(qd06_pdf))
    assert "Xã Hữu Liên" in text  # diacritics intact
    cells = flat(pdftotext(qd06_pdf, raw=True))
    headers = "STT Tiêu chí, chỉ tiêu Điểm tối đa Số liệu Điểm tự chấm Nguồn số liệu Ghi chú"
    assert headers in cells
    assert "49/50 = 98,0 %" in text
    assert "1/1.250 = 0,8 ‰" in text
    assert "≥ 98 %: 75 điểm" in text
    assert "60 điểm — giải trình: Có câu lạc bộ quyền trẻ em" in cells
    assert "TỔNG CỘNG 1.000 855" in text
    assert "đạt tổng số 855 / 1.000 điểm" in text
    assert "Xã Hữu Liên ĐẠT tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em năm 2026" in text


def test_explanations_minutes_evidence(qd06_pdf: Path, qd06_data: DossierData) -> None:
    text = flat(pdftotext(qd06_pdf))
    cells = flat(pdftotext(qd06_pdf, raw=True))
    assert "Sổ đăng ký khai sinh của UBND xã" in cells
    assert "01 trẻ hoãn tiêm do bệnh tim bẩm sinh" in cells
    assert "Vào hồi 08 giờ 00, ngày 20 tháng 11 năm 2026, tại Hội trường" in text
    assert "Có mặt 7/8 thành viên" in text
    assert "Vắng mặt" in text
    assert "THƯ KÝ" in text
    assert "CHỦ TỊCH HỘI ĐỒNG" in text
    assert "Lộc Thị Hằng" in text
    assert "Biểu quyết: 7/7 thành viên dự họp tán thành, 0/7 thành viên không tán thành." in text
    compact = cells.replace(" ", "")
    for item in qd06_data.evidence:
        assert item.sha256 in compact
        assert item.file_name in compact


def test_not_recognised_prints_every_reason(qd34_pdf: Path, qd34_data: DossierData) -> None:
    assert len(qd34_data.reasons) == 2
    text = flat(pdftotext(qd34_pdf))
    assert "CHƯA ĐẠT tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em năm 2016" in text
    for reason in qd34_data.reasons:
        assert flat(reason) in text, reason
    assert "TC15.1" in text
    assert "Chưa có số liệu" in flat(pdftotext(qd34_pdf, raw=True))
    assert "Số: /BC-UBND" in text  # number left blank, to be written when registered
    assert "Hồ sơ chưa có biên bản họp Hội đồng đánh giá" in text  # no minutes page
    assert "huyện Hữu Lũng, tỉnh Lạng Sơn" in text
    assert "Trên đây là báo cáo kết quả đánh giá" in text


@pytest.mark.parametrize("name", ["qd06", "qd34"])
def test_provisional_banner_on_every_page(name: str, request: pytest.FixtureRequest) -> None:
    pdf: Path = request.getfixturevalue(f"{name}_pdf")
    all_pages = pages(pdf)
    assert len(all_pages) >= 6
    for number, text in enumerate(all_pages, start=1):
        assert PROVISIONAL_BANNER in flat(text), f"page {number}"
        # criteria named as an official reads them, not by the catalogue's codes
        assert "tiêu chí 1 (" in flat(text), f"page {number}"
        assert "các phần tạm tính: TC" not in flat(text), f"page {number}"
        assert "DEMO" not in text, f"page {number}"


def test_no_banner_without_provisional_parts(tmp_path: Path, qd06_data: DossierData) -> None:
    data = replace(qd06_data, catalogue=replace(qd06_data.catalogue, provisional_parts=()))
    pdf = write_pdf(tmp_path, "exact.pdf", render_dossier(data))
    assert PROVISIONAL_BANNER not in flat(pdftotext(pdf))


def test_demo_banner_on_every_page(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path, "demo.pdf", render_dossier(fixtures.dossier_qd06(demo=True)))
    for number, text in enumerate(pages(pdf), start=1):
        assert DEMO_BANNER in flat(text), f"page {number}"


def test_page_numbers_from_the_second_page_of_each_document(qd06_pdf: Path) -> None:
    all_pages = pages(qd06_pdf)
    assert all_pages[0].strip().splitlines()[0].strip().startswith("ỦY BAN NHÂN DÂN")
    table_start = page_of(qd06_pdf, "BẢNG ĐÁNH GIÁ KẾT QUẢ")
    assert table_start == 2
    # the table's second page carries "2" alone on its first line
    assert all_pages[table_start].strip().splitlines()[0].strip() == "2"
    assert not all_pages[table_start - 1].strip().splitlines()[0].strip().isdigit()


def test_only_embedded_liberation_serif(qd06_pdf: Path, qd34_pdf: Path, tmp_path: Path) -> None:
    demo = write_pdf(tmp_path, "demo.pdf", render_dossier(fixtures.dossier_qd06(demo=True)))
    for pdf in (qd06_pdf, qd34_pdf, demo):
        rows = pdffonts(pdf)
        assert rows, pdf
        for row in rows:
            name = row[0]
            emb = row[-5]
            assert emb == "yes", row
            assert "LiberationSerif" in name, row
            for base14 in ("Helvetica", "Times-Roman", "Times-Bold", "Courier", "Symbol"):
                assert base14 not in name


def test_same_input_same_bytes(qd06_data: DossierData, qd34_data: DossierData) -> None:
    assert render_dossier(qd06_data) == render_dossier(qd06_data)
    assert render_dossier(qd34_data) == render_dossier(qd34_data)


def test_same_bytes_in_a_fresh_process(qd06_pdf: Path) -> None:
    """No state of the first rendering (registered fonts, subset counters) leaks into the bytes."""
    script = (
        "import sys\n"
        "from tests.unit.reports import fixtures\n"
        "from assessor_app.reports.dossier import render_dossier\n"
        "sys.stdout.buffer.write(render_dossier(fixtures.dossier_qd06()))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=fixtures.ROOT, check=True, capture_output=True
    ).stdout
    assert output == qd06_pdf.read_bytes()


def test_metadata_dates_come_from_the_data(qd06_pdf: Path) -> None:
    raw = qd06_pdf.read_bytes()
    assert b"/CreationDate (D:20261202093000+07'00')" in raw
    assert b"/ModDate (D:20261202093000+07'00')" in raw


def test_nfd_input_renders_like_nfc(tmp_path: Path, qd06_data: DossierData) -> None:
    nfd = fixtures.with_nfd(qd06_data)
    assert nfd.commune.name != qd06_data.commune.name
    assert render_dossier(nfd) == render_dossier(qd06_data)


def test_qr_code_holds_the_provenance(
    tmp_path: Path, qd06_pdf: Path, qd06_data: DossierData
) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    # the provenance page: the catalogue's notes that follow it may run onto one more page
    last = next(
        n
        for n in range(page_count(qd06_pdf), 0, -1)
        if "THÔNG TIN NGUỒN GỐC DỮ LIỆU" in pdftotext(qd06_pdf, n)
    )
    subprocess.run(
        [
            fixtures.need("pdftoppm"),
            "-r",
            "150",
            "-f",
            str(last),
            "-l",
            str(last),
            "-png",
            str(qd06_pdf),
            str(tmp_path / "provenance"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("provenance-*.png")
    with Image.open(png) as image:
        codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 1
    decoded = json.loads(codes[0].text)
    p = qd06_data.provenance
    assert decoded == {
        "bundle_id": p.bundle_id,
        "manifest_hash": p.manifest_hash,
        "signer": p.signer_name,
        "key_fingerprint": p.key_fingerprint,
        "review_status": p.review_status,
        "assessment_uid": qd06_data.assessment_uid,
        "total": 855,
        "recognized": True,
    }
    assert codes[0].text == qr_payload(qd06_data)


def test_a_passing_dossier_without_minutes_reports_rather_than_requests(
    tmp_path: Path, qd06_data: DossierData
) -> None:
    """The council's minutes are part of a request for recognition: a commune that passes but
    whose council has not met reports its result (báo cáo) and says it will request later."""
    letter = replace(qd06_data.letter, number="/TTr-UBND")  # to be written in when registered
    data = replace(qd06_data, minutes=None, minutes_missing=("ngày họp",), letter=letter)
    assert data.recognized
    assert not data.requests_recognition
    text = flat(pdftotext(write_pdf(tmp_path, "no-minutes.pdf", render_dossier(data)), 1, 2))
    assert "TỜ TRÌNH" not in text
    assert "BÁO CÁO" in text
    assert "Số: /BC-UBND" in text
    assert "Kính trình" not in text
    assert "Kính gửi" not in text
    assert "chưa trình đề nghị công nhận" in text
    assert "sau khi Hội đồng đánh giá họp" in text
    assert "Xã Hữu Liên ĐẠT tiêu chuẩn" in flat(pdftotext(tmp_path / "no-minutes.pdf"))
