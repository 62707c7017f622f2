"""The office's menu ("Appraisal"): the decision screen. Other parts of the office's work
(appraisal, the plan, the dashboard) add their entries to the same menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:  # the screen loads when first opened
    from assessor_app.ui.decisions.decisions_view import DecisionsWindow


class DecisionActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.screen: DecisionsWindow | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        action = QAction(_("&Decisions: recognition, revocation, commendation…"), menu)
        action.triggered.connect(lambda _checked=False: self.open())
        menu.addAction(action)
        return [action]

    def open(self) -> DecisionsWindow:
        from assessor_app.ui.decisions.decisions_view import DecisionsWindow

        if self.screen is None:
            self.screen = DecisionsWindow(self.context, self.window)
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        return self.screen
