"""The user guide in a window: a table of contents beside the text, opened at a section.

One guide window for the app (`show_help`): F1 again brings the same window to the section of the
screen it was pressed in, so it can stay open beside the work.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.i18n import _
from assessor_app.ui.help import guide

_open: HelpDialog | None = None


def pdf_path(language: str) -> Path:
    """The printable guide in `language` (the Vietnamese one when there is none)."""
    folder = guide.guide_folder(language)
    path = folder / guide.PDF_NAMES.get(folder.name, "")
    return path if path.is_file() else guide.guide_folder("vi") / guide.PDF_NAMES["vi"]


def open_pdf() -> bool:
    """Open the printable guide in the system's PDF reader (False: nothing could open it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf_path(i18n.language()))))


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HelpDialog")
        self.setWindowTitle(_("User guide"))
        self.resize(1000, 680)
        self.language = i18n.language()
        blocks = guide.read(self.language)

        self.contents = QListWidget()
        self.contents.setAccessibleName(_("Contents of the user guide"))
        self.sections = guide.sections(blocks)
        for section in self.sections:
            self.contents.addItem(QListWidgetItem(section.text))
        self.contents.currentRowChanged.connect(self._section_chosen)
        # every anchor → the row of its section in the contents (a sub-section's: its section's)
        self._rows: dict[str, int] = {}
        row = -1
        for block in blocks:
            if isinstance(block, guide.Heading) and block.anchor:
                if block in self.sections:
                    row += 1
                if row >= 0:
                    self._rows[block.anchor] = row

        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(guide.guide_folder(self.language))])
        self.browser.setHtml(guide.to_html(blocks))

        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(_("Open the guide as PDF"))
        self.pdf_button.setToolTip(_("The same guide, to print or to keep"))
        self.pdf_button.clicked.connect(open_pdf)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))

        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        self.topic = ""

    def show_topic(self, topic: str) -> None:
        """Scroll to the section `topic` (a sub-section's id too); the contents follow."""
        self.topic = topic
        if topic in self._rows:
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(self._rows[topic])
            self.contents.blockSignals(False)
        self.browser.scrollToAnchor(topic)

    def _section_chosen(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.topic = self.sections[row].anchor
            self.browser.scrollToAnchor(self.topic)


def show_help(topic: str, parent: QWidget | None = None) -> HelpDialog:
    """The guide's window at `topic`: the one already open (in the current language, over the same
    window), else a new one. Not modal, so it stays beside the screen it explains."""
    global _open
    dialog = _open
    if dialog is not None and shiboken6.isValid(dialog):
        if dialog.language != i18n.language() or dialog.parentWidget() is not parent:
            dialog.close()  # over a modal dialog the old window would be blocked: a new one
            dialog.deleteLater()
            dialog = None
    else:
        dialog = None
    if dialog is None:
        dialog = HelpDialog(parent)
        _open = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.show_topic(topic)
    return dialog
