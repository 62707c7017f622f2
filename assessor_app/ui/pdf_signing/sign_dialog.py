"""Sign a PDF document with a certificate file (.p12, .pfx) or a USB token (its maker's PKCS#11
driver, the token's label and PIN). The signed copy goes beside the document (`-da-ky.pdf`) unless
another file is chosen; the original is never replaced. The same checks as `assessor-app sign`
(services/pdf_signing.py); a refusal is shown in the dialog, its code in the tooltip.

Signing runs off the GUI thread (a token can take seconds) with the house's progress dialog; once
written, the signed copy is checked at once and its status shown under the form (who, when,
intact, valid, trusted). Opened from a document's preview ("Save and sign…"), the document is the
file just saved, fixed; a refusal then also says that the saved file is there, unsigned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import OperationCancelled
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import pdf_signatures, pdf_signing
from assessor_app.services.pdf_finality import Concerns, NotReadyToSign
from assessor_app.services.pdf_signatures import PdfSignature
from assessor_app.texts import pdf_signature
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import code_detail
from assessor_app.ui.pdf_signing.file_row import FileRow
from assessor_app.ui.pdf_signing.verify_dialog import (
    BAD_STYLE,
    GOOD_STYLE,
    NEUTRAL_STYLE,
    PDF_FILTER,
    describe_all,
)
from assessor_app.ui.tasks import Task


@dataclass(frozen=True)
class Outcome:
    """What the signing work hands back to the dialog."""

    signed: pdf_signing.Signed
    found: list[PdfSignature]
    visible: bool  # a stamp box was asked for


def concern_lines(concerns: Concerns) -> list[str]:
    """Each reason not to sign yet, in the dialog's language, then the question."""
    printed = concerns.printed_signer if concerns.other_signer else ""
    lines = pdf_signature.concerns(
        concerns.marks, concerns.certificate_signer, printed, i18n.language()
    )
    return [*lines, _("Sign it anyway?")]


def _field(tip: str, secret: bool = False) -> QLineEdit:
    field = QLineEdit()
    field.setToolTip(tip)
    field.setPlaceholderText(tip)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class SignPdfDialog(QDialog):
    signed = Signal(object)  # the Path of the signed copy, once written and checked

    def __init__(
        self, context: UiContext, parent: QWidget | None = None, document: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.document = document  # the file a preview just saved: fixed, never replaced
        self.written: Path | None = None
        self.found: list[PdfSignature] = []
        self.task: Task | None = None
        self._key_asked: pdf_signing.SigningKey | None = None
        self.setWindowTitle(_("Sign a PDF document"))
        self.resize(760, 560)
        self.pdf = FileRow(_("PDF document"), _("The PDF file to sign"), PDF_FILTER)
        if document is not None:
            self.pdf.edit.setText(str(document))
            self.pdf.setEnabled(False)
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
        self.visible = QCheckBox(_("Show the signature on the page (in the signer block)"))
        self.visible.setToolTip(
            _("A framed box with the signer, the date and the organisation of the certificate")
        )
        self.visible.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if document is not None:
            self.message.setText(
                _("Saved: {path}. Choose your certificate or token to sign it.").format(
                    path=document
                )
            )
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
        self.form.addRow("", self.visible)
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

    def sign(self) -> Task | None:
        """Sign off the GUI thread; the result (or the refusal) comes back to `_signed` /
        `_refused`. Returns the running task, or None when one is already running. A document
        not final, or printed for another signer, is first confirmed (`confirm_concerns`)."""
        if self.task is not None and not self.task.done:
            return None
        try:
            key = self._key()
        finally:
            self.pin.clear()  # a secret is not kept on screen longer than needed
        return self._run(key, force=False)

    def _run(self, key: pdf_signing.SigningKey, force: bool) -> Task:
        self._key_asked = key  # kept only until the signer answers the confirmation
        source = Path(self.pdf.text())
        target = Path(self.out.text()) if self.out.text() else None
        reason, location = self.reason.text(), self.location.text()
        visible = self.visible.isChecked()
        home = self.context.workspace.home

        def work(_progress: object, cancelled: Callable[[], bool]) -> Outcome:
            signed = pdf_signing.sign_document(
                source,
                target,
                key,
                reason=reason,
                location=location,
                visible=visible,
                cancelled=cancelled,
                force=force,
            )
            roots = pdf_signatures.trust_roots([], home)
            return Outcome(signed, pdf_signatures.verify(signed.path, roots), visible)

        self.sign_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(_("Signing…"))
        self.task = self.context.tasks.run(
            work, self._signed, parent=self, label=_("Signing…"), on_error=self._refused
        )
        self.task.finished.connect(self._finished)
        return self.task

    def _finished(self) -> None:
        self.sign_button.setEnabled(True)
        if self.task is not None and isinstance(self.task.error, OperationCancelled):
            self._key_asked = None
            self.message.setStyleSheet(NEUTRAL_STYLE)  # the user's choice, not a failure
            self.message.setText(_("Signing cancelled: nothing was written."))

    def _signed(self, outcome: Outcome) -> None:
        self._key_asked = None
        self.written, self.found = outcome.signed.path, outcome.found
        lines = [_("Signed copy written to {path}").format(path=self.written)]
        if outcome.visible and not outcome.signed.drawn:
            lines.append(
                _(
                    "No free space was found on the page for the signature box: the signature is in the file, but not drawn."
                )
            )
        lines += ["", describe_all(self.found)]
        # signed: green, even when the signer is not trusted on this computer (the lines say so);
        # red only if the copy just written does not check
        failed = any(s.modified_after_signing or not s.valid for s in self.found)
        self.message.setStyleSheet(BAD_STYLE if failed else GOOD_STYLE)
        self.message.setText("\n".join(lines))
        self.message.setToolTip("")
        self.signed.emit(self.written)

    def confirm_concerns(self, concerns: Concerns) -> bool:
        """Ask before signing a document not final or printed for another signer, naming each
        concern; "Sign anyway" signs, "Cancel" (the default) does not."""
        box, go = self.concerns_box(concerns)
        box.exec()
        return box.clickedButton() is go

    def concerns_box(self, concerns: Concerns) -> tuple[QMessageBox, object]:
        """The confirmation and its "Sign anyway" button ("Cancel" is the default)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Sign this document?"))
        box.setText("\n\n".join(concern_lines(concerns)))
        go = box.addButton(_("Sign &anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole))
        return box, go

    def _refused(self, error: BaseException) -> None:
        key, self._key_asked = self._key_asked, None
        if isinstance(error, NotReadyToSign) and key is not None:
            if self.confirm_concerns(error.concerns):
                self._run(key, force=True)
                return
            self.message.setStyleSheet(NEUTRAL_STYLE)  # the signer's choice, not a failure
            self.message.setText(_("Not signed: nothing was written."))
            return
        if not isinstance(error, AssessorError):
            self.message.setText("")
            self.context.errors.report(self, error)
            return
        said = i18n.render(error)
        if self.document is not None:
            said += "\n" + _("The saved document {path} is unchanged and not signed.").format(
                path=self.document
            )
        self.message.setStyleSheet(BAD_STYLE)
        self.message.setText(said)
        self.message.setToolTip(code_detail(error.code))
