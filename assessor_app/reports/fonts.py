"""The fonts of every printed document: Liberation Serif, registered with reportlab once.

Liberation Serif is metric-compatible with Times New Roman (the face Vietnamese administrative
documents use), covers all of Vietnamese and is licensed under the SIL Open Font License 1.1
(`resources/fonts/OFL-LiberationSerif.txt`, shipped beside the TTF files). reportlab's own base-14
fonts (Helvetica, Times-Roman) have no Vietnamese letters and are never embedded, so no text may
reach them: every style, table and drawing names `FAMILY` (or one of its faces) explicitly.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from assessor_app.paths import resource

FAMILY = "LiberationSerif"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

LICENCE_FILE = "OFL-LiberationSerif.txt"

_FACES = {
    REGULAR: ("LiberationSerif-Regular.ttf", 0, 0),
    BOLD: ("LiberationSerif-Bold.ttf", 1, 0),
    ITALIC: ("LiberationSerif-Italic.ttf", 0, 1),
    BOLD_ITALIC: ("LiberationSerif-BoldItalic.ttf", 1, 1),
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the four faces and the family mapping (so `<b>`/`<i>` work); return `FAMILY`.

    Safe to call any number of times from any thread; only the first call reads the files.
    """
    global _registered
    with _lock:
        if not _registered:
            for name, (filename, bold, italic) in _FACES.items():
                path = resource("fonts", filename)
                pdfmetrics.registerFont(TTFont(name, str(path)))
                addMapping(FAMILY, bold, italic, name)
            _registered = True
    return FAMILY


def licence_text() -> str:
    """The OFL text to show or ship with the documents' fonts."""
    return resource("fonts", LICENCE_FILE).read_text(encoding="utf-8")
