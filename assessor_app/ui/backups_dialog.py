"""Tools → Copies of the data: the copies of the store (newest first), a copy made now, and a copy
restored in place of the store. Restoring closes the app (its windows show the old data), after
copying the store as it was, so a restore can itself be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.backups import BackupKind
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import backups
from assessor_app.texts import dates, labels, numbers
from assessor_app.ui.context import UiContext

COLUMNS = ("made", "kind", "schema", "size")


class BackupsDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.restored = False  # the app must close: its windows show the data before the restore
        self.setWindowTitle(_("Copies of the data"))
        self.resize(760, 460)
        folder = context.workspace.home.backups
        intro = QLabel(
            _(
                "The app copies the data each day it is used, before every import and before every upgrade. The copies are in {folder}."
            ).format(folder=folder)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_("Made at"), _("Why"), _("Schema"), _("Size")])
        self.table.setAccessibleName(_("Copies of the data"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.make = QPushButton(_("&Copy now"))
        self.make.clicked.connect(self.copy_now)
        self.restore_button = QPushButton(_("&Restore this copy…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.ask_restore)
        self.open_folder = QPushButton(_("Open the &folder"))
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        actions = QHBoxLayout()
        actions.addWidget(self.make)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        actions.addWidget(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.records: list[backups.BackupRecord] = []
        self.refresh()

    def refresh(self) -> None:
        language = i18n.language()
        self.records = backups.list_backups(self.context.workspace.home.root)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            cells = (
                dates.stamp(record.made_at),
                labels.backup_kind(record.kind, language),
                record.revision or "—",
                numbers.file_size(record.size, language),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(record.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> backups.BackupRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def copy_now(self) -> None:
        try:
            backups.backup(self.context.workspace, BackupKind.MANUAL)
        except (AssessorError, OSError) as error:
            self.context.errors.report(self, error)
        self.refresh()

    def confirm_restore(self, record: backups.BackupRecord) -> bool:
        answer = QMessageBox.question(
            self,
            _("Restore a copy"),
            _(
                "Put the copy of {made} in place of the data? The data as it is now is copied first, so this can be undone. The app closes afterwards; start it again."
            ).format(made=dates.stamp(record.made_at)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_restore(self) -> None:
        record = self.selected()
        if record is None or not self.confirm_restore(record):
            return
        self.restore(record)

    def restore(self, record: backups.BackupRecord) -> None:
        home = self.context.workspace.home.root
        try:  # a server's store is not replaced by a file: refused before anything is closed
            backups.refuse_restore_on_server(self.context.workspace.database.url)
        except AssessorError as error:
            self.context.errors.report(self, error)
            return
        self.context.tasks.wait_all()  # nothing of this window may still be writing
        self.context.workspace.close()
        try:
            backups.restore(home, record.path, self.context.workspace.clock)
        except (AssessorError, OSError) as error:
            self.context.errors.report(self, error)
        self.restored = True  # closed either way: the open store is gone
        self.accept()
