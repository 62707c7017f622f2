"""The page frame of every document: sections with their own page numbers, the provisional banner
and the DEMO mark on every page, and the PDF's fixed metadata (the same data gives the same bytes)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from assessor_app import __version__
from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.reports.layout import (
    BANNER_FILL,
    BODY_SIZE,
    DEMO_BANNER,
    DEMO_WATERMARK,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PROVISIONAL_BANNER,
    RED,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    Styles,
    styles,
)
from assessor_app.reports.layout_marks import (
    DEMO_LETTERS,
    DRAFT_LETTERS,
    DRAFT_WATERMARK,
    draw_mark,
)


class SectionStart(Flowable):  # type: ignore[misc]
    """Marks the first page of a document inside a bundle: page numbers restart after it, and the
    PDF's outline gets an entry for it."""

    def __init__(self, state: PageState, key: str, title: str) -> None:
        super().__init__()
        self.state = state
        self.key = key
        self.title = title

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state.section_start = self.canv.getPageNumber()
        self.state.section = self.key
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(nfc(self.title), self.key, level=0)


@dataclass
class PageState:
    """Mutable state of one rendering (never shared between renderings)."""

    section_start: int = 1
    section: str = ""
    pages: int = 0


@dataclass(frozen=True)
class Banner:
    """What every page must say about the data.

    Fields:
        provisional_parts: codes of the catalogue's provisional parts; not empty → the provisional
            banner on every page.
        demo: the data is the demo store's → the DEMO banner and watermark on every page.
        draft: the document is a draft (dự thảo) → "DỰ THẢO" in the top margin and as a diagonal
            mark on every page.
    """

    provisional_parts: tuple[str, ...] = ()
    demo: bool = False
    draft: bool = False


BANNER_SIZE = 8.5
BANNER_LEADING = 10.0
BANNER_MAX_LINES = 2


def provisional_banner_text(parts: Sequence[str], width: float = TEXT_WIDTH - 8) -> str:
    """The provisional banner, its list of parts (one phrase per criterion) shortened to fit `BANNER_MAX_LINES` lines."""
    head = f"{PROVISIONAL_BANNER} — các phần tạm tính: "

    def fits(candidate: str) -> bool:
        lines = simpleSplit(candidate, fonts.BOLD, BANNER_SIZE, width)
        return len(lines) <= BANNER_MAX_LINES

    full = head + "; ".join(parts) + "."
    if fits(full):
        return full
    for keep in range(len(parts) - 1, 0, -1):
        rest = len(parts) - keep
        candidate = head + "; ".join(parts[:keep]) + f"; … và {rest} phần khác."
        if fits(candidate):
            return candidate
    return head + f"{len(parts)} phần."


DRAFT_LABEL = "DỰ THẢO"


def draw_marks(canvas: Canvas, banner: Banner) -> None:
    """The diagonal marks under the text: DEMO and/or DỰ THẢO (apart when both are drawn)."""
    both = banner.demo and banner.draft
    if banner.demo:
        draw_mark(canvas, DEMO_LETTERS, DEMO_WATERMARK, (95, 140, 38, 16), 150 if both else 0)
    if banner.draft:
        draw_mark(canvas, DRAFT_LETTERS, DRAFT_WATERMARK, (62, 92, 22, 11), -150 if both else 0)


def draw_draft_label(canvas: Canvas) -> None:
    """ "DỰ THẢO" in a box at the right of the top margin, as offices mark a draft's pages."""
    fonts.register_fonts()
    width = stringWidth(DRAFT_LABEL, fonts.BOLD, 12) + 10
    x = PAGE_WIDTH - MARGIN_RIGHT - width
    y = PAGE_HEIGHT - MARGIN_TOP + 4 * mm
    canvas.setStrokeColor(INK)
    canvas.setFillColor(INK)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, width, 17, stroke=1, fill=0)
    canvas.setFont(fonts.BOLD, 12)
    canvas.drawCentredString(x + width / 2, y + 5, DRAFT_LABEL)


class PageDecor:
    """Draws what belongs to every page: the DEMO watermark (under the text), the page number and
    the banners (in the margins)."""

    def __init__(self, banner: Banner, state: PageState) -> None:
        self.banner = banner
        self.state = state
        self.lines: list[tuple[str, Any]] = []
        if banner.demo:
            self.lines.append((DEMO_BANNER, RED))
        if banner.provisional_parts:
            fonts.register_fonts()
            message = provisional_banner_text(banner.provisional_parts)
            for line in simpleSplit(message, fonts.BOLD, BANNER_SIZE, TEXT_WIDTH - 8):
                self.lines.append((line, INK))

    def page_begin(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_marks(canvas, self.banner)

    def page_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        self.state.pages = page
        canvas.saveState()
        number = page - self.state.section_start + 1
        if number >= 2:
            canvas.setFont(fonts.REGULAR, 13)
            canvas.setFillColor(INK)
            canvas.drawCentredString(
                MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP + 6 * mm, str(number)
            )
        if self.banner.draft:
            draw_draft_label(canvas)
        if self.lines:
            height = len(self.lines) * BANNER_LEADING + 5
            y0 = 6 * mm
            canvas.setFillColor(BANNER_FILL)
            canvas.setStrokeColor(RED)
            canvas.setLineWidth(0.8)
            canvas.rect(MARGIN_LEFT, y0, TEXT_WIDTH, height, stroke=1, fill=1)
            y = y0 + height - BANNER_LEADING + 1
            for line, color in self.lines:
                canvas.setFillColor(color)
                canvas.setFont(fonts.BOLD, BANNER_SIZE)
                canvas.drawString(MARGIN_LEFT + 4, y, line)
                y -= BANNER_LEADING
        canvas.restoreState()


@dataclass(frozen=True)
class PdfInfo:
    """The document information of a PDF: title, subject, author, keywords, and the date written
    as both its creation and modification date (so the same data gives the same bytes)."""

    title: str
    subject: str
    author: str
    created: datetime
    keywords: tuple[str, ...] = field(default=())


def pdf_date(moment: datetime) -> Callable[..., str]:
    """A reportlab date formatter that always writes `moment` (local time if naive, +07:00 as the
    offset then: documents are dated in Vietnam)."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 7 * 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    stamp = moment.strftime("%Y%m%d%H%M%S")  # text-layer: the PDF's metadata, not for reading

    def formatter(*_args: Any) -> str:
        return f"D:{stamp}{sign}{hours:02d}'{rest:02d}'"  # text-layer: the PDF's metadata

    return formatter


def build_pdf(
    story: Callable[[PageState, Styles], list[Flowable]], info: PdfInfo, banner: Banner
) -> bytes:
    """Lay out the story on A4 pages with the decorations, and return the PDF's bytes.

    The same story and info give the same bytes: reportlab's invariant mode (no real time stamp,
    a document ID computed from the content), and `info.created` as the document's dates.
    """
    family = fonts.register_fonts()
    state = PageState()
    st = styles()
    decor = PageDecor(banner, state)
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        TEXT_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=nfc(info.title),
        subject=nfc(info.subject),
        author=nfc(info.author),
        keywords=[nfc(k) for k in info.keywords],
        creator=f"assessor-app {__version__}",
        invariant=1,
        lang="vi-VN",
        initialFontName=family,
        initialFontSize=BODY_SIZE,
        initialLeading=17,
        pageTemplates=[
            PageTemplate(
                id="page",
                frames=[frame],
                onPage=decor.page_begin,
                onPageEnd=decor.page_end,
                pagesize=A4,
            )
        ],
    )
    formatter = pdf_date(info.created)

    def canvasmaker(*args: Any, **kw: Any) -> Canvas:
        canvas = Canvas(*args, **kw)
        canvas.setDateFormatter(formatter)
        return canvas

    doc.build(story(state, st), canvasmaker=canvasmaker)
    return buffer.getvalue()
