"""The signed-PDF entries of the Tools menu (issue 15): one line in ui/main_window.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext


class PdfSigningActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.last_dialog: QDialog | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        menu.addSeparator()
        entries: list[tuple[str, Callable[[], QDialog]]] = [
            (_("&Sign a PDF document…"), self.sign),
            (_("C&heck the signatures of a PDF…"), self.verify),
        ]
        actions = []
        for text, slot in entries:
            action = QAction(text, menu)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            actions.append(action)
        return actions

    def sign(self) -> QDialog:
        from assessor_app.ui.pdf_signing.sign_dialog import SignPdfDialog

        return self._show(SignPdfDialog(self.context, self.window))

    def verify(self) -> QDialog:
        from assessor_app.ui.pdf_signing.verify_dialog import VerifyPdfDialog

        return self._show(VerifyPdfDialog(self.context, self.window))

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.show()
        self.last_dialog = dialog
        return dialog
