"""Helpers shared by the editor tests (no tests here)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assessor_app.domain.values import Value
from assessor_app.services import assessments
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.editor_view import AssessmentEditor
from assessor_app.ui.editor.value_inputs import (
    CountInput,
    ManualInput,
    RateInput,
    ValueInput,
    YesNoInput,
)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key, Vietnamese letters included (QTest.keyClicks only knows ASCII; an
    input method delivers such letters as key events carrying the text, as here)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def settle() -> None:
    """Let posted layout requests run (widgets created on the fly lay out in a few passes)."""
    for _ in range(5):
        QApplication.processEvents()


def open_editor(
    qtbot: QtBot, context: UiContext, assessment_id: int, size: tuple[int, int] = (1366, 768)
) -> AssessmentEditor:
    editor = AssessmentEditor(context, assessment_id)
    qtbot.addWidget(editor)
    editor.resize(*size)
    editor.show()
    settle()
    return editor


def select(editor: AssessmentEditor, code: str) -> None:
    """Select a row of the criteria tree, as a click or the arrow keys do."""
    index = editor.tree_model.index_of(code)
    assert index.isValid(), code
    editor.tree.setCurrentIndex(index)
    assert editor.current_code == code
    settle()


def idle(context: UiContext) -> None:
    """Wait for the write queue: saves, notes and status changes run off the GUI thread."""
    assert context.writes.wait_idle()


def stored(context: UiContext, assessment_id: int) -> dict[str, Value]:
    """The figures in the store, once the saves on the write queue are done."""
    assert context.writes.wait_idle()
    detail = assessments.detail(context.workspace, assessment_id)
    return {code: record.value for code, record in detail.values.items()}


def current_input(editor: AssessmentEditor) -> ValueInput:
    assert editor.panel.input is not None
    return editor.panel.input


def rate_input(editor: AssessmentEditor) -> RateInput:
    value_input = current_input(editor)
    assert isinstance(value_input, RateInput)
    return value_input


def yes_no_input(editor: AssessmentEditor) -> YesNoInput:
    value_input = current_input(editor)
    assert isinstance(value_input, YesNoInput)
    return value_input


def count_input(editor: AssessmentEditor) -> CountInput:
    value_input = current_input(editor)
    assert isinstance(value_input, CountInput)
    return value_input


def manual_input(editor: AssessmentEditor) -> ManualInput:
    value_input = current_input(editor)
    assert isinstance(value_input, ManualInput)
    return value_input
