"""Before signing (issue 15 review): a document that still carries a mark of a document not final
(the DỰ THẢO label, the provisional catalogue banner, the "cần kiểm tra trước khi ký" note, the
DEMO banner), or whose signer block prints another name than the certificate's, is refused with a
code naming the concern, and nothing is written; `force` signs it anyway."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from assessor_app.reports import fonts
from assessor_app.reports.dossier import render_dossier
from assessor_app.reports.layout_pages import draw_draft_label
from assessor_app.services import pdf_finality, pdf_signatures, pdf_signing
from assessor_app.services.pdf_finality import NotReadyToSign
from assessor_app.services.pdf_signing import CertificateFile
from assessor_app.texts import pdf_signature
from tests.pdf_certificates import PASSPHRASE, SIGNER_NAME, Authority, authority
from tests.unit.reports import fixtures

__all__ = ["authority"]  # fixture


def signed_by(path: Path, name: str, *, draft: bool = False, note: str = "") -> Path:
    """A one-page letter ending with a signer block (position in capitals, 24 mm, name), as the
    app prints it; with the DỰ THẢO label and/or a note when asked."""
    fonts.register_fonts()
    canvas = Canvas(str(path), pagesize=A4)
    if draft:
        draw_draft_label(canvas)
    canvas.setFont(fonts.REGULAR, 13)
    canvas.drawString(85, 700, "Kính gửi: Ủy ban nhân dân tỉnh.")
    if note:
        canvas.drawString(85, 680, note)
    canvas.setFont(fonts.BOLD, 13)
    canvas.drawString(380, 400, "CHỦ TỊCH")
    canvas.drawString(370, 315, name)
    canvas.save()
    return path


def _sign(source: Path, authority: Authority, force: bool = False) -> Path:
    key = CertificateFile(authority.pkcs12, PASSPHRASE)
    return pdf_signing.sign(source, None, key, visible=True, force=force)


def _refusal(source: Path, authority: Authority) -> NotReadyToSign:
    with pytest.raises(NotReadyToSign) as refused:
        _sign(source, authority)
    assert not pdf_signing.signed_name(source).exists()  # nothing written
    return refused.value


def test_a_final_document_printed_for_the_certificates_signer_is_signed(
    tmp_path: Path, authority: Authority
) -> None:
    source = signed_by(tmp_path / "cong-van.pdf", SIGNER_NAME)
    signed = _sign(source, authority)
    [status] = pdf_signatures.verify(signed)
    assert status.valid
    # case and spacing do not make another person
    upper = signed_by(tmp_path / "hoa.pdf", SIGNER_NAME.upper().replace(" ", "  "))
    assert _sign(upper, authority).exists()


def test_the_provisional_dossier_printed_for_another_signer_is_refused_naming_both(
    tmp_path: Path, authority: Authority
) -> None:
    dossier = tmp_path / "ho-so.pdf"
    dossier.write_bytes(render_dossier(fixtures.dossier_qd06()))
    error = _refusal(dossier, authority)
    assert error.code == "PDF_SIGN_NOT_FINAL"
    assert error.concerns.marks == (pdf_finality.PROVISIONAL,)
    assert error.concerns.printed_signer == "Hoàng Văn Thắng"  # the council chair's block
    assert error.concerns.other_signer
    said = pdf_signature.concerns(
        error.concerns.marks, error.concerns.certificate_signer, "Hoàng Văn Thắng", "vi"
    )
    assert said == [
        'Văn bản còn dòng "Bộ tiêu chí có nội dung TẠM TÍNH": chưa phải văn bản chính thức.',
        f"Người ký trên chứng thư số ({SIGNER_NAME}) khác người ký in trên văn bản (Hoàng Văn Thắng).",
    ]
    assert pdf_signatures.verify(_sign(dossier, authority, force=True))[0].valid


def test_a_draft_or_unverified_document_is_refused(tmp_path: Path, authority: Authority) -> None:
    draft = signed_by(tmp_path / "du-thao.pdf", SIGNER_NAME, draft=True)
    error = _refusal(draft, authority)
    assert (error.code, error.concerns.marks) == ("PDF_SIGN_NOT_FINAL", (pdf_finality.DRAFT,))
    assert not error.concerns.other_signer
    note = "Thẩm quyền chưa được đối chiếu; cơ quan ban hành cần kiểm tra trước khi ký."
    unverified = signed_by(tmp_path / "qd.pdf", SIGNER_NAME, note=note)
    assert _refusal(unverified, authority).concerns.marks == (pdf_finality.UNVERIFIED,)


def test_another_signer_printed_is_refused(tmp_path: Path, authority: Authority) -> None:
    other = signed_by(tmp_path / "khac.pdf", "Trần Văn Bình")
    error = _refusal(other, authority)
    assert error.code == "PDF_SIGN_SIGNER_MISMATCH"
    assert error.concerns.marks == ()
    assert (error.concerns.certificate_signer, error.concerns.printed_signer) == (
        SIGNER_NAME,
        "Trần Văn Bình",
    )


def test_marks_are_the_apps_own_words_not_any_mention() -> None:
    assert pdf_finality.marks_in("DỰ THẢO\nBộ tiêu chí có nội\ndung TẠM TÍNH, chưa phải") == (
        pdf_finality.DRAFT,
        pdf_finality.PROVISIONAL,
    )
    assert pdf_finality.marks_in("Quyết định ban hành kèm theo dự thảo đã góp ý.") == ()
    assert pdf_finality.marks_in("DEMOCRAT") == ()
