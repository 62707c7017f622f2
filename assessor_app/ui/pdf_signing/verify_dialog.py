"""Check the digital signatures of a PDF document: for each signature, who signed and when, whether
the document is intact or was changed after signing, whether the signature is valid and whether
the signer's certificate comes from a trusted authority (the CA file chosen here, or those kept in
the data folder's trusted-certificates)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import pdf_signatures
from assessor_app.services.pdf_signatures import PdfSignature
from assessor_app.texts import dates, pdf_signature
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import code_detail
from assessor_app.ui.pdf_signing.file_row import FileRow

PDF_FILTER = "PDF (*.pdf)"
CERT_FILTER = "*.pem *.crt *.cer *.der"
GOOD_STYLE = "color: #1b6b2b;"
BAD_STYLE = "color: #a61b1b;"
NEUTRAL_STYLE = ""  # the palette's text colour: neither a success nor a failure


def style_of(found: list[PdfSignature]) -> str:
    """Red only when a signature fails (changed after signing, or not valid); green when every
    one is good; the ordinary colour when they hold but a signer is not trusted here (that is for
    the reader to judge, not a failure)."""
    if any(s.modified_after_signing or not s.valid for s in found):
        return BAD_STYLE
    return GOOD_STYLE if all(s.good for s in found) else NEUTRAL_STYLE


def describe(number: int, signature: PdfSignature, language: str) -> str:
    """The lines an official reads for one signature."""
    signer = signature.signer or "—"
    if signature.organisation:
        signer = f"{signer} ({signature.organisation})"
    when = dates.moment(dates.local(signature.signed_at)) if signature.signed_at else "—"
    return "\n".join(
        (
            _("Signature {number}: {signer}, signed at {time}").format(
                number=number, signer=signer, time=when
            ),
            "    "
            + "; ".join(
                (
                    pdf_signature.integrity(signature.intact, signature.whole_file, language),
                    pdf_signature.validity(signature.valid, language),
                    pdf_signature.trust(signature.trusted, language, signature.broken),
                )
            ),
        )
    )


def describe_all(found: list[PdfSignature]) -> str:
    """Every signature of a document, a blank line between them."""
    language = i18n.language()
    return "\n\n".join(describe(n, s, language) for n, s in enumerate(found, start=1))


class VerifyPdfDialog(QDialog):
    """Opened with `document` (a preview's "Check the signature…"), it checks that file at once."""

    def __init__(
        self, context: UiContext, parent: QWidget | None = None, document: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Check the digital signatures of a PDF"))
        self.resize(760, 420)
        self.pdf = FileRow(_("PDF document"), _("The signed PDF file to check"), PDF_FILTER)
        self.ca = FileRow(
            _("Trusted certificate"),
            _("Optional: the certificate of the authority you trust (PEM or DER)"),
            CERT_FILTER,
        )
        form = QFormLayout()
        form.addRow(_("PDF document"), self.pdf)
        form.addRow(_("Trusted certificate"), self.ca)
        self.check_button = QPushButton(_("&Check"))
        self.check_button.clicked.connect(self.check)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            _(
                "Revocation is not checked: the app works offline. Certificates kept in {folder} are trusted too."
            ).format(folder=pdf_signatures.trusted_folder(context.workspace.home))
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.status, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        if document is not None:
            self.pdf.edit.setText(str(document))
            self.check()

    def check(self) -> list[PdfSignature]:
        home = self.context.workspace.home
        given = [Path(self.ca.text())] if self.ca.text() else []
        try:
            roots = pdf_signatures.trust_roots(given, home)
            found = pdf_signatures.verify(Path(self.pdf.text()), roots)
        except AssessorError as error:
            self.status.setStyleSheet(BAD_STYLE)
            self.status.setText(i18n.render(error))
            self.status.setToolTip(code_detail(error.code))
            return []
        self.status.setText(describe_all(found))
        self.status.setToolTip("")
        self.status.setStyleSheet(style_of(found))
        return found
