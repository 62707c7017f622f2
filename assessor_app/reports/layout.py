"""The presentation of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Liberation Serif (Times New
Roman metrics) 13 pt for the body. This module holds the measures, the styles and the blocks of
text; `layout_header` the header, `layout_pages` the page frame:

- `AdminHeader` (layout_header): the two-column header — issuing body (cơ quan chủ quản over cơ
  quan ban hành, bold, centred, a short rule under it) and "Số: …" on the left; the national title,
  the motto with a rule the length of the motto, and the place and date in italics on the right.
- `title_block`: the document's kind (bold capitals, centred), its summary line with a short rule,
  and "Kính gửi: …".
- `closing_block`: "Nơi nhận:" and its list on the left, the signature block on the right.
- `build_pdf` (layout_pages): the page frame — page numbers from the second page of each section,
  centred in the top margin; the provisional banner and the DEMO mark on every page; fixed
  metadata for identical bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.reports.model import Signature
from assessor_app.texts.documents import bound_words

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
# a number and its unit: "98 %", "2 ‰", "75 điểm", "3 trường hợp"
_BEFORE_SIGN = re.compile(r"(?<=\d) (?=[%‰]|điểm\b|trường hợp\b)")
_AFTER_RELATION = re.compile(r"(?<=[≥≤<>=]) (?=\d)")


def keep_together(value: str) -> str:
    """No line break inside "98 %", "75 điểm" or "≥ 98": the spaces become no-break spaces."""
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


def header_cell(label: str, st: Styles) -> Paragraph:
    """A table header's cell: bold, centred, and broken only between words."""
    return para(bound_words(label), st.cell_center_bold)


def title_block(
    kind: str, summary: str, addressee: str = "", st: Styles | None = None
) -> list[Flowable]:
    """The document's kind ("TỜ TRÌNH"), its summary line with a short rule, and "Kính gửi"."""
    st = st or styles()
    items: list[Flowable] = [Spacer(1, 10), para(bound_words(upper(kind)), st.title)]
    if summary:
        items.append(para(bound_words(summary), st.summary))
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
