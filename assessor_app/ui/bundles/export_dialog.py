"""Exporting assessments as a signed bundle for the reviewing office, and the list of bundles
already sent with the office's receipts.

Finalised assessments are checked at first; drafts can be sent only after ticking "include drafts"
(the bundle then says it holds drafts). Demo assessments are never checked at first: they leave
only in a demo bundle, asked for on purpose ("export as a DEMO bundle"), which offices refuse; the
service refuses any other way (services/demo.py). The bundle is written off the GUI thread with progress and
Cancel; a full or read-only stick gets the service's message and nothing is left on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import AssessorError, OperationCancelled
from assessor_app.i18n import _
from assessor_app.services import assessments, bundle_export, keys, reference_data
from assessor_app.services.bundle_export import ExportResult
from assessor_app.ui.bundles.export_models import SelectionModel, sent_model
from assessor_app.ui.bundles.key_dialogs import MyKeyDialog
from assessor_app.ui.bundles.plan_tables import fit_table, record_table
from assessor_app.ui.bundles.texts import province_of, suggested_bundle_name
from assessor_app.ui.bundles.widgets import (
    Banner,
    FilePicker,
    InlineError,
    buddy,
    bundle_filters,
    error_text,
    heading,
    is_expected,
    kib_progress,
    save_file_dialog,
    wrapped,
)
from assessor_app.ui.context import UiContext
from assessor_app.ui.tasks import Task

PASSPHRASE_CODES = ("KEY_BAD_PASSPHRASE", "KEY_PASSPHRASE_EMPTY")
TARGET_CODES = ("EXPORT_TARGET_EXISTS",)
SELECTION_CODES = (
    "EXPORT_NOTHING",
    "EXPORT_DRAFT",
    "ASSESSMENT_NOT_FOUND",
    "EXPORT_DEMO",
    "EXPORT_DEMO_MIXED",
    "EXPORT_DEMO_NOT_DEMO",
)


class ExportDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("ExportDialog")
        self.setWindowTitle(_("Export a dossier bundle"))
        self.task: Task | None = None
        self.last_result: ExportResult | None = None
        # Seam for tests: (suggested file name) → the file to write, or None.
        self.choose_target: Callable[[str], str | None] = lambda suggested: save_file_dialog(
            self, _("Save the bundle (usually on the USB stick)"), suggested, bundle_filters()
        )
        self.open_my_key: Callable[[], object] = lambda: MyKeyDialog(context, self).exec()

        self.banner = Banner(_("Outcome"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._new_bundle_tab(), _("New bundle"))
        self.sent = sent_model(self)
        self.sent_table = record_table(self.sent, _("Bundles sent"))
        sent_tab = QWidget()
        sent_layout = QVBoxLayout(sent_tab)
        sent_layout.addWidget(
            wrapped(
                _(
                    "Every bundle sent from this computer. When the office's receipt comes back on the stick, import it (menu Dossiers → Import a receipt): the bundle is then marked as received."
                )
            )
        )
        sent_layout.addWidget(self.sent_table, 1)
        self.tabs.addTab(sent_tab, _("Bundles sent"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(960, 600)
        self.refresh()

    def _new_bundle_tab(self) -> QWidget:
        self.selection = SelectionModel(self)
        self.table = QTableView()
        self.table.setModel(self.selection)
        self.table.setAccessibleName(_("Assessments to export"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._toggle)
        self.include_drafts = QCheckBox(
            _("Include &drafts (the bundle is marked as holding drafts)")
        )
        self.include_drafts.toggled.connect(self.selection.set_drafts_allowed)
        self.as_demo = QCheckBox(
            _(
                "Export as a DE&MO bundle (sample data, marked in the signed bundle; offices refuse it)"
            )
        )
        self.as_demo.toggled.connect(lambda _on: self._selection_changed())
        self.as_demo.hide()
        self.selection_error = InlineError(_("Problem with the choice of assessments"))
        self.selection.selection_changed.connect(self._selection_changed)

        self.target_error = InlineError(_("Problem with the target file"))
        self.passphrase_error = InlineError(_("Passphrase problem"))
        self.target = FilePicker(_("Bundle file to write"), _("C&hoose where…"), self._choose)
        self.target.edit.textChanged.connect(lambda _text: self.target_error.clear_message())
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase of your signing key"))
        self.passphrase.setToolTip(
            _(
                "The passphrase of your signing key; the letters are hidden. The app does not keep it: remember it."
            )
        )
        self.passphrase.textChanged.connect(lambda _text: self.passphrase_error.clear_message())
        self.passphrase.returnPressed.connect(self.export)
        self.export_button = QPushButton(_("&Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.create_key_button = QPushButton(_("Create my &key…"))
        self.create_key_button.clicked.connect(self._open_my_key)
        self.create_key_button.hide()

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(heading(_("1. Tick the assessments to send")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.include_drafts)
        layout.addWidget(self.as_demo)
        layout.addWidget(self.selection_error)
        form = QFormLayout()
        form.addRow(buddy(_("2. &Save to:"), self.target.edit), self.target)
        form.addRow("", self.target_error)
        form.addRow(buddy(_("3. &Passphrase:"), self.passphrase), self.passphrase)
        form.addRow("", self.passphrase_error)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.create_key_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        return tab

    # --- data
    def refresh(self) -> None:
        workspace = self.context.workspace
        try:
            summaries = assessments.list_assessments(workspace)
            sent = bundle_export.sent_bundles(workspace)
            has_key = keys.key_info(workspace) is not None
        except AssessorError as error:
            self.context.errors.report(self, error)
            return
        self.selection.set_records(summaries)
        self.as_demo.setVisible(any(s.demo for s in summaries))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 360))
        self.sent.set_records(list(reversed(sent)))
        fit_table(self.sent_table)
        self.tabs.setTabText(1, _("Bundles sent ({count})").format(count=len(sent)))
        self.export_button.setEnabled(has_key and self.task is None)
        self.create_key_button.setVisible(not has_key)
        if not has_key:
            self.banner.show_text(
                "warn",
                _(
                    "This computer has no signing key yet, so it cannot sign a bundle. Create one first: menu Dossiers → My signing key."
                ),
            )

    def _toggle(self, index: object) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        first = self.selection.index(current.row(), 0)
        state = self.selection.data(first, Qt.ItemDataRole.CheckStateRole)
        self.selection.setData(
            first,
            Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def _selection_changed(self) -> None:
        self.selection_error.clear_message()

    def suggested_name(self) -> str:
        chosen = self.selection.selected()
        try:
            titles = {
                code: title
                for code, title, *_rest in reference_data.unit_lists(self.context.workspace)
            }
            sent = bundle_export.sent_bundles(self.context.workspace)
        except AssessorError:
            titles, sent = {}, []
        province = next(
            (province_of(titles.get(s.unit_list, "")) for s in chosen if titles.get(s.unit_list)),
            "",
        )
        sequence = max((b.sequence for b in sent), default=0) + 1
        return suggested_bundle_name(
            province, [s.commune_name for s in chosen], [s.year for s in chosen], sequence
        )

    def _choose(self) -> str | None:
        return self.choose_target(self.suggested_name())

    def _open_my_key(self) -> None:
        self.open_my_key()
        self.banner.clear_banner()
        self.refresh()

    # --- export
    def export(self) -> Task | None:
        if self.task is not None:
            return None
        self.banner.clear_banner()
        for label in (self.selection_error, self.target_error, self.passphrase_error):
            label.clear_message()
        chosen = self.selection.selected()
        target = self.target.path()
        if not chosen:
            self.selection_error.show_message(_("Tick at least one assessment to send."))
            self.table.setFocus()
            return None
        if target is None:
            self.target_error.show_message(
                _("Choose where to save the bundle (usually the USB stick).")
            )
            self.target.edit.setFocus()
            return None
        if target.suffix.lower() != ".ldbundle":
            target = target.with_name(target.name + ".ldbundle")
            self.target.edit.setText(str(target))
        if target.exists():
            self.target_error.show_message(
                _("{path} already exists; choose another file name.").format(path=target)
            )
            self.target.edit.setFocus()
            return None
        if not self.passphrase.text():
            self.passphrase_error.show_message(_("Type the passphrase of your signing key."))
            self.passphrase.setFocus()
            return None
        workspace, ids = self.context.workspace, [s.id for s in chosen]
        passphrase, drafts = self.passphrase.text(), self.include_drafts.isChecked()
        as_demo = self.as_demo.isChecked()

        def work(progress: Progress, cancelled: Cancelled) -> ExportResult:
            return bundle_export.export(
                workspace,
                ids,
                target,
                passphrase,
                include_drafts=drafts,
                demo=as_demo,
                progress=kib_progress(progress),
                cancelled=cancelled,
            )

        self.export_button.setEnabled(False)
        task = self.context.tasks.run(
            work,
            self._exported,
            parent=self,
            label=_("Writing the bundle to {name}…").format(name=target.name),
            on_error=self._failed,
        )
        task.finished.connect(lambda: self._finished(task))
        self.task = task
        return task

    def _finished(self, task: Task) -> None:
        if not shiboken6.isValid(self):
            return
        self.task = None
        self.export_button.setEnabled(True)
        if isinstance(task.error, OperationCancelled):
            self.banner.show_text("info", _("The export was cancelled; nothing was written."))

    def _exported(self, result: ExportResult) -> None:
        for assessment_id in (s.id for s in self.selection.selected()):
            self.context.assessment_changed.emit(assessment_id)
        if not shiboken6.isValid(self):
            return
        self.last_result = result
        self.passphrase.clear()
        self.target.edit.clear()
        self.refresh()
        lines = [
            _("Bundle no. {sequence} was written to:\n{path}").format(
                sequence=result.sequence, path=result.path
            ),
            _("Bundle id: {bundle}").format(bundle=result.bundle_id),
        ]
        if result.contains_drafts:
            lines.append(_("It holds drafts, and says so."))
        if result.demo:
            lines.append(_("It is a DEMO bundle of sample data, and says so: offices refuse it."))
        lines.append(
            _(
                "Give the stick to the office. When their receipt comes back, import it: menu Dossiers → Import a receipt."
            )
        )
        self.banner.show_text("ok", "\n".join(lines))

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.context.errors.report(None, error)
            return
        if not is_expected(error):
            self.context.errors.report(self, error)
            return
        code = getattr(error, "code", "")
        if code in PASSPHRASE_CODES:
            self.passphrase_error.show_error(error)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        elif code in TARGET_CODES:
            self.target_error.show_error(error)
        elif code in SELECTION_CODES:
            self.selection_error.show_error(error)
        else:
            self.banner.show_text("error", error_text(error))

    def target_path(self) -> Path | None:
        return self.target.path()
