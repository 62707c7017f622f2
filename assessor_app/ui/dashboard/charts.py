"""The dashboard's two charts (QtCharts, loaded only when the dashboard opens): the share of
communes recognised each year as bars, with the target in force as a red dashed line; and the
criteria communes most often do not meet as horizontal bars. Every figure a chart writes (axis
ticks, categories) comes from `texts`, never from Qt's number formatting."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QApplication

from assessor_app.i18n import _
from assessor_app.services.dashboard import CriterionShortfall, YearShare
from assessor_app.texts import labels, numbers

SHARE_COLOUR = QColor("#2f6db5")
TARGET_COLOUR = QColor("#c0392b")
NOT_MET_COLOUR = QColor("#a61b1b")
BELOW_MAX_COLOUR = QColor("#e8a33d")
MOST_CRITERIA = 8  # the criteria a chart names legibly at 1366×768
TITLE_LENGTH = 48  # characters of a criterion's title beside its bar


def _font(points_delta: int = 0, bold: bool = False) -> QFont:
    """The application's (bundled) font, a little larger or smaller."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(font.pointSizeF() + points_delta, 6.0))
    font.setBold(bold)
    return font


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_font(1, bold=True))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(_font())
    return chart


def _value_axis(top: float, step: float, text: object) -> QCategoryAxis:
    """A value axis whose ticks are written by the text layer (`text(value)`): Qt's own label
    format would write "12.5" in Vietnamese."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(0, top)
    axis.setLabelsFont(_font(-1))
    tick = 0.0
    while tick <= top + 1e-9:
        axis.append(text(tick), tick)  # type: ignore[operator]
        tick += step
    axis.setStartValue(0)
    return axis


def share_categories(shares: Sequence[YearShare], language: str) -> list[str]:
    """Each year with its share under it: "2024<br>1,0 %" (axis labels are rich text; "—": the
    scope had no communes that year)."""
    return [
        f"{s.year}<br>{numbers.percent(s.share, language) if s.share is not None else numbers.NONE}"
        for s in shares
    ]


def _target_runs(shares: Sequence[YearShare]) -> list[list[QPointF]]:
    """The target's line, broken where a year has none (after the last target)."""
    runs: list[list[QPointF]] = []
    current: list[QPointF] = []
    for index, share in enumerate(shares):
        if share.target is None:
            if current:
                runs.append(current)
            current = []
            continue
        current.append(QPointF(index, share.target))
    if current:
        runs.append(current)
    return runs


def share_chart(shares: Sequence[YearShare], unit_name: str, language: str) -> QChart:
    chart = _chart(_("Communes recognised: {unit}").format(unit=unit_name))
    bars = QBarSet(_("Share recognised (of all communes)"))
    bars.setColor(SHARE_COLOUR)
    bars.setBorderColor(SHARE_COLOUR)
    for share in shares:
        bars.append(float(share.share) if share.share is not None else 0.0)
    series = QBarSeries()
    series.append(bars)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    years = QBarCategoryAxis()
    years.append(share_categories(shares, language))
    years.setLabelsFont(_font(-1))
    percent = _value_axis(100, 20, lambda v: numbers.percent(v, language, places=None))
    chart.addAxis(years, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(percent, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(years)
    series.attachAxis(percent)
    pen = QPen(TARGET_COLOUR, 2.5, Qt.PenStyle.DashLine)
    for number, run in enumerate(_target_runs(shares)):
        line = QLineSeries()
        line.setName(_("Target in force"))
        line.setPen(pen)
        line.setPointsVisible(True)
        line.append(run if len(run) > 1 else [*run, run[0]])
        chart.addSeries(line)
        line.attachAxis(years)
        line.attachAxis(percent)
        if number:  # one entry in the legend for all the line's pieces
            for marker in chart.legend().markers(line):
                marker.setVisible(False)
    return chart


def criterion_category(item: CriterionShortfall, language: str) -> str:
    """ "TC11 · Trẻ em được thực hiện quyền…": the code, then its title in the screen's language
    (the catalogue's English title in English), cut to fit beside the bar."""
    title = labels.part_title(item, language)
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1].rstrip() + "…"
    return f"{item.code} · {title}"


def _count_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / step <= 6:
            return step
    return 1000


def shortfall_chart(shortfalls: Sequence[CriterionShortfall], year: int, language: str) -> QChart:
    """The criteria most often not met in `year` (at most `MOST_CRITERIA`), the most frequent at
    the top; beside each, how many communes lost points on it."""
    chart = _chart(_("Criteria most often not met in {year}").format(year=year))
    shown = list(shortfalls[:MOST_CRITERIA])[::-1]  # a horizontal chart draws from the bottom
    not_met = QBarSet(_("Communes not meeting it"))
    not_met.setColor(NOT_MET_COLOUR)
    below = QBarSet(_("Communes below its maximum"))
    below.setColor(BELOW_MAX_COLOUR)
    for item in shown:
        not_met.append(item.not_met)
        below.append(item.below_max)
    series = QHorizontalBarSeries()
    series.append(not_met)
    series.append(below)
    chart.addSeries(series)
    criteria = QBarCategoryAxis()
    criteria.append([criterion_category(item, language) for item in shown])
    criteria.setLabelsFont(_font(-1))
    top = max([1, *(max(i.not_met, i.below_max) for i in shown)])
    step = _count_step(top)
    communes = _value_axis(step * -(-top // step), step, lambda v: numbers.number(int(v), language))
    chart.addAxis(criteria, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(communes, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(criteria)
    series.attachAxis(communes)
    return chart
