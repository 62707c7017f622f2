"""Help → About: the version, the app's licence and every bundled component with its licence.

The notices are the file shipped inside the package (`resources/THIRD-PARTY-NOTICES.txt`), the same
text the wheel and the installers carry, so what the dialog shows cannot differ from what ships.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assessor_app import __version__
from assessor_app.i18n import _
from assessor_app.paths import resource

NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"
LICENCE = "Apache-2.0"


def notices_text() -> str:
    return resource(NOTICES_FILE).read_text(encoding="utf-8")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About"))
        self.resize(860, 600)  # the notices are wrapped at 100 columns: room for them

        title = QLabel(
            _("Child-friendly commune assessment, version {version}.").format(version=__version__)
        )
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        licence = QLabel(
            _(
                "Free software under the {licence} licence. It includes Qt (LGPL-3.0), the fonts Be Vietnam Pro and Liberation Serif (SIL OFL 1.1) and the Python libraries listed below, each under its own licence."
            ).format(licence=LICENCE)
        )
        licence.setWordWrap(True)
        provisional = QLabel(
            _("Criteria catalogues marked provisional are not the official values.")
        )
        provisional.setWordWrap(True)

        self.notices = QPlainTextEdit(notices_text())
        self.notices.setReadOnly(True)
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setAccessibleName(_("Licences of the bundled components"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(licence)
        layout.addWidget(provisional)
        layout.addWidget(QLabel(_("Licences of the bundled components")))
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)
