"""Settings → "Kho dữ liệu": a PostgreSQL server is saved as host, port, database and user, never a
password; the file is the default; a password typed into the settings file by hand is dropped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.services.settings import CONFIG_ENV, AppSettings, read_settings, save_settings
from assessor_app.ui.context import UiContext
from assessor_app.ui.settings_dialog import SettingsDialog
from assessor_app.ui.store_settings_box import StoreSettingsBox
from tests.gui.conftest import save_screenshot


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setenv(CONFIG_ENV, str(path))
    yield path
    i18n.set_language("vi")


def test_the_file_is_the_default_and_a_server_is_saved_without_a_password(
    qtbot: QtBot, ui_context: UiContext, config: Path
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.store
    assert box.local.isChecked()
    assert not box.host.isEnabled()
    box.server.setChecked(True)
    box.host.setText("may-chu.so-ldtbxh.local")
    box.port.setValue(5433)
    box.database.setText("assessor")
    box.user.setText("can_bo_a")
    dialog.scroll_area.ensureWidgetVisible(box.result)
    save_screenshot(dialog, "settings-store-server")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    saved = json.loads(config.read_text(encoding="utf-8"))["store"]
    assert saved == "postgresql://can_bo_a@may-chu.so-ldtbxh.local:5433/assessor"
    assert read_settings(config).settings.store == saved  # round trip: the next start opens it
    again = SettingsDialog(ui_context)
    qtbot.addWidget(again)
    assert again.store.server.isChecked()
    assert again.store.port.value() == 5433


def test_a_password_is_never_written_to_the_settings_file(config: Path) -> None:
    save_settings(AppSettings(store="postgresql://can_bo_a:mat-khau-bi-mat@server/assessor"))
    text = config.read_text(encoding="utf-8")
    assert "mat-khau-bi-mat" not in text
    assert json.loads(text)["store"] == "postgresql://can_bo_a@server/assessor"
    # One put there by hand is not used and not written back.
    config.write_text(
        json.dumps({"version": 2, "store": "postgresql://u:hand-typed@server/db"}), encoding="utf-8"
    )
    loaded = read_settings(config).settings
    assert loaded.store == "postgresql://u@server/db"
    save_settings(loaded)
    assert "hand-typed" not in config.read_text(encoding="utf-8")
    assert not any("hand-typed" in p.read_text(errors="ignore") for p in config.parent.iterdir())


def test_a_failed_connection_test_says_why(
    qtbot: QtBot, ui_context: UiContext, config: Path
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.store.server.setChecked(True)
    dialog.store.host.setText("127.0.0.1")
    dialog.store.port.setValue(1)  # nothing listens there
    dialog.store.database.setText("assessor")
    dialog.store.user.setText("can_bo_a")
    assert not dialog.store.test_connection()
    assert "127.0.0.1" in dialog.store.result.text()


def test_a_shared_evidence_folder_is_checked_and_saved(
    qtbot: QtBot, ui_context: UiContext, config: Path, tmp_path: Path
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    box = dialog.store
    assert not box.in_folder.isEnabled()  # the file store keeps its evidence in the data folder
    box.server.setChecked(True)
    box.host.setText("may-chu")
    box.database.setText("assessor")
    box.user.setText("can_bo_a")
    assert box.in_database.isChecked()  # the default: in the database
    assert not box.folder.isEnabled()
    box.in_folder.setChecked(True)
    assert box.folder.isEnabled()
    box.folder.setText(str(tmp_path / "chua-gan"))  # not mounted
    assert not dialog.save()
    assert "chua-gan" in box.folder_result.text()
    assert not config.exists()
    # scrolled to the reason: at 1366×768 the dialog scrolls, and the reason must be in sight
    shown = box.folder_result.mapTo(
        dialog.scroll_area.viewport(), box.folder_result.rect().center()
    )
    assert dialog.scroll_area.viewport().rect().contains(shown)
    save_screenshot(dialog, "settings-store-evidence-folder")
    shared = tmp_path / "chung"
    shared.mkdir()
    box.folder.setText(str(shared))
    assert dialog.save()
    assert list(shared.iterdir()) == []  # the test file is gone
    assert read_settings(config).settings.evidence_folder == str(shared)
    again = SettingsDialog(ui_context)
    qtbot.addWidget(again)
    assert again.store.in_folder.isChecked()
    assert again.store.folder.text() == str(shared)


def test_the_encryption_asked_for_is_saved_and_shown_again(qtbot: QtBot) -> None:
    box = StoreSettingsBox(
        "postgresql://can_bo@server:5432/assessor?sslmode=require&sslrootcert=/ca.pem"
    )
    qtbot.addWidget(box)
    assert box.ssl.currentData() == "require"
    box.ssl.setCurrentIndex(box.ssl.findData("verify-full"))
    url = box.url()
    assert "sslmode=verify-full" in url
    assert "sslrootcert=" in url  # typed into the file by hand: kept
    box.ssl.setCurrentIndex(box.ssl.findData(""))
    assert "sslmode" not in box.url()
