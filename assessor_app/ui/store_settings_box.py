"""Settings → "Kho dữ liệu": the data folder's file (the default) or a PostgreSQL server.

Host, port, database, user and the encryption asked for (libpq's sslmode; other parameters such
as sslrootcert, typed in the settings file, are kept): the password is never typed here nor saved by the app; libpq
finds it in ~/.pgpass (PGPASSFILE), as the note says (docs/store.md). The choice takes effect at the
next start of the app.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
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
from assessor_app.services.store_choice import (
    check_connection,
    check_evidence_folder,
    server_url,
    url_parts,
)

DEFAULT_PORT = 5432


class StoreSettingsBox(QGroupBox):
    def __init__(
        self, saved: str, parent: QWidget | None = None, evidence_folder: str = ""
    ) -> None:
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
        # Wrapped labels may be given more height than their lines take: keep the text at the top.
        for wrapped in (self.result, note):
            wrapped.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.result.hide()  # no empty gap under the button until a connection was tested

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

        # A server store's evidence files: in the database (the default) or a shared folder.
        self.in_database = QRadioButton(_("In the data&base"))
        self.in_folder = QRadioButton(_("In a s&hared folder"))
        self.folder = QLineEdit(evidence_folder)
        self.folder.setAccessibleName(_("Shared evidence folder"))
        self.choose_folder = QPushButton(_("C&hoose…"))
        self.folder_result = QLabel()
        self.folder_result.setWordWrap(True)
        self.folder_result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        where = QHBoxLayout()
        where.addWidget(self.in_database)
        where.addWidget(self.in_folder)
        where.addStretch(1)
        form.addRow(_("Evidence files:"), where)
        picker = QHBoxLayout()
        picker.addWidget(self.folder, 1)
        picker.addWidget(self.choose_folder)
        form.addRow(_("Shared folder:"), picker)
        form.addRow("", self.folder_result)
        # Two choices in one box: each pair of radio buttons exclusive on its own.
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.local)
        self._kinds.addButton(self.server)
        self._places = QButtonGroup(self)
        self._places.addButton(self.in_database)
        self._places.addButton(self.in_folder)
        (self.in_folder if evidence_folder else self.in_database).setChecked(True)
        self.in_folder.toggled.connect(self._enable)
        self.choose_folder.clicked.connect(self._pick_folder)

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
        for field in (
            self.host, self.port, self.database, self.user, self.ssl, self.check,
            self.in_database, self.in_folder,
        ):  # fmt: skip
            field.setEnabled(on)
        shared = on and self.in_folder.isChecked()
        self.folder.setEnabled(shared)
        self.choose_folder.setEnabled(shared)

    def _pick_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(
            self, _("Shared evidence folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)
            self.check_evidence_folder()

    def evidence_folder(self) -> str:
        """The shared evidence folder chosen: "" for the database (or the file store)."""
        if not (self.server.isChecked() and self.in_folder.isChecked()):
            return ""
        return self.folder.text().strip()

    def check_evidence_folder(self) -> bool:
        """Whether the evidence folder chosen may be used (nothing to check for the database);
        the reason shown under it when not."""
        if not (self.server.isChecked() and self.in_folder.isChecked()):
            self.folder_result.clear()
            return True
        try:
            check_evidence_folder(self.folder.text())
        except AssessorError as error:
            self.folder_result.setText(i18n.render(error))
            return False
        self.folder_result.setText(_("The folder can be written to."))
        return True

    def url(self) -> str:
        """The chosen store: "" for the data folder's file, else a URL without a password."""
        if not self.server.isChecked():
            return ""
        options = dict(self._options, sslmode=str(self.ssl.currentData() or ""))
        return server_url(
            self.host.text(), self.port.value(), self.database.text(), self.user.text(), options
        )

    def test_connection(self) -> bool:
        self.result.show()
        try:
            check_connection(self.url())
        except AssessorError as error:
            self.result.setText(i18n.render(error))
            return False
        self.result.setText(_("Connected."))
        return True
