"""The appraisal's steps that ask for something: the office's own figure for an indicator (with a
reason), returning the assessment to its team (comments per indicator and a reason), taking an
appraisal back (a reason). The dialog stays open while the step runs; a refusal (a reason
missing, a figure the indicator does not take) is shown in it, its code in the tooltip, and the
dialog closes once the step is stored. The checks are the service's, as on the command line."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services.appraisal_records import ComparedIndicator
from assessor_app.texts import labels, values
from assessor_app.ui.bundles.widgets import InlineError, buddy, heading, wrapped
from assessor_app.ui.review.review_models import DIFFERS_MARK, points_text


class StepDialog(QDialog):
    """A question, an explanation, what the step needs, a reason, one button saying what it does.
    `submit(dialog)` starts the step; the screen calls `failed` or `accept`."""

    def __init__(
        self,
        title: str,
        explanation: str,
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Callable[[StepDialog], None] = lambda _dialog: None
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Write why, in a few words: it is kept in the history"))
        self.reason.setToolTip(_("Required: the reason is kept in the assessment's history."))
        self.error = InlineError(_("Problem with this step"))
        self.reason.textChanged.connect(lambda _text: self.error.clear_message())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = QPushButton(action)
        buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(wrapped(explanation))
        layout.addLayout(self.body, 1)
        layout.addWidget(buddy(_("&Reason (required):"), self.reason))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 10)

    def reason_text(self) -> str:
        return clean(self.reason.text())

    def _submit(self) -> None:
        self.error.clear_message()
        self.action_button.setEnabled(False)  # one step at a time
        self.submit(self)

    def failed(self, error: BaseException) -> None:
        self.action_button.setEnabled(True)
        self.error.show_error(error)


def _compared_line(row: ComparedIndicator) -> str:
    language = i18n.language()
    return _("Submitted: {submitted} ({points} points)").format(
        submitted=values.stored(row.submitted_value, language),
        points=points_text(row.submitted_points),
    )


class SetPointDialog(StepDialog):
    """The office's own figure for one indicator, written as in the editor."""

    def __init__(
        self, rows: Sequence[ComparedIndicator], chosen: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Enter the office's figure"),
            _(
                "The office's figure replaces the submitted one in the office's own assessment; the submitted assessment is not changed. Write the figure as in the editor (45/50, yes/no, a number)."
            ),
            _("&Store the office's figure"),
            parent,
        )
        self.rows = list(rows)
        self.indicator = QComboBox()
        self.indicator.setAccessibleName(_("Indicator"))
        self.indicator.setToolTip(_("The indicator whose figure the office appraises differently."))
        for row in self.rows:
            self.indicator.addItem(
                f"{row.indicator} {labels.part_title(row, i18n.language())}", row.indicator
            )
        self.submitted = wrapped(name=_("Submitted figure"))
        self.value = QLineEdit()
        self.value.setAccessibleName(_("The office's figure"))
        self.value.setPlaceholderText(_("e.g. 45/50, yes, 3"))
        self.value.setToolTip(
            _(
                "The figure as the office appraises it, written as in the editor: 45/50, yes or no, a number."
            )
        )
        self.value.textChanged.connect(lambda _text: self.error.clear_message())
        self.body.addWidget(buddy(_("&Indicator:"), self.indicator))
        self.body.addWidget(self.indicator)
        self.body.addWidget(self.submitted)
        self.body.addWidget(buddy(_("The office's &figure:"), self.value))
        self.body.addWidget(self.value)
        self.indicator.currentIndexChanged.connect(self._chosen)
        index = self.indicator.findData(chosen) if chosen else -1
        self.indicator.setCurrentIndex(max(index, 0))
        self._chosen()

    def _chosen(self) -> None:
        row = self.rows[self.indicator.currentIndex()] if self.rows else None
        self.submitted.setText(_compared_line(row) if row is not None else "")

    def indicator_code(self) -> str:
        return str(self.indicator.currentData() or "")

    def value_text(self) -> str:
        return self.value.text()


class ReturnDialog(StepDialog):
    """Comments per indicator (those that differ listed first) and the reason of the return."""

    def __init__(self, rows: Sequence[ComparedIndicator], parent: QWidget | None = None) -> None:
        super().__init__(
            _("Return to the team"),
            _(
                "Write what the team must complete, beside each indicator concerned. The office's assessment is then finalised and waits for the team's corrected assessment; export it to send it back to the team."
            ),
            _("&Return to the team"),
            parent,
        )
        ordered = sorted(rows, key=lambda row: not row.differs)
        self.table = QTableWidget(len(ordered), 3)
        self.table.setAccessibleName(_("Comments per indicator"))
        self.table.setToolTip(_("Double-click the comment cell of an indicator to write in it."))
        self.table.setHorizontalHeaderLabels(["", _("Indicator"), _("Comment to the team")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for position, row in enumerate(ordered):
            for column, text in enumerate(
                (
                    DIFFERS_MARK if row.differs else "",
                    f"{row.indicator} {labels.part_title(row, i18n.language())}",
                )
            ):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                cell.setData(Qt.ItemDataRole.UserRole, row.indicator)
                self.table.setItem(position, column, cell)
            self.table.setItem(position, 2, QTableWidgetItem(""))
        self.body.addWidget(self.table, 1)
        self.resize(820, 560)

    def set_comment(self, indicator: str, text: str) -> None:
        for position in range(self.table.rowCount()):
            cell = self.table.item(position, 1)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == indicator:
                comment = self.table.item(position, 2)
                if comment is not None:
                    comment.setText(text)

    def comments(self) -> dict[str, str]:
        """The indicators with a comment written (empty cells are left out)."""
        found: dict[str, str] = {}
        for position in range(self.table.rowCount()):
            code, comment = self.table.item(position, 1), self.table.item(position, 2)
            if code is not None and comment is not None and comment.text().strip():
                found[str(code.data(Qt.ItemDataRole.UserRole))] = comment.text()
        return found


class UndoDialog(StepDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Take the appraisal back"),
            _(
                "The appraisal becomes under appraisal again: the office's assessment is reopened and can be changed, then closed again. The reason is kept in the history."
            ),
            _("&Take the appraisal back"),
            parent,
        )
