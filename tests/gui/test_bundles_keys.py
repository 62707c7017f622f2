"""Keys in the screens: revoking an enrolled key above a bundle number, replacing one's own key,
and a receipt from an office whose key is not enrolled (refused, said next to the field)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from assessor_app.i18n import _
from assessor_app.services import bundle_export, bundle_import, keys, trust
from assessor_app.ui.bundles.key_dialogs import MyKeyDialog, RotateDialog
from assessor_app.ui.bundles.receipt_import import ReceiptImportDialog
from assessor_app.ui.bundles.trust_dialogs import RevokeDialog
from assessor_app.ui.bundles.trust_view import TrustView
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_support import (
    OFFICE_PASS,
    TEAM_PASS,
    Site,
    finalised_assessment,
    settle,
    site_factory,
    wait_task,
)


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


def test_revoke_a_key_above_a_bundle_number(qtbot: QtBot, sites: Site, tmp_path: Path) -> None:
    team = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    card = tmp_path / "card.json"
    keys.write_card(team.workspace, card)
    team_key = keys.key_info(team.workspace)
    assert team_key is not None
    trust.enrol_card(office.workspace, card, team_key.fingerprint)
    bundle = tmp_path / "one.ldbundle"
    bundle_export.export(team.workspace, [finalised_assessment(team)], bundle, TEAM_PASS)
    assert bundle_import.apply(office.workspace, bundle, OFFICE_PASS).outcome == "accepted"

    view = TrustView(office)
    qtbot.addWidget(view)
    view.show()
    own = keys.key_info(office.workspace)
    assert own is not None
    assert view.select(own.fingerprint)
    assert not view.revoke_button.isEnabled()  # this computer's own key
    assert view.select(team_key.fingerprint)
    assert view.revoke_button.isEnabled()
    row = view.table.currentIndex().row()
    assert "1" in view.model.text(row, 6)  # the last bundle number seen from that computer

    def revoke(key: trust.TrustedKey) -> tuple[int, str] | None:
        dialog = RevokeDialog(key, view)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.above.value() == 1  # what was received stays valid by default
        dialog.accept()
        assert dialog.error.isVisible()  # a reason is required
        dialog.reason.setText("Máy tính của đoàn bị mất")
        settle()
        save_screenshot(dialog, "bundles-revoke-dialog")
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.above.value(), dialog.reason_text()

    view.ask_revocation = revoke
    revoked = view.revoke_selected()
    assert revoked is not None
    assert revoked.revoked_above_seq == 1
    assert view.banner.kind == "info"
    row = view.table.currentIndex().row()
    assert view.model.text(row, 5).startswith(
        _("Revoked above bundle no. {number}").format(number=1)
    )
    assert "Máy tính của đoàn bị mất" in view.model.text(row, 5)


def test_replace_my_key(qtbot: QtBot, sites: Site) -> None:
    team = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    before = keys.key_info(team.workspace)
    assert before is not None
    dialog = MyKeyDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.stack.currentWidget() is dialog.card

    def rotate_with(old: str, new: str, again: str) -> None:
        def run(rotate: RotateDialog) -> int:
            rotate.old.setText(old)
            rotate.new.setText(new)
            rotate.repeat.setText(again)
            rotate.accept()
            return int(rotate.result())

        dialog.run_rotate = run

    rotate_with(TEAM_PASS, "mật khẩu mới rất dài", "khác hẳn")
    assert dialog.rotate() is None  # the two new ones differ: the dialog stays open
    rotate_with("sai mật khẩu", "mật khẩu mới rất dài", "mật khẩu mới rất dài")
    wait_task(qtbot, dialog.rotate())
    assert dialog.banner.kind == "error"
    assert "KEY_BAD_PASSPHRASE" in dialog.banner.text()
    rotate_with(TEAM_PASS, "ngắn", "ngắn")
    wait_task(qtbot, dialog.rotate())
    assert "KEY_WEAK_PASSPHRASE" in dialog.banner.text()  # the service's rule
    rotate_with(TEAM_PASS, "mật khẩu mới rất dài", "mật khẩu mới rất dài")
    wait_task(qtbot, dialog.rotate())
    assert dialog.banner.kind == "ok"
    after = keys.key_info(team.workspace)
    assert after is not None
    assert after.fingerprint != before.fingerprint
    assert dialog.card.fingerprint.text().replace("\n", " ") == after.formatted
    assert dialog.card.qr.has_image


def test_a_receipt_from_an_unknown_office_is_refused(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    team = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    bundle = tmp_path / "one.ldbundle"
    bundle_export.export(team.workspace, [finalised_assessment(team)], bundle, TEAM_PASS)
    result = bundle_import.apply(office.workspace, bundle, OFFICE_PASS)
    assert result.receipt_path is not None
    dialog = ReceiptImportDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.import_receipt() is None  # no file chosen
    assert dialog.error.isVisible()
    dialog.choose_file = lambda: str(result.receipt_path)
    dialog.picker.choose()
    assert not dialog.error.isVisible()
    wait_task(qtbot, dialog.import_receipt())
    assert dialog.error.isVisible()
    assert "RECEIPT_UNTRUSTED" in dialog.error.toolTip()
    assert not dialog.result_box.isVisible()
    assert team.errors.shown == []
    [sent] = bundle_export.sent_bundles(team.workspace)
    assert not sent.acknowledged
