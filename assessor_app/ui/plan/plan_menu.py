"""The office's menu (Thẩm định): the plan editor (targets, planned communes, budget)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:
    from assessor_app.ui.plan.plan_dialog import PlanDialog


class PlanActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.last_dialog: QWidget | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        action = QAction(_("The &plan: targets, planned communes, budget…"), menu)
        action.triggered.connect(lambda _checked=False: self.plan())
        menu.addAction(action)
        return [action]

    def plan(self) -> PlanDialog:
        from assessor_app.ui.plan.plan_dialog import PlanDialog

        dialog = PlanDialog(self.context, self.window)
        dialog.show()
        self.last_dialog = dialog
        return dialog
