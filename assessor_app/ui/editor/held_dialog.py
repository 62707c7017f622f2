"""The held changes of one assessment (services/held_changes.py): figures an officer entered on the
assessment as it was before another officer changed it, kept aside instead of written over the
other's. Each row shows the indicator, the figure stored now (who entered it, when) and the held
one (who, when, why); a person applies the held figure or keeps the stored one, with a reason.
Both are recorded in the store's audit log; applying also in the assessment's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.text import nfc
from assessor_app.i18n import _
from assessor_app.services import held_changes
from assessor_app.services.held_changes import HeldDetail
from assessor_app.texts import dates, values
from assessor_app.ui.context import UiContext

ReasonAsker = Callable[[str, str], str | None]


def ask_reason(parent: QWidget, title: str, prompt: str) -> str | None:
    text, accepted = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Normal, "")
    return text.strip() if accepted and text.strip() else None


def _who_when(who: str, at: str) -> str:
    return nfc(f"{who}, {dates.stamp(at)}") if who else ""


class HeldChangesDialog(QDialog):
    def __init__(
        self, context: UiContext, assessment_id: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id = assessment_id
        self.details: list[HeldDetail] = []
        # Asks for the reason of a choice (title, prompt); tests replace it to answer.
        self.ask_reason: ReasonAsker = lambda caption, prompt: ask_reason(self, caption, prompt)
        self.setWindowTitle(_("Held changes — {assessment}").format(assessment=title))
        self.resize(900, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "These figures were entered while another officer had already changed the same figure, so they were kept aside instead of written over the other's. For each, apply the held figure or keep the stored one; both are recorded with your reason."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("Indicator"),
                _("Stored figure"),
                _("Stored by, at"),
                _("Held figure"),
                _("Held by, at"),
                _("Reason given"),
            ]
        )
        self.table.setAccessibleName(_("Held changes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(_("No held changes: nothing waits for a decision."))
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.apply_button = QPushButton(_("Apply the held figure…"))
        self.apply_button.setToolTip(_("Enter the held figure over the stored one."))
        self.discard_button = QPushButton(_("Keep the stored figure…"))
        self.discard_button.setToolTip(_("Discard the held figure; it stays in the store's log."))
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the held changes again (after a choice, or another officer's)."""
        try:
            self.details = held_changes.held_details(self.context.workspace, self.assessment_id)
        except AssessorError as error:
            self.context.errors.report(self, error)
            self.details = []
        language = i18n.language()
        self.table.setRowCount(len(self.details))
        for row, detail in enumerate(self.details):
            held = detail.held
            cells = [
                held.indicator_code,
                values.stored(detail.theirs, language),
                _who_when(detail.theirs_by, detail.theirs_at),
                values.stored(detail.yours, language),
                _who_when(held.held_by, held.held_at),
                held.reason,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(nfc(text)))
        if self.details:
            self.table.selectRow(0)
        self.table.setVisible(bool(self.details))
        self.empty_label.setVisible(not self.details)
        self._update_buttons()

    def _selected(self) -> HeldDetail | None:
        rows = self.table.selectionModel().selectedRows()
        return self.details[rows[0].row()] if rows and self.details else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.apply_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    def apply_selected(self) -> None:
        detail = self._selected()
        if detail is None:
            return
        reason = self.ask_reason(
            _("Apply the held figure"),
            _(
                "Why does the held figure {yours} of {indicator} replace the stored {theirs}?"
            ).format(**self._figures(detail)),
        )
        if reason is None:
            return
        workspace, held_id = self.context.workspace, detail.held.id
        self._run(lambda: held_changes.apply_held(workspace, held_id, reason))

    def discard_selected(self) -> None:
        detail = self._selected()
        if detail is None:
            return
        reason = self.ask_reason(
            _("Keep the stored figure"),
            _(
                "Why does the stored figure {theirs} of {indicator} stay, not the held {yours}?"
            ).format(**self._figures(detail)),
        )
        if reason is None:
            return
        workspace, held_id = self.context.workspace, detail.held.id
        self._run(lambda: held_changes.discard_held(workspace, held_id, reason))

    @staticmethod
    def _figures(detail: HeldDetail) -> dict[str, str]:
        language = i18n.language()
        return {
            "indicator": detail.held.indicator_code,
            "theirs": values.stored(detail.theirs, language),
            "yours": values.stored(detail.yours, language),
        }

    def _run(self, change: Callable[[], Any]) -> None:
        """The choice on the write queue (after the editor's saves); then the list again."""

        def work(_progress: Progress, _cancelled: Cancelled) -> Any:
            return change()

        context, assessment_id = self.context, self.assessment_id

        def finished(_result: Any = None) -> None:
            context.assessment_changed.emit(assessment_id)
            if shiboken6.isValid(self):
                self.refresh()

        def failed(error: BaseException) -> None:
            context.errors.report(self if shiboken6.isValid(self) else None, error)
            if shiboken6.isValid(self):
                self.refresh()

        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        context.writes.run(work, finished, parent=self, on_error=failed)
