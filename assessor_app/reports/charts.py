"""The summary report's charts (reportlab.graphics), every label in Liberation Serif.

reportlab's charts default to Helvetica, which has no Vietnamese and is never embedded; each axis,
bar label and legend string below names the font explicitly, and so does the drawing itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import (  # type: ignore[import-untyped]
    HorizontalBarChart,
    VerticalBarChart,
)
from reportlab.graphics.shapes import Drawing, Line, Rect, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers

BAR = colors.Color(0.18, 0.38, 0.62)
BAR_LIGHT = colors.Color(0.55, 0.67, 0.82)
TARGET = colors.Color(0.78, 0.1, 0.1)
AXIS = colors.Color(0.25, 0.25, 0.25)
LABEL_SIZE = 9


@dataclass(frozen=True)
class SharePoint:
    """One bar of the share chart: the year, the share recognised (per cent, None = no data) and
    the target it is measured against (per cent, None = none)."""

    year: int
    share: float | None
    target: float | None


def _percent_label(value: float) -> str:
    return numbers.percent(value, PAPER)


def share_chart(
    points: Sequence[SharePoint],
    width: float,
    height: float = 72 * mm,
    breaks: Sequence[int] = (),
) -> Drawing:
    """Bars of the share of units recognised by year; each bar's target as a red dashed mark; a
    grey dashed vertical line before each index in `breaks` (a new series: another standard or
    another number of units, whose shares do not compare with the bars before)."""
    family = fonts.register_fonts()
    drawing = Drawing(width, height, initialFontName=family)
    chart = VerticalBarChart()
    chart.x = 16 * mm
    chart.y = 16 * mm
    chart.width = width - chart.x - 4 * mm
    chart.height = height - chart.y - 8 * mm
    chart.data = [[p.share if p.share is not None else 0.0 for p in points]]
    chart.categoryAxis.categoryNames = [str(p.year) for p in points]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 10
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = lambda v: numbers.percent(v, PAPER, None)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.valueAxis.strokeColor = AXIS
    chart.categoryAxis.strokeColor = AXIS
    for labels in (chart.valueAxis.labels, chart.categoryAxis.labels):
        labels.fontName = family
        labels.fontSize = LABEL_SIZE
    chart.barLabels.fontName = family
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.nudge = 6
    chart.barLabelFormat = _percent_label
    drawing.add(chart)

    count = max(len(points), 1)
    slot = chart.width / count
    for index, point in enumerate(points):
        if point.target is None:
            continue
        y = chart.y + chart.height * float(point.target) / 100
        x0 = chart.x + slot * index + slot * 0.12
        x1 = chart.x + slot * (index + 1) - slot * 0.12
        drawing.add(Line(x0, y, x1, y, strokeColor=TARGET, strokeWidth=1.6, strokeDashArray=[4, 2]))
    for index in breaks:
        x = chart.x + slot * index
        top = chart.y + chart.height + 4 * mm
        drawing.add(
            Line(
                x,
                chart.y - 8 * mm,
                x,
                top,
                strokeColor=AXIS,
                strokeWidth=1.2,
                strokeDashArray=[3, 2],
            )
        )

    # legend, under the axis labels
    y = 3 * mm
    drawing.add(Rect(chart.x, y, 8, 8, fillColor=BAR, strokeColor=None))
    drawing.add(
        String(
            chart.x + 12, y + 1, "Tỷ lệ đơn vị đạt tiêu chuẩn", fontName=family, fontSize=LABEL_SIZE
        )
    )
    x = chart.x + 60 * mm
    drawing.add(
        Line(x, y + 4, x + 14, y + 4, strokeColor=TARGET, strokeWidth=1.6, strokeDashArray=[4, 2])
    )
    drawing.add(
        String(
            x + 18,
            y + 1,
            "Chỉ tiêu áp dụng cho năm",
            fontName=family,
            fontSize=LABEL_SIZE,
        )
    )
    return drawing


def shortfall_chart(
    codes: Sequence[str], counts: Sequence[int], width: float, label: str = "Số đơn vị"
) -> Drawing:
    """Horizontal bars: how many units fall short on each criterion, the most frequent on top."""
    family = fonts.register_fonts()
    rows = max(len(codes), 1)
    height = rows * 9 * mm + 20 * mm
    drawing = Drawing(width, height, initialFontName=family)
    chart = HorizontalBarChart()
    chart.x = 24 * mm  # room for "Tiêu chí 13"
    chart.y = 12 * mm
    chart.width = width - chart.x - 10 * mm
    chart.height = height - chart.y - 4 * mm
    # reportlab draws the first category at the bottom: reverse, so the first is on top
    chart.data = [[int(c) for c in reversed(counts)] or [0]]
    chart.categoryAxis.categoryNames = [nfc(c) for c in reversed(codes)] or [""]
    chart.bars[0].fillColor = BAR_LIGHT
    chart.bars[0].strokeColor = None
    chart.barWidth = 8
    top = max(counts, default=0)
    step = max(1, -(-top // 5))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step * 5, 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = lambda v: numbers.plain(v, PAPER)
    chart.valueAxis.strokeColor = AXIS
    chart.categoryAxis.strokeColor = AXIS
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    for labels in (chart.valueAxis.labels, chart.categoryAxis.labels):
        labels.fontName = family
        labels.fontSize = LABEL_SIZE
    chart.barLabels.fontName = family
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.nudge = 8
    chart.barLabelFormat = lambda v: numbers.plain(v, PAPER)
    drawing.add(chart)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            2 * mm,
            nfc(label),
            fontName=family,
            fontSize=LABEL_SIZE,
            textAnchor="middle",
        )
    )
    return drawing
