"""The settings dialog: profile saved to the store, language to the settings file; and what the app
says at start about a settings file it cannot use (a newer app's: left untouched)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.services.profile import ProfileKind, load_profile
from assessor_app.services.settings import (
    CONFIG_ENV,
    SETTINGS_VERSION,
    AppSettings,
    read_settings,
)
from assessor_app.ui.application import keep_settings, tell_about_settings
from assessor_app.ui.context import UiContext
from assessor_app.ui.settings_dialog import SettingsDialog, restart_command
from tests.gui.conftest import save_screenshot


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setenv(CONFIG_ENV, str(path))
    yield path
    i18n.set_language("vi")


@pytest.fixture
def dialog(qtbot: QtBot, ui_context: UiContext, config: Path) -> SettingsDialog:
    widget = SettingsDialog(ui_context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _save(dialog: SettingsDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_shows_the_current_profile(dialog: SettingsDialog) -> None:
    assert dialog.name.text() == "Hoàng Thị Lan"
    assert dialog.team.isChecked()
    assert dialog.agency.currentData() == Sector.LABOUR_SOCIAL_AFFAIRS.value
    assert dialog.unit_list.currentData() == "LS-2025-07"
    assert dialog.language.currentData() == "vi"
    save_screenshot(dialog, "settings-dialog")


def test_save_name_updates_the_profile(
    dialog: SettingsDialog, ui_context: UiContext, qtbot: QtBot, config: Path
) -> None:
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Nong Van Minh")
    dialog.office.setChecked(True)
    dialog.agency.setCurrentIndex(dialog.agency.findData(Sector.HEALTH.value))
    dialog.unit_list.setCurrentIndex(dialog.unit_list.findData("LS-2020"))
    with qtbot.waitSignal(ui_context.profile_changed), qtbot.waitSignal(dialog.accepted):
        _save(dialog, qtbot)
    assert ui_context.profile.name == "Nong Van Minh"
    assert ui_context.profile.kind is ProfileKind.OFFICE
    assert ui_context.profile.agency is Sector.HEALTH
    assert ui_context.profile.unit_list == "LS-2020"
    assert load_profile(ui_context.workspace).name == "Nong Van Minh"
    assert ui_context.workspace.actor == "Nong Van Minh"
    assert not config.exists()  # the language did not change: the settings file is untouched


def test_empty_name_is_an_inline_error(
    dialog: SettingsDialog, ui_context: UiContext, qtbot: QtBot
) -> None:
    dialog.name.setText("   ")
    _save(dialog, qtbot)
    assert dialog.isVisible()
    assert not dialog.name_error.isHidden()
    assert dialog.name_error.text() == i18n._("Please enter your name.")
    assert ui_context.errors.shown == []
    assert load_profile(ui_context.workspace).name == "Hoàng Thị Lan"
    save_screenshot(dialog, "settings-dialog-error")
    qtbot.keyClicks(dialog.name, "x")
    assert dialog.name_error.isHidden()


def test_language_is_saved_and_applied(
    dialog: SettingsDialog, ui_context: UiContext, qtbot: QtBot, config: Path
) -> None:
    assert not dialog.language_note.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language_note.isEnabled()  # "applies fully after a restart" stands out
    asked: list[str] = []
    restarted: list[bool] = []
    dialog.ask_restart = lambda: asked.append(i18n.language()) or True
    dialog.restarter = lambda: restarted.append(True)
    with qtbot.waitSignal(dialog.accepted):
        _save(dialog, qtbot)
    assert ui_context.settings.language == "en"
    assert ui_context.settings.first_start_done
    assert json.loads(config.read_text(encoding="utf-8"))["language"] == "en"
    assert i18n.language() == "en"
    assert asked == ["en"]  # the offer to restart, in the new language
    assert restarted == [True]


def test_no_restart_offered_without_a_language_change(dialog: SettingsDialog, qtbot: QtBot) -> None:
    dialog.ask_restart = lambda: pytest.fail("asked to restart without a language change")
    with qtbot.waitSignal(dialog.accepted):
        _save(dialog, qtbot)


def test_declining_the_restart_keeps_the_app_running(dialog: SettingsDialog, qtbot: QtBot) -> None:
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    restarted: list[bool] = []
    dialog.ask_restart = lambda: False
    dialog.restarter = lambda: restarted.append(True)
    with qtbot.waitSignal(dialog.accepted):
        _save(dialog, qtbot)
    assert restarted == []
    assert i18n.language() == "en"  # saved and applied to what opens next


def test_the_restart_command_starts_the_same_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/x/bin/assessor-app", "--home", "/d"])
    assert restart_command() == (sys.executable, ["/x/bin/assessor-app", "--home", "/d"])
    monkeypatch.setattr(sys, "argv", ["/x/assessor_app/__main__.py", "--home", "/d"])
    assert restart_command() == (sys.executable, ["-m", "assessor_app", "--home", "/d"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart_command() == (sys.executable, ["--home", "/d"])


NEWER = {"version": SETTINGS_VERSION + 1, "language": "en", "profiles": []}


def test_a_newer_apps_settings_file_is_said_at_start_and_not_written(
    ui_context: UiContext, config: Path
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps(NEWER), encoding="utf-8")
    original = config.read_bytes()
    loaded = read_settings()
    tell_about_settings(loaded, ui_context.errors)
    kind, text = ui_context.errors.shown[-1]
    assert kind == "expected"
    assert "SETTINGS_NEWER" in text
    assert str(config) in text
    keep_settings(loaded, AppSettings(language="en", first_start_done=True), ui_context.errors)
    assert len(ui_context.errors.shown) == 1  # said once, at start
    assert config.read_bytes() == original


def test_a_language_change_cannot_overwrite_a_newer_apps_file(
    dialog: SettingsDialog, ui_context: UiContext, qtbot: QtBot, config: Path
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps(NEWER), encoding="utf-8")
    original = config.read_bytes()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    _save(dialog, qtbot)
    assert dialog.isVisible()
    assert not dialog.error.isHidden()
    assert str(config) in dialog.error.text()
    assert ui_context.errors.shown == []
    assert ui_context.settings.language == "vi"
    assert i18n.language() == "vi"
    assert config.read_bytes() == original
    save_screenshot(dialog, "settings-dialog-newer-file")


def test_first_start_answers_are_kept_or_a_failure_is_said(
    ui_context: UiContext, config: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    chosen = AppSettings(language="en", first_start_done=True)
    keep_settings(read_settings(), chosen, ui_context.errors)
    assert read_settings().settings == chosen

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV, str(blocker / "settings.json"))
    keep_settings(read_settings(), chosen, ui_context.errors)  # the app goes on
    assert "SETTINGS_WRITE_FAILED" in ui_context.errors.shown[-1][1]
