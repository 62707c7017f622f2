"""Qt's own stock texts (dialog buttons, wizard buttons, context menus) come in Vietnamese too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWizard

from assessor_app.ui import qt_translations

QT_VI = Path(__file__).resolve().parents[2] / "resources" / "locale" / "vi" / "qt"


def test_stock_buttons_are_vietnamese(qapp: QApplication) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    wizard = QWizard()
    assert "Tiếp" in wizard.buttonText(QWizard.WizardButton.NextButton)
    assert "Quay lại" in wizard.buttonText(QWizard.WizardButton.BackButton)


def test_english_has_the_stock_texts(qapp: QApplication) -> None:
    qt_translations.install(qapp, "en")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        qt_translations.install(qapp, "vi")


LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"  # installed with PySide6-Essentials


def test_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    out = tmp_path / "qtbase_vi.qm"
    subprocess.run(
        [str(LRELEASE), "-silent", str(QT_VI / "qtbase_vi.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert out.read_bytes() == (QT_VI / "qtbase_vi.qm").read_bytes(), (
        "run pyside6-lrelease on qtbase_vi.ts"
    )
