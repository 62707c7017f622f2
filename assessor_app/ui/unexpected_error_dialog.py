"""The dialog for bugs (what `ErrorReporter` shows for an error that is not an expected one).

Its own module, loaded when a bug happens: the Qt classes it needs cost start-up time otherwise.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.i18n import _


class UnexpectedErrorDialog(QDialog):
    """A bug: say so plainly, give the details to copy, and where the log is."""

    def __init__(
        self, error: BaseException, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unexpected error"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Something went wrong inside the app. Your saved work is safe: every change is stored as soon as it is made."
            )
            + "\n"
            + _("Please send the details below and the log file to the support team.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if log_file is not None:
            where = QLabel(_("Log file: {path}").format(path=log_file))
            where.setTextInteractionFlags(
                where.textInteractionFlags() | where.textInteractionFlags().TextSelectableByMouse
            )
            layout.addWidget(where)
        self.details = QPlainTextEdit("".join(traceback.format_exception(error)))
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Error details"))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(_("Copy details"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
