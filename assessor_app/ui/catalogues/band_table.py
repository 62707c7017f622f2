"""The bands of a rate or count rule as a table (threshold or number of cases, inclusive, points,
status, source), best band first, with add and remove. Each cell writes into the document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app.i18n import _
from assessor_app.ui.catalogues.form_fields import number_of, shown, status_choices, whole_of


class BandTable(QWidget):
    """`rate` bands have a threshold and an inclusive flag; `count` bands a maximum count."""

    def __init__(
        self,
        rule: dict[str, Any],
        kind: str,
        changed: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rule = rule
        self.rate = kind == "rate"
        self.changed = changed
        if self.rate:
            heads = [_("Threshold"), _("Inclusive"), _("Points"), _("Status"), _("Source")]
        else:
            heads = [_("At most (cases)"), _("Points"), _("Status"), _("Source")]
        self.table = QTableWidget(0, len(heads))
        self.table.setObjectName("band_table")
        self.table.setAccessibleName(_("Bands, best first"))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(heads) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._cell_changed)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(
            rows * 5 + self.table.horizontalHeader().sizeHint().height() + 4
        )
        add = QPushButton(_("Add a band"))
        add.clicked.connect(self.add_band)
        self.remove_button = QPushButton(_("Remove the band"))
        self.remove_button.clicked.connect(self.remove_band)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._fill()

    def bands(self) -> list[Any]:
        value = self.rule.get("bands")
        if not isinstance(value, list):
            value = []
            self.rule["bands"] = value
        return value

    # columns of each kind of band: (key, how to read what is typed)
    def _text_columns(self) -> dict[int, tuple[str, Callable[[str], Any]]]:
        if self.rate:
            return {0: ("threshold", number_of), 2: ("points", whole_of), 4: ("source", str)}
        return {0: ("max_count", whole_of), 1: ("points", whole_of), 3: ("source", str)}

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row, band in enumerate(self.bands()):
            self.table.insertRow(row)
            if not isinstance(band, dict):  # a broken file: the loader names it; remove the row
                continue
            for column, (key, _read) in self._text_columns().items():
                self.table.setItem(row, column, QTableWidgetItem(shown(band.get(key))))
            if self.rate:
                self.table.setCellWidget(row, 1, self._inclusive_box(band))
            self.table.setCellWidget(row, 3 if self.rate else 2, self._status_combo(band))
        self.table.blockSignals(False)
        self.remove_button.setEnabled(self.table.rowCount() > 1)

    def _inclusive_box(self, band: dict[str, Any]) -> QWidget:
        box = QCheckBox()
        box.setAccessibleName(_("Inclusive"))
        box.setChecked(band.get("inclusive", True) is not False)

        def toggled(checked: bool) -> None:
            # true is the default: leave it out, as the shipped files do
            if checked:
                band.pop("inclusive", None)
            else:
                band["inclusive"] = False
            self.changed()

        box.toggled.connect(toggled)
        return box

    def _status_combo(self, band: dict[str, Any]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(_("Status"))
        combo.addItem(_("as its indicator"), "")
        for text, value in status_choices():
            combo.addItem(text, value)
        index = combo.findData(band.get("status", ""))
        combo.setCurrentIndex(max(index, 0))

        def picked(_index: int) -> None:
            value = combo.currentData()
            if value:
                band["status"] = value
            else:
                band.pop("status", None)
            self.changed()

        combo.currentIndexChanged.connect(picked)
        return combo

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        column = self._text_columns().get(item.column())
        if column is None or item.row() >= len(self.bands()):
            return
        key, read = column
        band = self.bands()[item.row()]
        if not isinstance(band, dict):
            return
        text = item.text().strip()
        if key == "source" and not text:
            band.pop("source", None)
        elif text:
            band[key] = read(text)
        else:
            band.pop(key, None)
        self.changed()

    def add_band(self) -> None:
        bands = self.bands()
        last = bands[-1] if bands and isinstance(bands[-1], dict) else {}
        band: dict[str, Any] = {"points": 0}
        if self.rate:
            band["threshold"] = last.get("threshold", 0)
        else:
            before = last.get("max_count", -1)
            band["max_count"] = before + 1 if isinstance(before, int) else 0
        bands.append(band)
        self._fill()
        self.table.setCurrentCell(len(bands) - 1, 0)
        self.changed()

    def remove_band(self) -> None:
        row = self.table.currentRow()
        bands = self.bands()
        if len(bands) <= 1:
            return
        bands.pop(row if 0 <= row < len(bands) else len(bands) - 1)
        self._fill()
        self.changed()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type into a cell, as a user does (tests and the preview's round trips)."""
        item = self.table.item(row, column)
        assert item is not None
        item.setText(text)
