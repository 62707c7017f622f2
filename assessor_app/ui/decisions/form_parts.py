"""What the decision screen's dialogs share: labelled inputs with their hints, the date box, and
the message under the form (a refusal in red with its code in the tooltip, a success in green)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit

from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _, render
from assessor_app.texts import dates
from assessor_app.ui.errors import code_detail

ERROR_STYLE = "color: #a61b1b;"
DONE_STYLE = "color: #1b6b2b;"


def line_edit(name: str, placeholder: str = "", tip: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setToolTip(tip)
    return edit


def date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(dates.QT_DATE_INPUT)
    edit.setAccessibleName(name)
    edit.setToolTip(
        _("Day/month/year, for example 15/10/2026; or choose it in the calendar (the arrow).")
    )
    return edit


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class FormMessage(QLabel):
    """The line under a form: what was refused and why, or what was recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def error(self, error: AssessorError) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(render(error))
        self.setToolTip(code_detail(error.code))
        self.show()

    def done(self, text: str) -> None:
        self.setStyleSheet(DONE_STYLE)
        self.setText(text)
        self.setToolTip("")
        self.show()
