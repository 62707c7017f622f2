"""The dashboard's entry, first in the office's menu (Thẩm định). QtCharts is loaded when the
dashboard first opens, never at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:
    from assessor_app.ui.dashboard.dashboard_window import DashboardWindow


class DashboardActions(QObject):
    def __init__(
        self, context: UiContext, window: QWidget, open_assessment: Callable[[int], object]
    ) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.open_assessment = open_assessment
        self.dashboard: DashboardWindow | None = None

    def populate(self, menu: QMenu) -> QAction:
        """The entry goes first in the menu, whatever other entries were added before it."""
        action = QAction(_("&Dashboard…"), menu)
        action.setStatusTip(
            _("The share of communes recognised against the plan's targets, and what to follow up.")
        )
        action.triggered.connect(lambda _checked=False: self.open_dashboard())
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, action)  # type: ignore[arg-type]
        return action

    def open_dashboard(self) -> DashboardWindow:
        """Open the dashboard, or bring the open one forward."""
        import shiboken6

        from assessor_app.ui.dashboard.dashboard_window import DashboardWindow

        if self.dashboard is None or not shiboken6.isValid(self.dashboard):
            self.dashboard = DashboardWindow(self.context, self.window, self.open_assessment)
        else:
            self.dashboard.refresh()  # the store may have changed since it was last shown
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()
        return self.dashboard
