"""The large diagonal marks under the text of a page: "DEMO" (the demo store's data) and "DỰ THẢO"
(an assessment not finalised). Both are drawn with strokes, not as text, so they do not mix into
the text a reader copies or extracts: the page says DEMO and DỰ THẢO in words elsewhere (the
banner, the header)."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from assessor_app.reports.layout import PAGE_HEIGHT, PAGE_WIDTH

DRAFT_WATERMARK = colors.Color(0.74, 0.8, 0.93)

# Letters drawn in a box `w` wide and `h` high, from its lower left corner.
Letter = Callable[[Canvas, float, float], None]


def _d(canvas: Canvas, w: float, h: float) -> None:
    path = canvas.beginPath()
    path.moveTo(0, 0)
    path.lineTo(0, h)
    path.lineTo(w * 0.4, h)
    path.curveTo(w * 1.07, h, w * 1.07, 0, w * 0.4, 0)
    path.close()
    canvas.drawPath(path, stroke=1, fill=0)


def _u_horn_dot(canvas: Canvas, w: float, h: float) -> None:
    """Ự: U with its horn (dấu móc) and the dot below (dấu nặng)."""
    path = canvas.beginPath()
    path.moveTo(0, h)
    path.lineTo(0, h * 0.35)
    path.curveTo(0, -h * 0.1, w, -h * 0.1, w, h * 0.35)
    path.lineTo(w, h)
    path.moveTo(w, h * 0.92)
    path.curveTo(w * 1.35, h * 0.92, w * 1.4, h * 1.05, w * 1.3, h * 1.15)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.circle(w / 2, -h * 0.28, w * 0.04, stroke=1, fill=1)


def _t(canvas: Canvas, w: float, h: float) -> None:
    canvas.lines([(0, h, w, h), (w / 2, h, w / 2, 0)])


def _h(canvas: Canvas, w: float, h: float) -> None:
    canvas.lines([(0, 0, 0, h), (w, 0, w, h), (0, h / 2, w, h / 2)])


def _a_hook(canvas: Canvas, w: float, h: float) -> None:
    """Ả: A with the hook above (dấu hỏi)."""
    canvas.lines([(0, 0, w / 2, h), (w / 2, h, w, 0), (w * 0.2, h * 0.38, w * 0.8, h * 0.38)])
    path = canvas.beginPath()
    path.moveTo(w * 0.36, h * 1.3)
    path.curveTo(w * 0.45, h * 1.45, w * 0.72, h * 1.38, w * 0.6, h * 1.27)
    path.lineTo(w * 0.5, h * 1.2)
    canvas.drawPath(path, stroke=1, fill=0)


def _o(canvas: Canvas, w: float, h: float) -> None:
    canvas.ellipse(0, 0, w, h, stroke=1, fill=0)


def _e(canvas: Canvas, w: float, h: float) -> None:
    canvas.lines([(w, 0, 0, 0), (0, 0, 0, h), (0, h, w, h), (0, h / 2, w * 0.8, h / 2)])


def _m(canvas: Canvas, w: float, h: float) -> None:
    path = canvas.beginPath()
    path.moveTo(0, 0)
    path.lineTo(0, h)
    path.lineTo(w / 2, h * 0.4)
    path.lineTo(w, h)
    path.lineTo(w, 0)
    canvas.drawPath(path, stroke=1, fill=0)


DEMO_LETTERS: tuple[Letter | None, ...] = (_d, _e, _m, _o)
DRAFT_LETTERS: tuple[Letter | None, ...] = (_d, _u_horn_dot, None, _t, _h, _a_hook, _o)


def draw_mark(
    canvas: Canvas,
    letters: tuple[Letter | None, ...],
    color: colors.Color,
    size: tuple[float, float, float, float],
    shift: float = 0.0,
) -> None:
    """`letters` (None: a space) across the page's diagonal, under the text, centred `shift`
    points above the page's centre; `size` = letter width, height, gap, stroke width."""
    width, height, gap, stroke = size
    span = len(letters) * width + (len(letters) - 1) * gap
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setFillColor(color)
    canvas.setLineWidth(stroke)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(52)
    canvas.translate(-span / 2, -height / 2 + shift)
    for index, letter in enumerate(letters):
        if letter is None:
            continue
        canvas.saveState()
        canvas.translate(index * (width + gap), 0)
        letter(canvas, width, height)
        canvas.restoreState()
    canvas.restoreState()
