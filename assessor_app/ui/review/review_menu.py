"""The office's menu (Thẩm định): the appraisal screen, first after the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:  # the screen loads when first opened
    from assessor_app.ui.review.review_view import ReviewWindow


class ReviewActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.screen: ReviewWindow | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        action = QAction(_("&Appraisal of dossiers…"), menu)
        action.setStatusTip(
            _("The assessments submitted to this office: compare, return or close the appraisal.")
        )
        action.triggered.connect(lambda _checked=False: self.open())
        menu.addAction(action)
        return [action]

    def open(self) -> ReviewWindow:
        from assessor_app.ui.review.review_view import ReviewWindow

        if self.screen is None:
            self.screen = ReviewWindow(self.context, self.window)
        else:
            self.screen.reload()
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        return self.screen
