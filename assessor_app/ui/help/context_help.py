"""F1 anywhere in the app: the guide at the section of the screen the key was pressed in.

An event filter on the application sees the key in every window, modal dialogs included (a menu
shortcut would not reach past a modal dialog), so no screen has to wire it up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app.ui.help.help_dialog import HelpDialog, show_help
from assessor_app.ui.help.topics import topic_for


class HelpKeyFilter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F1
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(watched, QWidget)
            and not isinstance(watched.window(), HelpDialog)  # the guide has the contents
        ):
            open_for(watched)
            return True
        return False


def open_for(widget: QWidget | None = None) -> None:
    """The guide at the section of `widget` (default: where the keyboard focus is)."""
    focus = widget or QApplication.focusWidget() or QApplication.activeWindow()
    show_help(topic_for(focus), focus.window() if focus is not None else None)


_filter: HelpKeyFilter | None = None


def install(app: QApplication) -> HelpKeyFilter:
    """Make F1 open the guide in every window of `app` (once)."""
    global _filter
    if _filter is None:
        _filter = HelpKeyFilter(app)
        app.installEventFilter(_filter)
    return _filter
