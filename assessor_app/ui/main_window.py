"""The main window: menus, a tab for the list of assessments and one per open assessment.

It only wires feature views together; each view owns its widgets, models and service calls.

The window is painted before the store is opened: built without a context it is a shell (its menu
bar, an empty list tab saying the data is being opened), `first_painted` fires once it is on the
screen, and `attach(context)` then builds the feature views and fills the menus. So the first
picture costs Qt and this module only, whatever the size of the store and however many feature
modules there are; those are imported by `attach` and by the screen that needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app.i18n import _

# Qt classes are set up on first use (PySide6): the ones only the attached window needs (menus'
# actions and shortcuts, dialogs) are imported where they are used, after the first paint.
if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent

    from assessor_app.ui.assessments.list_view import AssessmentsView
    from assessor_app.ui.bundles.dossier_menu import DossierActions
    from assessor_app.ui.context import UiContext
    from assessor_app.ui.editor.assessment_menu import AssessmentActions
    from assessor_app.ui.editor.editor_view import AssessmentEditor
    from assessor_app.ui.reports.reports_menu import ReportActions

SAVE_WAIT_MS = 10_000  # how long closing waits for saves still on the write queue

MIN_WIDTH, MIN_HEIGHT = 1024, 640  # fits 1366×768 with the task bar


def _centred(label: QLabel) -> QWidget:
    """`label` in the middle of a page, by layout stretches: the shell is painted before anything
    touches Qt's enum namespace, whose first use costs more than the rest of the shell."""
    page = QWidget()
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    return page


class MainWindow(QMainWindow):
    first_painted = Signal()  # the window is on the screen (queued after its first paint)
    ready = Signal()  # attached to the store: the list and the menus work

    context: UiContext
    assessments: AssessmentsView
    dossiers: DossierActions
    reports: ReportActions
    assessment_actions: AssessmentActions

    def __init__(self, context: UiContext | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.setWindowTitle(_("Child-friendly commune assessment"))
        self.undo_group = QUndoGroup(self)
        self.editors: dict[int, AssessmentEditor] = {}
        self.attached = False
        self._painted = False

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        self.demo_banner = QLabel(
            _("DEMO DATA — sample assessments to try the app; not for official reports.")
        )
        self.demo_banner.setObjectName("DemoBanner")
        self.demo_banner.setStyleSheet(
            "#DemoBanner { background: #fff3c4; color: #6b4e00; border: 1px solid #e0c060;"
            " padding: 1px 6px; font-weight: bold; }"  # one slim line: the editor needs the height
        )
        layout.addWidget(self.demo_banner)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.demo_banner.hide()

        self.opening = _centred(QLabel(_("Opening the data…")))
        self.tabs.addTab(self.opening, _("Assessments"))
        self._keep_first_tab()
        self.who_and_where = QLabel(_("Opening the data…"))
        self.statusBar().addWidget(self.who_and_where, 1)
        self.menus = self._build_menu_titles()
        self.menuBar().setEnabled(False)  # until the store is open: the menus need it
        if context is not None:
            self.attach(context)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:  # after this paint reaches the screen, not inside it
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def attach(self, context: UiContext) -> None:
        """Build the feature views on the open store, in place of the shell's placeholder."""
        from PySide6.QtCore import Qt  # its enums are built on first use: not for the first paint

        from assessor_app.ui.assessments.list_view import AssessmentsView

        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.context = context
        self.assessments = AssessmentsView(context, self)
        self.assessments.open_requested.connect(self.open_assessment)
        self.assessments.import_requested.connect(lambda: self.dossiers.import_bundle())
        self.tabs.removeTab(0)
        self.opening.deleteLater()
        self.tabs.insertTab(0, self.assessments, _("Assessments"))
        self.tabs.setCurrentIndex(0)
        self._keep_first_tab()
        self._fill_menus()
        self.menuBar().setEnabled(True)
        context.profile_changed.connect(self._refresh_chrome)
        self._refresh_chrome()
        self.attached = True
        from assessor_app.ui.editor import tab_memory

        tab_memory.restore(self)  # the tabs open at the last close
        self.ready.emit()

    def _keep_first_tab(self) -> None:
        """The list's tab has no close button."""
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)

    # --- chrome
    def _build_menu_titles(self) -> dict[str, QMenu]:
        """The menu bar as it is painted first; `_fill_menus` adds the actions."""
        menu = self.menuBar()
        titles = {
            "file": _("&File"),
            "edit": _("&Edit"),
            "assessment": _("&Assessment"),
            "dossiers": _("&Dossiers"),
            "reports": _("&Reports"),
            "office": _("A&ppraisal"),
            "tools": _("&Tools"),
            "help": _("&Help"),
        }
        return {key: menu.addMenu(title) for key, title in titles.items()}

    def _fill_menus(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        from assessor_app.ui.bundles.dossier_menu import DossierActions
        from assessor_app.ui.catalogues.catalogue_menu import CatalogueActions
        from assessor_app.ui.dashboard.dashboard_menu import DashboardActions
        from assessor_app.ui.decisions.office_menu import DecisionActions
        from assessor_app.ui.editor.assessment_menu import AssessmentActions
        from assessor_app.ui.editor.input_base import REDO_KEYS, UNDO_KEYS
        from assessor_app.ui.pdf_signing.pdf_menu import PdfSigningActions
        from assessor_app.ui.plan.plan_menu import PlanActions
        from assessor_app.ui.procedure.procedure_menu import ProcedureActions
        from assessor_app.ui.reports.reports_menu import ReportActions
        from assessor_app.ui.review.review_menu import ReviewActions
        from assessor_app.ui.units.merges_menu import UnitMergeActions

        file_menu = self.menus["file"]
        self.action_new = self._action(
            _("&New assessment…"), QKeySequence.StandardKey.New, self.assessments.new_assessment
        )
        file_menu.addAction(self.action_new)
        file_menu.addAction(
            self._action(_("&Close tab"), QKeySequence.StandardKey.Close, self.close_current_tab)
        )
        file_menu.addAction(
            self._action(_("&Delete the selected assessment…"), None, self.delete_assessment)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close))

        edit_menu = self.menus["edit"]
        undo = self.undo_group.createUndoAction(self, _("&Undo"))
        undo.setShortcuts(UNDO_KEYS)
        redo = self.undo_group.createRedoAction(self, _("&Redo"))
        redo.setShortcuts(REDO_KEYS)  # Ctrl+Y as the README says, and Ctrl+Shift+Z
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.action_undo, self.action_redo = undo, redo
        self.assessment_actions = AssessmentActions(self.context, self, self.current_editor)
        self.assessment_actions.populate(self.menus["assessment"])

        self.dossiers = DossierActions(self.context, self)
        self.dossiers.populate(self.menus["dossiers"])
        self.reports = ReportActions(self.context, self, self.current_assessment_id)
        self.reports.populate(self.menus["reports"])
        self.dashboard_actions = DashboardActions(self.context, self, self.open_assessment)
        self.dashboard_actions.populate(self.menus["office"])
        self.review_actions = ReviewActions(self.context, self)  # issue 14: the appraisal screen
        self.review_actions.populate(self.menus["office"])
        self.decisions = DecisionActions(self.context, self)  # issue 14: the decision screen
        self.decisions.populate(self.menus["office"])
        self.plan_actions = PlanActions(self.context, self)
        self.plan_actions.populate(self.menus["office"])
        ProcedureActions(self.context, self).populate(self.menus["office"])  # issue 14

        tools = self.menus["tools"]
        tools.addAction(
            self._action(_("&Settings…"), QKeySequence.StandardKey.Preferences, self.open_settings)
        )
        tools.addAction(self._action(_("&Copies of the data…"), None, self.open_backups))
        tools.addAction(self._action(_("Application &log…"), None, self.open_log))
        self.unit_merges = UnitMergeActions(self.context, self)
        self.unit_merges.populate(tools)
        PdfSigningActions(self.context, self).populate(tools)  # issue 15: signed PDFs
        CatalogueActions(self.context, self).populate(tools)  # issue 15: catalogue drafts

        help_menu = self.menus["help"]
        self.action_guide = self._action(
            _("&User guide"), QKeySequence.StandardKey.HelpContents, self.user_guide
        )
        # F1 itself is caught by ui/help/context_help in every window (modal dialogs too, which a
        # window shortcut does not reach); the menu shows the key and opens the same guide.
        self.action_guide.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        help_menu.addAction(self.action_guide)
        help_menu.addAction(self._action(_("User guide (&PDF)"), None, self.user_guide_pdf))
        help_menu.addSeparator()
        help_menu.addAction(self._action(_("&About"), None, self.about))
        from PySide6.QtWidgets import QApplication

        from assessor_app.ui.help import context_help

        app = QApplication.instance()
        if isinstance(app, QApplication):
            context_help.install(app)

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None, slot: object
    ) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _refresh_chrome(self) -> None:
        profile = self.context.profile
        self.demo_banner.setVisible(profile.demo)
        title = _("Child-friendly commune assessment")
        self.setWindowTitle(f"{title} — {profile.name}" + (" — DEMO" if profile.demo else ""))
        # A permanent label: a temporary status message is wiped by every menu's status tip.
        self.who_and_where.setText(
            _("{name} · data: {path}").format(
                name=profile.name or "?", path=self.context.workspace.home.root
            )
        )

    # --- tabs
    def open_assessment(self, assessment_id: int) -> AssessmentEditor:
        from assessor_app.ui.editor.editor_view import AssessmentEditor

        editor = self.editors.get(assessment_id)
        if editor is None:
            editor = AssessmentEditor(self.context, assessment_id, self)
            self.editors[assessment_id] = editor
            self.undo_group.addStack(editor.undo_stack)
            index = self.tabs.addTab(editor, editor.title)
            editor.title_changed.connect(
                lambda text, e=editor: self.tabs.setTabText(self.tabs.indexOf(e), text)
            )
            self.tabs.setTabToolTip(index, editor.title)
        self.tabs.setCurrentWidget(editor)
        return editor

    def ask_deletion_reason(self, assessment_id: int) -> str | None:
        """The reason for deleting (None: the user changed their mind). Replaced in tests."""
        from PySide6.QtWidgets import QInputDialog

        reason, accepted = QInputDialog.getText(
            self,
            _("Delete an assessment"),
            _(
                "Assessment {assessment} will disappear from the lists; its figures and history stay in the store. Why is it deleted?"
            ).format(assessment=assessment_id),
        )
        return reason if accepted else None

    def delete_assessment(self) -> bool:
        """Delete the assessment of the current tab, or the one selected in the list."""
        assessment_id = self.current_assessment_id() or self.assessments.current_id()
        if assessment_id is None:
            return False
        reason = self.ask_deletion_reason(assessment_id)
        if reason is None:
            return False
        from assessor_app.services import deletion

        try:
            deletion.delete_assessment(self.context.workspace, assessment_id, reason)
        except Exception as error:  # e.g. sent and not yet acknowledged: the message says so
            self.context.errors.report(self, error)
            return False
        editor = self.editors.get(assessment_id)
        if editor is not None:
            self.close_tab(self.tabs.indexOf(editor))
        self.context.assessments_changed.emit()
        return True

    def current_assessment_id(self) -> int | None:
        """The assessment of the current tab (None on the list)."""
        editor = self.current_editor()
        return editor.assessment_id if editor is not None else None

    def current_editor(self) -> AssessmentEditor | None:
        return self.editor_at(self.tabs.currentIndex())

    def editor_at(self, index: int) -> AssessmentEditor | None:
        widget = self.tabs.widget(index)
        return next((e for e in self.editors.values() if e is widget), None)

    def close_tab(self, index: int) -> None:
        widget = self.editor_at(index)
        if widget is not None:
            if not self.finish_saves([widget]):  # nothing typed is lost silently
                return
            self.undo_group.removeStack(widget.undo_stack)
            self.editors.pop(widget.assessment_id, None)
            self.tabs.removeTab(index)
            widget.deleteLater()

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        widget = self.editor_at(index)
        if widget is not None:
            self.undo_group.setActiveStack(widget.undo_stack)
        else:  # the list has nothing to undo; Qt takes a null stack
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]
        if self.attached:
            self.assessment_actions.update()

    # --- dialogs
    def open_settings(self) -> None:
        from assessor_app.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.context, self).exec()

    def open_bundle(self, path: Path) -> None:
        """The import wizard with `path` chosen and its check started (a double-clicked bundle)."""
        wizard = self.dossiers.import_bundle()
        wizard.choose_page.picker.edit.setText(str(path))
        wizard.next()

    def open_backups(self) -> None:
        for editor in self.editors.values():  # what was typed is in the store, and in the copies
            editor.flush()
        from assessor_app.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.context, self)
        dialog.exec()
        if dialog.restored:  # the windows show the data before the restore: start again
            self.close()

    def open_log(self) -> None:
        from assessor_app.ui.logs.log_viewer import LogViewer

        LogViewer(self.context.errors.log_file, self).exec()

    def user_guide(self) -> None:
        from assessor_app.ui.help.context_help import open_for

        open_for(self)

    def user_guide_pdf(self) -> None:
        from assessor_app.ui.help.help_dialog import open_pdf

        if not open_pdf():
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self,
                _("User guide (PDF)"),
                _(
                    "No program on this computer opens PDF files; the guide is also in Help → User guide."
                ),
            )

    def about(self) -> None:
        from assessor_app.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def finish_saves(self, editors: list[AssessmentEditor]) -> bool:
        """Store what the editors still hold and wait for the write queue (at most
        SAVE_WAIT_MS). True when all is stored, or when the user closes anyway."""
        for editor in editors:
            editor.flush()
        finished = self.context.writes.wait_idle(SAVE_WAIT_MS)
        unsaved = sorted({code for editor in editors for code in editor.session.unsaved})
        invalid = [code for editor in editors for code in editor.invalid_codes()]
        if finished and not unsaved and not invalid:
            return True
        lines = []
        if not finished:
            lines.append(_("Some changes are still being saved."))
        if unsaved:
            lines.append(
                _("These figures could not be saved: {indicators}.").format(
                    indicators=", ".join(unsaved)
                )
            )
        if invalid:  # typed, kept on screen with their error, never stored
            lines.append(
                _("These figures are not valid and were not stored: {indicators}.").format(
                    indicators=", ".join(invalid)
                )
            )
        return self.ask_close_unsaved("\n".join(lines))

    def ask_close_unsaved(self, text: str) -> bool:
        """Close although some changes are not stored? (Tests replace this.)"""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.warning(
            self,
            _("Not everything is saved"),
            text + "\n\n" + _("Close anyway? These changes will be lost."),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # the shell: nothing to save
            super().closeEvent(event)
            return
        if not self.finish_saves(list(self.editors.values())):
            event.ignore()
            return
        from assessor_app.ui.editor import tab_memory

        tab_memory.remember(self)
        self.context.tasks.cancel_reads()  # a province's list still loading: not waited for
        self.context.tasks.wait_all()
        super().closeEvent(event)
