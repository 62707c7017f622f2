"""Confirm or correct one row of the merge table, with a reason (services/unit_merges.py checks
it, as for `units merges confirm|correct`; a refusal is shown beside the fields, its code in the
tooltip, and nothing is stored). The write goes through the app's write queue, off the GUI
thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.domain.text import clean
from assessor_app.domain.unit_merges import MergeRound, ReviewedRow
from assessor_app.i18n import _
from assessor_app.services import unit_merges
from assessor_app.ui.bundles.widgets import InlineError, heading, wrapped
from assessor_app.ui.context import UiContext
from assessor_app.ui.units.merge_words import Names, new_text, old_text, remarks


class MergeReviewDialog(QDialog):
    """`correcting` False: confirm the row as it stands; True: give the right codes."""

    def __init__(
        self,
        context: UiContext,
        row: ReviewedRow,
        names: Names,
        correcting: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.correcting = correcting
        self.result_row: ReviewedRow | None = None
        self.setWindowTitle(_("Correct a row") if correcting else _("Confirm a row"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                _("Row {row}: {old} → {new}").format(
                    row=row.row.row_id, old=old_text(row, names), new=new_text(row, names)
                )
            )
        )
        layout.addWidget(wrapped("; ".join(remarks(row)), _("Remarks on the row")))
        layout.addWidget(
            wrapped(
                _(
                    "Correct the row when the resolution says otherwise: the code of the unit the "
                    "commune went into, or the old commune's code when the name was not found."
                )
                if correcting
                else _(
                    "Confirm only after checking the row against the resolution: from then on the "
                    "roll-up no longer marks it as not verified."
                )
            )
        )
        form = QFormLayout()
        before, after = unit_merges.LISTS_OF_ROUND[row.row.round]
        self.new_code = QLineEdit(row.new_code or "")
        self.new_code.setToolTip(
            _("A commune code of the unit list {list} (5 digits)").format(list=after)
        )
        self.old_code = QLineEdit(row.old_code or "")
        self.old_code.setToolTip(
            _("A commune code of the unit list {list} (5 digits)").format(list=before)
        )
        if correcting:
            into = (
                _("&Unit it went into:")
                if row.row.round is MergeRound.JUL_2025
                else _("&Commune it went into:")
            )
            form.addRow(into, self.new_code)
            form.addRow(_("&Old commune's code:"), self.old_code)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Write why, e.g. the resolution and its article"))
        self.reason.setToolTip(_("Required: it is kept in the history"))
        form.addRow(_("&Reason (required):"), self.reason)
        layout.addLayout(form)
        self.error = InlineError(_("Problem with the row"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = QPushButton(_("Correct") if correcting else _("Confirm"))
        buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 320)  # room for the reason and the message at 1366x768

    def accept(self) -> None:
        """Write through the queue; the dialog closes when the row is stored."""
        workspace, row_id, reason = self.context.workspace, self.row.row.row_id, self.reason.text()
        if self.correcting:
            new, old = clean(self.new_code.text()), clean(self.old_code.text())
            to = new if new != (self.row.new_code or "") else None
            was = old if old != (self.row.old_code or "") else None

            def work(_progress: object, _cancelled: object) -> ReviewedRow:
                return unit_merges.correct_row(workspace, row_id, reason, to=to, old=was)
        else:

            def work(_progress: object, _cancelled: object) -> ReviewedRow:
                return unit_merges.confirm_row(workspace, row_id, reason)

        self.action_button.setEnabled(False)
        self.error.clear_message()
        self.context.writes.run(work, self._stored, parent=self, on_error=self._refused)

    def _stored(self, row: ReviewedRow) -> None:
        self.result_row = row
        self.action_button.setEnabled(True)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.action_button.setEnabled(True)
        if isinstance(error, AssessorError):
            self.error.show_error(error)
        else:
            self.context.errors.report(self, error)
