"""Help → About says the version, the app's licence and every bundled component's licence, in
Vietnamese, from the notices file that ships inside the package."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import assessor_app
from assessor_app.ui.about_dialog import AboutDialog, notices_text
from tests.gui.conftest import save_screenshot


def test_about_names_the_version_the_licence_and_the_components(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"phiên bản {assessor_app.__version__}" in said
    assert "Apache-2.0" in said
    assert "LGPL-3.0" in said
    assert "OFL" in said
    assert "tạm tính" in said  # provisional catalogues are not the official values
    shown = dialog.notices.toPlainText()
    assert shown == notices_text()
    for component in ("PySide6-Essentials", "Be Vietnam Pro", "reportlab", "sqlalchemy"):
        assert component in shown
    assert dialog.notices.isReadOnly()
    save_screenshot(dialog, "about-dialog")
