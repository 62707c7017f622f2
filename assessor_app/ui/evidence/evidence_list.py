"""The list of an indicator's evidence files: Enter opens, Delete removes, F2 edits the caption."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
)

log = logging.getLogger(__name__)


class EvidenceList(QListView):
    """The list of files; Enter opens, Delete removes (F2 edits the caption, as everywhere)."""

    open_requested = Signal()
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState and self.currentIndex().isValid():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_requested.emit()
                event.accept()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.remove_requested.emit()
                event.accept()
                return
        super().keyPressEvent(event)
