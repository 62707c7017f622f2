"""Asking for the passphrase of this installation's signing key (for a bundle or a receipt)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.i18n import _
from assessor_app.services import keys
from assessor_app.ui.bundles.widgets import InlineError, buddy, wrapped
from assessor_app.ui.context import UiContext

# (purpose) → the passphrase typed, or None when the user cancelled. Views hold one as a seam.
AskPassphrase = Callable[[str], str | None]


class PassphraseDialog(QDialog):
    def __init__(self, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Passphrase of your signing key"))
        self.purpose = wrapped(purpose, _("Why the passphrase is needed"))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(_("Passphrase"))
        self.edit.setToolTip(
            _(
                "The passphrase of your signing key; the letters are hidden. The app does not keep it: remember it."
            )
        )
        self.error = InlineError(_("Passphrase problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter in the field accepts, once: no default button also answers it (the dialog's
        # or, through a key passed on, the window's behind it).
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.edit.returnPressed.connect(self.accept)
        self._answered = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose)
        layout.addWidget(buddy(_("&Passphrase:"), self.edit))
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 10)  # the layout sets the height it needs

    def accept(self) -> None:
        if self._answered:
            return
        if not self.edit.text():
            self.error.show_message(_("Type the passphrase."))
            return
        self._answered = True
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter is the field's (it accepts); it never travels on to the window behind."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.edit.hasFocus():
                self.accept()
            event.accept()
            return
        super().keyPressEvent(event)


def ask_passphrase(parent: QWidget | None, purpose: str) -> str | None:
    dialog = PassphraseDialog(purpose, parent)
    try:
        return dialog.edit.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def receipt_passphrase(context: UiContext, ask: AskPassphrase) -> tuple[bool, str | None]:
    """(go on, passphrase) for work that signs a receipt: without a key there is nothing to ask
    (the service says why no receipt was written); a cancelled prompt stops the work."""
    if keys.key_info(context.workspace) is None:
        return True, None
    passphrase = ask(
        _(
            "The app signs a receipt for the sender with your key. Type the passphrase of your signing key."
        )
    )
    return passphrase is not None, passphrase
