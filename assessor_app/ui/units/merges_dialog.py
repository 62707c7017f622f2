"""Tools → "Administrative unit merges": the table of which old commune went into which unit in
the rounds of 1 December 2024 and 1 July 2025, each row with its status (not verified until a
person confirms or corrects it), a filter for the rows not verified, a search with or without
diacritics, and confirm / correct with a reason (merge_review_dialog.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.unit_merges import ReviewedRow
from assessor_app.i18n import _
from assessor_app.services import unit_merges
from assessor_app.texts.unit_merges import merge_review, merge_round_day
from assessor_app.ui.bundles.widgets import heading, wrapped
from assessor_app.ui.context import UiContext
from assessor_app.ui.units.merge_review_dialog import MergeReviewDialog
from assessor_app.ui.units.merge_words import (
    new_text,
    old_text,
    remarks,
    review_text,
    source_text,
)

UNVERIFIED_COLOUR = QColor("#9a3412")


def _columns() -> list[str]:
    return [
        _("Row"),
        _("Took effect"),
        _("Old commune"),
        _("Old district (as the source says)"),
        _("Went into"),
        _("Status"),
        _("Remarks"),
    ]


class MergesDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Administrative unit merges"))
        self.names = unit_merges.unit_names(context.workspace)
        self.rows: list[ReviewedRow] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Which old commune went into which unit")))
        layout.addWidget(
            wrapped(
                _(
                    "The table comes from secondary sources and the unit lists: every row is "
                    "not verified until someone checks it against the resolution and confirms or "
                    "corrects it. Reports that roll old communes up into the units of July 2025 "
                    "mark the rows not verified."
                )
            )
        )
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name or code, with or without diacritics"))
        self.search.setToolTip(_("e.g. “loc binh” or 06529"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self.only_unverified = QCheckBox(_("Only rows &not verified"))
        self.only_unverified.setToolTip(_("Hide the rows someone has confirmed or corrected"))
        self.only_unverified.toggled.connect(lambda _on: self.refresh())
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only_unverified)
        layout.addLayout(filters)
        self.count = wrapped("", _("How many rows"))
        layout.addWidget(self.count)
        self.table = QTableWidget(0, len(_columns()))
        self.table.setHorizontalHeaderLabels(_columns())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(_columns()) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.confirm_button = QPushButton(_("C&onfirm the row…"))
        self.correct_button = QPushButton(_("Co&rrect the row…"))
        self.confirm_button.clicked.connect(lambda: self.review(correcting=False))
        self.correct_button.clicked.connect(lambda: self.review(correcting=True))
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.correct_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1280, 700)
        self.refresh()

    def refresh(self, keep: str = "") -> None:
        self.rows = unit_merges.merge_rows(
            self.context.workspace, self.only_unverified.isChecked(), self.search.text()
        )
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self._fill(index, row)
            if row.row.row_id == keep:
                self.table.selectRow(index)
        unverified = sum(not r.verified for r in self.rows)
        self.count.setText(
            _("{count} rows shown, {unverified} not verified.").format(
                count=len(self.rows), unverified=unverified
            )
        )
        self._selection_changed()

    def _fill(self, index: int, row: ReviewedRow) -> None:
        language = i18n.language()
        texts = [
            row.row.row_id,
            merge_round_day(row.row.round.value),
            old_text(row, self.names),
            row.row.district,
            new_text(row, self.names),
            merge_review(row.status.value, language),
            "; ".join(remarks(row)),
        ]
        tip = "\n".join(t for t in (review_text(row), source_text(row)) if t)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            if column == 5 and not row.verified:
                item.setForeground(UNVERIFIED_COLOUR)
            item.setData(Qt.ItemDataRole.UserRole, row.row.row_id)
            self.table.setItem(index, column, item)

    def selected(self) -> ReviewedRow | None:
        index = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[index] if selected and 0 <= index < len(self.rows) else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.correct_button.setEnabled(row is not None)
        self.confirm_button.setEnabled(row is not None and row.resolved_now)

    def review(self, correcting: bool) -> MergeReviewDialog | None:
        """Open the confirm or correct dialog for the selected row (window-modal); the table is
        read again when it is done."""
        row = self.selected()
        if row is None:
            return None
        dialog = MergeReviewDialog(self.context, row, self.names, correcting, self)
        dialog.accepted.connect(lambda: self.refresh(keep=row.row.row_id))
        dialog.open()
        return dialog
