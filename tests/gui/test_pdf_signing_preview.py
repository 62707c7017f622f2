"""Signing a printed document from its preview (issue 15): "Save and sign…" saves the PDF, signs it
with a certificate file or a SoftHSM2 token off the GUI thread, writes `-da-ky.pdf` beside it with
the signature drawn in the signer block, and says who signed; a wrong PIN is said in the dialog and
leaves the saved file whole and unsigned; "Check the signature…" reads the signer's name."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from assessor_app.reports.dossier import render_dossier
from assessor_app.ui.context import UiContext
from assessor_app.ui.pdf_signing.sign_dialog import SignPdfDialog
from assessor_app.ui.pdf_signing.verify_dialog import VerifyPdfDialog
from assessor_app.ui.reports.decision_dialog import DecisionDialog
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from tests.gui.conftest import ARTIFACTS, save_screenshot
from tests.pdf_certificates import (
    PASSPHRASE,
    SIGNER_NAME,
    SIGNER_ORGANISATION,
    TOKEN_LABEL,
    TOKEN_PIN,
    Authority,
    authority,
    sign_anyway,
    token,
)
from tests.unit.reports import fixtures

__all__ = ["authority", "token"]  # fixtures


def _decision_preview(qtbot: QtBot, context: UiContext) -> PdfPreviewDialog:
    dialog = DecisionDialog(context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    dialog.appraisal_day.setDate(QDate(2026, 12, 2))
    dialog.number.setText("12/QĐ-UBND")
    dialog.signer.setText("Đoàn Thu Hà")
    dialog.record()
    context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: dialog.recorded is not None, timeout=10000)
    preview = dialog.preview_decision()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)
    return preview


def _dossier_preview(qtbot: QtBot, context: UiContext) -> PdfPreviewDialog:
    preview = PdfPreviewDialog(
        context, "Hồ sơ", lambda: render_dossier(fixtures.dossier_qd06()), "ho-so.pdf"
    )
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)
    return preview


def _save_and_sign(preview: PdfPreviewDialog, target: Path) -> SignPdfDialog:
    preview.choose_target = lambda _suggested: str(target)
    dialog = preview.save_and_sign()
    assert isinstance(dialog, SignPdfDialog)
    assert target.read_bytes() == preview.data  # saved first, as Save does
    assert not dialog.pdf.isEnabled()  # the document is the one just saved
    assert dialog.visible.isChecked()
    return dialog


def _run(qtbot: QtBot, dialog: SignPdfDialog) -> None:
    # the fixture documents are provisional or printed for another signer: sign anyway
    dialog.confirm_concerns = lambda _concerns: True  # type: ignore[method-assign]
    task = dialog.sign()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=60000)


def _stamp_rect(signed: Path) -> tuple[int, list[float]]:
    """The page number and /Rect of the signature's widget."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed.read_bytes()))
    [embedded] = reader.embedded_signatures
    widget = embedded.sig_field
    rect = [float(v) for v in widget["/Rect"]]
    pages = [reader.get_object(ref.reference) for ref in reader.root["/Pages"]["/Kids"]]
    page = pages.index(widget["/P"].get_object()) if "/P" in widget else -1
    return page, rect


def test_sign_a_printed_decision_from_its_preview(
    qtbot: QtBot, demo_context: UiContext, authority: Authority, tmp_path: Path
) -> None:
    preview = _decision_preview(qtbot, demo_context)
    assert preview.sign_button.isEnabled()
    assert not preview.check_button.isEnabled()  # nothing signed yet
    saved = tmp_path / "quyet-dinh.pdf"
    dialog = _save_and_sign(preview, saved)
    assert str(saved) in dialog.message.text()
    dialog.certificate.edit.setText(str(authority.pkcs12))
    dialog.passphrase.setText(PASSPHRASE)
    _run(qtbot, dialog)

    signed = tmp_path / "quyet-dinh-da-ky.pdf"
    assert dialog.written == signed
    assert saved.read_bytes() == preview.data  # the saved document stays as it was
    said = dialog.message.text()
    assert "Đã ghi bản đã ký" in said
    assert SIGNER_NAME in said
    assert SIGNER_ORGANISATION in said
    assert "còn nguyên vẹn" in said
    assert "chữ ký hợp lệ" in said
    save_screenshot(dialog, "pdf-sign-from-preview")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(signed, ARTIFACTS / "quyet-dinh-da-ky.pdf")  # to render and look at

    # the stamp is a real box on the page, in the signer block's space (right half, lower part)
    page, (x1, y1, x2, y2) = _stamp_rect(signed)
    assert page in (-1, 0)  # the decision is one page
    assert 130 < x2 - x1 < 240  # sized to its text
    assert 40 < y2 - y1 < 60
    assert x1 > 595 / 2 - 60
    assert y1 > 36
    if shutil.which("pdfsig"):
        checked = subprocess.run(
            ["pdfsig", str(signed)], capture_output=True, text=True, timeout=60
        ).stdout
        assert "Signature is Valid." in checked
        assert "Total document signed" in checked

    # the status is reachable from the preview
    assert preview.check_button.isEnabled()
    assert "quyet-dinh-da-ky.pdf" in preview.status.text()
    save_screenshot(preview, "pdf-preview-signed")
    check = preview.check_signature()
    assert isinstance(check, VerifyPdfDialog)
    assert SIGNER_NAME in check.status.text()
    assert "không do tổ chức được tin cậy cấp" in check.status.text()  # CA not kept as trusted
    save_screenshot(check, "pdf-check-from-preview")


def test_sign_a_printed_dossier_with_a_usb_token(
    qtbot: QtBot, ui_context: UiContext, token: Path, tmp_path: Path
) -> None:
    preview = _dossier_preview(qtbot, ui_context)
    dialog = _save_and_sign(preview, tmp_path / "ho-so.pdf")
    dialog.by_token.setChecked(True)
    dialog.module.edit.setText(str(token))
    dialog.token.setText(TOKEN_LABEL)
    dialog.pin.setText(TOKEN_PIN)
    _run(qtbot, dialog)
    assert dialog.pin.text() == ""  # the PIN is not kept on screen
    assert dialog.written == tmp_path / "ho-so-da-ky.pdf"
    assert SIGNER_NAME in dialog.message.text()
    assert "chữ ký hợp lệ" in dialog.message.text()
    [signature] = dialog.found
    assert signature.intact
    assert signature.valid
    assert signature.whole_file


def test_a_wrong_pin_leaves_the_saved_document_unsigned(
    qtbot: QtBot, ui_context: UiContext, token: Path, tmp_path: Path
) -> None:
    preview = _dossier_preview(qtbot, ui_context)
    saved = tmp_path / "ho-so.pdf"
    dialog = _save_and_sign(preview, saved)
    dialog.by_token.setChecked(True)
    dialog.module.edit.setText(str(token))
    dialog.token.setText(TOKEN_LABEL)
    dialog.pin.setText("000000")
    _run(qtbot, dialog)
    said = dialog.message.text()
    assert f"Mã PIN của token {TOKEN_LABEL} không đúng." in said
    assert f"{saved}" in said
    assert "chưa được ký" in said
    assert "PDF_TOKEN_BAD_PIN" in dialog.message.toolTip()
    assert dialog.written is None
    assert not (tmp_path / "ho-so-da-ky.pdf").exists()
    assert saved.read_bytes() == preview.data
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["ho-so.pdf"]
    assert not preview.check_button.isEnabled()
    save_screenshot(dialog, "pdf-sign-wrong-pin")


def test_check_a_signed_file_opened_for_checking(
    qtbot: QtBot, ui_context: UiContext, authority: Authority, tmp_path: Path
) -> None:
    from assessor_app.services import pdf_signatures, pdf_signing

    source = tmp_path / "bao-cao.pdf"
    source.write_bytes(render_dossier(fixtures.dossier_qd06()))
    signed = sign_anyway(
        source, None, pdf_signing.CertificateFile(authority.pkcs12, PASSPHRASE), visible=True
    )
    trusted = pdf_signatures.trusted_folder(ui_context.workspace.home)
    trusted.mkdir(parents=True, exist_ok=True)
    shutil.copy(authority.ca_pem, trusted / "ca.pem")  # the province's CA, kept as trusted
    check = VerifyPdfDialog(ui_context, document=signed)
    qtbot.addWidget(check)
    said = check.status.text()
    assert f"Chữ ký 1: {SIGNER_NAME} ({SIGNER_ORGANISATION})" in said
    assert "còn nguyên vẹn" in said
    assert "chứng thư số tin cậy" in said


def test_save_and_sign_stops_when_no_file_is_chosen(qtbot: QtBot, ui_context: UiContext) -> None:
    preview = _dossier_preview(qtbot, ui_context)
    preview.choose_target = lambda _suggested: ""  # the user closed the file dialog
    assert preview.save_and_sign() is None
    assert preview.side_dialog is None
