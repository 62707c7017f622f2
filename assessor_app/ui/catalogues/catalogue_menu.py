"""The catalogues entry of the Tools menu (issue 15): one line in ui/main_window.py."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext


class CatalogueActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.last_window: QWidget | None = None

    def populate(self, menu: QMenu) -> QAction:
        menu.addSeparator()
        action = QAction(_("Criteria &catalogues…"), menu)
        action.triggered.connect(lambda _checked=False: self.open())
        menu.addAction(action)
        return action

    def open(self) -> QWidget:
        from assessor_app.ui.catalogues.drafts_window import CatalogueDraftsWindow

        window = CatalogueDraftsWindow(self.context, self.window)
        window.show()
        self.last_window = window
        return window
