"""The signed-PDF dialogs in the screen walk (tests/gui/walk_screens.py, SCREENS): the signing
dialog with a certificate file chosen, and the check of a dossier signed by a self-made CA's
signer with a Vietnamese name, trusted through the CA file chosen in the dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from assessor_app.reports.dossier import render_dossier
from assessor_app.services import pdf_signing
from tests.pdf_certificates import PASSPHRASE, make_authority, sign_anyway
from tests.unit.reports import fixtures

if TYPE_CHECKING:
    from tests.gui.walk_screens import Walk

SIZE = (900, 620)


def sign_pdf(walk: Walk) -> QWidget:
    from assessor_app.ui.pdf_signing.sign_dialog import SignPdfDialog

    authority = make_authority(walk.scratch / "ca")
    dialog = SignPdfDialog(walk.context)
    dialog.certificate.edit.setText(str(authority.pkcs12))
    return walk.show(dialog, SIZE)


def verify_pdf(walk: Walk) -> QWidget:
    from assessor_app.ui.pdf_signing.verify_dialog import VerifyPdfDialog

    authority = make_authority(walk.scratch / "ca")
    dossier = walk.scratch / "ho-so.pdf"
    dossier.write_bytes(render_dossier(fixtures.dossier_qd06()))
    key = pdf_signing.CertificateFile(authority.pkcs12, PASSPHRASE)
    signed = sign_anyway(dossier, None, key, reason="Phê duyệt", location="Phủ Lý")
    dialog = VerifyPdfDialog(walk.context)
    dialog.pdf.edit.setText(str(signed))
    dialog.ca.edit.setText(str(authority.ca_pem))
    dialog.check()
    return walk.show(dialog, SIZE)
