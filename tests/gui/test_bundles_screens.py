"""The bundles screens as officials use them: the import wizard refuses "Next" on a file it cannot
read (and says why), names agencies in words, and Enter in the passphrase field does one thing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout, QWizard
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.services import bundle_export, keys
from assessor_app.texts import labels
from assessor_app.ui.bundles.import_texts import agency_name
from assessor_app.ui.bundles.import_wizard import ImportWizard
from assessor_app.ui.bundles.passphrase_dialog import PassphraseDialog
from assessor_app.ui.bundles.quarantine_view import quarantine_dialog
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_flow import import_in_wizard
from tests.gui.test_bundles_support import (
    OFFICE_PASS,
    TEAM_PASS,
    Site,
    finalised_assessment,
    settle,
    site_factory,
)


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


def test_next_is_refused_on_a_file_it_cannot_read(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    office = sites("office", "Lý Thị Duyệt")
    wizard = ImportWizard(office)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.choose_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    not_a_bundle = tmp_path / "ghi-chu.ldbundle"
    not_a_bundle.write_text("không phải gói hồ sơ", encoding="utf-8")
    cases = {
        tmp_path / "không có.ldbundle": "không có.ldbundle",
        tmp_path: "thư mục",
        not_a_bundle: "không phải là gói hồ sơ",
    }
    for path, said in cases.items():
        page.picker.edit.setText(str(path))
        assert not page.isComplete()
        assert not next_button.isEnabled()
        assert page.error.isVisible()
        assert said in page.error.text()
    save_screenshot(wizard, "bundles-import-1-not-a-bundle")
    wizard.next()
    assert wizard.currentId() == wizard.startId()  # still on the first page
    assert office.errors.shown == []


def test_agencies_are_named_in_words(qtbot: QtBot, sites: Site, tmp_path: Path) -> None:
    assert agency_name("health") == labels.sector(Sector.HEALTH, i18n.language()) == "Y tế"
    assert agency_name("Sở Y tế Lạng Sơn") == "Sở Y tế Lạng Sơn"  # a name stays as it is
    team = sites("team", "Hoàng Thị Lan")
    keys.init_key(team.workspace, "Hoàng Thị Lan", "health", TEAM_PASS)  # e.g. from the CLI
    bundle = tmp_path / "USB" / "a.ldbundle"
    bundle.parent.mkdir()
    bundle_export.export(team.workspace, [finalised_assessment(team)], bundle, TEAM_PASS)
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    wizard = import_in_wizard(qtbot, office, bundle, OFFICE_PASS)
    shown = wizard.verify_page.agency.text()
    assert shown == i18n._("{organization} (not checked)").format(organization="Y tế")
    assert "health" not in shown
    settle()


def test_enter_in_the_passphrase_field_accepts_once(qtbot: QtBot) -> None:
    window = QDialog()  # a window behind, with a default button of its own
    qtbot.addWidget(window)
    behind = QPushButton("Nhập")
    behind.setDefault(True)
    clicked: list[bool] = []
    behind.clicked.connect(lambda: clicked.append(True))
    QVBoxLayout(window).addWidget(behind)
    window.show()
    dialog = PassphraseDialog("Ký biên nhận", window)
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)  # empty: said inline, not accepted
    assert accepted == []
    assert dialog.error.isVisible()
    qtbot.keyClicks(dialog.edit, "mat khau 2026")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Enter)  # a second press (key repeat) does nothing
    settle()
    assert accepted == [True]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert clicked == []  # the window behind did not also answer the key


def test_an_import_is_not_started_twice(qtbot: QtBot, sites: Site, tmp_path: Path) -> None:
    team = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    bundle = tmp_path / "b.ldbundle"
    bundle_export.export(team.workspace, [finalised_assessment(team)], bundle, TEAM_PASS)
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    wizard = import_in_wizard(qtbot, office, bundle, OFFICE_PASS)
    asked: list[str] = []

    def ask(purpose: str) -> str:
        asked.append(purpose)
        assert wizard.start_apply() is None  # "Import" again while the prompt is open
        return OFFICE_PASS

    wizard.ask_passphrase = ask
    task = wizard.start_apply()
    assert task is not None
    assert len(asked) == 1
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    settle()


def test_the_quarantine_window_fits_the_screen_with_a_tall_list(qtbot: QtBot, sites: Site) -> None:
    office = sites("office", "Lý Thị Duyệt")
    dialog = quarantine_dialog(office)
    qtbot.addWidget(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width()
    assert dialog.height() <= screen.height()
    table = dialog.view.table  # type: ignore[attr-defined]
    assert table.minimumHeight() >= table.fontMetrics().height() * 12
