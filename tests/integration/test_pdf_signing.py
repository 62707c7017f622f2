"""Signed PDFs (issue 15): a real document of the app signed with a PKCS#12 file and with a SoftHSM2
token, checked by pyHanko (services/pdf_signatures.py) and by poppler's `pdfsig`, independently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assessor_app.domain.errors import AssessorError
from assessor_app.paths import DataHome
from assessor_app.reports.dossier import render_dossier
from assessor_app.services import pdf_signatures, pdf_signing
from assessor_app.services.pdf_signing import CertificateFile, Token
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


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    path = tmp_path / "ho-so.pdf"
    path.write_bytes(render_dossier(fixtures.dossier_qd06()))
    return path


def _pdfsig(path: Path) -> str:
    if not shutil.which("pdfsig"):
        pytest.skip("poppler's pdfsig is not installed (apt-get install poppler-utils)")
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def _error(call: object) -> AssessorError:
    with pytest.raises(AssessorError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def _check_signed(signed: Path, authority: Authority) -> None:
    [untrusted] = pdf_signatures.verify(signed)
    assert (untrusted.intact, untrusted.valid, untrusted.trusted) == (True, True, False)
    assert untrusted.whole_file
    assert not untrusted.modified_after_signing
    assert untrusted.signer == SIGNER_NAME
    assert untrusted.organisation == SIGNER_ORGANISATION
    assert untrusted.signed_at is not None
    [trusted] = pdf_signatures.verify(signed, pdf_signatures.trust_roots([authority.ca_pem]))
    assert trusted.good
    report = _pdfsig(signed)
    assert "ETSI.CAdES.detached" in report
    assert "Signature is Valid" in report
    assert "Total document signed" in report
    assert SIGNER_NAME in report


def test_a_dossier_signed_with_a_certificate_file_is_valid_and_trusted_only_with_its_ca(
    dossier: Path, authority: Authority
) -> None:
    key = CertificateFile(authority.pkcs12, PASSPHRASE)
    signed = sign_anyway(dossier, None, key, reason="Phê duyệt hồ sơ", location="Phủ Lý")
    assert signed == dossier.with_name("ho-so-da-ky.pdf")
    assert dossier.read_bytes() == render_dossier(fixtures.dossier_qd06())  # input untouched
    _check_signed(signed, authority)


def test_a_dossier_signed_on_a_usb_token_is_valid(
    dossier: Path, authority: Authority, token: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ky-bang-token.pdf"
    sign_anyway(dossier, out, Token(token, TOKEN_LABEL, TOKEN_PIN))
    _check_signed(out, authority)


def test_a_byte_changed_after_signing_is_detected_by_both_checks(
    dossier: Path, authority: Authority, tmp_path: Path
) -> None:
    signed = sign_anyway(dossier, None, CertificateFile(authority.pkcs12, PASSPHRASE))
    raw = bytearray(signed.read_bytes())
    inside = raw.index(b"stream", 2000) + 40  # a byte of a page's content, inside the signed range
    raw[inside] ^= 0x01
    changed = tmp_path / "da-sua.pdf"
    changed.write_bytes(bytes(raw))
    [status] = pdf_signatures.verify(changed, pdf_signatures.trust_roots([authority.ca_pem]))
    assert not status.intact
    assert not status.good
    assert status.modified_after_signing
    assert "Signature is Valid" not in _pdfsig(changed)


def test_anything_added_after_signing_shows_the_first_signature_no_longer_covers_the_file(
    dossier: Path, authority: Authority, tmp_path: Path
) -> None:
    signed = sign_anyway(dossier, None, CertificateFile(authority.pkcs12, PASSPHRASE))
    twice = sign_anyway(
        signed, tmp_path / "hai-chu-ky.pdf", CertificateFile(authority.pkcs12, PASSPHRASE)
    )
    first, second = pdf_signatures.verify(twice, pdf_signatures.trust_roots([authority.ca_pem]))
    assert first.intact
    assert first.valid
    assert not first.whole_file
    assert second.good


def test_a_wrong_passphrase_is_a_coded_error_and_leaves_no_file(
    dossier: Path, authority: Authority
) -> None:
    error = _error(lambda: sign_anyway(dossier, None, CertificateFile(authority.pkcs12, "x")))
    assert error.code == "PDF_SIGN_BAD_PASSPHRASE"
    assert [p.name for p in dossier.parent.iterdir() if p.suffix in (".pdf", ".part")] == [
        "ho-so.pdf"
    ]


def test_a_wrong_pin_or_token_label_is_a_coded_error_and_leaves_no_file(
    dossier: Path, token: Path
) -> None:
    wrong_pin = _error(lambda: sign_anyway(dossier, None, Token(token, TOKEN_LABEL, "000000")))
    assert wrong_pin.code == "PDF_TOKEN_BAD_PIN"
    no_token = _error(lambda: sign_anyway(dossier, None, Token(token, "khac", TOKEN_PIN)))
    assert no_token.code == "PDF_TOKEN_NOT_FOUND"
    no_key = _error(
        lambda: sign_anyway(dossier, None, Token(token, TOKEN_LABEL, TOKEN_PIN, "khac"))
    )
    assert no_key.code == "PDF_TOKEN_NO_KEY"
    assert not pdf_signing.signed_name(dossier).exists()
    no_driver = Token(dossier.parent / "khong-co.so", TOKEN_LABEL, TOKEN_PIN)
    assert _error(lambda: sign_anyway(dossier, None, no_driver)).code == "PDF_TOKEN_MODULE"


def test_refusals_of_files_that_cannot_be_signed_or_checked(
    dossier: Path, authority: Authority, tmp_path: Path
) -> None:
    key = CertificateFile(authority.pkcs12, PASSPHRASE)
    text = tmp_path / "ghi-chu.pdf"
    text.write_text("không phải PDF")
    assert _error(lambda: sign_anyway(text, None, key)).code == "PDF_NOT_PDF"
    assert _error(lambda: pdf_signatures.verify(text)).code == "PDF_NOT_PDF"
    assert _error(lambda: pdf_signatures.verify(dossier)).code == "PDF_NO_SIGNATURE"
    assert _error(lambda: sign_anyway(dossier, dossier, key)).code == "PDF_SIGN_SAME_FILE"
    assert _error(lambda: pdf_signatures.trust_roots([text])).code == "PDF_TRUST_BAD_CERT"


def test_certificates_kept_in_the_data_folder_are_trusted(
    dossier: Path, authority: Authority, tmp_path: Path
) -> None:
    home = DataHome(tmp_path / "home")
    folder = pdf_signatures.trusted_folder(home)
    folder.mkdir(parents=True)
    shutil.copy(authority.ca_pem, folder / "ca-tinh.pem")
    (folder / "ghi-chu.txt").write_text("không phải chứng thư")
    signed = sign_anyway(dossier, None, CertificateFile(authority.pkcs12, PASSPHRASE))
    [status] = pdf_signatures.verify(signed, pdf_signatures.trust_roots([], home))
    assert status.good
