"""The procedure's entry in the Appraisal menu (issue 14): one line in ui/main_window.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:
    from assessor_app.ui.procedure.procedure_dialog import ProcedureDialog


class ProcedureActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.last_dialog: QWidget | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        action = QAction(_("The &procedure (steps, who acts, deadlines)…"), menu)
        action.triggered.connect(lambda _checked=False: self.open())
        menu.addAction(action)
        return [action]

    def open(self) -> ProcedureDialog:
        from assessor_app.ui.procedure.procedure_dialog import ProcedureDialog

        dialog = ProcedureDialog(self.context, self.window)
        dialog.show()
        self.last_dialog = dialog
        return dialog
