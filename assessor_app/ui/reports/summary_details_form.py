"""The summary report's details in the summary dialog: number, date, signer, addressee and
recipients, the plan reported on, and the five sections in words (đánh giá chung, tồn tại – hạn
chế, nguyên nhân, phương hướng, kiến nghị). A section left as the draft from the data is stored
empty, so it keeps following the data; what the office writes is kept for the scope and year."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor_app.i18n import _
from assessor_app.services.report_details import (
    NARRATIVE_FIELDS,
    Narrative,
    ReportDetails,
    parse_day,
)


def _section_labels() -> dict[str, str]:
    return {
        "general": _("General assessment:"),
        "shortcomings": _("Shortcomings:"),
        "causes": _("Causes:"),
        "directions": _("Directions:"),
        "proposals": _("Proposals:"),
    }


class SummaryDetailsForm(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.drafted = Narrative()
        self.number = self._line(_("Report number and symbol"), "12/BC-UBND")
        self.day = self._line(_("Report date"), "YYYY-MM-DD")
        self.signer_position = self._line(_("Signer's position"), "Phó Giám đốc")
        self.signer_name = self._line(_("Signer's name"), "")
        self.signer_authority = self._line(_("Signing authority"), "KT. Giám đốc")
        self.addressee = self._line(_("Addressee"), "")
        self.recipients = QPlainTextEdit()
        self.recipients.setAccessibleName(_("Recipients, one per line"))
        self.recipients.setFixedHeight(70)
        self.plan_number = self._line(_("Plan number"), "…/KH-UBND")
        self.plan_date = self._line(_("Plan date"), "YYYY-MM-DD")
        self.plan_title = self._line(_("Plan title"), "")
        self.sections: dict[str, QPlainTextEdit] = {}
        labels = _section_labels()
        for name in NARRATIVE_FIELDS:
            editor = QPlainTextEdit()
            editor.setAccessibleName(labels[name].rstrip(":"))
            editor.setFixedHeight(90)
            self.sections[name] = editor

        form = QFormLayout()
        form.addRow(_("N&umber:"), self.number)
        form.addRow(_("&Date:"), self.day)
        form.addRow(_("Signer's &position:"), self.signer_position)
        form.addRow(_("Signer's &name:"), self.signer_name)
        form.addRow(_("Signing &authority:"), self.signer_authority)
        form.addRow(_("A&ddressee:"), self.addressee)
        form.addRow(_("&Recipients:"), self.recipients)
        form.addRow(_("P&lan number:"), self.plan_number)
        form.addRow(_("Plan da&te:"), self.plan_date)
        form.addRow(_("Plan &title:"), self.plan_title)
        for name in NARRATIVE_FIELDS:
            form.addRow(labels[name], self.sections[name])
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(form)
        self.setWidget(inner)

    @staticmethod
    def _line(name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def show_details(self, details: ReportDetails) -> None:
        self.number.setText(details.number)
        self.day.setText(details.day.isoformat() if details.day else "")
        self.signer_position.setText(details.signer_position)
        self.signer_name.setText(details.signer_name)
        self.signer_authority.setText(details.signer_authority)
        self.addressee.setText(details.addressee)
        self.recipients.setPlainText("\n".join(details.recipients))
        self.plan_number.setText(details.plan_number)
        self.plan_date.setText(details.plan_date.isoformat() if details.plan_date else "")
        self.plan_title.setText(details.plan_title)
        for name, editor in self.sections.items():
            editor.setPlainText(getattr(details, name) or getattr(self.drafted, name))

    def show_drafts(self, drafted: Narrative) -> None:
        """The drafts from the data, in every section the office has not written."""
        for name, editor in self.sections.items():
            if not editor.toPlainText().strip() or editor.toPlainText() == getattr(
                self.drafted, name
            ):
                editor.setPlainText(getattr(drafted, name))
        self.drafted = drafted

    def read_details(self, base: ReportDetails) -> ReportDetails:
        """The details as typed (InputError BAD_DATE for a date that is not one); a section
        still reading as the draft is stored empty."""
        sections: dict[str, Any] = {}
        for name, editor in self.sections.items():
            text = editor.toPlainText()
            sections[name] = "" if text.strip() == getattr(self.drafted, name).strip() else text
        return replace(
            base,
            number=self.number.text(),
            day=parse_day(self.day.text()),
            signer_position=self.signer_position.text(),
            signer_name=self.signer_name.text(),
            signer_authority=self.signer_authority.text(),
            addressee=self.addressee.text(),
            recipients=tuple(
                line for line in self.recipients.toPlainText().splitlines() if line.strip()
            ),
            plan_number=self.plan_number.text(),
            plan_date=parse_day(self.plan_date.text()),
            plan_title=self.plan_title.text(),
            **sections,
        )
