"""The dossier's assessment table as offices use it (columns, data sources, the appraisal's
points, the total row kept with the last rows, numbers kept with their units) and the evidence
index grouped by criterion."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from assessor_app.reports.dossier import render_dossier
from assessor_app.reports.dossier_evidence import CHUNK, _evidence_table, wrap_name
from assessor_app.reports.layout import keep_together, styles
from assessor_app.reports.model import DossierData, EvidenceItem
from tests.unit.reports import fixtures
from tests.unit.reports.fixtures import flat, page_count, pdftotext, write_pdf

HEADERS = "STT Tiêu chí, chỉ tiêu Điểm tối đa Số liệu Điểm tự chấm"
NOTES = "Nguồn số liệu Ghi chú"
INDICATOR_ROW = re.compile(r"\bTC\d+\.\d+\. ")


def _pages(pdf: Path) -> list[str]:
    return [pdftotext(pdf, n, raw=True) for n in range(1, page_count(pdf) + 1)]


def _table_pages(pdf: Path) -> list[str]:
    """The pages of section 2, from its title to the total row (in content order)."""
    pages = _pages(pdf)
    first = next(i for i, p in enumerate(pages) if "BẢNG ĐÁNH GIÁ KẾT QUẢ" in p)
    last = next(i for i, p in enumerate(pages) if "TỔNG CỘNG" in p)
    return pages[first : last + 1]


@pytest.fixture(scope="module")
def plain_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("table")
    return write_pdf(folder, "plain.pdf", render_dossier(fixtures.dossier_qd06()))


@pytest.fixture(scope="module")
def appraised_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("table")
    return write_pdf(folder, "appraised.pdf", render_dossier(fixtures.dossier_qd06_appraised()))


def test_columns_without_an_appraisal(plain_pdf: Path) -> None:
    table = flat(" ".join(_table_pages(plain_pdf)))
    assert f"{HEADERS} {NOTES}" in table
    assert "Điểm thẩm định" not in table
    assert "Điểm đạt" not in table
    assert "TỔNG CỘNG 1.000 855" in table


def test_columns_with_the_appraisal(appraised_pdf: Path) -> None:
    data = fixtures.dossier_qd06_appraised()
    assert data.appraised_total == 825
    table = flat(" ".join(_table_pages(appraised_pdf)))
    assert f"{HEADERS} Điểm thẩm định {NOTES}" in table
    assert "TỔNG CỘNG 1.000 855 825" in table
    # TC2.1: 49/50 self-assessed (75), 47/50 appraised (45)
    assert re.search(r"49/50 = 98,0 % 75 45 Sổ đăng ký khai sinh", table), table[:2000]


def test_every_table_page_repeats_the_header(appraised_pdf: Path) -> None:
    for page in _table_pages(appraised_pdf):
        assert HEADERS in flat(page)


def test_the_data_sources_are_in_the_table(plain_pdf: Path) -> None:
    table = flat(" ".join(_table_pages(plain_pdf)))
    for source in fixtures.QD06_SOURCES.values():
        assert source in table, source
    assert "Nguồn số liệu:" not in table  # the column says it


def test_the_team_comments_are_the_notes_column(plain_pdf: Path) -> None:
    """Each indicator's comments print in "Ghi chú", after its data source."""
    table = flat(" ".join(_table_pages(plain_pdf)))
    for code, comments in fixtures.QD06_COMMENTS.items():
        source = fixtures.QD06_SOURCES.get(code, "")
        for comment in comments:
            assert f"{source} {comment}".strip() in table, (code, comment)


def test_header_words_are_never_split(plain_pdf: Path, appraised_pdf: Path) -> None:
    """A narrow header breaks between words, never inside a two-syllable word."""
    for pdf in (plain_pdf, appraised_pdf):
        for page in _table_pages(pdf):
            for broken in ("tối\nđa", "tự\nchấm", "thẩm\nđịnh", "số\nliệu", "Ghi\nchú"):
                assert broken not in page, (broken, page[:400])


def _shifted(data: DossierData, lines: int) -> DossierData:
    """The same dossier with the table starting `lines` lines lower on its first page."""
    words = " (ghi chú thêm về loại đơn vị hành chính)" * (lines * 2)
    return replace(data, commune=replace(data.commune, category=data.commune.category + words))


@pytest.mark.parametrize("lines", range(0, 12, 2))
@pytest.mark.parametrize("appraised", [False, True])
def test_the_total_row_is_never_alone_on_a_page(
    tmp_path: Path, lines: int, appraised: bool
) -> None:
    base = fixtures.dossier_qd06_appraised() if appraised else fixtures.dossier_qd06()
    pdf = write_pdf(tmp_path, "shifted.pdf", render_dossier(_shifted(base, lines)))
    page = flat(_table_pages(pdf)[-1])
    rows_before_total = page[: page.index("TỔNG CỘNG")]
    assert INDICATOR_ROW.search(rows_before_total), page
    assert "Ghi chú: (*)" in page[page.index("TỔNG CỘNG") :]  # the note on the marks follows


def test_numbers_stay_with_their_units(plain_pdf: Path) -> None:
    assert keep_together("≥ 98 %: 75 điểm; 3 trường hợp") == (
        "≥\u00a098\u00a0%: 75\u00a0điểm; 3\u00a0trường hợp"
    )
    for page in _table_pages(plain_pdf):
        assert not re.search(r"\d\s*\n\s*(điểm|%|‰|trường hợp)", page), page


# --- the evidence index


def test_the_evidence_index_is_grouped_by_criterion(plain_pdf: Path) -> None:
    page = flat(next(p for p in _pages(plain_pdf) if "DANH MỤC MINH CHỨNG" in p))
    order = [
        "TC2. Trẻ em được khai sinh đúng quy định",
        "so-khai-sinh-2025-2026.pdf",
        "TC7. Trẻ em dưới 1 tuổi",
        "tiem-chung-mo-rong.xlsx",
        "TC8.",
        "can-do-tre-duoi-5-tuoi.pdf",
        "TC11. Trẻ em được thực hiện quyền tham gia",
        "dien-dan-tre-em.jpg",
        "Minh chứng chung của hồ sơ",
        "qd-thanh-lap-hoi-dong.pdf",
    ]
    positions = [page.index(needle) for needle in order]
    assert positions == sorted(positions)


LONG_NAME = "bien-ban-hop-hoi-dong-danh-gia_xa-huu-lien.nam2026.ABCDEFGHIJKLMNOPQRSTUVWXYZ.pdf"


def test_file_names_wrap_at_safe_points() -> None:
    st = styles()
    lines = wrap_name(LONG_NAME, 40 * 2.835, st.cell.fontName, st.cell.fontSize)
    assert "".join(lines) == LONG_NAME
    assert len(lines) > 1
    for line in lines[:-1]:
        safe = line[-1] in "_-." or len(line) % CHUNK == 0
        assert safe, lines


def test_one_font_size_for_every_body_row(tmp_path: Path) -> None:
    data = fixtures.dossier_qd06()
    item = EvidenceItem(LONG_NAME, "Biên bản", "ab" * 32, "TC2.1")
    data = replace(data, evidence=(*data.evidence, item))
    table = _evidence_table(data, styles())
    sizes = {
        cell.style.fontSize
        for row in table._cellvalues[1:]
        for cell in row
        if isinstance(cell, Paragraph)
    }
    assert sizes == {styles().cell.fontSize}
    pdf = write_pdf(tmp_path, "long.pdf", render_dossier(data))
    index = next(p for p in _pages(pdf) if "DANH MỤC MINH CHỨNG" in p)
    assert LONG_NAME in index.replace("\n", "").replace(" ", "")
