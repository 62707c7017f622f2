"""Settings → "Kho dữ liệu": the data folder's file (the default) or a PostgreSQL server.

Host, port, database, user and the encryption asked for (libpq's sslmode; other parameters such
as sslrootcert, typed in the settings file, are kept): the password is never typed here nor saved by the app; libpq
finds it in ~/.pgpass (PGPASSFILE), as the note says (docs/store.md). The choice takes effect at the
next start of the app.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services.store_choice import check_connection, server_url, url_parts

DEFAULT_PORT = 5432


class StoreSettingsBox(QGroupBox):
    def __init__(self, saved: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Data store"), parent)
        self.local = QRadioButton(_("The &file in the data folder (one computer)"))
        self.server = QRadioButton(_("A &PostgreSQL server (several officers)"))
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.user = QLineEdit()
        # libpq's sslmode: "" leaves it to libpq (prefer: encrypted when the server offers it).
        self.ssl = QComboBox()
        for label, mode in (
            (_("When the server offers it"), ""),
            (_("Required"), "require"),
            (_("Required, with the server's certificate checked"), "verify-full"),
        ):
            self.ssl.addItem(label, mode)
        self._options: dict[str, str] = {}  # the saved URL's other parameters (sslrootcert…)
        self.check = QPushButton(_("&Test the connection"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        note = QLabel(
            _(
                "The app never saves a password. Put it in the PostgreSQL password file (~/.pgpass on Linux, %APPDATA%\\postgresql\\pgpass.conf on Windows) or name the file in PGPASSFILE. The change takes effect at the next start of the app."
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)

        form = QFormLayout(self)
        form.addRow(self.local)
        form.addRow(self.server)
        form.addRow(_("Server:"), self.host)
        form.addRow(_("Port:"), self.port)
        form.addRow(_("Database:"), self.database)
        form.addRow(_("User:"), self.user)
        form.addRow(_("Encryption (SSL):"), self.ssl)
        row = QHBoxLayout()
        row.addWidget(self.check)
        row.addStretch(1)
        form.addRow("", row)
        form.addRow("", self.result)
        form.addRow("", note)

        parts = url_parts(saved) if saved else None
        if parts is None:
            self.local.setChecked(True)
        else:
            self.server.setChecked(True)
            self.host.setText(parts.host)
            self.port.setValue(parts.port or DEFAULT_PORT)
            self.database.setText(parts.database)
            self.user.setText(parts.user)
            self._options = dict(parts.options)
            mode = self._options.pop("sslmode", "")
            if self.ssl.findData(mode) < 0:  # another mode typed in the settings file: kept
                self.ssl.addItem(mode, mode)
            self.ssl.setCurrentIndex(self.ssl.findData(mode))
        self.server.toggled.connect(self._enable)
        self.check.clicked.connect(self.test_connection)
        self._enable()

    def _enable(self, *_args: object) -> None:
        on = self.server.isChecked()
        for field in (self.host, self.port, self.database, self.user, self.ssl, self.check):
            field.setEnabled(on)

    def url(self) -> str:
        """The chosen store: "" for the data folder's file, else a URL without a password."""
        if not self.server.isChecked():
            return ""
        options = dict(self._options, sslmode=str(self.ssl.currentData() or ""))
        return server_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text(), options
        )

    def test_connection(self) -> bool:
        try:
            check_connection(self.url())
        except AssessorError as error:
            self.result.setText(i18n.render(error))
            return False
        self.result.setText(_("Connected."))
        return True
