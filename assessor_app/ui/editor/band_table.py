"""The scoring rule of an indicator as a table (condition → points, with each band's status), with the
row that applies now highlighted, so the assessor sees why the points are what they are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import (
    CountRule,
    Direction,
    Indicator,
    RateRule,
    Sourced,
    YesNoRule,
)
from assessor_app.domain.scoring import IndicatorScore
from assessor_app.domain.text import nfc
from assessor_app.domain.values import Value, YesNoValue
from assessor_app.i18n import _
from assessor_app.texts import labels, numbers
from assessor_app.ui.editor.display_text import provenance_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex
APPLIES, CONDITION, POINTS, STATUS = range(4)
CELL_PADDING = 16  # the cell's margins, both sides


@dataclass(frozen=True)
class BandRow:
    condition: str
    points: str
    status: str
    details: str  # tooltip: status, source, note


# (higher is better, inclusive) → how the band's threshold reads, and what lies beyond the last band
_BAND_SIGN = {(True, True): "≥", (True, False): ">", (False, True): "≤", (False, False): "<"}
_OTHERWISE_SIGN = {(True, True): "<", (True, False): "≤", (False, True): ">", (False, False): "≥"}


def _row(condition: str, points: int | str, provenance: Sourced) -> BandRow:
    language = i18n.language()
    return BandRow(
        nfc(condition),
        numbers.number(points, language) if isinstance(points, int) else points,
        labels.catalogue_status(provenance.status, language),
        provenance_tooltip(provenance),
    )


def band_rows(indicator: Indicator) -> list[BandRow]:
    """The rows of the rule table, in the order `current_row` refers to."""
    rule = indicator.rule
    own = indicator.provenance
    language = i18n.language()
    if isinstance(rule, RateRule):
        higher = rule.direction is Direction.HIGHER_IS_BETTER
        rows = []
        for band in rule.bands:
            sign = _BAND_SIGN[(higher, band.inclusive)]
            limit = numbers.threshold(band.threshold, rule.scale, language)
            rows.append(_row(f"{sign} {limit}", band.points, band.provenance))
        if rule.bands:
            last = rule.bands[-1]
            sign = _OTHERWISE_SIGN[(higher, last.inclusive)]
            otherwise = f"{sign} {numbers.threshold(last.threshold, rule.scale, language)}"
        else:
            otherwise = _("Any rate")
        rows.append(_row(otherwise, rule.otherwise_points, own))
        if rule.empty_denominator != "error":
            points = indicator.max_points if rule.empty_denominator == "max" else 0
            rows.append(_row(_("No cases (denominator 0)"), points, own))
        return rows
    if isinstance(rule, CountRule):
        rows = []
        low = 0
        for count_band in rule.bands:
            high = count_band.max_count
            text = (
                numbers.number(high, language)
                if low >= high
                else f"{numbers.number(low, language)} – {numbers.number(high, language)}"
            )
            rows.append(_row(text, count_band.points, count_band.provenance))
            low = high + 1
        rows.append(_row(f"≥ {numbers.number(low, language)}", rule.otherwise_points, own))
        return rows
    if isinstance(rule, YesNoRule):
        return [
            _row(labels.yes_no(True, language), rule.points_yes, own),
            _row(labels.yes_no(False, language), rule.points_no, own),
        ]
    return [
        _row(
            _("Judged by the team, with a written justification"),
            f"0 – {numbers.number(indicator.max_points, language)}",
            own,
        )
    ]


def current_row(
    indicator: Indicator, score: IndicatorScore | None, value: Value | None
) -> int | None:
    """Which row of `band_rows(indicator)` applies to the scored value (None: no value)."""
    if score is None or not score.assessed:
        return None
    rule = indicator.rule
    if isinstance(rule, RateRule):
        if score.band is None:  # zero denominator
            return len(rule.bands) + 1
        return score.band - 1 if score.band > 0 else len(rule.bands)
    if isinstance(rule, CountRule):
        assert score.band is not None
        return score.band - 1 if score.band > 0 else len(rule.bands)
    if isinstance(rule, YesNoRule):
        return 0 if isinstance(value, YesNoValue) and value.answer else 1
    return 0


class BandModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BandRow] = []
        self.current: int | None = None

    def set_rows(self, rows: list[BandRow], current: int | None) -> None:
        self.beginResetModel()
        self.rows, self.current = rows, current
        self.endResetModel()

    def set_current(self, current: int | None) -> None:
        if current == self.current:
            return
        changed = [r for r in (self.current, current) if r is not None]
        self.current = current
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, STATUS))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 4:
            return None
        return [_("Applies"), _("Condition"), _("Points"), _("Status")][section]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        applies = index.row() == self.current
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [_("applies") if applies else "", row.condition, row.points, row.status][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.details
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = f"{row.condition}: {row.points} ({row.status})"
            return _("{band} — applies now").format(band=text) if applies else text
        if role == Qt.ItemDataRole.BackgroundRole and applies:
            return QColor("#d7f0dc")
        if role == Qt.ItemDataRole.ForegroundRole and applies:
            return QColor("#10421d")
        if role == Qt.ItemDataRole.FontRole and applies:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == POINTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BandTable(QTableView):
    """A read-only, non-scrolling table as tall as its rows (it lives in a scroll area)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.band_model = BandModel(self)
        self.setModel(self.band_model)
        self.setAccessibleName(_("Scoring rule"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        # The narrow columns are sized once per rule (`_fit_columns`), not "to contents": that
        # mode measures every cell again whenever the band that applies changes (each keystroke).
        for column in (APPLIES, POINTS, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CONDITION, QHeaderView.ResizeMode.Stretch)

    def show_rule(
        self, indicator: Indicator, score: IndicatorScore | None, value: Value | None
    ) -> None:
        self.band_model.set_rows(band_rows(indicator), current_row(indicator, score, value))
        self._fit_columns()
        self._fit_height()

    def show_current(
        self, indicator: Indicator, score: IndicatorScore | None, value: Value | None
    ) -> None:
        self.band_model.set_current(current_row(indicator, score, value))

    def _fit_columns(self) -> None:
        """The narrow columns as wide as their widest text, in bold (the band that applies is)."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        rows = self.band_model.rows
        texts: dict[int, list[str]] = {
            APPLIES: [_("applies")],
            POINTS: [row.points for row in rows],
            STATUS: [row.status for row in rows],
        }
        for column, samples in texts.items():
            title = self.band_model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(text) for text in [*samples, str(title)])
            self.horizontalHeader().resizeSection(column, width + CELL_PADDING)

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        self.updateGeometry()

    def _wanted_height(self) -> int:
        rows = self.verticalHeader().length()
        return self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + 2

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._wanted_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._wanted_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.height() < self._wanted_height():  # rows grew when the columns got narrower
            self.updateGeometry()
