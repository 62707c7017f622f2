"""The user guide: its two languages have the same sections, every section a screen opens with F1
exists, every picture is there and small, and the shipped PDF is the guide as it is now (headings,
embedded fonts, the same text as a fresh build)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from assessor_app.paths import resource
from assessor_app.ui.help import guide
from tests.unit.reports.fixtures import flat, pdffonts, pdftotext

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("vi", "en")


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_help_pdf", ROOT / "packaging" / "build_help_pdf.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_help_pdf", module)
    spec.loader.exec_module(module)
    return module


def _anchors(language: str) -> list[str]:
    return [b.anchor for b in guide.read(language) if isinstance(b, guide.Heading) and b.anchor]


def test_the_guides_have_the_same_sections_in_both_languages() -> None:
    assert _anchors("vi") == _anchors("en")
    titles = [s.text for s in guide.sections(guide.read("vi"))]
    assert titles[:3] == ["Bắt đầu", "Danh sách đánh giá", "Chấm điểm"]
    assert {"Xuất gói hồ sơ", "Nhập gói hồ sơ", "In hồ sơ và báo cáo"} <= set(titles)


def test_every_screen_opens_a_section_that_exists() -> None:
    from assessor_app.ui.help.topics import START, TOPICS

    for language in LANGUAGES:
        assert set(TOPICS.values()) | {START} <= set(_anchors(language)), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_is_shipped_and_small(language: str) -> None:
    pictures = [b for b in guide.read(language) if isinstance(b, guide.Image)]
    assert len(pictures) >= 5  # the list, scoring, export, import, printing
    for picture in pictures:
        path = guide.guide_folder(language) / picture.path
        assert path.is_file(), path
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size < 120_000, path  # scaled to 800 px, 256 colours


def test_the_html_has_an_anchor_per_section_and_relative_pictures() -> None:
    html = guide.to_html(guide.read("vi"))
    for anchor in _anchors("vi"):
        assert f'<a name="{anchor}"></a>' in html
    assert '<img src="images/editor.png"' in html
    assert "<b>Ctrl+N</b>" in html


def test_parse_small_markdown() -> None:
    blocks = guide.parse(
        "# T\n\n## Part one {#one}\nline a\nline b\n\n- x **y**\n- z\n  more\n![cap](images/p.png)\n"
    )
    assert blocks == [
        guide.Heading(1, "T", ""),
        guide.Heading(2, "Part one", "one"),
        guide.Paragraph("line a line b"),
        guide.Bullets(("x **y**", "z more")),
        guide.Image("images/p.png", "cap"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_pdf_has_the_headings_and_embeds_its_fonts(language: str) -> None:
    pdf = resource("help", language, guide.PDF_NAMES[language])
    assert pdf.is_file()
    text = flat(pdftotext(pdf))
    for heading in (b for b in guide.read(language) if isinstance(b, guide.Heading)):
        assert flat(heading.text) in text, heading.text
    fonts = pdffonts(pdf)
    assert fonts, "no fonts"
    assert all(row[-5] == "yes" for row in fonts), fonts  # emb
    assert any("BeVietnamPro" in row[0] for row in fonts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_pdf_is_up_to_date_with_its_source(language: str, tmp_path: Path) -> None:
    """Edit the guide, then `python packaging/build_help_pdf.py` and commit the PDFs."""
    fresh = _builder().build(language, tmp_path)
    shipped = resource("help", language, guide.PDF_NAMES[language])
    assert pdftotext(fresh) == pdftotext(shipped), "run python packaging/build_help_pdf.py"
