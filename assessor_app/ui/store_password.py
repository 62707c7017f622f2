"""The password of a PostgreSQL store, asked at start-up when libpq has none (issue 16).

libpq looks in ~/.pgpass (PGPASSFILE) and a service file first; only when the server still asks
(STORE_PASSWORD_NEEDED) or refuses the one given (STORE_PASSWORD_WRONG) does the app ask the
person, showing user, server and database, the letters hidden. The password is handed to the
driver for this run of the app only (services/store_choice.use_password): never saved in the
settings, the logs, a message or the URL shown. Cancel offers the data folder's file instead, or
to quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from assessor_app.i18n import _

if TYPE_CHECKING:
    from assessor_app.services.workspace import Workspace

WRONG_CODE = "STORE_PASSWORD_WRONG"


class StorePasswordDialog(QDialog):
    """User, server and database shown; one hidden field; a line saying the last one was wrong."""

    def __init__(
        self, user: str, server: str, database: str, wrong: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Password of the data store"))
        intro = QLabel(
            _(
                "The PostgreSQL server asks for your password. It is kept only while the app runs and is never saved."
            )
        )
        intro.setWordWrap(True)
        self.wrong = QLabel(_("The password was not accepted. Check it and type it again."))
        self.wrong.setWordWrap(True)
        self.wrong.setStyleSheet("color: #b00020;")
        self.wrong.setVisible(wrong)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        form = QFormLayout()
        form.addRow(_("User:"), QLabel(user))
        form.addRow(_("Server:"), QLabel(server))
        form.addRow(_("Database:"), QLabel(database))
        form.addRow(_("&Password:"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.wrong)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.password.setFocus()


def ask_password(parent: QWidget | None, error: Exception) -> str | None:
    """The password typed for the store the error names; None when the person cancels."""
    params = getattr(error, "params", {})
    dialog = StorePasswordDialog(
        str(params.get("user", "")),
        f"{params.get('host') or 'localhost'}:{params.get('port', '')}",
        str(params.get("database", "")),
        getattr(error, "code", "") == WRONG_CODE,
        parent,
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text()
    finally:
        dialog.password.clear()
        dialog.deleteLater()


def file_instead(parent: QWidget | None) -> bool:
    """After Cancel: open the data folder's file instead (True), or quit (False)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Password of the data store"))
    box.setText(
        _(
            "Without the password the server's store cannot be opened. Open the file in the data folder instead (this computer only), or quit?"
        )
    )
    use_file = box.addButton(
        _("Open the &file in the data folder"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is use_file


def open_asking_password(
    parent: QWidget | None,
    store: str | None,
    open_store: Callable[[bool], Workspace],
    ask: Callable[[QWidget | None, Exception], str | None] = ask_password,
    fallback: Callable[[QWidget | None], bool] = file_instead,
) -> Workspace | None:
    """`open_store(use_file)`, asking for the server's password as long as it asks for one;
    None when the person quits. Any other error is raised."""
    from assessor_app.services.store_choice import asks_for_password, use_password

    while True:
        try:
            return open_store(False)
        except Exception as error:
            if store is None or not asks_for_password(error):
                raise
            password = ask(parent, error)
            if password is None:
                return open_store(True) if fallback(parent) else None
            use_password(store, password)
