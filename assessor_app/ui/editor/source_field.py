"""The data source of the selected indicator's figures ("Sổ đăng ký khai sinh của UBND xã năm
2026"), typed next to the figures and stored when the field is left or Enter is pressed; every
change goes to `services.sources` on the write queue, like the comments and the follow-up flag."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import InputError
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services import sources
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.field_message import FieldMessage


class SourceField(QWidget):
    """One line: where the figures come from; printed in the dossier's table and explanations."""

    source_changed = Signal(str, str)  # indicator code, the text stored ("" for none)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id = 0
        self.code = ""
        self.stored = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("Data source of the figures"))
        layout.addWidget(label)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(_("Data source"))
        self.edit.setPlaceholderText(_("e.g. the commune's birth register of 2026"))
        label.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.message = FieldMessage(self.edit, self)
        layout.addWidget(self.message)
        self.edit.editingFinished.connect(self.store)
        self.edit.textEdited.connect(self._typing)

    def set_target(self, assessment_id: int, code: str, text: str, editable: bool) -> None:
        self.assessment_id, self.code, self.stored = assessment_id, code, text
        self.edit.setText(text)
        self.set_editable(editable)
        self.message.clear_message()

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def _typing(self, _text: str) -> None:
        if self.message.kind == "error":
            self.message.clear_message()

    def store(self) -> None:
        """Store the text typed, unless it is what is stored already (or the field is locked)."""
        text = self.edit.text()
        if self.edit.isReadOnly() or not self.code or clean(text) == self.stored:
            return
        workspace, assessment_id, code = self.context.workspace, self.assessment_id, self.code

        def work(_progress: Progress, _cancelled: Cancelled) -> str:
            sources.set_source(workspace, assessment_id, code, text)
            return sources.checked_source(text)

        def done(stored: str) -> None:
            if not shiboken6.isValid(self):
                return
            if self.code == code:
                self.stored = stored
                self.message.show_hint(_("Data source saved."))
            self.source_changed.emit(code, stored)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                self.context.errors.report(None, error)
            elif isinstance(error, InputError) and self.code == code:
                self.message.show_error(i18n.render(error))
            else:
                self.context.errors.report(self, error)

        self.context.writes.run(work, done, on_error=failed)
