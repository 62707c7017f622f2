"""Sign a PDF document with a certificate file (.p12, .pfx) or a USB token (its maker's PKCS#11
driver, the token's label and PIN). The signed copy goes beside the document (`-da-ky.pdf`) unless
another file is chosen; the original is never replaced. The same checks as `assessor-app sign`
(services/pdf_signing.py); a refusal is shown in the dialog, its code in the tooltip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import pdf_signing
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import code_detail
from assessor_app.ui.pdf_signing.file_row import FileRow
from assessor_app.ui.pdf_signing.verify_dialog import BAD_STYLE, GOOD_STYLE, PDF_FILTER


def _field(tip: str, secret: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setToolTip(tip)
    field.setPlaceholderText(tip)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class SignPdfDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.written: Path | None = None
        self.setWindowTitle(_("Sign a PDF document"))
        self.resize(760, 520)
        self.pdf = FileRow(_("PDF document"), _("The PDF file to sign"), PDF_FILTER)
        self.by_file = QRadioButton(_("Certificate file (.p12, .pfx)"))
        self.by_token = QRadioButton(_("USB token"))
        self.by_file.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.by_file)
        kinds.addButton(self.by_token)
        self.certificate = FileRow(
            _("Certificate file"), _("The .p12 or .pfx file of your certificate"), "*.p12 *.pfx"
        )
        self.passphrase = _field(_("The passphrase of the certificate file"), secret=True)
        self.module = FileRow(
            _("Token driver"),
            _("The token's PKCS#11 driver (.dll, .so), installed with the token"),
            "*.dll *.so *.dylib",
        )
        self.token = _field(_("The label of the token, as its own tool shows it"))
        self.pin = _field(_("The PIN of the token"), secret=True)
        self.key_label = _field(_("Optional: the key on the token, when it holds several"))
        self.reason = _field(_("Optional: why you sign, e.g. approval"))
        self.location = _field(_("Optional: where you sign, e.g. the province's town"))
        self.out = FileRow(
            _("Signed copy"),
            _("Optional: where the signed copy goes (default: beside the document)"),
            PDF_FILTER,
            save=True,
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._layout()
        self.by_file.toggled.connect(self._show_kind)
        self._show_kind()

    def _layout(self) -> None:
        self.form = QFormLayout()
        self.form.addRow(_("PDF document"), self.pdf)
        self.form.addRow(_("Sign with"), self.by_file)
        self.form.addRow("", self.by_token)
        self.form.addRow(_("Certificate file"), self.certificate)
        self.form.addRow(_("Certificate passphrase"), self.passphrase)
        self.form.addRow(_("Token driver"), self.module)
        self.form.addRow(_("Token label"), self.token)
        self.form.addRow(_("PIN"), self.pin)
        self.form.addRow(_("Key on the token"), self.key_label)
        self.form.addRow(_("Reason"), self.reason)
        self.form.addRow(_("Place"), self.location)
        self.form.addRow(_("Signed copy"), self.out)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sign_button = buttons.addButton(_("&Sign"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message, 1)
        layout.addWidget(buttons)

    def _show_kind(self) -> None:
        by_file = self.by_file.isChecked()
        for widget in (self.certificate, self.passphrase):
            self.form.setRowVisible(widget, by_file)
        for widget in (self.module, self.token, self.pin, self.key_label):
            self.form.setRowVisible(widget, not by_file)

    def _key(self) -> pdf_signing.SigningKey:
        if self.by_file.isChecked():
            return pdf_signing.CertificateFile(
                Path(self.certificate.text()), self.passphrase.text()
            )
        return pdf_signing.Token(
            Path(self.module.text()),
            self.token.text().strip(),
            self.pin.text(),
            self.key_label.text().strip(),
        )

    def sign(self) -> Path | None:
        try:
            written = pdf_signing.sign(
                Path(self.pdf.text()),
                Path(self.out.text()) if self.out.text() else None,
                self._key(),
                reason=self.reason.text(),
                location=self.location.text(),
            )
        except AssessorError as error:
            self.message.setStyleSheet(BAD_STYLE)
            self.message.setText(i18n.render(error))
            self.message.setToolTip(code_detail(error.code))
            return None
        finally:
            self.pin.clear()  # a secret is not kept on screen longer than needed
        self.written = written
        self.message.setStyleSheet(GOOD_STYLE)
        self.message.setText(_("Signed copy written to {path}").format(path=written))
        self.message.setToolTip("")
        return written
