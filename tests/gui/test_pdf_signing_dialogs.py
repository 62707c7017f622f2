"""The signed-PDF dialogs (issue 15) say, in Vietnamese, who signed, when, whether the document is
intact and whether the signer is trusted; a wrong passphrase is said in the dialog, with its code
in the tooltip, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.reports.dossier import render_dossier
from assessor_app.ui.context import UiContext
from assessor_app.ui.pdf_signing.sign_dialog import SignPdfDialog, concern_lines
from assessor_app.ui.pdf_signing.verify_dialog import (
    BAD_STYLE,
    GOOD_STYLE,
    NEUTRAL_STYLE,
    VerifyPdfDialog,
)
from tests.gui.conftest import save_screenshot
from tests.pdf_certificates import PASSPHRASE, SIGNER_NAME, Authority, authority
from tests.unit.reports import fixtures

__all__ = ["authority"]  # fixture


@pytest.fixture
def vietnamese() -> object:
    before = i18n.language()
    i18n.set_language("vi")
    yield
    i18n.set_language(before)


def test_sign_then_check_in_the_dialogs(
    qtbot: QtBot, ui_context: UiContext, authority: Authority, tmp_path: Path, vietnamese: object
) -> None:
    dossier = tmp_path / "ho-so.pdf"
    dossier.write_bytes(render_dossier(fixtures.dossier_qd06()))
    sign = SignPdfDialog(ui_context)
    qtbot.addWidget(sign)
    sign.pdf.edit.setText(str(dossier))
    sign.certificate.edit.setText(str(authority.pkcs12))
    sign.passphrase.setText("sai")
    task = sign.sign()
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    assert sign.written is None
    assert "mật khẩu không đúng" in sign.message.text()
    assert "PDF_SIGN_BAD_PASSPHRASE" in sign.message.toolTip()
    assert not (tmp_path / "ho-so-da-ky.pdf").exists()
    sign.passphrase.setText(PASSPHRASE)
    sign.visible.setChecked(False)
    # the dossier is provisional and printed for the council chair: asked, each concern named
    asked: list[list[str]] = []
    sign.confirm_concerns = lambda c: asked.append(concern_lines(c)) and False  # type: ignore[method-assign]
    task = sign.sign()
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    assert asked == [
        [
            'Văn bản còn dòng "Bộ tiêu chí có nội dung TẠM TÍNH": chưa phải văn bản chính thức.',
            f"Người ký trên chứng thư số ({SIGNER_NAME}) khác người ký in trên văn bản (Hoàng Văn Thắng).",
            "Vẫn ký văn bản này?",
        ]
    ]
    assert sign.written is None  # "Hủy": not signed
    assert not (tmp_path / "ho-so-da-ky.pdf").exists()
    assert sign.message.text() == "Chưa ký: không ghi tệp nào."
    assert sign.message.styleSheet() == NEUTRAL_STYLE
    sign.passphrase.setText(PASSPHRASE)
    sign.confirm_concerns = lambda c: True  # type: ignore[method-assign]  # "Vẫn ký"
    sign.sign()
    qtbot.waitUntil(lambda: sign.task is not None and sign.task.done, timeout=30000)
    assert sign.written == tmp_path / "ho-so-da-ky.pdf"
    assert "Đã ghi bản đã ký" in sign.message.text()
    assert SIGNER_NAME in sign.message.text()  # the copy is checked at once
    # a success is green, even though the signer is not trusted on this computer
    assert sign.message.styleSheet() == GOOD_STYLE

    check = VerifyPdfDialog(ui_context)
    qtbot.addWidget(check)
    check.pdf.edit.setText(str(tmp_path / "ho-so-da-ky.pdf"))
    check.check()
    said = check.status.text()
    assert SIGNER_NAME in said
    assert "còn nguyên vẹn" in said
    assert "chữ ký hợp lệ" in said
    assert "không do tổ chức được tin cậy cấp" in said
    assert check.status.styleSheet() == NEUTRAL_STYLE  # holds, signer unknown: not a failure
    check.ca.edit.setText(str(authority.ca_pem))
    [signature] = check.check()
    assert signature.good
    assert "chứng thư số tin cậy" in check.status.text()
    assert check.status.styleSheet() == GOOD_STYLE


def test_a_changed_document_is_red_and_its_trust_not_judged(
    qtbot: QtBot, ui_context: UiContext, authority: Authority, tmp_path: Path, vietnamese: object
) -> None:
    dossier = tmp_path / "ho-so.pdf"
    dossier.write_bytes(render_dossier(fixtures.dossier_qd06()))
    sign = SignPdfDialog(ui_context)
    qtbot.addWidget(sign)
    sign.pdf.edit.setText(str(dossier))
    sign.certificate.edit.setText(str(authority.pkcs12))
    sign.passphrase.setText(PASSPHRASE)
    sign.visible.setChecked(False)
    sign.confirm_concerns = lambda c: True  # type: ignore[method-assign]
    sign.sign()
    qtbot.waitUntil(lambda: sign.task is not None and sign.task.done, timeout=30000)
    signed = tmp_path / "ho-so-da-ky.pdf"
    raw = bytearray(signed.read_bytes())
    raw[raw.index(b"stream", 2000) + 40] ^= 0x01
    signed.write_bytes(bytes(raw))
    check = VerifyPdfDialog(ui_context)
    qtbot.addWidget(check)
    check.pdf.edit.setText(str(signed))
    check.ca.edit.setText(str(authority.ca_pem))
    check.check()
    said = check.status.text()
    assert "đã bị sửa sau khi ký" in said
    assert "không xét vì chữ ký không còn nguyên vẹn" in said
    assert "tin cậy cấp" not in said
    assert check.status.styleSheet() == BAD_STYLE


def test_the_confirmation_names_each_concern(
    qtbot: QtBot, ui_context: UiContext, vietnamese: object
) -> None:
    from assessor_app.services.pdf_finality import DRAFT, Concerns

    sign = SignPdfDialog(ui_context)
    qtbot.addWidget(sign)
    lines = concern_lines(Concerns((DRAFT,), "Nguyễn Thị Hường", "Trần Văn Bình"))
    assert lines == [
        "Văn bản còn dấu DỰ THẢO (bản nháp).",
        "Người ký trên chứng thư số (Nguyễn Thị Hường) khác người ký in trên văn bản (Trần Văn Bình).",
        "Vẫn ký văn bản này?",
    ]
    same = concern_lines(Concerns((DRAFT,), "Nguyễn Thị Hường", "NGUYỄN THỊ HƯỜNG"))
    assert not any("Người ký" in line for line in same)
    box, go = sign.concerns_box(Concerns((DRAFT,), "Nguyễn Thị Hường", "Trần Văn Bình"))
    assert box.text() == "\n\n".join(lines)
    assert [b.text() for b in box.buttons()].count("&Vẫn ký") == 1
    assert box.defaultButton() is not go  # Enter does not sign
    box.show()
    save_screenshot(box, "pdf-sign-concerns")
