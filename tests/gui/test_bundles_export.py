"""The export dialog when things go wrong (no key, wrong passphrase, existing file, a full or
read-only stick, Cancel), the "Dossiers" menu of the main window, and progress in KiB."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from assessor_app.i18n import _
from assessor_app.services import bundle_export, keys
from assessor_app.ui.bundles.export_dialog import ExportDialog
from assessor_app.ui.bundles.import_wizard import ImportWizard
from assessor_app.ui.bundles.key_dialogs import MyKeyDialog
from assessor_app.ui.bundles.receipt_import import ReceiptImportDialog
from assessor_app.ui.bundles.widgets import ViewDialog, kib_progress
from assessor_app.ui.context import UiContext
from assessor_app.ui.main_window import MainWindow
from tests.gui.test_bundles_support import (
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


@pytest.fixture
def team(sites: Site) -> UiContext:
    context = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    finalised_assessment(context)
    return context


def open_dialog(qtbot: QtBot, context: UiContext, target: Path) -> ExportDialog:
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_target = lambda suggested: str(target)
    dialog.target.choose()
    return dialog


def test_without_a_key_the_dialog_says_how_to_make_one(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    context = sites("team", "Hoàng Thị Lan")
    finalised_assessment(context)
    dialog = open_dialog(qtbot, context, tmp_path / "x.ldbundle")
    assert not dialog.export_button.isEnabled()
    assert dialog.create_key_button.isVisible()
    assert dialog.banner.kind == "warn"
    opened: list[bool] = []

    def make_key() -> None:
        opened.append(True)
        keys.init_key(context.workspace, "Hoàng Thị Lan", "Sở LĐTBXH", TEAM_PASS)

    dialog.open_my_key = make_key
    dialog.create_key_button.click()
    assert opened == [True]
    assert dialog.export_button.isEnabled()
    assert not dialog.create_key_button.isVisible()
    assert not dialog.banner.isVisible()


def test_bad_input_is_said_next_to_the_field(qtbot: QtBot, team: UiContext, tmp_path: Path) -> None:
    target = tmp_path / "USB" / "x.ldbundle"
    target.parent.mkdir()
    dialog = open_dialog(qtbot, team, target)
    assert dialog.export() is None  # no passphrase typed
    assert dialog.passphrase_error.isVisible()
    dialog.passphrase.setText("không đúng mật khẩu")
    wait_task(qtbot, dialog.export())
    assert dialog.passphrase_error.isVisible()
    assert "KEY_BAD_PASSPHRASE" in dialog.passphrase_error.toolTip()  # the code: not in the text
    assert not dialog.banner.isVisible()
    assert os.listdir(target.parent) == []
    for record in dialog.selection.records:
        dialog.selection.set_checked(record.id, False)
    dialog.passphrase.setText(TEAM_PASS)
    assert dialog.export() is None
    assert dialog.selection_error.isVisible()
    dialog.selection.set_checked(dialog.selection.records[0].id, True)
    assert not dialog.selection_error.isVisible()
    target.write_bytes(b"an older bundle")
    assert dialog.export() is None
    assert dialog.target_error.isVisible()
    assert target.read_bytes() == b"an older bundle"
    assert team.errors.shown == []  # nothing went to a message box


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_stick_leaves_nothing(
    qtbot: QtBot, team: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    stick = tmp_path / "USB"
    stick.mkdir()
    real_replace = os.replace

    def failing_replace(source: Any, target: Any) -> None:
        if Path(target).parent == stick:
            raise OSError(error, os.strerror(error), str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    dialog = open_dialog(qtbot, team, stick / "x.ldbundle")
    dialog.passphrase.setText(TEAM_PASS)
    wait_task(qtbot, dialog.export())
    assert dialog.banner.kind == "error"
    assert "EXPORT_WRITE_FAILED" in dialog.banner.text()
    assert os.strerror(error) in dialog.banner.text()
    assert str(stick) in dialog.banner.text()
    assert os.listdir(stick) == []
    assert bundle_export.sent_bundles(team.workspace) == []
    assert dialog.export_button.isEnabled()  # try again with another stick
    settle()


def test_cancel_leaves_nothing(
    qtbot: QtBot, team: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_export = bundle_export.export
    reported: list[tuple[int, int]] = []

    def cancelled_export(*args: Any, **kwargs: Any) -> Any:
        progress = kwargs["progress"]
        progress(3 * 1024, 10 * 1024)
        reported.append((3, 10))
        kwargs["cancelled"] = lambda: True  # the user pressed Cancel
        return real_export(*args, **kwargs)

    monkeypatch.setattr(bundle_export, "export", cancelled_export)
    stick = tmp_path / "USB"
    stick.mkdir()
    dialog = open_dialog(qtbot, team, stick / "x.ldbundle")
    dialog.passphrase.setText(TEAM_PASS)
    wait_task(qtbot, dialog.export())
    assert reported
    assert dialog.banner.kind == "info"
    assert _("The export was cancelled; nothing was written.") in dialog.banner.text()
    assert os.listdir(stick) == []
    assert bundle_export.sent_bundles(team.workspace) == []
    assert team.errors.shown == []


def test_progress_is_reported_in_kib() -> None:
    seen: list[tuple[int, int]] = []
    report = kib_progress(lambda done, total: seen.append((done, total)))
    ten_gib = 10 * 1024**3
    report(ten_gib // 2, ten_gib)
    report(ten_gib, ten_gib)
    report(0, 0)
    assert seen == [(5 * 1024**2, 10 * 1024**2), (10 * 1024**2, 10 * 1024**2), (0, 0)]
    assert all(total < 2**31 for _done, total in seen)


def test_the_dossiers_menu_opens_each_screen(qtbot: QtBot, team: UiContext) -> None:
    window = MainWindow(team)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    menu = menus[_("&Dossiers")]
    assert isinstance(menu, QMenu)
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == [
        _("&Export…"),
        _("&Import…"),
        _("Import a &receipt…"),
        _("&Quarantine"),
        _("&Trusted keys"),
        _("My &signing key"),
    ]
    kinds = [ExportDialog, ImportWizard, ReceiptImportDialog, ViewDialog, ViewDialog, MyKeyDialog]
    for action, kind in zip(actions, kinds, strict=True):
        action.trigger()
        settle()
        shown = [d for d in window.dossiers.open.values() if d.isVisible()]
        assert any(isinstance(d, kind) for d in shown), kind
    assert set(window.dossiers.open) == {
        "export",
        "import",
        "receipt",
        "quarantine",
        "trust",
        "key",
    }
    again = window.dossiers.export()  # one window of each kind
    assert again is window.dossiers.open["export"]
    for dialog in list(window.dossiers.open.values()):
        dialog.close()
    qtbot.waitUntil(lambda: not window.dossiers.open)
