"""Record a commendation (khen thưởng) of communes and people with its decision: number, date,
form, authority (the province's people's committee by default, as the plan provides), signer,
reason; the communes by code and the people one per line. The checks are the service's (the same
as `commendation new`); a refusal shows under the form with its code in the tooltip."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import commendations
from assessor_app.services.commendations import (
    FORMS,
    Commendation,
    CommendationInput,
    CommendedPerson,
)
from assessor_app.ui.context import UiContext
from assessor_app.ui.decisions.form_parts import FormMessage, date_edit, day_of, line_edit


def people_of(text: str) -> tuple[CommendedPerson, ...]:
    """One person a line: "name; position; unit" (position and unit may be left out)."""
    people = []
    for row in text.splitlines():
        if not row.strip():
            continue
        name, position, unit = [*(part.strip() for part in row.split(";")), "", ""][:3]
        people.append(CommendedPerson(name, position, unit))
    return tuple(people)


class CommendDialog(QDialog):
    def __init__(self, context: UiContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.recorded: Commendation | None = None
        self.setWindowTitle(_("Record a commendation"))
        self.setMinimumWidth(560)
        today = context.workspace.today()
        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName(_("Year commended"))
        self.year.setToolTip(_("The year whose results the commendation rewards."))
        self.number = line_edit(_("Decision number"), "88/QĐ-UBND")
        self.day = date_edit(_("Date of the decision"), today)
        self.form = QComboBox()
        self.form.setEditable(True)
        self.form.addItems(list(FORMS))
        self.form.setAccessibleName(_("Form of commendation"))
        self.form.setToolTip(_("As the decision writes it: choose one or type another."))
        self.authority = line_edit(
            _("Issuing authority"), _("Default: the people's committee of the province")
        )
        self.signer = line_edit(_("Signed by"), _("Full name of the signer"))
        self.signer_position = line_edit(_("Signer's position"), "Chủ tịch")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(
            "Đã có thành tích xuất sắc trong công tác xây dựng xã, phường phù hợp với trẻ em"
        )
        self.reason.setMaximumHeight(60)
        self.communes = line_edit(
            _("Communes commended"),
            _("Commune codes, separated by spaces, e.g. 06400 06385"),
        )
        self.people = QPlainTextEdit()
        self.people.setAccessibleName(_("People commended"))
        self.people.setPlaceholderText(_("One person a line: name; position; unit"))
        self.people.setMaximumHeight(70)
        self.message = FormMessage()

        form = QFormLayout()
        form.addRow(_("&Year:"), self.year)
        form.addRow(_("&Number:"), self.number)
        form.addRow(_("&Date:"), self.day)
        form.addRow(_("&Form:"), self.form)
        form.addRow(_("Issuing &authority:"), self.authority)
        form.addRow(_("Si&gned by:"), self.signer)
        form.addRow(_("Signer's posi&tion:"), self.signer_position)
        form.addRow(_("R&eason:"), self.reason)
        form.addRow(_("&Communes:"), self.communes)
        form.addRow(_("P&eople:"), self.people)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.record_button = QPushButton(_("&Record the commendation"))
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.record_button.clicked.connect(self.record)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def given(self) -> CommendationInput:
        return CommendationInput(
            year=self.year.value(),
            number=self.number.text(),
            decided_on=day_of(self.day),
            form=self.form.currentText(),
            signer_name=self.signer.text(),
            reason=self.reason.toPlainText(),
            communes=tuple(c for c in re.split(r"[\s,;]+", self.communes.text()) if c),
            people=people_of(self.people.toPlainText()),
            authority=self.authority.text(),
            signer_position=self.signer_position.text(),
        )

    def record(self) -> None:
        given = self.given()
        workspace = self.context.workspace
        self.record_button.setEnabled(False)
        self.message.hide()
        self.context.writes.run(
            lambda _progress, _cancelled: commendations.record_commendation(workspace, given),
            self._recorded,
            parent=self,
            on_error=self._failed,
        )

    def _recorded(self, found: Commendation) -> None:
        self.recorded = found
        self.record_button.setEnabled(True)
        self.message.done(
            _("Commendation {number} recorded: {recipients}.").format(
                number=found.number, recipients=found.recipients_text
            )
        )

    def _failed(self, error: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(error, AssessorError):
            self.message.error(error)
        else:
            self.context.errors.report(self, error)
