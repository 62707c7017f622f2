"""The main window's *Assessment* menu: finalise and reopen the assessment of the current tab, with
shortcuts. The actions only ask the editor; each is enabled when it applies to the current tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.editor_view import AssessmentEditor
from assessor_app.ui.editor.header_bar import FINALISE_KEYS, REOPEN_KEYS


class AssessmentActions(QObject):
    def __init__(
        self,
        context: UiContext,
        parent: QWidget,
        current_editor: Callable[[], AssessmentEditor | None],
    ) -> None:
        super().__init__(parent)
        self.current_editor = current_editor
        self.finalise = QAction(_("&Finalise…"), parent)
        self.finalise.setShortcut(FINALISE_KEYS)
        self.finalise.setStatusTip(
            _("Check the verdict and lock the figures. Reopening needs a reason.")
        )
        self.finalise.triggered.connect(self._finalise)
        self.reopen = QAction(_("&Reopen…"), parent)
        self.reopen.setShortcut(REOPEN_KEYS)
        self.reopen.setStatusTip(_("Unlock a finalised assessment; a reason is required."))
        self.reopen.triggered.connect(self._reopen)
        parent.addAction(self.finalise)  # the shortcuts work with the menu closed
        parent.addAction(self.reopen)
        context.assessment_changed.connect(lambda _id: self.update())
        self.update()

    def populate(self, menu: QMenu) -> None:
        menu.addAction(self.finalise)
        menu.addAction(self.reopen)
        menu.aboutToShow.connect(self.update)

    def update(self) -> None:
        """Offer only what applies to the current tab (nothing on the list of assessments)."""
        editor = self.current_editor()
        editable = editor is not None and editor.session.editable
        self.finalise.setEnabled(editable)
        self.reopen.setEnabled(editor is not None and not editable)

    def _finalise(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.finalise()
        self.update()

    def _reopen(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.reopen()
        self.update()
