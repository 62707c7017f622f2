"""Revoke recognitions: a new decision (number, date, signer, reason) revoking the recognition of
some communes by a recognition decision of the year. The communes offered are those whose
recognition by that decision still stands; the checks are the service's (the same as `decision
revoke`), and a refusal shows under the form with its code in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import decision_register, revocations
from assessor_app.services.decision_register import EntryKind, RegisterEntry
from assessor_app.services.decisions import Decision
from assessor_app.services.revocations import RevocationInput
from assessor_app.texts import dates
from assessor_app.ui.context import UiContext
from assessor_app.ui.decisions.form_parts import FormMessage, date_edit, day_of, line_edit


class RevokeDialog(QDialog):
    def __init__(
        self,
        context: UiContext,
        year: int,
        entries: list[RegisterEntry],
        chosen: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.year = year
        self.recorded: Decision | None = None
        self.setWindowTitle(_("Revoke recognitions of {year}").format(year=year))
        self.setMinimumWidth(560)
        self.decision = QComboBox()
        self.decision.setAccessibleName(_("Decision revoked"))
        self.decision.setToolTip(_("The recognition decision whose recognitions are revoked."))
        for entry in entries:
            if entry.kind is EntryKind.RECOGNITION:
                label = _("{number} of {date}").format(
                    number=entry.number, date=dates.day(entry.decided_on)
                )
                self.decision.addItem(label, entry.id)
        if chosen is not None and self.decision.findData(chosen) >= 0:
            self.decision.setCurrentIndex(self.decision.findData(chosen))
        self.communes = QListWidget()
        self.communes.setAccessibleName(_("Communes whose recognition is revoked"))
        self.communes.setToolTip(_("Tick the communes whose recognition this decision revokes."))
        self.communes.setMaximumHeight(140)
        today = context.workspace.today()
        self.number = line_edit(_("Decision number"), "140/QĐ-UBND")
        self.day = date_edit(_("Date of the decision"), today)
        self.signer = line_edit(_("Signed by"), _("Full name of the signer"))
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Why the recognition is revoked (printed in Điều 1)"))
        self.reason.setMaximumHeight(70)
        self.authority = line_edit(
            _("Issuing authority"), _("Default: the authority of the decision revoked")
        )
        self.proposer = line_edit(
            _("Proposed by"), _("Optional: e.g. Giám đốc Sở Y tế (blank: a dotted line)")
        )
        self.basis = line_edit(
            _("Legal basis"),
            _("Optional: the act the revocation rests on, as cited (blank: a dotted line)"),
        )
        self.message = FormMessage()

        form = QFormLayout()
        form.addRow(_("Decision &revoked:"), self.decision)
        form.addRow(_("&Communes:"), self.communes)
        form.addRow(_("&Number:"), self.number)
        form.addRow(_("&Date:"), self.day)
        form.addRow(_("Si&gned by:"), self.signer)
        form.addRow(_("R&eason:"), self.reason)
        form.addRow(_("Issuing &authority:"), self.authority)
        form.addRow(_("&Proposed by:"), self.proposer)
        form.addRow(_("Legal &basis:"), self.basis)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.record_button = QPushButton(_("Record the &revocation"))
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.record_button.clicked.connect(self.record)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.decision.currentIndexChanged.connect(self._fill_communes)
        self._fill_communes()

    def _fill_communes(self) -> None:
        self.communes.clear()
        decision_id = self.decision.currentData()
        standing = (
            decision_register.standing_recognitions(self.context.workspace, int(decision_id))
            if decision_id is not None
            else []
        )
        for code, name in standing:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.communes.addItem(item)
        self.record_button.setEnabled(bool(standing))
        if decision_id is None:
            self.message.done(_("No recognition decision of this year to revoke."))

    def ticked(self) -> tuple[str, ...]:
        items = (self.communes.item(row) for row in range(self.communes.count()))
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def given(self) -> RevocationInput:
        return RevocationInput(
            year=self.year,
            communes=self.ticked(),
            number=self.number.text(),
            decided_on=day_of(self.day),
            signer_name=self.signer.text(),
            reason=self.reason.toPlainText(),
            revokes=int(self.decision.currentData() or 0),
            authority=self.authority.text(),
            proposer=self.proposer.text(),
            basis=self.basis.text(),
        )

    def record(self) -> None:
        given = self.given()
        workspace = self.context.workspace
        self.record_button.setEnabled(False)
        self.message.hide()
        self.context.writes.run(
            lambda _progress, _cancelled: revocations.revoke_decision(workspace, given),
            self._recorded,
            parent=self,
            on_error=self._failed,
        )

    def _recorded(self, decision: Decision) -> None:
        self.recorded = decision
        self.message.done(
            _("Decision {number} recorded: the recognition of {names} is revoked.").format(
                number=decision.number, names=", ".join(c.name for c in decision.revoked)
            )
        )
        self._fill_communes()

    def _failed(self, error: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(error, AssessorError):
            self.message.error(error)
        else:
            self.context.errors.report(self, error)
