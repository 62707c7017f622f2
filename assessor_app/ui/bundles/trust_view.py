"""The trust store: the keys whose bundles and receipts this installation accepts, with how each
was enrolled, whether it is revoked, and the last bundle number seen from each computer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import trust
from assessor_app.services.trust import TrustedKey
from assessor_app.texts import dates, fingerprint_reading, labels
from assessor_app.ui.bundles.plan_tables import fit_table, record_table
from assessor_app.ui.bundles.record_model import Column, RecordModel
from assessor_app.ui.bundles.texts import (
    EMPTY,
    fingerprint_lines,
    sequences_text,
)
from assessor_app.ui.bundles.trust_dialogs import EnrolDialog, ask_revocation
from assessor_app.ui.bundles.widgets import Banner, error_text, heading, mono_font, wrapped
from assessor_app.ui.context import UiContext

REVOKED_BACKGROUND = "#fde2e1"


def key_status_text(key: TrustedKey) -> str:
    if key.revoked_above_seq is not None:
        text = _("Revoked above bundle no. {number}").format(number=key.revoked_above_seq)
        return text + (f" — “{key.revoked_reason}”" if key.revoked_reason else "")
    if key.replaced_by:
        return _("Replaced by a newer key of the same owner")
    return _("Trusted")


def trust_model(parent: Any = None) -> RecordModel[TrustedKey]:
    columns: list[Column[TrustedKey]] = [
        Column(_("Owner"), lambda k: k.owner),
        Column(_("Agency"), lambda k: labels.sector(k.agency, i18n.language())),
        Column(
            _("Fingerprint"),
            lambda k: fingerprint_lines(k.formatted, groups_per_line=4),
            font=mono_font(),
            tooltip=lambda k: k.formatted,
        ),
        Column(
            _("To read aloud"),
            lambda k: "\n".join(
                [" ".join(k.digits[:3]), " ".join(k.digits[3:]), " ".join(k.words)]
            ),
            tooltip=lambda k: _("Six groups of digits, or eight words"),
        ),
        Column(
            _("Enrolled"),
            lambda k: _("{how}\n{time}, by {person}").format(
                how=labels.key_enrolment(k.via, i18n.language()),
                time=dates.stamp(k.enrolled_at),
                person=k.enrolled_by or EMPTY,
            ),
        ),
        Column(_("Status"), key_status_text),
        Column(
            _("Last bundle"),
            lambda k: sequences_text(k.last_sequences, k.device_id, k.owner),
            tooltip=lambda k: "\n".join(sorted(k.last_sequences)),
        ),
        Column(
            _("Role"),
            lambda k: (
                labels.key_enrolment("own", i18n.language())
                if k.via == "own"
                else labels.key_role(k.role, i18n.language())
            ),
        ),
    ]
    model: RecordModel[TrustedKey] = RecordModel(columns, parent)
    model.background = lambda k: REVOKED_BACKGROUND if k.revoked else None
    return model


class TrustView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("TrustView")
        # Seams for tests: the enrol dialog (shown and returned), the revocation answer.
        self.run_enrol: Callable[[EnrolDialog], int] = lambda dialog: dialog.exec()
        self.ask_revocation: Callable[[TrustedKey], tuple[int, str] | None] = lambda key: (
            ask_revocation(self, key)
        )
        intro = wrapped(
            _(
                "Keys you trust. A bundle or a receipt is imported only when it is signed by one of these keys; anything else waits in quarantine."
            )
        )
        self.enrol_button = QPushButton(_("&Enrol a key card…"))
        self.revoke_button = QPushButton(_("Re&voke…"))
        self.enrol_button.clicked.connect(self.enrol)
        self.revoke_button.clicked.connect(self.revoke_selected)
        actions = QHBoxLayout()
        for button in (self.enrol_button, self.revoke_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            actions.addWidget(button)
        actions.addStretch(1)
        self.banner = Banner(_("Outcome"))

        self.model = trust_model(self)
        self.table = record_table(self.model, _("Trusted keys"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_current())

        # --- the selected key, large, for reading aloud
        self.selected_title = heading("")
        self.fingerprint = wrapped(name=_("Fingerprint of the selected key"))
        font = mono_font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.fingerprint.setFont(font)
        self.digits = wrapped(name=_("Six groups of digits of the selected key"))
        self.digits.setFont(font)
        self.words = wrapped(name=_("Eight words of the selected key"))
        words_font = self.words.font()
        words_font.setBold(True)
        self.words.setFont(words_font)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.selected_title)
        detail_layout.addWidget(self.fingerprint)
        detail_layout.addWidget(self.digits)
        detail_layout.addWidget(self.words)
        detail_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        selected = self.current_key()
        current = select or (selected.fingerprint if selected else None)
        try:
            keys = trust.list_keys(self.context.workspace)
        except AssessorError as error:
            self.context.errors.report(self, error)
            return
        self.model.set_records(keys)
        fit_table(self.table, widest=190)
        row = next((r for r, k in enumerate(keys) if k.fingerprint == current), 0 if keys else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_current()

    def current_key(self) -> TrustedKey | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, fingerprint: str) -> bool:
        for row, key in enumerate(self.model.records):
            if key.fingerprint == fingerprint:
                self.table.selectRow(row)
                return True
        return False

    def _show_current(self) -> None:
        key = self.current_key()
        self.revoke_button.setEnabled(key is not None and key.via != "own")
        if key is None:
            self.selected_title.setText(_("No key is enrolled yet."))
            self.fingerprint.setText("")
            self.digits.setText("")
            self.words.setText("")
            return
        self.selected_title.setText(
            _("{owner} — {agency}: compare with what the owner reads").format(
                owner=key.owner, agency=labels.sector(key.agency, i18n.language())
            )
        )
        self.fingerprint.setText(fingerprint_lines(key.formatted))
        self.digits.setText(fingerprint_reading.digits_text(key.digits))
        self.words.setText(fingerprint_reading.words_text(key.words))

    # --- actions
    def enrol(self) -> TrustedKey | None:
        dialog = EnrolDialog(self.context, self)
        try:
            self.run_enrol(dialog)
            key = dialog.enrolled
        finally:
            dialog.deleteLater()
        if key is None:
            return None
        self.refresh(select=key.fingerprint)
        self.banner.show_text(
            "ok",
            _(
                "Enrolled the key of {owner} ({agency}). Bundles held because of this key can now be retried in the quarantine list."
            ).format(owner=key.owner, agency=labels.sector(key.agency, i18n.language())),
        )
        return key

    def revoke_selected(self) -> TrustedKey | None:
        key = self.current_key()
        if key is None:
            return None
        answer = self.ask_revocation(key)
        if answer is None:
            return None
        above, reason = answer
        try:
            revoked = trust.revoke(self.context.workspace, key.fingerprint, above, reason)
        except AssessorError as error:
            self.banner.show_text("error", error_text(error))
            return None
        self.refresh(select=revoked.fingerprint)
        self.banner.show_text(
            "info",
            _("The key of {owner} is revoked above bundle no. {number}.").format(
                owner=revoked.owner, number=above
            ),
        )
        return revoked
