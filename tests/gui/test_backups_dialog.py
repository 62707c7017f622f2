"""Tools → Copies of the data: the copies listed in Vietnamese, a copy made now, a copy restored
(the data as it was copied first, the app told to close), and Settings saying where they are."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assessor_app.domain.backups import BackupKind
from assessor_app.services import backups, profile
from assessor_app.services.workspace import open_workspace
from assessor_app.ui.backups_dialog import BackupsDialog
from assessor_app.ui.context import UiContext
from assessor_app.ui.settings_dialog import SettingsDialog
from tests.gui.conftest import save_screenshot


def test_copies_are_listed_made_and_restored(qtbot: QtBot, ui_context: UiContext) -> None:
    home = ui_context.workspace.home.root
    backups.backup(ui_context.workspace, BackupKind.DAILY)
    dialog = BackupsDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Hằng ngày"
    assert not dialog.restore_button.isEnabled()

    dialog.make.click()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "Tạo thủ công"
    save_screenshot(dialog, "backups-dialog")

    manual = dialog.records[0]
    profile.save_profile(ui_context.workspace, "team", "Người Sau", "justice", "LS-2025-07")
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.restore(manual)
    assert dialog.restored
    assert not ui_context.errors.shown
    reopened = open_workspace(home, actor="x")
    try:
        assert profile.load_profile(reopened).name == "Hoàng Thị Lan"
    finally:
        reopened.close()
    kinds = [r.kind for r in backups.list_backups(home)]
    assert BackupKind.RESTORE in kinds  # the data as it was before the restore


def test_settings_say_where_the_data_and_its_copies_are(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    assert dialog.data_folder.text() == str(ui_context.workspace.home.root)
    assert dialog.backups_folder.text() == str(ui_context.workspace.home.backups)
