"""A path field with its "Choose…" button, for the signing dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from assessor_app.i18n import _
from assessor_app.ui.file_dialogs import open_file, save_file


class FileRow(QWidget):
    def __init__(self, title: str, tip: str, filters: str, save: bool = False) -> None:
        super().__init__()
        self.title, self.filters, self.save = title, filters, save
        self.edit = QLineEdit()
        self.edit.setToolTip(tip)
        self.edit.setPlaceholderText(tip)
        self.edit.setAccessibleName(title)
        choose = QPushButton(_("Choose…"))
        choose.setToolTip(tip)
        choose.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(choose)

    def choose(self) -> None:
        if self.save:
            chosen = save_file(self, self.title, self.edit.text(), self.filters)
        else:
            chosen = open_file(self, self.title, self.filters)
        if chosen:
            self.edit.setText(chosen)

    def text(self) -> str:
        return self.edit.text().strip()
