"""The preview: a sample commune scored with the catalogue being edited. One row per indicator
with its figure (editable, prefilled with plausible sample figures) and its points; criteria rows
with their sums; the total, verdict and reasons as the assessment editor shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Catalogue, Indicator, RuleKind, UnitCategory
from assessor_app.domain.errors import InputError
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.values import Value, YesNoValue, parse_text, to_text
from assessor_app.i18n import _
from assessor_app.services.catalogue_samples import SAMPLE_JUSTIFICATION, sample_values
from assessor_app.texts import labels, numbers
from assessor_app.ui.editor.verdict_panel import VerdictPanel

_FIGURE = 2
_POINTS = 3
_BAD = QColor("#f6d5cc")


def figure_text(value: Value) -> str:
    """How the preview shows a sample figure: "49/50", "có", "3", or the points judged."""
    if isinstance(value, YesNoValue):
        return labels.yes_no(value.answer, i18n.language())
    text = to_text(value)
    return text.removeprefix("points=")


def read_figure(indicator: Indicator, text: str) -> Value:
    if indicator.kind is RuleKind.MANUAL:
        return parse_text(indicator, f"points={text}", SAMPLE_JUSTIFICATION)
    return parse_text(indicator, text)


class PreviewTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue: Catalogue | None = None
        self.texts: dict[str, str] = {}  # what was typed, kept while the catalogue is edited
        self.rows: dict[str, int] = {}
        self.result: ScoreResult | None = None
        self.message = QLabel()
        self.message.setObjectName("preview_message")
        self.message.setWordWrap(True)
        self.category = QComboBox()
        self.category.setAccessibleName(_("Category of unit"))
        for category in UnitCategory:
            self.category.addItem(labels.unit_category(category, i18n.language()), category.value)
        self.category.setCurrentIndex(self.category.findData(UnitCategory.OTHER.value))
        self.category.currentIndexChanged.connect(self.rescore)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("preview_table")
        self.table.setHorizontalHeaderLabels([_("Code"), _("Title"), _("Figure"), _("Points")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._typed)
        self.verdict = VerdictPanel()
        self.verdict.setMinimumWidth(260)
        top = QFormLayout()
        top.addRow(_("Category of unit"), self.category)
        left = QVBoxLayout()
        left.addWidget(self.message)
        left.addLayout(top)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.verdict, 1)

    def set_catalogue(self, catalogue: Catalogue | None, why_not: str = "") -> None:
        """Score with `catalogue`; None (with the first problem) while it does not validate."""
        self.catalogue = catalogue
        if catalogue is None:
            self.result = None
            self.message.setText(
                _(
                    "The preview needs a catalogue without problems. First problem: {problem}"
                ).format(problem=why_not)
            )
            self.table.setEnabled(False)
            self.verdict.setVisible(False)
            return
        self.message.setText(
            _(
                "A sample commune scored with this catalogue. Change a figure to see its points; "
                "nothing here is stored."
            )
        )
        self.table.setEnabled(True)
        self.verdict.setVisible(True)
        samples = sample_values(catalogue)
        for code, value in samples.items():
            self.texts.setdefault(code, figure_text(value))
        self._fill(catalogue)
        self.rescore()

    def _fill(self, catalogue: Catalogue) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.rows = {}
        bold = QFont()
        bold.setBold(True)
        language = i18n.language()
        for criterion in catalogue.criteria:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.rows[criterion.code] = row
            for column, text in enumerate(
                [criterion.code, labels.part_title(criterion, language), "", ""]
            ):
                item = QTableWidgetItem(text)
                item.setFont(bold)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
            for indicator in criterion.indicators:
                row = self.table.rowCount()
                self.table.insertRow(row)
                self.rows[indicator.code] = row
                texts = [indicator.code, labels.part_title(indicator, language)]
                for column, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    self.table.setItem(row, column, item)
                figure = QTableWidgetItem(self.texts.get(indicator.code, ""))
                figure.setData(Qt.ItemDataRole.UserRole, indicator.code)
                figure.setToolTip(labels.rule_kind(indicator.kind, language))
                self.table.setItem(row, _FIGURE, figure)
                points = QTableWidgetItem("")
                points.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, _POINTS, points)
        self.table.blockSignals(False)

    def _typed(self, item: QTableWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.column() == _FIGURE and code:
            self.texts[str(code)] = item.text()
            self.rescore()

    def set_figure(self, code: str, text: str) -> None:
        item = self.table.item(self.rows[code], _FIGURE)
        assert item is not None
        item.setText(text)

    def rescore(self) -> ScoreResult | None:
        catalogue = self.catalogue
        if catalogue is None:
            return None
        values: dict[str, Value] = {}
        self.table.blockSignals(True)
        for indicator in catalogue.indicators():
            item = self.table.item(self.rows[indicator.code], _FIGURE)
            assert item is not None
            try:
                values[indicator.code] = read_figure(indicator, self.texts.get(indicator.code, ""))
                item.setBackground(QBrush())
                item.setToolTip(labels.rule_kind(indicator.kind, i18n.language()))
            except InputError as error:  # said on the cell; the indicator counts as not assessed
                item.setBackground(_BAD)
                item.setToolTip(i18n.render(error))
        category = UnitCategory(self.category.currentData())
        result = score(catalogue, category, values)
        language = i18n.language()
        parts = [(i.code, i.points, i.max_points) for i in result.indicators]
        parts += [(c.code, c.points, c.max_points) for c in result.criteria]
        for code, points, maximum in parts:
            cell = self.table.item(self.rows[code], _POINTS)
            assert cell is not None
            cell.setText(numbers.points_of(points, maximum, language))
        self.table.blockSignals(False)
        self.verdict.show_result(result, category, draft=False)
        self.result = result
        return result

    def points_of(self, code: str) -> str:
        cell = self.table.item(self.rows[code], _POINTS)
        return cell.text() if cell is not None else ""
