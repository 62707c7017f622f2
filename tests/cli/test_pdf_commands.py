"""`sign` and `verify-pdf` (issue 15): the secret comes from the environment, never the command
line; the exit status says whether the document is as signed and by whom (docs/cli.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.reports.dossier import render_dossier
from tests.cli.conftest import Runner
from tests.integration.test_pdf_finality import signed_by
from tests.pdf_certificates import (
    PASSPHRASE,
    SIGNER_NAME,
    TOKEN_LABEL,
    TOKEN_PIN,
    Authority,
    authority,
    token,
)
from tests.unit.reports import fixtures

__all__ = ["authority", "token"]  # fixtures


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    path = tmp_path / "ho-so.pdf"
    path.write_bytes(render_dossier(fixtures.dossier_qd06()))
    return path


def test_sign_with_a_certificate_file_then_verify_with_and_without_trust(
    cli: Runner, dossier: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_CERTIFICATE_PASSPHRASE", PASSPHRASE)
    signed = cli(
        "sign", str(dossier), "--pkcs12", str(authority.pkcs12), "--reason", "Phê duyệt", "--force"
    )
    assert signed.code == 0, signed.err
    out = dossier.with_name("ho-so-da-ky.pdf")
    assert str(out) in signed.out
    untrusted = cli("verify-pdf", str(out), lang="vi")
    assert untrusted.code == 24
    assert SIGNER_NAME in untrusted.out
    assert "còn nguyên vẹn" in untrusted.out
    assert "không do tổ chức được tin cậy cấp" in untrusted.out
    trusted = cli("verify-pdf", str(out), "--trust", str(authority.ca_pem), "--json")
    assert trusted.code == 0
    [signature] = trusted.json()["signatures"]
    assert signature["signer"] == SIGNER_NAME
    assert (signature["intact"], signature["valid"], signature["trusted"]) == (True, True, True)


def test_a_changed_document_exits_22(
    cli: Runner, dossier: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_CERTIFICATE_PASSPHRASE", PASSPHRASE)
    out = dossier.with_name("da-ky.pdf")
    cli("sign", str(dossier), "--pkcs12", str(authority.pkcs12), "--out", str(out), "--force")
    raw = bytearray(out.read_bytes())
    raw[raw.index(b"stream", 2000) + 40] ^= 0x01
    out.write_bytes(bytes(raw))
    changed = cli("verify-pdf", str(out), "--trust", str(authority.ca_pem), lang="vi")
    assert changed.code == 22
    assert "đã bị sửa sau khi ký" in changed.out
    # a broken signature says nothing about trust, even with the right CA given
    assert "không xét vì chữ ký không còn nguyên vẹn" in changed.out
    assert "tin cậy cấp" not in changed.out
    assert "chứng thư số tin cậy" not in changed.out
    as_json = cli("verify-pdf", str(out), "--trust", str(authority.ca_pem), "--json")
    [signature] = as_json.json()["signatures"]
    assert signature["intact"] is False
    assert signature["trusted"] is None


def test_sign_on_a_token(
    cli: Runner, dossier: Path, authority: Authority, token: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_TOKEN_PIN", TOKEN_PIN)
    args = ("sign", str(dossier), "--pkcs11-module", str(token), "--token", TOKEN_LABEL, "--force")
    assert cli(*args).code == 0
    out = dossier.with_name("ho-so-da-ky.pdf")
    assert cli("verify-pdf", str(out), "--trust", str(authority.ca_pem)).code == 0
    monkeypatch.setenv("ASSESSOR_TOKEN_PIN", "000000")
    wrong = cli(*args, "--out", str(dossier.with_name("khac.pdf")))
    assert wrong.code == 3
    assert wrong.err.rstrip().endswith("[PDF_TOKEN_BAD_PIN]")
    assert not dossier.with_name("khac.pdf").exists()


def test_refusals_are_one_coded_line(
    cli: Runner, dossier: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_CERTIFICATE_PASSPHRASE", "sai")
    wrong = cli("sign", str(dossier), "--pkcs12", str(authority.pkcs12))
    assert (wrong.code, wrong.err.rstrip()[-25:]) == (3, "[PDF_SIGN_BAD_PASSPHRASE]")
    no_label = cli("sign", str(dossier), "--pkcs11-module", "/khong/co.so")
    assert no_label.err.rstrip().endswith("[PDF_TOKEN_LABEL_REQUIRED]")
    unsigned = cli("verify-pdf", str(dossier))
    assert (unsigned.code, unsigned.err.rstrip()[-18:]) == (4, "[PDF_NO_SIGNATURE]")
    both = cli("sign", str(dossier), "--pkcs12", "a.p12", "--pkcs11-module", "b.so")
    assert both.code == 2


def test_sign_visible_draws_the_stamp(
    cli: Runner, dossier: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_CERTIFICATE_PASSPHRASE", PASSPHRASE)
    signed = cli(
        "sign", str(dossier), "--pkcs12", str(authority.pkcs12), "--visible", "--json", "--force"
    )
    assert signed.code == 0, signed.err
    out = Path(signed.json()["file"])
    assert signed.json()["drawn"] is True
    checked = cli("verify-pdf", str(out), "--trust", str(authority.ca_pem), "--json")
    assert checked.code == 0
    # the stamp is in the chair's signer block of the minutes, page 12 of the dossier
    assert f"Ký bởi: {SIGNER_NAME}" in fixtures.pdftotext(out, 12, 12)
    assert "Ký bởi" not in fixtures.pdftotext(out, 13, 14)


def test_sign_refuses_a_document_not_final_or_for_another_signer_unless_forced(
    cli: Runner, dossier: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_CERTIFICATE_PASSPHRASE", PASSPHRASE)
    refused = cli("sign", str(dossier), "--pkcs12", str(authority.pkcs12), lang="vi")
    assert refused.code == 5
    assert refused.err.rstrip().endswith("[PDF_SIGN_NOT_FINAL]")
    assert "Bộ tiêu chí có nội dung TẠM TÍNH" in refused.err
    assert (
        f"Người ký trên chứng thư số ({SIGNER_NAME}) khác người ký in trên văn bản (Hoàng Văn Thắng)"
        in refused.err
    )
    assert "--force" in refused.err
    assert not dossier.with_name("ho-so-da-ky.pdf").exists()

    other = signed_by(dossier.with_name("cong-van.pdf"), "Trần Văn Bình")
    mismatch = cli("sign", str(other), "--pkcs12", str(authority.pkcs12), lang="vi")
    assert mismatch.code == 5
    assert mismatch.err.rstrip().endswith("[PDF_SIGN_SIGNER_MISMATCH]")
    assert "(Trần Văn Bình)" in mismatch.err
    forced = cli("sign", str(other), "--pkcs12", str(authority.pkcs12), "--force")
    assert forced.code == 0, forced.err
    assert other.with_name("cong-van-da-ky.pdf").exists()
