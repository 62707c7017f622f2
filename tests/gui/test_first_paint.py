"""The main window is painted before the store is opened: the first picture costs Qt, the fonts, the
translations and the window's shell only, whatever the size of the store (issue 11); the store is
attached on the next turn of the event loop, and a store that cannot be opened is said over the
window, which then closes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app.logs import configure_logging
from assessor_app.paths import data_home
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import open_workspace
from assessor_app.ui.application import open_main_window
from assessor_app.ui.errors import ErrorReporter

# Records what was loaded when the window was first painted, then waits until it is attached.
PROBE = """
import json, sys
from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QFontDatabase
from assessor_app.logs import log_file, start_logging
from assessor_app.paths import data_home
from assessor_app.services.settings import AppSettings
from assessor_app.ui.application import make_application, open_main_window
from assessor_app.ui.errors import ErrorReporter

app = make_application(sys.argv[:1])
home = data_home(sys.argv[1])
start_logging()  # as the app starts: the log file is opened after the first paint
errors = ErrorReporter(log_file(home.logs))
errors.modal = False
seen = {}
loop = QEventLoop()
window = open_main_window(None, home.root, AppSettings(home=str(home.root)), errors, loop.quit)
def painted():
    seen["painted_loaded"] = sorted(
        name for name in ("sqlalchemy", "alembic", "assessor_app.services.workspace",
                          "assessor_app.ui.assessments.list_view", "assessor_app.ui.editor.editor_view",
                          "logging.handlers")
        if name in sys.modules)
    seen["faces_when_painted"] = sorted(QFontDatabase.styles("Be Vietnam Pro"))
    import logging
    seen["logs_when_painted"] = sorted(getattr(h, "_assessor", "") for h in logging.getLogger().handlers)
    seen["attached_when_painted"] = window.attached
    seen["menus_enabled_when_painted"] = window.menuBar().isEnabled()
window.first_painted.connect(painted)
window.ready.connect(loop.quit)
loop.exec()
seen["attached"] = window.attached
seen["tab"] = window.tabs.tabText(0)
seen["faces_when_attached"] = sorted(QFontDatabase.styles("Be Vietnam Pro"))
import logging
seen["logs_when_attached"] = sorted(getattr(h, "_assessor", "") for h in logging.getLogger().handlers)
window.close()
app.processEvents()
window.context.workspace.close()
print(json.dumps(seen))
"""


def test_the_window_is_painted_before_the_store_and_its_code_are_loaded(home: Path) -> None:
    open_workspace(home).close()  # an existing store, as at every start but the first
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(home)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # neither SQLAlchemy nor the feature views, nor the rotating log file's handler
    assert seen["painted_loaded"] == []
    assert seen["faces_when_painted"] == ["Regular"]  # the one face the shell shows
    assert seen["attached_when_painted"] is False
    assert seen["menus_enabled_when_painted"] is False
    assert seen["attached"] is True
    assert seen["tab"] == "Danh sách đánh giá"
    assert {"Bold", "Italic", "Regular", "SemiBold"} <= set(seen["faces_when_attached"])
    assert seen["logs_when_painted"] == ["tail"]  # the log viewer's memory only
    assert seen["logs_when_attached"] == ["file", "tail"]


def _reporter(home: Path) -> ErrorReporter:
    errors = ErrorReporter(configure_logging(data_home(home).logs))
    errors.modal = False
    return errors


def test_a_store_that_cannot_be_opened_is_said_over_the_window_which_closes(
    home: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    store = Path(data_home(home).database)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(b"these bytes are not an SQLite database" * 100)
    before = store.read_bytes()
    errors = _reporter(home)
    failed: list[bool] = []
    window = open_main_window(
        None, home, AppSettings(home=str(home)), errors, lambda: failed.append(True)
    )
    qtbot.waitUntil(lambda: bool(failed), timeout=20_000)
    assert not window.isVisible()
    assert not window.attached
    assert errors.shown
    assert errors.shown[-1][0] != "unexpected"
    assert store.read_bytes() == before  # the file is left as it was


def test_a_window_closed_while_it_opens_opens_nothing(
    home: Path, qapp: QApplication, qtbot: QtBot
) -> None:
    errors = _reporter(home)
    window = open_main_window(None, home, AppSettings(home=str(home)), errors, lambda: None)
    window.close()  # before its first paint reached the event loop
    for _ in range(5):
        qapp.processEvents()
    assert not window.attached
    assert not Path(data_home(home).database).exists()
    assert not errors.shown
