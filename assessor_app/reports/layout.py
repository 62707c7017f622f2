"""The presentation of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Liberation Serif (Times New
Roman metrics) 13 pt for the body. The building blocks:

- `AdminHeader`: the two-column header — issuing body (cơ quan chủ quản over cơ quan ban hành, bold,
  centred, a short rule under it) and "Số: …" on the left; the national title, the motto with a rule
  the length of the motto, and the place and date in italics on the right.
- `title_block`: the document's kind (bold capitals, centred), its summary line with a short rule,
  and "Kính gửi: …".
- `closing_block`: "Nơi nhận:" and its list on the left, the signature block on the right.
- `build_pdf`: the page frame — page numbers from the second page of each section, centred in the top
  margin; the provisional banner and the DEMO mark on every page; fixed metadata for identical bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.reports.model import IssuingBody, Letter, Signature
from assessor_app.texts.documents import place_date

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

BODY_SIZE = 13
HEADER_LEFT_WIDTH = 72 * mm  # the rest (93 mm) holds the national title at 12 pt (88 mm)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PROVISIONAL_BANNER = "Bộ tiêu chí có nội dung TẠM TÍNH, chưa phải văn bản chính thức"
DEMO_BANNER = "DEMO — DỮ LIỆU MẪU DÙNG ĐỂ THỬ PHẦN MỀM, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"

INK = colors.black
RED = colors.Color(0.7, 0.0, 0.0)
BANNER_FILL = colors.Color(1.0, 0.95, 0.85)
DEMO_WATERMARK = colors.Color(0.98, 0.82, 0.82)
GRID = colors.Color(0.35, 0.35, 0.35)
HEADER_FILL = colors.Color(0.9, 0.9, 0.9)
ROW_FILL = colors.Color(0.96, 0.96, 0.96)


_NBSP = "\u00a0"
_BEFORE_SIGN = re.compile(r"(?<=\d) (?=[%‰])")
_AFTER_RELATION = re.compile(r"(?<=[≥≤<>=]) (?=\d)")


def keep_together(value: str) -> str:
    """No line break inside "98 %" or "≥ 98": the spaces become no-break spaces."""
    return _AFTER_RELATION.sub(_NBSP, _BEFORE_SIGN.sub(_NBSP, value))


def text(value: str) -> str:
    """Data text made safe for a Paragraph: NFC, XML-escaped, line breaks kept, no break inside
    "98 %"."""
    return escape(keep_together(nfc(value))).replace("\n", "<br/>")


def upper(value: str) -> str:
    return nfc(value).upper()


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_flush: ParagraphStyle
    title: ParagraphStyle
    summary: ParagraphStyle
    addressee: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    cell_center_bold: ParagraphStyle
    cell_small: ParagraphStyle
    cell_hash: ParagraphStyle
    plain: ParagraphStyle
    note: ParagraphStyle
    recipients_label: ParagraphStyle
    recipient: ParagraphStyle
    sign: ParagraphStyle
    sign_italic: ParagraphStyle
    verdict: ParagraphStyle


def styles() -> Styles:
    """The paragraph styles of every document (fonts registered on first use)."""
    family = fonts.register_fonts()

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": family,
            "fontSize": BODY_SIZE,
            "leading": 17,
            "textColor": INK,
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        body=style("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6),
        body_flush=style("body_flush", alignment=TA_JUSTIFY, spaceAfter=4),
        title=style("title", fontName=fonts.BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        summary=style("summary", fontName=fonts.BOLD, alignment=TA_CENTER, leading=17),
        addressee=style("addressee", alignment=TA_CENTER, spaceBefore=10, spaceAfter=8),
        heading=style(
            "heading",
            fontName=fonts.BOLD,
            alignment=TA_LEFT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        subheading=style(
            "subheading", fontName=fonts.BOLD_ITALIC, spaceBefore=6, spaceAfter=3, leading=16
        ),
        cell=style("cell", fontSize=10.5, leading=13),
        cell_bold=style("cell_bold", fontName=fonts.BOLD, fontSize=10.5, leading=13),
        cell_center=style("cell_center", fontSize=10.5, leading=13, alignment=TA_CENTER),
        cell_center_bold=style(
            "cell_center_bold",
            fontName=fonts.BOLD,
            fontSize=10.5,
            leading=13,
            alignment=TA_CENTER,
        ),
        cell_small=style("cell_small", fontSize=9, leading=11),
        cell_hash=style("cell_hash", fontSize=7.5, leading=9.5),
        plain=style("plain", alignment=TA_LEFT, spaceAfter=4),
        note=style("note", fontName=fonts.ITALIC, fontSize=11, leading=14, spaceBefore=3),
        recipients_label=style("recipients_label", fontName=fonts.BOLD_ITALIC, fontSize=12),
        recipient=style("recipient", fontSize=11, leading=13),
        sign=style("sign", fontName=fonts.BOLD, alignment=TA_CENTER, leading=17),
        sign_italic=style(
            "sign_italic", fontName=fonts.ITALIC, alignment=TA_CENTER, fontSize=12, leading=15
        ),
        verdict=style(
            "verdict", fontName=fonts.BOLD, alignment=TA_JUSTIFY, spaceBefore=6, spaceAfter=4
        ),
    )


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of data text (escaped)."""
    return Paragraph(text(value), style)


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of the renderer's own markup (`<b>`, `<i>`); data inside must go through
    `text()` first."""
    return Paragraph(nfc(value), style)


class HRule(Flowable):  # type: ignore[misc]
    """A horizontal rule `length` long, centred in the available width."""

    def __init__(self, length: float, thickness: float = 0.6, space: float = 2) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space = space
        self._avail = length

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.space * 2 + self.thickness

    def draw(self) -> None:
        x0 = (self._avail - self.length) / 2
        y = self.space + self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.setStrokeColor(INK)
        self.canv.line(x0, y, x0 + self.length, y)


@dataclass
class _Line:
    text: str
    font: str
    size: float
    leading: float


def _balanced(value: str, font: str, size: float, width: float) -> list[str]:
    """`value` wrapped to `width` in as few lines as possible, the lines as even as possible
    ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN" rather than "ỦY BAN NHÂN DÂN TỈNH LẠNG" / "SƠN")."""
    lines: list[str] = simpleSplit(value, font, size, width) or [""]
    if len(lines) < 2:
        return lines
    low, high = 0.0, width
    for _ in range(20):
        middle = (low + high) / 2
        if len(simpleSplit(value, font, size, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return list(simpleSplit(value, font, size, high))


def _wrap(value: str, font: str, size: float, width: float, leading: float) -> list[_Line]:
    lines: list[_Line] = []
    for part in nfc(value).split("\n"):
        for piece in _balanced(part, font, size, width):
            lines.append(_Line(piece, font, size, leading))
    return lines


class AdminHeader(Flowable):  # type: ignore[misc]
    """The header of an administrative document, in two columns (NĐ 30/2020, ô số 1–5).

    Left: cơ quan chủ quản (regular capitals) over the issuing body (bold capitals), centred, with a
    rule a third of the name's width under it; then "Số: …". Right: the national title (bold
    capitals, 12 pt) over the motto (bold, 13 pt) with a rule as long as the motto; then the place
    and date in italics, on the same line as the number. `number=None` leaves the number out
    (annexes, minutes without a number); `place_line=None` leaves the date out.
    """

    def __init__(self, issuer: IssuingBody, number: str | None, place_line: str | None) -> None:
        super().__init__()
        fonts.register_fonts()
        self.issuer = issuer
        self.number = number
        self.place_line = place_line
        self.width = TEXT_WIDTH
        self.height = 0.0

    def _columns(self, width: float) -> tuple[list[_Line], list[_Line]]:
        left_width = HEADER_LEFT_WIDTH
        right_width = width - left_width
        left: list[_Line] = []
        if self.issuer.parent:
            left += _wrap(upper(self.issuer.parent), fonts.REGULAR, 12, left_width - 4, 15)
        left += _wrap(upper(self.issuer.name), fonts.BOLD, 12, left_width - 4, 15)
        right = _wrap(NATIONAL_TITLE, fonts.BOLD, 12, right_width, 15)
        right += [_Line(MOTTO, fonts.BOLD, 13, 16)]
        return left, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        left, right = self._columns(avail_width)
        top = max(sum(line.leading for line in left), sum(line.leading for line in right))
        below = self.RULE_GAP + (self.DATE_GAP + 5 if self._has_date_line else 4)
        self.height = top + below
        return avail_width, self.height

    RULE_GAP = 3.0  # from the bottom of the last line box to its rule
    DATE_GAP = 20.0  # from the lower rule to the baseline of the number and date line

    @property
    def _has_date_line(self) -> bool:
        return self.number is not None or bool(self.place_line)

    def draw(self) -> None:
        canvas = self.canv
        left, right = self._columns(self.width)
        left_center = HEADER_LEFT_WIDTH / 2
        right_center = HEADER_LEFT_WIDTH + (self.width - HEADER_LEFT_WIDTH) / 2
        canvas.setFillColor(INK)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)

        def column(lines: list[_Line], center: float) -> float:
            y = self.height
            for line in lines:
                y -= line.leading
                canvas.setFont(line.font, line.size)
                canvas.drawCentredString(center, y + (line.leading - line.size) / 2 + 1, line.text)
            return y

        left_rule = column(left, left_center) - self.RULE_GAP
        name_lines = [line for line in left if line.font == fonts.BOLD and line.text]
        if name_lines:
            widest = max(stringWidth(line.text, line.font, line.size) for line in name_lines)
            rule = max(widest / 3, 18 * mm)
            canvas.line(left_center - rule / 2, left_rule, left_center + rule / 2, left_rule)

        right_rule = column(right, right_center) - self.RULE_GAP
        motto = stringWidth(MOTTO, fonts.BOLD, 13)
        canvas.line(right_center - motto / 2, right_rule, right_center + motto / 2, right_rule)

        baseline = min(left_rule, right_rule) - self.DATE_GAP
        if self.number is not None:
            canvas.setFont(fonts.REGULAR, 13)
            number = nfc(self.number).strip()
            if number.startswith("/"):  # the number is written in by hand when registered
                label = f"Số:        {number}"
            else:
                label = f"Số: {number}" if number else "Số:"
            canvas.drawCentredString(left_center, baseline, label)
        if self.place_line:
            canvas.setFont(fonts.ITALIC, 13)
            canvas.drawCentredString(right_center, baseline, nfc(self.place_line))


def letter_header(letter: Letter, with_number: bool = True) -> AdminHeader:
    return AdminHeader(
        letter.issuer,
        letter.number if with_number else None,
        place_date(letter.place, letter.date),
    )


def title_block(
    kind: str, summary: str, addressee: str = "", st: Styles | None = None
) -> list[Flowable]:
    """The document's kind ("TỜ TRÌNH"), its summary line with a short rule, and "Kính gửi"."""
    st = st or styles()
    items: list[Flowable] = [Spacer(1, 10), para(upper(kind), st.title)]
    if summary:
        items.append(para(summary, st.summary))
        lines = simpleSplit(nfc(summary), fonts.BOLD, BODY_SIZE, TEXT_WIDTH)
        longest = max(stringWidth(line, fonts.BOLD, BODY_SIZE) for line in lines)
        items.append(HRule(max(longest / 3, 25 * mm), space=4))
    if addressee:
        items.append(markup(f"Kính gửi: {text(addressee)}", st.addressee))
    else:
        items.append(Spacer(1, 8))
    return items


def signature_cell(signature: Signature, st: Styles, space: float = 24 * mm) -> list[Flowable]:
    cell: list[Flowable] = []
    if signature.authority:
        cell.append(para(upper(signature.authority), st.sign))
    cell.append(para(upper(signature.position), st.sign))
    cell.append(Spacer(1, space))
    cell.append(para(signature.name, st.sign))
    return cell


def recipients_cell(recipients: Sequence[str], st: Styles) -> list[Flowable]:
    cell: list[Flowable] = [para("Nơi nhận:", st.recipients_label)]
    for index, item in enumerate(recipients):
        item = nfc(item).strip().rstrip(";.")
        end = "." if index == len(recipients) - 1 else ";"
        cell.append(para(f"- {item}{end}", st.recipient))
    return cell


def closing_block(
    recipients: Sequence[str],
    signature: Signature,
    st: Styles | None = None,
    keep_with: Sequence[Flowable] = (),
) -> Flowable:
    """Recipients on the left, the signature on the right, kept on one page together with
    `keep_with` (the last lines of the text: a signature never stands alone on a page)."""
    st = st or styles()
    left = recipients_cell(recipients, st) if recipients else [Spacer(1, 1)]
    table = Table(
        [[left, signature_cell(signature, st)]],
        colWidths=[TEXT_WIDTH - 92 * mm, 92 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
            ]
        ),
    )
    return KeepTogether([*keep_with, Spacer(1, 12), table])


def two_signatures(
    left: Signature,
    right: Signature,
    st: Styles | None = None,
    keep_with: Sequence[Flowable] = (),
) -> Flowable:
    """Two signature blocks side by side (minutes: secretary and chair)."""
    st = st or styles()
    table = Table(
        [[signature_cell(left, st), signature_cell(right, st)]],
        colWidths=[TEXT_WIDTH / 2, TEXT_WIDTH / 2],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
            ]
        ),
    )
    return KeepTogether([*keep_with, Spacer(1, 12), table])


def heading(title: str, st: Styles, room: float = 40 * mm) -> list[Flowable]:
    """A section heading that never ends a page: a page break first if less than `room` is left."""
    return [CondPageBreak(room), para(title, st.heading)]


def grid_table(
    rows: list[list[Any]],
    widths: Sequence[float],
    header_rows: int = 1,
    extra: Iterable[tuple[Any, ...]] = (),
) -> Table:
    """A ruled table with a shaded header row repeated on every page it spans."""
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
        ("FONTSIZE", (0, 0), (-1, -1), 10.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        style += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    style += list(extra)
    return Table(rows, colWidths=list(widths), repeatRows=header_rows, style=TableStyle(style))


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
    """

    provisional_parts: tuple[str, ...] = ()
    demo: bool = False


BANNER_SIZE = 8.5
BANNER_LEADING = 10.0
BANNER_MAX_LINES = 2


def provisional_banner_text(parts: Sequence[str], width: float = TEXT_WIDTH - 8) -> str:
    """The provisional banner, its list of codes shortened to fit `BANNER_MAX_LINES` lines."""
    head = f"{PROVISIONAL_BANNER} — các phần tạm tính: "

    def fits(candidate: str) -> bool:
        lines = simpleSplit(candidate, fonts.BOLD, BANNER_SIZE, width)
        return len(lines) <= BANNER_MAX_LINES

    full = head + ", ".join(parts) + "."
    if fits(full):
        return full
    for keep in range(len(parts) - 1, 0, -1):
        rest = len(parts) - keep
        candidate = (
            head
            + ", ".join(parts[:keep])
            + f", … và {rest} phần khác (danh sách đầy đủ ở phần thông tin bộ tiêu chí)."
        )
        if fits(candidate):
            return candidate
    return head + f"{len(parts)} phần (danh sách đầy đủ ở phần thông tin bộ tiêu chí)."


def draw_demo_mark(canvas: Canvas) -> None:
    """A large diagonal "DEMO" under the text, drawn with strokes rather than as text, so that it
    does not mix into the text a reader copies or extracts (the banner says DEMO in words)."""
    width, height, gap, stroke = 95.0, 140.0, 38.0, 16.0
    canvas.saveState()
    canvas.setStrokeColor(DEMO_WATERMARK)
    canvas.setLineWidth(stroke)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(52)
    canvas.translate(-(4 * width + 3 * gap) / 2, -height / 2)

    def letter_d() -> None:
        path = canvas.beginPath()
        path.moveTo(0, 0)
        path.lineTo(0, height)
        path.lineTo(width * 0.4, height)
        path.curveTo(width * 1.07, height, width * 1.07, 0, width * 0.4, 0)
        path.close()
        canvas.drawPath(path, stroke=1, fill=0)

    def letter_e() -> None:
        canvas.lines(
            [
                (width, 0, 0, 0),
                (0, 0, 0, height),
                (0, height, width, height),
                (0, height / 2, width * 0.8, height / 2),
            ]
        )

    def letter_m() -> None:
        path = canvas.beginPath()
        path.moveTo(0, 0)
        path.lineTo(0, height)
        path.lineTo(width / 2, height * 0.4)
        path.lineTo(width, height)
        path.lineTo(width, 0)
        canvas.drawPath(path, stroke=1, fill=0)

    def letter_o() -> None:
        canvas.ellipse(0, 0, width, height, stroke=1, fill=0)

    for index, letter in enumerate((letter_d, letter_e, letter_m, letter_o)):
        canvas.saveState()
        canvas.translate(index * (width + gap), 0)
        letter()
        canvas.restoreState()
    canvas.restoreState()


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
        if self.banner.demo:
            draw_demo_mark(canvas)

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
        creator="assessor_app",
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
