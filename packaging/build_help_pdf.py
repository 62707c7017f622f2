"""Render the user guide (resources/help/LANG/guide.md) to the PDF shipped beside it:

    python packaging/build_help_pdf.py

writes resources/help/vi/huong-dan-su-dung.pdf and resources/help/en/user-guide.pdf, with the
bundled Be Vietnam Pro (the screens' font) embedded and the guide's screenshots. The PDFs are
committed (the app opens them from Help → User guide (PDF)); tests/unit/test_help_guide.py fails when
one no longer matches its source. Run it after editing a guide or its pictures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessor_app.paths import resource  # noqa: E402 (the repository's root first)
from assessor_app.ui.help import guide  # noqa: E402

FONTS = {
    "HelpSans": "BeVietnamPro-Regular.ttf",
    "HelpSans-Bold": "BeVietnamPro-Bold.ttf",
    "HelpSans-Italic": "BeVietnamPro-Italic.ttf",
    "HelpArrow": "LiberationSerif-Regular.ttf",  # Be Vietnam Pro has no "→" (menu paths)
}
TEXT_WIDTH = A4[0] - 40 * mm
TITLES = {"vi": "Hướng dẫn sử dụng", "en": "User guide"}


def _register() -> None:
    for name, file in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    pdfmetrics.registerFontFamily(
        "HelpSans", normal="HelpSans", bold="HelpSans-Bold", italic="HelpSans-Italic"
    )


def _styles() -> dict[str, ParagraphStyle]:
    def style(name: str, **changes: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": "HelpSans",
            "fontSize": 10.5,
            "leading": 14.5,
            "spaceAfter": 5,
        }
        return ParagraphStyle(name, **{**base, **changes})

    bold = "HelpSans-Bold"
    return {
        "body": style("body"),
        "h1": style(
            "h1", fontName=bold, fontSize=18, leading=23, spaceAfter=12, alignment=TA_CENTER
        ),
        "h2": style("h2", fontName=bold, fontSize=14, leading=18, spaceBefore=12),
        "h3": style("h3", fontName=bold, fontSize=11.5, spaceBefore=6),
        "caption": style(
            "caption", fontName="HelpSans-Italic", fontSize=9, alignment=TA_CENTER, spaceAfter=10
        ),
    }


def _inline(text: str) -> str:
    return guide.inline_html(text).replace("→", '<font name="HelpArrow">→</font>')


def _picture(folder: Path, block: guide.Image, styles: dict[str, ParagraphStyle]) -> Flowable:
    path = folder / block.path
    picture = Image(str(path))
    width = min(TEXT_WIDTH, 150 * mm)
    picture.drawHeight = picture.imageHeight * width / picture.imageWidth
    picture.drawWidth = width
    return KeepTogether(
        [Spacer(1, 3), picture, Paragraph(_inline(block.caption), styles["caption"])]
    )


def flowables(language: str) -> list[Flowable]:
    """The guide in `language` as reportlab's flowables (the same blocks the app's window shows)."""
    _register()
    styles = _styles()
    folder = guide.guide_folder(language)
    story: list[Flowable] = []
    for block in guide.read(language):
        if isinstance(block, guide.Heading):
            if block.level == 2:
                story.append(CondPageBreak(60 * mm))  # a heading never ends a page
            story.append(Paragraph(_inline(block.text), styles[f"h{block.level}"]))
        elif isinstance(block, guide.Paragraph):
            story.append(Paragraph(_inline(block.text), styles["body"]))
        elif isinstance(block, guide.Bullets):
            items = [ListItem(Paragraph(_inline(i), styles["body"])) for i in block.items]
            story.append(
                ListFlowable(
                    items, bulletType="bullet", bulletFontName="HelpSans", start="•", leftIndent=12
                )
            )
        else:
            story.append(_picture(folder, block, styles))
    return story


def build(language: str, target: Path) -> Path:
    """Write the guide in `language` to `target` (a folder); the PDF's path."""
    path = target / guide.PDF_NAMES[language]
    temporary = path.with_suffix(".tmp")
    document = SimpleDocTemplate(
        str(temporary), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=18 * mm, bottomMargin=18 * mm, title=TITLES[language], author="assessor_app",
        creator="assessor_app", invariant=1, lang=language, initialFontName="HelpSans",
    )  # fmt: skip
    document.build(flowables(language), onLaterPages=_page_number, onFirstPage=_page_number)
    temporary.replace(path)
    return path


def _page_number(canvas: object, document: object) -> None:
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont("HelpSans", 9)  # type: ignore[attr-defined]
    canvas.drawCentredString(A4[0] / 2, 10 * mm, str(document.page))  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def main() -> int:
    for language in guide.PDF_NAMES:
        print(build(language, resource("help", language)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
