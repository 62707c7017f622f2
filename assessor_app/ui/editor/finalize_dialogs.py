"""The confirmation before finalising (the verdict with every reason) and the reason asked before
reopening. Both are plain dialogs: the editor builds them and runs them through an injectable
callable, so tests can fill and accept them without a modal loop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.text import clean, nfc
from assessor_app.i18n import _, ngettext
from assessor_app.texts import numbers
from assessor_app.ui.editor.field_message import FieldMessage
from assessor_app.ui.editor.verdict_panel import reason_lines, verdict_colour, verdict_word


def _label(text: str) -> QLabel:
    label = QLabel(nfc(text))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class FinaliseDialog(QDialog):
    """Shows what will be finalised: total, recognised or not, and why. Indicators still marked
    "needs follow-up" are listed, and finalising asks the user to confirm they were checked. When
    this computer has a signing key, asks its passphrase: the history is signed as it is locked."""

    def __init__(
        self,
        title: str,
        result: ScoreResult,
        parent: QWidget | None = None,
        signing: bool = False,
        follow_ups: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.signing = signing
        self.follow_ups = follow_ups or []
        self.setWindowTitle(_("Finalise the assessment"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(_("Finalise {title}?").format(title=title)))
        self.total_label = _label(
            _("Total: {points}").format(
                points=numbers.points_of(result.total, result.max_total, i18n.language())
            )
        )
        self.verdict_label = _label(verdict_word(result))
        self.verdict_label.setStyleSheet(f"color: {verdict_colour(result)}; font-weight: 600;")
        layout.addWidget(self.total_label)
        layout.addWidget(self.verdict_label)
        if result.reasons:
            lines = [_("Not yet met:")] + [f"• {line}" for line in reason_lines(result)]
        else:
            lines = [_("Every recognition condition is met.")]
        self.reasons_label = _label("\n".join(lines))
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reasons_label)
        if result.provisional:
            provisional = _label(
                _("Provisional parts of the catalogue count in this result; it is not official.")
            )
            provisional.setStyleSheet("color: #6b4e00;")
            layout.addWidget(provisional)
        self.follow_up_confirm = QCheckBox(
            _("I have checked these indicators again; finalise all the same.")
        )
        self.follow_up_message = FieldMessage(self.follow_up_confirm, self)
        if self.follow_ups:
            self._add_follow_ups(layout)
        layout.addSpacing(6)
        layout.addWidget(
            _label(
                _(
                    "After finalising, the figures, comments and evidence are locked. To change them later, the assessment must be reopened with a reason (recorded in the history)."
                )
            )
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase of the signing key"))
        self.passphrase_message = FieldMessage(self.passphrase, self)
        if signing:
            layout.addWidget(
                _label(
                    _(
                        "The history of the assessment is signed with this computer's key as it is locked. Passphrase of the signing key:"
                    )
                )
            )
            layout.addWidget(self.passphrase)
            layout.addWidget(self.passphrase_message)
        layout.addStretch(1)  # extra height below the text, not between its lines
        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(
            _("Finalise"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)

    def _add_follow_ups(self, layout: QVBoxLayout) -> None:
        heading = ngettext(
            "{count} indicator is still marked “Needs follow-up”:",
            "{count} indicators are still marked “Needs follow-up”:",
            len(self.follow_ups),
        ).format(count=len(self.follow_ups))
        self.follow_up_label = _label("\n".join([heading] + [f"• {t}" for t in self.follow_ups]))
        self.follow_up_label.setAccessibleName(_("Indicators that need follow-up"))
        self.follow_up_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.follow_up_label)
        self.follow_up_confirm.toggled.connect(self.follow_up_message.clear_message)
        layout.addWidget(self.follow_up_confirm)
        layout.addWidget(self.follow_up_message)

    def accept(self) -> None:
        if self.follow_ups and not self.follow_up_confirm.isChecked():
            self.follow_up_message.show_error(
                _("Check the indicators that need follow-up, then tick this box to finalise.")
            )
            self.follow_up_confirm.setFocus()
            return
        if self.signing and not self.passphrase.text():
            self.passphrase_message.show_error(
                _("Type the passphrase of your signing key: it signs the locked history.")
            )
            self.passphrase.setFocus()
            return
        super().accept()

    def typed_passphrase(self) -> str | None:
        return self.passphrase.text() if self.signing else None


class ReopenDialog(QDialog):
    """Asks why a finalised assessment is reopened; an empty reason is refused inline."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reopen the assessment"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                _(
                    "Reopen {title} to change it? Write why: the reason is kept in the history."
                ).format(title=title)
            )
        )
        self.reason_box = QPlainTextEdit()
        self.reason_box.setAccessibleName(_("Reason for reopening (required)"))
        self.reason_box.setTabChangesFocus(True)
        self.reason_box.setFixedHeight(self.reason_box.fontMetrics().lineSpacing() * 4 + 16)
        layout.addWidget(self.reason_box)
        self.message = FieldMessage(self.reason_box, self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(
            _("Reopen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_box.textChanged.connect(self.message.clear_message)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def reason(self) -> str:
        return clean(self.reason_box.toPlainText())

    def accept(self) -> None:
        if not self.reason():
            self.message.show_error(_("A reason is required."))
            self.reason_box.setFocus()
            return
        super().accept()
