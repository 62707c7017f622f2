"""The details of the selected evidence file: what it is, its caption (editable), its SHA-256."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from assessor_app.i18n import _


class FileDetails(QWidget):
    """Only the widgets; the evidence panel fills them and reacts to them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setAccessibleName(_("File details"))
        self.caption_edit = QLineEdit()
        self.caption_edit.setAccessibleName(_("Caption"))
        self.caption_edit.setPlaceholderText(_("What the file shows, e.g. “Sổ tiêm chủng 2026”"))
        self.caption_edit.setClearButtonEnabled(True)
        caption_label = QLabel(_("&Caption:"))
        caption_label.setBuddy(self.caption_edit)
        self.sha_toggle = QToolButton()
        self.sha_toggle.setCheckable(True)
        self.sha_toggle.setText(_("Show SHA-256"))
        self.sha_toggle.setAccessibleName(_("Show the SHA-256 fingerprint"))
        self.sha_toggle.setToolTip(
            _("The file's fingerprint, to check that a copy is exactly the stored file.")
        )
        self.sha_label = QLabel()  # two lines of 32 digits: the whole hash, never clipped
        self.sha_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.sha_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.sha_label.setAccessibleName(_("SHA-256 fingerprint"))
        self.sha_copy = QToolButton()
        self.sha_copy.setText(_("Copy"))
        self.sha_copy.setAccessibleName(_("Copy the SHA-256 fingerprint"))
        details_layout = QGridLayout(self)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.info_label, 0, 0, 1, 3)
        details_layout.addWidget(caption_label, 1, 0)
        details_layout.addWidget(self.caption_edit, 1, 1, 1, 2)
        sha_buttons = QHBoxLayout()
        sha_buttons.addWidget(self.sha_toggle)
        sha_buttons.addWidget(self.sha_copy)
        sha_buttons.addStretch(1)
        details_layout.addLayout(sha_buttons, 2, 0, 1, 3)
        details_layout.addWidget(self.sha_label, 3, 0, 1, 3)
        details_layout.setColumnStretch(1, 1)
