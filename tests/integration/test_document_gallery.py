"""Every kind of document the app prints, made from real stores (tests/document_gallery.py), each
page rendered to PNG under test-artifacts/documents/ for people to look at, and read the way an
official reads them: nothing internal or English on any page, the draft marked on every page and
only the draft, the demo marked on every page and only the demo, a passing commune's request and a
failing commune's report (issue 12, "Done when")."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.document_gallery import every_document
from tests.unit.reports.fixtures import ROOT, flat, page_count, pdftotext, render_pages

GALLERY = ROOT / "test-artifacts" / "documents"
DOCS = ROOT / "docs"

# What must never reach an official's page: identifiers of the code (snake_case), catalogue
# version strings, English words of the app's vocabulary.
INTERNAL = re.compile(
    r"\b[a-z]+_[a-z_]+\b|\d{4}\.\d+-provisional|\bDK\d+\b|\b(provisional|draft|labour|mountain|"
    r"justice|health|education|culture|police|finalized|recognized)\b"
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each document's pages as text (the PDF and PNGs are kept under test-artifacts)."""
    made = every_document(tmp_path_factory.mktemp("gallery"))
    shutil.rmtree(GALLERY, ignore_errors=True)  # no page of an earlier run left to mislead
    GALLERY.mkdir(parents=True)
    pages: dict[str, list[str]] = {}
    for name, data in made.items():
        pdf = GALLERY / f"{name}.pdf"
        pdf.write_bytes(data)
        images = render_pages(pdf, GALLERY, name)
        count = page_count(pdf)
        assert len(images) == count
        pages[name] = [flat(pdftotext(pdf, page, page)) for page in range(1, count + 1)]
    return pages


def test_every_kind_of_document_is_there(documents: dict[str, list[str]]) -> None:
    assert sorted(documents) == sorted(
        [
            "ho-so-dat-chuan",
            "ho-so-khong-dat",
            "ho-so-du-thao",
            "ho-so-demo",
            "bao-cao-tong-hop-tinh-2026",
            "bao-cao-tong-hop-huyen-2016",
            "bao-cao-tham-dinh",
            "quyet-dinh-cong-nhan",
            "bao-cao-ke-hoach-nam-2026",
            "bao-cao-ke-hoach-nam-2021",
            "quyet-dinh-thu-hoi",
        ]
    )
    assert all(text.strip() for pages in documents.values() for text in pages)


def test_no_internal_code_or_english_on_any_page(documents: dict[str, list[str]]) -> None:
    found = {
        f"{name} p.{number}": sorted(set(INTERNAL.findall(text)))
        for name, pages in documents.items()
        for number, text in enumerate(pages, 1)
        if INTERNAL.search(text)
    }
    assert found == {}


def test_the_draft_and_only_the_draft_says_so_on_every_page(
    documents: dict[str, list[str]],
) -> None:
    assert all("DỰ THẢO" in text for text in documents["ho-so-du-thao"])
    others = [
        n for n, pages in documents.items() if n != "ho-so-du-thao" and "DỰ THẢO" in " ".join(pages)
    ]
    assert others == []


def test_the_demo_and_only_the_demo_says_so_on_every_page(documents: dict[str, list[str]]) -> None:
    assert all("DEMO" in text.upper() for text in documents["ho-so-demo"])
    others = [
        n for n, pages in documents.items() if n != "ho-so-demo" and "DEMO" in " ".join(pages)
    ]
    assert others == []


def test_a_passing_commune_requests_and_a_failing_one_reports(
    documents: dict[str, list[str]],
) -> None:
    passing, failing = documents["ho-so-dat-chuan"][0], documents["ho-so-khong-dat"][0]
    assert "TỜ TRÌNH" in passing
    assert "/TTr-UBND" in passing
    assert "BÁO CÁO" in failing
    assert "/BC-UBND" in failing
    assert "TỜ TRÌNH" not in failing
    assert "Kính trình" not in failing
    # the demo passes but its council never met: no minutes, so no request yet
    no_minutes = documents["ho-so-demo"][0]
    assert "BÁO CÁO" in no_minutes
    assert "TỜ TRÌNH" not in no_minutes
    assert "chưa trình đề nghị công nhận" in " ".join(no_minutes.split())


def test_the_docs_show_every_document(documents: dict[str, list[str]]) -> None:
    """docs/reports.md shows a page of each document (docs/make_document_images.py makes them)."""
    text = (DOCS / "reports.md").read_text(encoding="utf-8")
    for name in documents:
        image = DOCS / "img" / f"{name}.png"
        assert image.is_file(), f"run python docs/make_document_images.py ({image.name} missing)"
        assert f"img/{name}.png" in text


def test_a_city_reports_as_a_city(documents: dict[str, list[str]]) -> None:
    """The district-level city of Lạng Sơn is "thành phố", not "huyện", in its own summary."""
    text = " ".join(documents["bao-cao-tong-hop-huyen-2016"])
    assert "Toàn thành phố có" in text
    assert "huyện" not in text.lower().replace("ủy ban nhân dân huyện", "")


def test_units_are_named_in_lower_case_mid_sentence(documents: dict[str, list[str]]) -> None:
    """Administrative Vietnamese: "Kết quả: xã Hữu Liên đạt …", "…, huyện Hữu Lũng, tỉnh Lạng
    Sơn", never "Kết quả: Xã …" or ", Huyện …" in the middle of a sentence."""
    capital_mid_sentence = re.compile(
        r"(?:, |Kết quả: |Kết luận: )(Xã|Phường|Thị trấn|Huyện|Tỉnh) [A-ZĐ]"
        r"|(?:loại đơn vị|hình thức): ([A-ZĐ]\w*)"
        r"|loại đơn vị này \((Xã|Phường)"
    )  # a field's value after its label ("Đơn vị: Xã Hữu Liên") is a name, not a sentence
    found = {
        name: capital_mid_sentence.findall(" ".join(pages))
        for name, pages in documents.items()
        if capital_mid_sentence.search(" ".join(pages))
    }
    assert found == {}


def test_a_summary_cites_the_years_recognition_decision(documents: dict[str, list[str]]) -> None:
    """The decision recorded for the year (125/QĐ-UBND of 5 December 2026) is cited by the
    province's summary by its number and date; a year without one says so."""
    province = " ".join(documents["bao-cao-tong-hop-tinh-2026"])
    assert "đã ban hành Quyết định số 125/QĐ-UBND ngày 05/12/2026 công nhận" in province
    assert "Chưa có quyết định công nhận năm 2016." in " ".join(
        documents["bao-cao-tong-hop-huyen-2016"]
    )


def test_no_page_carries_a_stray_line(documents: dict[str, list[str]]) -> None:
    """A page holds more than the end of a paragraph from the page before (the provenance's last
    lines once stood alone on a page): besides the marks every page repeats, real content."""
    marks = re.compile(
        r"Bộ tiêu chí có nội dung TẠM TÍNH.*$|"  # the footer, last in the page's text
        r"DEMO — DỮ LIỆU MẪU DÙNG ĐỂ THỬ PHẦN MỀM, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ|DỰ THẢO|^\d+\s"
    )
    stray = {
        (name, number): body
        for name, pages in documents.items()
        for number, page in enumerate(pages, start=1)
        if len(body := marks.sub("", page).strip()) < 60
    }
    assert stray == {}
