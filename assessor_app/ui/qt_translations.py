"""Translations of Qt's own stock texts (dialog buttons, file dialogs, context menus).

Qt ships no Vietnamese catalogue, so the app carries `resources/locale/vi/qt/qtbase_vi.qm`, built
from `qtbase_vi.ts` by `packaging/qt_i18n.py build` (it covers the file and print dialogs; their
source texts must be Qt's exactly, accelerators included); for other languages Qt's own catalogue is
used when present.
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
