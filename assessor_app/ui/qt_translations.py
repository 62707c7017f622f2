"""Translations of Qt's own stock texts (dialog buttons, file dialogs, context menus).

Qt ships no Vietnamese catalogue, so the app carries `resources/locale/vi/qt/qtbase_vi.qm`; for other
languages Qt's own catalogue is used when present.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from assessor_app.paths import resource

_installed: list[QTranslator] = []


def install(app: QApplication, language: str) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    candidates = [
        (resource("locale", language, "qt"), f"qtbase_{language}"),
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}"),
    ]
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
            break
