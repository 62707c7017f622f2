"""The main window's *Assessment* menu: finalise and reopen the assessment of the current tab, with
shortcuts, move it to another catalogue version (ui/editor/migrate_dialog.py), and see its
changes held after another officer's (ui/editor/held_dialog.py). The actions only ask the editor; each is enabled when it applies to the current tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

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
        self.migrate = QAction(_("Move to another catalogue &version…"), parent)
        self.migrate.setStatusTip(
            _("See what carries over to another catalogue version, then move the assessment.")
        )
        self.migrate.triggered.connect(self._migrate)
        self.held = QAction(_("&Held changes…"), parent)
        self.held.setStatusTip(
            _("Figures kept aside because another officer changed the same figure first.")
        )
        self.held.triggered.connect(self._held)
        # Opens the migration dialog (tests replace it to fill the dialog without a modal loop).
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.context = context
        parent.addAction(self.finalise)  # the shortcuts work with the menu closed
        parent.addAction(self.reopen)
        context.assessment_changed.connect(lambda _id: self.update())
        self.update()

    def populate(self, menu: QMenu) -> None:
        menu.addAction(self.finalise)
        menu.addAction(self.reopen)
        menu.addSeparator()
        menu.addAction(self.migrate)
        menu.addAction(self.held)
        menu.aboutToShow.connect(self.update)

    def update(self) -> None:
        """Offer only what applies to the current tab (nothing on the list of assessments)."""
        editor = self.current_editor()
        editable = editor is not None and editor.session.editable
        self.finalise.setEnabled(editable)
        self.reopen.setEnabled(editor is not None and not editable)
        # Offered on a finalised one too: the dialog says what to do first.
        self.migrate.setEnabled(editor is not None)
        self.held.setEnabled(editor is not None)

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

    def _held(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.open_held()

    def _migrate(self) -> None:
        editor = self.current_editor()
        if editor is None:
            return
        from assessor_app.ui.editor.migrate_dialog import MigrateDialog  # opened rarely

        dialog = MigrateDialog(self.context, editor.assessment_id, editor.title, editor)
        try:
            self.run_dialog(dialog)
        finally:
            dialog.deleteLater()
        self.update()
