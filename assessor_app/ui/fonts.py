"""The bundled Be Vietnam Pro font, so the app looks the same on a machine without Vietnamese fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from assessor_app.paths import resource

log = logging.getLogger(__name__)
FAMILY = "Be Vietnam Pro"
POINT_SIZE = 10


def install(app: QApplication) -> str:
    """Register the bundled fonts and make them the application font; returns the family used."""
    families: set[str] = set()
    for path in sorted(resource("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    family = FAMILY if FAMILY in families else app.font().family()
    font = QFont(family, POINT_SIZE)
    app.setFont(font)
    return family
