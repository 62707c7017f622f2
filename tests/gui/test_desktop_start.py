"""What a start of the desktop app does beyond the commands: the day's copy of the store; and
`assessor-app check-gui`, which opens and closes the window for installers and support."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from assessor_app.domain.backups import BackupKind
from assessor_app.services import backups
from assessor_app.ui.application import open_for_gui
from assessor_app.ui.check import check_gui


def test_the_first_start_of_the_day_copies_the_store(home: Path, qapp: QApplication) -> None:
    open_for_gui(None, home).close()
    open_for_gui(None, home).close()  # the same day: no second copy
    assert [r.kind for r in backups.list_backups(home)] == [BackupKind.DAILY]


def test_check_gui_opens_and_closes_the_main_window(
    home: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_gui(str(home)) == 0
    assert "Cửa sổ chính đã mở và đóng" in capsys.readouterr().out
    from assessor_app.ui.main_window import MainWindow

    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_the_app_has_its_icon(qapp: QApplication) -> None:
    from assessor_app.ui.application import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 48, 256}
