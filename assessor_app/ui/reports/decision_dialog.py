"""The documents after the dossiers: preview the appraisal report of a year's communes, and record
the recognition decision (number, date, signer; the authority configured for the period shown
with how sure it is, and replaceable), then preview it. The checks are the services' (the same as
`decision add`); their messages show under the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.domain.procedure import PROVINCE
from assessor_app.i18n import _, ngettext, render
from assessor_app.services import decision_documents, decisions, reports
from assessor_app.services.decisions import Decision, DecisionInput
from assessor_app.texts import dates
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from assessor_app.ui.scope_names import add_scopes

ERROR_STYLE = "color: #a61b1b;"
DONE_STYLE = "color: #1b6b2b;"
NO_DAY = QDate(2000, 1, 1)  # the date boxes' "—": no date given


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class DecisionDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: PdfPreviewDialog | None = None
        self.recorded: Decision | None = None
        self.setWindowTitle(_("Appraisal report and recognition decision"))
        self.setMinimumWidth(560)

        today = context.workspace.today()
        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(year_to_assess(today))
        self.year.setAccessibleName(_("Evaluation year"))
        self.year.setToolTip(
            _("The evaluation year of the assessments it covers (type it or use the arrows).")
        )
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Province or district"))
        self.authority_note = QLabel()
        self.authority_note.setWordWrap(True)
        self.number = _line(_("Decision number"), "125/QĐ-UBND")
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(dates.QT_DATE_INPUT)
        self.day.setAccessibleName(_("Date of the decision"))
        self.day.setToolTip(
            _("Day/month/year, for example 15/10/2026; or choose it in the calendar (the arrow).")
        )
        self.signer = _line(_("Signed by"))
        self.signer_authority = _line(_("Signing for"), "KT. Chủ tịch")
        self.authority = _line(_("Issuing authority"))
        self.appraisal_number = _line(_("Appraisal report number"), "15/BC-SYT")
        # The appraisal report's own date and signer; "—" (the earliest date) leaves the date to
        # the data: the day the last appraisal was finalised.
        self.appraisal_day = QDateEdit(QDate(today.year, today.month, today.day))
        self.appraisal_day.setCalendarPopup(True)
        self.appraisal_day.setDisplayFormat(dates.QT_DATE_INPUT)
        self.appraisal_day.setMinimumDate(NO_DAY)
        self.appraisal_day.setSpecialValueText("—")
        self.appraisal_day.setDate(NO_DAY)
        self.appraisal_day.setAccessibleName(_("Date of the appraisal report"))
        self.appraisal_day.setToolTip(
            _("Leave “—” to date the report by the day the last appraisal was finalised.")
        )
        self.appraisal_signer = _line(_("Appraisal report signed by"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        form = QFormLayout()
        form.addRow(_("&Evaluation year:"), self.year)
        form.addRow(_("&Scope:"), self.scope)
        form.addRow(_("&Number:"), self.number)
        form.addRow(_("&Date:"), self.day)
        form.addRow(_("Si&gned by:"), self.signer)
        form.addRow(_("Signing &for:"), self.signer_authority)
        form.addRow(_("Issuing &authority:"), self.authority)
        form.addRow(_("A&ppraisal report number:"), self.appraisal_number)
        form.addRow(_("Appraisal report da&te:"), self.appraisal_day)
        form.addRow(_("Appraisal report signed b&y:"), self.appraisal_signer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.appraisal_button = QPushButton(_("Pre&view the appraisal report…"))
        self.record_button = QPushButton(_("&Record the decision"))
        self.decision_button = QPushButton(_("&Open the decision…"))
        self.decision_button.setEnabled(False)
        for button in (self.appraisal_button, self.record_button, self.decision_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.appraisal_button.clicked.connect(self.preview_appraisal)
        self.record_button.clicked.connect(self.record)
        self.decision_button.clicked.connect(self.preview_decision)
        layout = QVBoxLayout(self)
        layout.addWidget(self.authority_note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.year.valueChanged.connect(self._fill_scopes)
        self.scope.currentIndexChanged.connect(self._show_authority)
        self._fill_scopes()

    def _fill_scopes(self) -> None:
        self.scope.clear()
        self.message.hide()
        try:
            scopes = reports.summary_scopes(self.context.workspace, self.year.value())
        except AssessorError as error:
            scopes = ()
            self._show(render(error), error=True)
        add_scopes(self.scope, scopes)
        self._show_authority()

    def _show_authority(self) -> None:
        """The authority configured for the year and scope, and how sure the sources are."""
        enabled = self.scope.count() > 0
        for widget in (self.appraisal_button, self.record_button):
            widget.setEnabled(enabled)
        if not enabled:
            self.authority_note.clear()
            return
        found = decisions.configured_authority(
            self.context.workspace, self.year.value(), str(self.scope.currentData())
        )
        self.authority.setPlaceholderText(found.issuer)
        if found.status == PROVINCE:
            note = _("Recognised by: {authority} (set by the province in the procedure).")
            self.authority_note.setStyleSheet("")
        elif found.verified:
            note = _("Recognised by: {authority} (from secondary sources).")
            self.authority_note.setStyleSheet("")
        else:
            note = _(
                "Recognised by: {authority}. NOT VERIFIED: no text we could read names the body "
                "that holds this task after 1 July 2025; check it, or name the authority below."
            )
            self.authority_note.setStyleSheet(ERROR_STYLE)
        self.authority_note.setText(note.format(authority=found.decider))

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)
        self.message.show()

    def _input(self) -> DecisionInput:
        day = self.day.date()
        return DecisionInput(
            year=self.year.value(),
            unit=str(self.scope.currentData()),
            number=self.number.text(),
            decided_on=date(day.year(), day.month(), day.day()),
            signer_name=self.signer.text(),
            authority=self.authority.text(),
            signer_authority=self.signer_authority.text(),
            appraisal_number=self.appraisal_number.text(),
        )

    def record(self) -> None:
        """Record the decision through the write queue; a refused field shows under the form."""
        given = self._input()
        workspace = self.context.workspace
        self.record_button.setEnabled(False)
        self.message.hide()
        self.context.writes.run(
            lambda _progress, _cancelled: decisions.record_decision(workspace, given),
            self._recorded,
            parent=self,
            on_error=self._failed,
        )

    def _recorded(self, decision: Decision) -> None:
        self.recorded = decision
        self.record_button.setEnabled(True)
        self.decision_button.setEnabled(True)
        self._show(
            ngettext(
                "Decision {number} recorded: {count} commune recognised.",
                "Decision {number} recorded: {count} communes recognised.",
                len(decision.recognised),
            ).format(number=decision.number, count=len(decision.recognised))
        )

    def _failed(self, error: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(error, AssessorError):
            self._show(render(error), error=True)
        else:
            self.context.errors.report(self, error)

    def _open(self, title: str, produce: Callable[[], bytes], name: str) -> PdfPreviewDialog:
        self.preview = PdfPreviewDialog(self.context, title, produce, name, self)
        self.preview.show()
        return self.preview

    def preview_appraisal(self) -> PdfPreviewDialog:
        workspace, year, unit = self.context.workspace, self.year.value(), self.scope.currentData()
        number = self.appraisal_number.text()  # the report the decision cites: the same number
        chosen = self.appraisal_day.date()
        day = None if chosen == NO_DAY else date(chosen.year(), chosen.month(), chosen.day())
        signer = self.appraisal_signer.text()
        return self._open(
            _("Appraisal report {year}").format(year=year),
            lambda: decision_documents.appraisal_bytes(
                workspace, year, unit=str(unit), number=number, day=day, signer=signer
            ),
            f"bao-cao-tham-dinh-{unit}-{year}.pdf",
        )

    def preview_decision(self) -> PdfPreviewDialog | None:
        if self.recorded is None:
            return None
        workspace, decision = self.context.workspace, self.recorded
        return self._open(
            _("Decision {number}").format(number=decision.number),
            lambda: decision_documents.decision_bytes(workspace, decision.id),
            f"quyet-dinh-cong-nhan-{decision.scope_code}-{decision.year}.pdf",
        )
