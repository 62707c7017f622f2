"""The bundled Be Vietnam Pro font, so the app looks the same on a machine without Vietnamese fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from assessor_app.paths import resource

log = logging.getLogger(__name__)
FAMILY = "Be Vietnam Pro"
POINT_SIZE = 10


FIRST_FACE = "BeVietnamPro-Regular.ttf"
_remaining: list[str] = []


def _register(path: str) -> list[str]:
    font_id = QFontDatabase.addApplicationFont(path)
    if font_id < 0:
        log.warning("could not load font %s", path)
        return []
    return QFontDatabase.applicationFontFamilies(font_id)


def install(app: QApplication) -> str:
    """Register the regular face of the bundled font and make it the application font; returns the
    family used. The other faces (bold, italic, the serif) are registered by `install_remaining`
    once the first window is painted: it shows only regular text, and each face costs start-up
    time. (Qt drops its font caches when a face is added, so later text uses the real bold.)"""
    paths = sorted(str(path) for path in resource("fonts").glob("*.ttf"))
    first = [path for path in paths if path.endswith(FIRST_FACE)]
    _remaining[:] = [path for path in paths if path not in first]
    families = {family for path in first for family in _register(path)}
    family = FAMILY if FAMILY in families else app.font().family()
    font = QFont(family, POINT_SIZE)
    app.setFont(font)
    return family


def install_remaining() -> None:
    """Register the faces `install` left for later (once; nothing when there are none)."""
    while _remaining:
        _register(_remaining.pop(0))
