"""Entering the paperwork of a dossier: the commune's request letter and the council's minutes.

Defaults come from the data (issuer, place, addressee, the standard's council seats filled from
the team), so most users only add the meeting's date, the names, the conclusion and the signer.
As the user types, the services' checks (services/dossier_checks.py, the same as `dossier set`'s)
run and each problem shows next to its field; Save stays disabled until there is none. Saved
through services (audited).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError, InputError
from assessor_app.i18n import _, render
from assessor_app.services import dossier_details, reports
from assessor_app.services.dossier_details import CouncilMemberDetails, DossierDetails
from assessor_app.texts import dates
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.dossier_details_checks import (
    InlineErrors,
    box_value,
    vote_box,
    vote_of,
    window_text,
)
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog

ERROR_STYLE = "color: #a61b1b; font-weight: bold;"
WARNING_STYLE = "color: #7a5200;"
MEMBER_COLUMNS = 4  # name, position, role, present


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    return edit


def _text(name: str, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # the keyboard can leave the box
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * (lines + 1) + 10)
    return edit


class DossierDetailsDialog(QDialog):
    def __init__(
        self, context: UiContext, assessment_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id = assessment_id
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle(_("Dossier: request letter and council minutes"))
        self.resize(820, 640)

        # --- letter
        self.issuer_parent = _line(_("Governing body"))
        self.issuer = _line(_("Issuing body"))
        self.letter_number = _line(_("Number and symbol"))
        self.place = _line(_("Place"))
        self.letter_date = QDateEdit()
        self.letter_date.setCalendarPopup(True)
        self.letter_date.setDisplayFormat(dates.QT_DATE_INPUT)
        self.letter_date.setAccessibleName(_("Date of the letter"))
        self.letter_date.setToolTip(
            _("Day/month/year, for example 15/10/2026; or choose it in the calendar (the arrow).")
        )
        self.addressee = _line(_("Addressed to"))
        self.signer_authority = _line(_("Signing on behalf of"))
        self.signer_title = _line(_("Signer's title"))
        self.signer_name = _line(_("Signer's name"))
        self.recipients = _text(_("Recipients, one per line"), 4)
        letter = QWidget()
        letter_form = QFormLayout(letter)
        self.inline = InlineErrors()
        letter_rows: tuple[tuple[str, QWidget, str], ...] = (
            (_("&Governing body:"), self.issuer_parent, "issuer_parent"),
            (_("&Issuing body:"), self.issuer, "issuer"),
            (_("&Number and symbol:"), self.letter_number, "letter_number"),
            (_("&Place:"), self.place, "place"),
            (_("&Date:"), self.letter_date, "letter_date"),
            (_("&Addressed to:"), self.addressee, "addressee"),
            (_("Signing on &behalf of:"), self.signer_authority, "signer_authority"),
            (_("Signer's &title:"), self.signer_title, "signer_title"),
            (_("Signer's na&me:"), self.signer_name, "signer_name"),
            (_("&Recipients (one per line):"), self.recipients, "recipients"),
        )
        for label, widget, field in letter_rows:
            letter_form.addRow(label, widget)
            letter_form.addRow("", self.inline.label(field))

        # --- minutes
        self.has_minutes = QCheckBox(_("The council has &met (fill in the minutes)"))
        self.held_at = QDateTimeEdit()
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat(dates.QT_DATE_TIME_INPUT)
        self.held_at.setAccessibleName(_("Meeting opened"))
        self.ended_at = QDateTimeEdit()
        self.ended_at.setCalendarPopup(True)
        self.ended_at.setDisplayFormat(dates.QT_DATE_TIME_INPUT)
        self.ended_at.setAccessibleName(_("Meeting closed"))
        self.council_place = _line(_("Meeting place"))
        self.council_number = _line(_("Minutes number"))
        self.chair = _line(_("Chair"))
        self.chair_position = _line(_("Chair's position"))
        self.secretary = _line(_("Secretary"))
        self.members = QTableWidget(0, MEMBER_COLUMNS)
        self.members.setHorizontalHeaderLabels(
            [_("Name"), _("Position"), _("Role in the council"), _("Present")]
        )
        self.members.horizontalHeader().setStretchLastSection(False)
        self.members.horizontalHeader().setSectionResizeMode(
            0, self.members.horizontalHeader().ResizeMode.Stretch
        )
        self.members.horizontalHeader().setSectionResizeMode(
            1, self.members.horizontalHeader().ResizeMode.Stretch
        )
        self.members.horizontalHeader().setSectionResizeMode(
            2, self.members.horizontalHeader().ResizeMode.ResizeToContents
        )
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setAccessibleName(_("Council members"))
        self.members.setMinimumHeight(self.members.verticalHeader().defaultSectionSize() * 6)
        add_member = QPushButton(_("Add a &member"))
        remove_member = QPushButton(_("Remove the selected council member"))
        add_member.clicked.connect(lambda: self._add_member_row(CouncilMemberDetails("", "")))
        remove_member.clicked.connect(self._remove_member_row)
        self.content = _text(_("What was discussed, one paragraph per line"), 3)
        self.conclusion = _text(_("The council's conclusion"), 3)
        self.votes_for = vote_box(_("Members for"))
        self.votes_against = vote_box(_("Members against"))
        votes = QWidget()
        votes_row = QHBoxLayout(votes)
        votes_row.setContentsMargins(0, 0, 0, 0)
        votes_row.addWidget(QLabel(_("for:")))
        votes_row.addWidget(self.votes_for)
        votes_row.addWidget(QLabel(_("against:")))
        votes_row.addWidget(self.votes_against)
        votes_row.addStretch(1)
        self.date_reason = _text(_("Why the council met outside the assessment window"), 2)
        self.window_note = QLabel()
        self.window_note.setWordWrap(True)
        minutes = QWidget()
        minutes_layout = QVBoxLayout(minutes)
        minutes_layout.addWidget(self.has_minutes)
        minutes_form = QFormLayout()
        minutes_rows: tuple[tuple[str, QWidget, str], ...] = (
            (_("&Opened:"), self.held_at, "council_held_at"),
            (_("Clo&sed:"), self.ended_at, "council_ended_at"),
            (_("P&lace:"), self.council_place, "council_place"),
            (_("Minutes n&umber:"), self.council_number, "council_number"),
            (_("&Chair:"), self.chair, "council_chair"),
            (_("Chair's p&osition:"), self.chair_position, "council_chair_position"),
            (_("Secretar&y:"), self.secretary, "council_secretary"),
        )
        for label, widget, field in minutes_rows:
            minutes_form.addRow(label, widget)
            minutes_form.addRow("", self.inline.label(field))
            if field == "council_held_at":
                minutes_form.addRow("", self.window_note)
        minutes_form.addRow(_("&Why then:"), self.date_reason)
        minutes_form.addRow("", self.inline.label("council_date_reason"))
        minutes_layout.addLayout(minutes_form)
        minutes_layout.addWidget(QLabel(_("Members:")))
        minutes_layout.addWidget(self.members, 1)
        minutes_layout.addWidget(self.inline.label("council_members"))
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(add_member)
        member_buttons.addWidget(remove_member)
        member_buttons.addStretch(1)
        minutes_layout.addLayout(member_buttons)
        more = QFormLayout()
        more.addRow(_("&Discussion (one paragraph per line):"), self.content)
        more.addRow("", self.inline.label("council_content"))
        more.addRow(_("Co&nclusion:"), self.conclusion)
        more.addRow("", self.inline.label("council_conclusion"))
        more.addRow(_("&Vote:"), votes)
        more.addRow("", self.inline.label("council_votes"))
        minutes_layout.addLayout(more)
        self.has_minutes.toggled.connect(self._minutes_toggled)

        self.tabs = QTabWidget()
        for page, title in ((letter, _("Request letter")), (minutes, _("Council minutes"))):
            scroll = QScrollArea()  # the minutes are long: they scroll on a 768-pixel screen
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, title)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.warning = QLabel()  # what saving allows but the reader should know
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)
        self.warning.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        defaults = QPushButton(_("Restore the &defaults"))
        preview = QPushButton(_("Save and pre&view the dossier…"))
        self.preview_button = preview
        buttons.addButton(defaults, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(preview, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._save_and_close)
        buttons.rejected.connect(self.reject)
        defaults.clicked.connect(self.restore_defaults)
        preview.clicked.connect(self.save_and_preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)

        self.loading = True
        self.checks = dossier_details.minutes_context(context.workspace, assessment_id)
        self.window_note.setText(window_text(self.checks))
        self.show_details(dossier_details.get_details(context.workspace, assessment_id))
        self._watch_edits()
        self.validate()

    # --- inline checks
    def _watch_edits(self) -> None:
        for edit in (
            self.issuer_parent,
            self.issuer,
            self.letter_number,
            self.place,
            self.addressee,
            self.signer_authority,
            self.signer_title,
            self.signer_name,
            self.council_place,
            self.council_number,
            self.chair,
            self.chair_position,
            self.secretary,
        ):
            edit.textChanged.connect(self.validate)
        for box in (self.recipients, self.content, self.conclusion, self.date_reason):
            box.textChanged.connect(self.validate)
        self.letter_date.dateChanged.connect(self.validate)
        self.held_at.dateTimeChanged.connect(self.validate)
        self.ended_at.dateTimeChanged.connect(self.validate)
        self.votes_for.valueChanged.connect(self.validate)
        self.votes_against.valueChanged.connect(self.validate)
        self.members.itemChanged.connect(self.validate)
        self.members.model().rowsRemoved.connect(self.validate)
        self.has_minutes.toggled.connect(self.validate)

    def validate(self) -> list[InputError]:
        """Run the services' checks on the form as it stands: each problem under its field (the
        rest in the message above the buttons), Save and preview enabled only without any."""
        if self.loading:
            return []
        details = self.read_details()
        found = dossier_details.check_details(self.checks, details)
        vacant = dossier_details.vacant_seats(details)
        self.warning.setText(render(vacant) if vacant is not None else "")
        self.warning.setVisible(vacant is not None)
        general = self.inline.show(found)
        self.error.setText("\n".join(general))
        self.error.setVisible(bool(general))
        self.save_button.setEnabled(not found)
        self.preview_button.setEnabled(not found)
        return found

    # --- details <-> widgets
    def show_details(self, details: DossierDetails) -> None:
        self.loading = True
        self.issuer_parent.setText(details.issuer_parent.replace("\n", " / "))
        self.issuer.setText(details.issuer.replace("\n", " / "))
        self.letter_number.setText(details.letter_number)
        self.place.setText(details.place)
        self.letter_date.setDate(
            QDate(details.letter_date.year, details.letter_date.month, details.letter_date.day)
        )
        self.addressee.setText(details.addressee)
        self.signer_authority.setText(details.signer_authority)
        self.signer_title.setText(details.signer_title)
        self.signer_name.setText(details.signer_name)
        self.recipients.setPlainText("\n".join(details.recipients))
        # A meeting not yet entered starts on the letter's day (the latest it may be), not today:
        # a 2016 dossier entered in 2026 would otherwise start ten years late.
        day = QDate(details.letter_date.year, details.letter_date.month, details.letter_date.day)
        self.held_at.setDateTime(_qt(details.council_held_at) or QDateTime(day, QTime(8, 0)))
        self.ended_at.setDateTime(_qt(details.council_ended_at) or QDateTime(day, QTime(11, 0)))
        self.council_place.setText(details.council_place)
        self.council_number.setText(details.council_number)
        self.chair.setText(details.council_chair)
        self.chair_position.setText(details.council_chair_position)
        self.secretary.setText(details.council_secretary)
        self.members.setRowCount(0)
        for member in details.council_members:
            self._add_member_row(member)
        self.content.setPlainText("\n".join(details.council_content))
        self.conclusion.setPlainText(details.council_conclusion)
        self.votes_for.setValue(box_value(details.council_votes_for))
        self.votes_against.setValue(box_value(details.council_votes_against))
        self.date_reason.setPlainText(details.council_date_reason)
        self.has_minutes.setChecked(details.has_minutes)
        self._minutes_toggled(details.has_minutes)
        self.base = details
        self.loading = False
        self.validate()

    def read_details(self) -> DossierDetails:
        members = []
        for row in range(self.members.rowCount()):
            name = self._cell(row, 0)
            if not name:
                continue
            present = self.members.item(row, 3)
            members.append(
                CouncilMemberDetails(
                    name=name,
                    position=self._cell(row, 1),
                    role=self._cell(row, 2) or dossier_details.ROLE_MEMBER,
                    present=present is None or present.checkState() == Qt.CheckState.Checked,
                )
            )
        held = self.has_minutes.isChecked()
        return replace(
            self.base,
            issuer_parent=self.issuer_parent.text().replace(" / ", "\n"),
            issuer=self.issuer.text().replace(" / ", "\n"),
            letter_number=self.letter_number.text(),
            place=self.place.text(),
            letter_date=_date(self.letter_date.date()),
            addressee=self.addressee.text(),
            signer_authority=self.signer_authority.text(),
            signer_title=self.signer_title.text(),
            signer_name=self.signer_name.text(),
            recipients=tuple(
                line for line in self.recipients.toPlainText().splitlines() if line.strip()
            ),
            council_held_at=_py(self.held_at.dateTime()) if held else None,
            council_ended_at=_py(self.ended_at.dateTime()) if held else None,
            council_place=self.council_place.text(),
            council_number=self.council_number.text(),
            council_chair=self.chair.text(),
            council_chair_position=self.chair_position.text(),
            council_secretary=self.secretary.text(),
            council_members=tuple(members),
            council_content=tuple(
                line for line in self.content.toPlainText().splitlines() if line.strip()
            ),
            council_conclusion=self.conclusion.toPlainText(),
            council_votes_for=vote_of(self.votes_for) if held else self.base.council_votes_for,
            council_votes_against=(
                vote_of(self.votes_against) if held else self.base.council_votes_against
            ),
            council_date_reason=self.date_reason.toPlainText(),
        )

    def _cell(self, row: int, column: int) -> str:
        item = self.members.item(row, column)
        return item.text().strip() if item is not None else ""

    def _add_member_row(self, member: CouncilMemberDetails) -> None:
        row = self.members.rowCount()
        self.members.insertRow(row)
        for column, text in enumerate((member.name, member.position, member.role)):
            self.members.setItem(row, column, QTableWidgetItem(text))
        present = QTableWidgetItem()
        present.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        present.setCheckState(Qt.CheckState.Checked if member.present else Qt.CheckState.Unchecked)
        self.members.setItem(row, 3, present)

    def _remove_member_row(self) -> None:
        for row in sorted({index.row() for index in self.members.selectedIndexes()}, reverse=True):
            self.members.removeRow(row)

    def _minutes_toggled(self, checked: bool) -> None:
        for widget in (
            self.held_at,
            self.ended_at,
            self.council_place,
            self.council_number,
            self.chair,
            self.chair_position,
            self.secretary,
            self.members,
            self.content,
            self.conclusion,
            self.votes_for,
            self.votes_against,
            self.date_reason,
        ):
            widget.setEnabled(checked)

    # --- actions
    def save(self) -> bool:
        try:
            stored = dossier_details.set_details(
                self.context.workspace, self.assessment_id, self.read_details()
            )
        except AssessorError as error:
            self.validate()
            self.error.setText(render(error))
            self.error.show()
            return False
        self.error.hide()
        self.base = stored
        self.context.assessment_changed.emit(self.assessment_id)
        return True

    def _save_and_close(self) -> None:
        if self.save():
            self.accept()

    def restore_defaults(self) -> None:
        self.show_details(
            dossier_details.default_details(self.context.workspace, self.assessment_id)
        )

    def save_and_preview(self) -> PdfPreviewDialog | None:
        if not self.save():
            return None
        workspace, assessment_id = self.context.workspace, self.assessment_id
        self.preview = PdfPreviewDialog(
            self.context,
            _("Dossier"),
            lambda: reports.dossier_bytes(workspace, assessment_id),
            reports.dossier_file_name(workspace, assessment_id),
            self,
        )
        self.preview.show()
        return self.preview


def _date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _qt(moment: datetime | None) -> QDateTime | None:
    if moment is None:
        return None
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def _py(moment: QDateTime) -> datetime:
    day, clock = moment.date(), moment.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
