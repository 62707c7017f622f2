"""Changing the trust store: enrolling a key card once its fingerprint (its hex digits, its six
groups of digits or its eight words) was read out by the owner and typed here, and revoking a key above a bundle number."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import keys, trust
from assessor_app.services.trust import TrustedKey
from assessor_app.texts import dates, labels
from assessor_app.ui.bundles.reason_dialogs import ReasonDialog
from assessor_app.ui.bundles.texts import EMPTY, format_fingerprint
from assessor_app.ui.bundles.widgets import (
    FilePicker,
    InlineError,
    QrImage,
    buddy,
    heading,
    mono_font,
    open_file_dialog,
    wrapped,
)
from assessor_app.ui.context import UiContext

MAX_CARD_BYTES = trust.MAX_CARD_BYTES


def card_filters() -> str:
    return ";;".join([_("Key cards (*.json)"), _("All files (*)")])


def read_card_fields(path: Path) -> dict[str, Any] | None:
    """What a card file says (owner, agency, words…), for display only: the service checks the card
    itself when enrolling. None when the file is not a card."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CARD_BYTES + 1)
        document = json.loads(data.decode("utf-8")) if len(data) <= MAX_CARD_BYTES else None
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("kind") != "assessor-key-card":
        return None
    return document


class EnrolDialog(QDialog):
    """Choose the card file; the officer types what the owner reads aloud; it must match."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("EnrolDialog")
        self.setWindowTitle(_("Enrol a key card"))
        self.enrolled: TrustedKey | None = None
        self.card: dict[str, Any] | None = None
        self.choose_card: Callable[[], str | None] = lambda: open_file_dialog(
            self, _("Choose the key card file"), card_filters()
        )
        intro = wrapped(
            _(
                "Enrol the key of a team or office you exchange bundles with. Choose the key card file they gave you, then ask the owner to read the six groups of digits (or the eight words, or the whole fingerprint) aloud, in person or by phone, and type what you hear. Words may be typed without accents. The key is enrolled only if it matches."
            )
        )
        self.picker = FilePicker(_("Key card file"), _("&Choose the card…"), self._choose)
        self.picker.edit.editingFinished.connect(self.load_card)
        self.owner = wrapped(name=_("Owner written on the card"))
        self.agency = wrapped(name=_("Agency written on the card"))
        self.created = wrapped(name=_("Card made on"))
        self.card_error = InlineError(_("Key card problem"))
        self.qr = QrImage(_("QR code of the key card"), side=220)
        self.qr.show_png(None, _("Choose a card to see its QR code."))
        self.typed = QLineEdit()
        self.typed.setFont(mono_font())
        self.typed.setAccessibleName(_("Digits, words or fingerprint read out by the owner"))
        self.typed.setPlaceholderText(
            _("e.g. 04213 99871 00012 55555 12345 67890, or eight words: mèo chó gà …")
        )
        self.error = InlineError(_("Enrolment problem"))
        self.typed.textChanged.connect(lambda _text: self.error.clear_message())
        # The role is chosen by the person enrolling: only an office's key signs receipts that
        # count. A card says which it is; the choice must agree with it.
        self.role = QComboBox()
        self.role.setAccessibleName(_("Role of the key"))
        self.role.addItem(_("— choose —"), "")
        for role in ("team", "office", "province"):
            self.role.addItem(labels.key_role(role, i18n.language()), role)
        self.role.currentIndexChanged.connect(lambda _index: self.error.clear_message())
        self._role_from: Path | None = None  # the card whose declared role was preselected

        card_form = QFormLayout()
        card_form.addRow(_("Owner:"), self.owner)
        card_form.addRow(_("Agency:"), self.agency)
        card_form.addRow(_("Card made on:"), self.created)
        grid = QGridLayout()
        grid.addLayout(card_form, 0, 0)
        grid.addWidget(self.qr, 0, 1)
        grid.setColumnStretch(0, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.enrol_button = QPushButton(_("&Enrol this key"))
        buttons.addButton(self.enrol_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(buddy(_("Key &card file:"), self.picker.edit))
        layout.addWidget(self.picker)
        layout.addWidget(self.card_error)
        layout.addLayout(grid)
        layout.addWidget(
            buddy(_("&Digits, words or fingerprint, as the owner reads them:"), self.typed)
        )
        layout.addWidget(self.typed)
        layout.addWidget(buddy(_("&Role of this key here:"), self.role))
        layout.addWidget(self.role)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(740, 520)

    def _choose(self) -> str | None:
        chosen = self.choose_card()
        if chosen:
            self.picker.edit.setText(chosen)
            self.load_card()
        return chosen

    def load_card(self) -> bool:
        """Show what the chosen card says (never its fingerprint: that must be read out)."""
        self.card_error.clear_message()
        path = self.picker.path()
        self.card = read_card_fields(path) if path is not None else None
        if self.card is None:
            for label in (self.owner, self.agency, self.created):
                label.setText(EMPTY)
            self.qr.show_png(None, _("Choose a card to see its QR code."))
            if path is not None:
                self.card_error.show_message(
                    _(
                        "This file is not a key card made by this app. Ask the key's owner for the card file."
                    )
                )
            return False
        if path != self._role_from:  # a newly chosen card: preselect the role it declares
            self._role_from = path
            declared = str(self.card.get("role") or "")
            self.role.setCurrentIndex(max(self.role.findData(declared), 0))
        self.owner.setText(str(self.card.get("owner") or EMPTY))
        self.agency.setText(labels.sector(str(self.card.get("agency") or EMPTY), i18n.language()))
        self.created.setText(dates.stamp(str(self.card.get("created") or "")))
        assert path is not None
        png = keys.card_png_path(path)
        try:
            data = png.read_bytes() if png.is_file() else None
        except OSError:
            data = None
        self.qr.show_png(data, _("No QR picture next to this card ({name}).").format(name=png.name))
        return True

    def accept(self) -> None:
        self.error.clear_message()
        path = self.picker.path()
        if path is None:
            self.card_error.show_message(_("Choose the key card file first."))
            return
        if not self.load_card():  # the file named now, whatever was shown before
            return
        typed = self.typed.text().strip()
        if not typed:
            self.error.show_message(
                _("Type the digits, the words or the fingerprint the owner reads to you.")
            )
            self.typed.setFocus()
            return
        role = str(self.role.currentData() or "")
        if not role:
            self.error.show_message(
                _("Choose whether this is an inspection team's key or a reviewing office's.")
            )
            self.role.setFocus()
            return
        try:  # the service reads what was typed: hex, digits, Vietnamese or (older) English words
            self.enrolled = trust.enrol_card(self.context.workspace, path, typed, role)
        except AssessorError as error:
            if error.code == "KEY_FINGERPRINT_MISMATCH":
                self._mismatch()
            else:
                self.error.show_error(error)
            return
        except OSError as error:
            self.error.show_error(error)
            return
        super().accept()

    def _mismatch(self) -> None:
        self.error.show_message(
            _(
                "What you typed does not match this card: the key was NOT enrolled. Check each group again with the owner; if it still differs, do not trust this card."
            ),
            code="KEY_FINGERPRINT_MISMATCH",
        )
        self.typed.setFocus()
        self.typed.selectAll()


class RevokeDialog(ReasonDialog):
    def __init__(self, key: TrustedKey, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Revoke a key"),
            _("Stop trusting the key of {owner}?").format(owner=key.owner),
            _(
                "Bundles from this key numbered above the number you give are refused from now on; those numbered up to it that already arrived stay valid, and any that arrive later are held for a person to decide. 0 refuses every bundle of this key. Use this when a computer or its passphrase is lost."
            ),
            _("Re&voke"),
            parent,
        )
        self.key = key
        fingerprint = wrapped(format_fingerprint(key.fingerprint), _("Key fingerprint"))
        fingerprint.setFont(mono_font())
        self.above = QSpinBox()
        self.above.setRange(0, 1_000_000)
        self.above.setValue(max(key.last_sequences.values(), default=0))
        self.above.setAccessibleName(_("Highest bundle number still accepted"))
        self.above.setToolTip(
            _(
                "Bundles this key signed up to this number are still accepted; later ones are refused."
            )
        )
        agency = labels.sector(key.agency, i18n.language())
        self.body.addWidget(heading(f"{key.owner} — {agency}"))
        self.body.addWidget(fingerprint)
        self.body.addWidget(buddy(_("&Accept bundles numbered up to:"), self.above))
        self.body.addWidget(self.above)


def ask_revocation(parent: QWidget | None, key: TrustedKey) -> tuple[int, str] | None:
    dialog = RevokeDialog(key, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.above.value(), dialog.reason_text()
    finally:
        dialog.deleteLater()
