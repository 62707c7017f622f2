"""The visible mark of a digital signature: a stamp box on the page, over the space left for the
signature in the document's own signer block.

Every document the app prints ends its signer block the same way (reports/layout.py,
`signature_cell`): the position in capitals, about 24 mm of blank space, then the signer's name, in
the same 13 pt face. That blank space is where a wet signature goes, so it is where the stamp goes:
the pages are read (pypdf's text positions) from the last one backwards and the stamp fills the
last such gap not yet stamped (a co-signer's stamp goes into the block before). A PDF from elsewhere, without such a block, gets the stamp below the last line of
its last page when there is room there, else no visible mark (the signature itself is the same).

The stamp says, in the document's language (Vietnamese, like the rest of the printed page):
"Ký bởi: <name>", "Ngày ký: dd/mm/yyyy HH:MM" (Vietnam time, as the app shows every time; the
same moment as the signature's signing time) and "Cơ quan: <organisation of the certificate>",
in Liberation Serif (the bundled font, which has every Vietnamese letter), each line centred.
The box is sized to its text (`fitted`), at 11 pt, smaller only when a long name needs it, never
under 8 pt; it is centred in the room the placement found.
"""

from __future__ import annotations

import io
import itertools
import threading
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from assessor_app.domain.text import nfc
from assessor_app.paths import resource
from assessor_app.texts import dates

FONT_FILE = "LiberationSerif-Regular.ttf"  # the face of the printed documents (reports/fonts.py)
SIGNER_LINE = "Ký bởi: %(signer)s"
DATE_LINE = "Ngày ký: %(ts)s"
ORG_LINE = "Cơ quan: %(org)s"
SAMPLE_TIME = "00/00/0000 00:00"  # what the date line's width is measured with (digits: 0.5 em)
EXACT_TIME = "%Y-%m-%dT%H:%M:%S%z"  # what pyHanko hands the stamp: its signing time, zoned
STAMP_WIDTH = 240.0  # points (about 85 mm): the widest room, inside the 92 mm signature column
STAMP_HEIGHT = 60.0  # the highest room: three lines of 11 pt, with a margin
STAMP_SIZE = 11  # points: read at arm's length like the 13 pt text around it
STAMP_MIN_SIZE = 8  # smaller is not legible on a printed page
STAMP_PADDING = 6  # points between the frame and the text
LEADING = 1.25  # line spacing, in font sizes
SIGN_LINE_MIN_SIZE = 11.0  # the signer block is 13 pt; table cells are 10 pt
SIGN_GAP = (60.0, 110.0)  # baseline of the position to baseline of the name, in points
PAGE_MARGIN = 36.0


@dataclass(frozen=True)
class Line:
    x: float
    y: float  # baseline
    size: float
    text: str


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based
    box: tuple[int, int, int, int]  # the room: x1, y1, x2, y2 in PDF points (see `fitted`)
    signer: str = ""  # the name printed under the box; "" when no signer block was found


def lines_of(page: Any) -> list[Line]:
    """The text lines of a pypdf page with where they start, top to bottom."""
    found: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = abs(cm[3] * tm[3]) or 1.0
        found.append(Line(x, y, size * scale, nfc(text.strip())))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda line: -line.y)


def signer_gaps(lines: list[Line], width: float) -> list[tuple[Line, Line]]:
    """The position line and name line of each signer block on the right half, top to bottom."""
    right = [line for line in lines if line.x > width / 2 and line.size >= SIGN_LINE_MIN_SIZE]
    found = []
    for upper, lower in itertools.pairwise(right):
        gap = upper.y - lower.y
        capitals = upper.text == upper.text.upper() and any(c.isalpha() for c in upper.text)
        if SIGN_GAP[0] <= gap <= SIGN_GAP[1] and capitals and abs(upper.size - lower.size) < 1:
            found.append((upper, lower))
    return found


def signer_gap(lines: list[Line], width: float) -> tuple[Line, Line] | None:
    """The last (lowest) signer block's position line and name line."""
    gaps = signer_gaps(lines, width)
    return gaps[-1] if gaps else None


def _bold_width(line: Line) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

    from assessor_app.reports import fonts

    fonts.register_fonts()
    return float(stringWidth(line.text, fonts.BOLD, line.size))


def signed_boxes(page: Any) -> list[tuple[float, float, float, float]]:
    """Where the signatures already on a page are drawn (a co-signed document): not to be
    covered by another stamp."""
    boxes = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        field = annot.get("/Parent").get_object() if "/Parent" in annot else annot
        if annot.get("/Subtype") == "/Widget" and field.get("/FT") == "/Sig":
            x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
            if x2 - x1 > 0 and y2 - y1 > 0:
                boxes.append((x1, y1, x2, y2))
    return boxes


def _overlaps(box: tuple[int, ...], others: list[tuple[float, float, float, float]]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _leading(size: int) -> int:
    """The distance between the stamp's lines, in whole points (pyHanko lays text out on them)."""
    return round(size * LEADING)  # text-layer: a length in points, never shown


def _centred_box(centre: float, bottom: float, top: float, width: float) -> tuple[int, ...]:
    half = STAMP_WIDTH / 2
    centre = min(max(centre, half + PAGE_MARGIN), width - half - PAGE_MARGIN)
    middle = (bottom + top) / 2
    height = min(STAMP_HEIGHT, top - bottom)
    corners = (centre - half, middle - height / 2, centre + half, middle + height / 2)
    return tuple(round(v) for v in corners)  # text-layer: page coordinates in points, never shown


def placement(raw: bytes) -> Placement | None:
    """Where the stamp goes in the PDF `raw`; None when no free place is found."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    pages = list(reader.pages)
    for number in range(len(pages) - 1, -1, -1):
        page = pages[number]
        width = float(page.mediabox.width)
        taken = signed_boxes(page)
        for position, name in reversed(signer_gaps(lines_of(page), width)):
            # a centred name starts left of the column's centre by half its width (printed in
            # the bold face of the documents, reports/layout.py)
            centre = name.x + _bold_width(name) / 2
            bottom, top = name.y + 0.8 * name.size + 4, position.y - 0.3 * position.size - 4
            box = _centred_box(centre, bottom, top, width)
            if not _overlaps(box, taken):
                return Placement(number, box, name.text)  # type: ignore[arg-type]
    if not pages:
        return None
    last = pages[-1]
    width = float(last.mediabox.width)
    lines = lines_of(last)
    lowest = min((line.y - line.size for line in lines), default=float(last.mediabox.height))
    low_lines = [line for line in lines if line.y < PAGE_MARGIN * 2]  # a footer: stay above it
    floor = max((line.y + line.size for line in low_lines), default=PAGE_MARGIN)
    if lowest - floor - 12 < STAMP_HEIGHT:
        return None
    top = lowest - 12
    box = _centred_box(width * 0.72, top - STAMP_HEIGHT, top, width)
    if _overlaps(box, signed_boxes(last)):
        return None
    return Placement(len(pages) - 1, box)  # type: ignore[arg-type]


_font_lock = threading.Lock()


@cache
def _font_at_1000_upem() -> bytes:
    """The font redrawn on a 1000-unit em. pyHanko 0.38 writes a TrueType font's widths in its
    own units while PDF counts in thousandths of an em: Liberation Serif (2048 units) came out
    with every letter twice as far apart. Scaled once per process (about a second)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    from fontTools.ttLib.scaleUpem import scale_upem  # type: ignore[import-untyped]

    font = TTFont(str(resource("fonts", FONT_FILE)))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    if "FFTM" in font:  # FontForge's timestamps: the subsetter does not know them and says so
        del font["FFTM"]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_factory() -> Any:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class ScaledFont(GlyphAccumulatorFactory):
        """GlyphAccumulatorFactory reading the scaled font from memory, not from a file."""

        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            with _font_lock:
                data = _font_at_1000_upem()
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(data),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return ScaledFont(font_file=FONT_FILE)


def stamp_template(params: dict[str, str]) -> str:
    """The stamp's lines, with the organisation's only when the certificate names one."""
    lines = [SIGNER_LINE, DATE_LINE] + ([ORG_LINE] if params.get("org") else [])
    return "\n".join(lines)


def fitted(at: Placement, params: dict[str, str]) -> tuple[tuple[int, int, int, int], int]:
    """The stamp's box, sized to its text and centred in the room `at.box`, and the font size:
    `STAMP_SIZE`, or smaller (down to `STAMP_MIN_SIZE`) when the text would not fit the room."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from assessor_app.reports import fonts

    fonts.register_fonts()
    lines = (stamp_template(params) % dict(params, ts=SAMPLE_TIME)).split("\n")
    x1, y1, x2, y2 = at.box
    size = STAMP_SIZE
    while True:
        width = max(stringWidth(line, fonts.REGULAR, size) for line in lines) + 2 * STAMP_PADDING
        height = len(lines) * _leading(size) + 2 * STAMP_PADDING
        if size <= STAMP_MIN_SIZE or (width <= x2 - x1 and height <= y2 - y1):
            break
        size -= 1
    width, height = min(width + 2, x2 - x1), min(height, y2 - y1)  # +2: rounding of glyph advances
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
    return tuple(round(v) for v in box), size  # type: ignore[return-value]  # text-layer: page coordinates in points, never shown


def _centred_text_box() -> Any:
    from pyhanko.pdf_utils.text import TextBox

    class CentredTextBox(TextBox):
        """pyHanko's text box starts every line at the left; a stamp centres each line."""

        @property
        def content(self) -> str:
            return str(self._content)

        @content.setter
        def content(self, content: str) -> None:
            TextBox.content.fset(self, content)  # type: ignore[attr-defined]
            lines = content.split("\n")
            shaped = [self.put_string_line(line) for line in lines]  # type: ignore[no-untyped-call]
            widest = max(extent for _ops, extent in shaped)
            self._wrapped_lines = [  # type: ignore[assignment]
                b"%g 0 Td %s %g 0 Td" % ((widest - extent) / 2, ops, -(widest - extent) / 2)
                for ops, extent in shaped
            ]

    return CentredTextBox


def stamp_style(size: int = STAMP_SIZE, template: str = "") -> Any:
    """pyHanko's text stamp in the bundled Vietnamese font at `size`, lines centred, with a
    thin frame."""
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    text_box = _centred_text_box()

    class CentredStamp(TextStamp):
        def _text_layout(self) -> Any:
            self.text_box = box = text_box(
                self.style.text_box_style, writer=self.writer, resources=self.resources, box=None
            )
            box.content = self.style.stamp_text % dict(
                self.get_default_text_params(),  # type: ignore[no-untyped-call]
                **(self.text_params or {}),
            )
            return box.render()

    class VietnamTimeStamp(TextStampStyle):
        """pyHanko formats its signing time in the computer's zone; the stamp says it in Vietnam
        time, like the check dialog and `verify-pdf`."""

        def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
            signed_at = datetime.strptime(text_params["ts"], EXACT_TIME)
            in_vietnam = dict(text_params, ts=dates.moment(dates.local(signed_at), seconds=False))
            return CentredStamp(writer=writer, style=self, box=box, text_params=in_vietnam)

    return VietnamTimeStamp(
        stamp_text=template or "\n".join((SIGNER_LINE, DATE_LINE, ORG_LINE)),
        timestamp_format=EXACT_TIME,
        text_box_style=TextBoxStyle(
            font=_font_factory(),
            font_size=size,
            leading=_leading(size),
            box_layout_rule=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MID,
                y_align=AxisAlignment.ALIGN_MID,
                margins=Margins(0, 0, 0, 0),
            ),
        ),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(STAMP_PADDING, STAMP_PADDING, STAMP_PADDING, STAMP_PADDING),
        ),
        border_width=1,
        background=None,
    )


def text_params(certificate: Any) -> dict[str, str]:
    """The stamp's words from the signer's certificate (asn1crypto)."""
    subject = certificate.subject.native
    return {
        "signer": nfc(str(subject.get("common_name", ""))),
        "org": nfc(str(subject.get("organization_name", ""))),
    }
