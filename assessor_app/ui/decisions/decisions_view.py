"""The decision screen: the year's decisions — recognitions, revocations, commendations — with the
communes or people each concerns, and the buttons to record a recognition decision (the appraisal
and decision dialog of the Reports menu), revoke recognitions, record a commendation, and open the
selected decision as the document it prints. The list loads off the GUI thread and reloads after
each dialog records something."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.evaluation import year_to_assess
from assessor_app.i18n import _, ngettext
from assessor_app.services import commendation_documents, decision_documents, decision_register
from assessor_app.services.decision_register import EntryKind, RegisterEntry
from assessor_app.ui.context import UiContext
from assessor_app.ui.decisions.register_model import RegisterModel


class DecisionsWindow(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.setWindowTitle(_("Decisions"))
        self.resize(1100, 560)
        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(year_to_assess(context.workspace.today()))
        self.year.setAccessibleName(_("Evaluation year"))
        self.year.setToolTip(_("The evaluation year whose decisions are listed."))
        self.count = QLabel()
        self.model = RegisterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Decisions of the year"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped text at the columns' width now, not at the first load's.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.record_button = QPushButton(_("&Recognition decision…"))
        self.revoke_button = QPushButton(_("Re&voke recognitions…"))
        self.commend_button = QPushButton(_("&Commendation…"))
        self.open_button = QPushButton(_("&Open the decision…"))
        self.record_button.setToolTip(
            _("Preview the appraisal report and record the year's recognition decision.")
        )
        self.revoke_button.setToolTip(
            _("Record a new decision revoking the recognition of some communes.")
        )
        self.commend_button.setToolTip(_("Record a commendation of communes or people."))
        self.open_button.setToolTip(_("Preview and print the selected decision."))
        top = QHBoxLayout()
        year_label = QLabel(_("Evaluation &year:"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.count, 1)
        buttons = QHBoxLayout()
        for button in (
            self.record_button,
            self.revoke_button,
            self.commend_button,
            self.open_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.year.valueChanged.connect(self.reload)
        self.record_button.clicked.connect(self.record)
        self.revoke_button.clicked.connect(self.revoke)
        self.commend_button.clicked.connect(self.commend)
        self.open_button.clicked.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self._selection_changed()
        self.reload()

    # --- the list
    def reload(self) -> None:
        workspace, year = self.context.workspace, self.year.value()
        self.context.tasks.run(
            lambda _progress, _cancelled: decision_register.register(workspace, year),
            self._loaded,
            parent=self,
            busy=self.table,
        )

    def _loaded(self, entries: list[RegisterEntry]) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.set_entries(entries)
        self.count.setText(
            ngettext("{count} decision", "{count} decisions", len(entries)).format(
                count=len(entries)
            )
            if entries
            else _("No decision recorded for this year.")
        )
        self._selection_changed()

    def selected(self) -> RegisterEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.open_button.setEnabled(entry is not None)

    # --- the dialogs
    def _opened(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self.reload())
        dialog.show()
        return dialog

    def record(self) -> QDialog:
        from assessor_app.ui.reports.decision_dialog import DecisionDialog

        dialog = DecisionDialog(self.context, self)
        dialog.year.setValue(self.year.value())
        return self._opened(dialog)

    def revoke(self) -> QDialog:
        from assessor_app.ui.decisions.revoke_dialog import RevokeDialog

        entry = self.selected()
        chosen = entry.id if entry is not None and entry.kind is EntryKind.RECOGNITION else None
        return self._opened(
            RevokeDialog(self.context, self.year.value(), self.model.entries, chosen, self)
        )

    def commend(self) -> QDialog:
        from assessor_app.ui.decisions.commend_dialog import CommendDialog

        return self._opened(CommendDialog(self.context, self.year.value(), self))

    def open_selected(self) -> QDialog | None:
        from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog

        entry = self.selected()
        if entry is None:
            return None
        workspace, entry_id = self.context.workspace, entry.id
        render: Callable[[], bytes]
        if entry.kind is EntryKind.COMMENDATION:
            name = "quyet-dinh-khen-thuong"
            render = partial(commendation_documents.commendation_bytes, workspace, entry_id)
        else:
            name = "quyet-dinh-thu-hoi" if entry.kind is EntryKind.REVOCATION else "quyet-dinh"
            render = partial(decision_documents.decision_bytes, workspace, entry_id)
        dialog = PdfPreviewDialog(
            self.context,
            _("Decision {number}").format(number=entry.number),
            render,
            f"{name}-{self.year.value()}-{entry_id}.pdf",
            self,
        )
        self.dialog = dialog
        dialog.show()
        return dialog
