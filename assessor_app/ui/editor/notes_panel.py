"""Comments on one indicator (who wrote what, when) and its follow-up flag; every change goes to
`services.notes` on the write queue (off the GUI thread, after the saves before it)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import InputError
from assessor_app.domain.text import clean, nfc
from assessor_app.i18n import _
from assessor_app.services import notes
from assessor_app.services.records import CommentRecord
from assessor_app.texts import dates
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.field_message import FieldMessage


class NotesPanel(QGroupBox):
    """Comment list, new comment box and the follow-up checkbox of the selected indicator."""

    comment_added = Signal(object)  # CommentRecord
    follow_up_changed = Signal(str, bool)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Comments and follow-up"), parent)
        self.context = context
        self.assessment_id = 0
        self.code = ""
        self.editable = True
        layout = QVBoxLayout(self)
        self.follow_up = QCheckBox(_("Needs follow-up (check again before finalising)"))
        self.follow_up.setAccessibleName(_("Needs follow-up"))
        self.follow_up.clicked.connect(self._follow_up_clicked)
        layout.addWidget(self.follow_up)
        self.list_label = QLabel()
        self.list_label.setWordWrap(True)
        self.list_label.setTextFormat(Qt.TextFormat.PlainText)
        self.list_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list_label.setAccessibleName(_("Comments on this indicator"))
        layout.addWidget(self.list_label)
        self.comment_box = QPlainTextEdit()
        self.comment_box.setAccessibleName(_("New comment"))
        self.comment_box.setPlaceholderText(_("Write a comment for the team (Ctrl+Enter adds it)"))
        self.comment_box.setTabChangesFocus(True)
        line = self.comment_box.fontMetrics().lineSpacing()
        self.comment_box.setFixedHeight(line * 3 + 16)
        layout.addWidget(self.comment_box)
        self.message = FieldMessage(self.comment_box, self)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Add comment"))
        self.add_button.setAccessibleName(_("Add the comment"))
        self.add_button.clicked.connect(self.add_comment)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.comment_box)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.add_comment)
        self.comment_box.textChanged.connect(self._typing)

    def set_target(
        self,
        assessment_id: int,
        code: str,
        comments: list[CommentRecord],
        follow_up: bool,
        editable: bool,
    ) -> None:
        self.assessment_id, self.code = assessment_id, code
        self.set_comments(comments)
        self.follow_up.setChecked(follow_up)
        self.set_editable(editable)
        self.message.clear_message()

    def set_comments(self, comments: list[CommentRecord]) -> None:
        if not comments:
            self.list_label.setText(_("No comments yet."))
            return
        self.list_label.setText(
            nfc(
                "\n\n".join(
                    _("{author}, {when}:").format(
                        author=c.author, when=dates.stamp(c.at, seconds=False)
                    )
                    + f"\n{c.text}"
                    for c in comments
                )
            )
        )

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.comment_box.setReadOnly(not editable)
        self.add_button.setEnabled(editable)
        self.follow_up.setEnabled(editable)
        if not editable:
            self.comment_box.setPlaceholderText(
                _("The assessment is finalised: comments are locked.")
            )
        else:
            self.comment_box.setPlaceholderText(
                _("Write a comment for the team (Ctrl+Enter adds it)")
            )

    def focus_chain(self) -> list[QWidget]:
        return [self.comment_box, self.add_button, self.follow_up]

    def _typing(self) -> None:
        if self.message.kind == "error":
            self.message.clear_message()

    def add_comment(self) -> None:
        """Store the comment on the write queue; the box is cleared when the store confirms it."""
        if not self.editable:
            self.message.show_error(_("The assessment is finalised: comments are locked."))
            return
        text = clean(self.comment_box.toPlainText())
        workspace, assessment_id, code = self.context.workspace, self.assessment_id, self.code

        def work(_progress: Progress, _cancelled: Cancelled) -> CommentRecord:
            return notes.add_comment(workspace, assessment_id, code, text)

        self.add_button.setEnabled(False)  # busy: one click, one comment
        self.context.writes.run(
            work,
            lambda record: self._comment_stored(record, text),
            parent=self,
            on_error=self._comment_failed,
            busy=self.comment_box,
        )

    def _comment_stored(self, record: CommentRecord, text: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.add_button.setEnabled(self.editable)
        if record.indicator == self.code and clean(self.comment_box.toPlainText()) == text:
            self.comment_box.clear()  # what was typed since then stays
            self.message.show_hint(_("Comment added."))
        self.comment_added.emit(record)

    def _comment_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.context.errors.report(None, error)
            return
        self.add_button.setEnabled(self.editable)
        if isinstance(error, InputError):  # an empty comment: refused by the service, inline
            self.message.show_error(i18n.render(error))
        else:
            self.context.errors.report(self, error)

    def _follow_up_clicked(self, checked: bool) -> None:
        workspace, assessment_id, code = self.context.workspace, self.assessment_id, self.code

        def work(_progress: Progress, _cancelled: Cancelled) -> None:
            notes.set_follow_up(workspace, assessment_id, code, checked)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self) and self.code == code:
                self.follow_up.setChecked(not checked)
            self.context.errors.report(self if shiboken6.isValid(self) else None, error)

        def done(_none: object) -> None:
            if shiboken6.isValid(self):
                self.follow_up_changed.emit(code, checked)

        self.context.writes.run(work, done, on_error=failed)
