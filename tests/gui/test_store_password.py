"""The password of a PostgreSQL store, asked at start-up when libpq has none (issue 16): shown
with user, server and database, the letters hidden; a wrong one is said and asked again; kept in
memory only (never in the settings file nor the log); Cancel offers the data folder's file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from assessor_app.logs import configure_logging
from assessor_app.paths import data_home
from assessor_app.services.settings import CONFIG_ENV, AppSettings, save_settings
from assessor_app.storage import database_postgres
from assessor_app.ui.application import open_main_window
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.store_password import StorePasswordDialog
from tests.gui.conftest import save_screenshot
from tests.postgres_server import PostgresServer, postgres_server

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server"]

PASSWORD = "Mat-Khau-Cua-Can-Bo-7"


@pytest.fixture
def locked_url(
    postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("ASSESSOR_STORE", raising=False)
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config" / "settings.json"))
    url = postgres_server.password_database("can_bo_gui", PASSWORD)
    yield url
    database_postgres.forget_password(url)
    postgres_server.drop_database(url.rsplit("/", 1)[1])


def _answer_when_shown(qtbot: QtBot, answers: list[Callable[[QApplication], bool]]) -> None:
    """Each answer runs once on the next modal dialog it accepts (returns True)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and answers and answers[0](dialog):  # type: ignore[arg-type]
            answers.pop(0)
        if answers:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def _close(window: MainWindow) -> None:
    """As the app ends: the window's reads finished and the window closed, then the store."""
    window.context.tasks.wait_idle()
    window.close()
    window.context.workspace.close()


def _reporter(home: Path) -> ErrorReporter:
    errors = ErrorReporter(configure_logging(data_home(home).logs))
    errors.modal = False
    return errors


def test_a_wrong_password_is_said_and_the_right_one_opens_the_store(
    home: Path, qtbot: QtBot, locked_url: str, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def type_into(password: str) -> Callable[[object], bool]:
        def answer(dialog: object) -> bool:
            if not isinstance(dialog, StorePasswordDialog):
                return False
            assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
            seen.append(dialog.wrong.isVisible())
            dialog.password.setText(password)
            if len(seen) == 2:
                save_screenshot(dialog, "store-password-wrong")
            dialog.accept()
            return True

        return answer

    _answer_when_shown(qtbot, [type_into("sai-mat-khau"), type_into(PASSWORD)])  # type: ignore[list-item]
    errors = _reporter(home)
    settings = AppSettings(home=str(home), store=locked_url, first_start_done=True)
    failed: list[bool] = []
    window = open_main_window(None, home, settings, errors, lambda: failed.append(True))
    qtbot.waitUntil(lambda: window.attached or bool(failed), timeout=60_000)
    assert not failed, errors.shown
    assert seen == [False, True]  # the second time it says the first was refused
    assert window.context.workspace.database.is_postgres
    save_settings(settings)
    _close(window)
    for folder in (home, tmp_path / "config"):
        for path in folder.rglob("*"):
            if path.is_file():
                assert PASSWORD.encode() not in path.read_bytes(), path
    assert (tmp_path / "config" / "settings.json").exists()
    assert list(data_home(home).logs.glob("*.log"))


def test_cancel_offers_the_data_folders_file(home: Path, qtbot: QtBot, locked_url: str) -> None:
    def cancel(dialog: object) -> bool:
        if not isinstance(dialog, StorePasswordDialog):
            return False
        dialog.reject()
        return True

    def the_file(dialog: object) -> bool:
        if not isinstance(dialog, QMessageBox):
            return False
        [button] = [
            b for b in dialog.buttons() if dialog.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        button.click()
        return True

    _answer_when_shown(qtbot, [cancel, the_file])  # type: ignore[list-item]
    errors = _reporter(home)
    settings = AppSettings(home=str(home), store=locked_url, first_start_done=True)
    failed: list[bool] = []
    window = open_main_window(None, home, settings, errors, lambda: failed.append(True))
    qtbot.waitUntil(lambda: window.attached or bool(failed), timeout=60_000)
    assert not failed, errors.shown
    assert not window.context.workspace.database.is_postgres
    _close(window)


def test_cancel_then_quit_closes_the_window(home: Path, qtbot: QtBot, locked_url: str) -> None:
    def cancel(dialog: object) -> bool:
        if not isinstance(dialog, StorePasswordDialog):
            return False
        dialog.reject()
        return True

    def quit_(dialog: object) -> bool:
        if not isinstance(dialog, QMessageBox):
            return False
        [button] = [
            b for b in dialog.buttons() if dialog.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
        ]
        button.click()
        return True

    _answer_when_shown(qtbot, [cancel, quit_])  # type: ignore[list-item]
    errors = _reporter(home)
    settings = AppSettings(home=str(home), store=locked_url, first_start_done=True)
    failed: list[bool] = []
    window = open_main_window(None, home, settings, errors, lambda: failed.append(True))
    qtbot.waitUntil(lambda: bool(failed), timeout=60_000)
    assert not window.attached
    assert not errors.shown  # quitting is no error
