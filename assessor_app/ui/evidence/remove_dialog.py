"""Confirming the removal of an evidence file, with the reason that goes into the history."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services.records import EvidenceRecord


class RemoveEvidenceDialog(QDialog):
    def __init__(self, record: EvidenceRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Remove evidence"))
        question = QLabel(
            _("Remove “{filename}” from indicator {indicator}?").format(
                filename=record.filename, indicator=record.indicator
            )
        )
        question.setWordWrap(True)
        explanation = QLabel(
            _(
                "The removal and its reason are recorded in the assessment's history; the file itself stays in the store."
            )
        )
        explanation.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason for removing"))
        self.reason.setPlaceholderText(_("For example: wrong file, duplicate, unreadable photo"))
        reason_label = QLabel(_("&Reason (required):"))
        reason_label.setBuddy(self.reason)
        self.hint = QLabel(_("Please give a reason."))
        self.hint.setStyleSheet("color: #8e1b16;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = QPushButton(_("&Remove"))
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(explanation)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self._update()

    def reason_text(self) -> str:
        return clean(self.reason.text())

    def _update(self) -> None:
        ok = bool(self.reason_text())
        self.remove_button.setEnabled(ok)
        self.hint.setVisible(not ok)

    def accept(self) -> None:
        if self.reason_text():
            super().accept()


def ask_removal_reason(record: EvidenceRecord, parent: QWidget | None) -> str | None:
    """The reason typed by the user, or None when they cancelled."""
    dialog = RemoveEvidenceDialog(record, parent)
    try:
        return dialog.reason_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
