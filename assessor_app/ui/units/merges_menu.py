"""Tools → "Administrative unit merges…" (added to the menu by main_window with one line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:  # the screen's module loads when it first opens
    from assessor_app.ui.units.merges_dialog import MergesDialog


class UnitMergeActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.last_dialog: MergesDialog | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        action = QAction(_("Administrative unit &merges…"), menu)
        action.triggered.connect(lambda _checked=False: self.open_merges())
        menu.addAction(action)
        return [action]

    def open_merges(self) -> MergesDialog:
        from assessor_app.ui.units.merges_dialog import MergesDialog

        dialog = MergesDialog(self.context, self.window)
        self.last_dialog = dialog
        dialog.show()
        return dialog
