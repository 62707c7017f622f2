"""The history as a reviewer reads it (issue 13): a justification edit says what changed, undo and
redo are named in Vietnamese, long texts are cut in the table and whole in the tooltip, and no cell
shows a code, JSON or English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.services import assessments, notes
from assessor_app.texts import labels
from assessor_app.texts.audit import REDO_REASON, UNDO_REASON
from assessor_app.ui.context import UiContext
from assessor_app.ui.history.audit_model import Column
from assessor_app.ui.history.history_view import HistoryView
from tests.gui.conftest import save_screenshot

LONG = (
    "Xã có câu lạc bộ quyền trẻ em ở cả bảy thôn, sinh hoạt đều đặn hằng tháng, có sổ theo dõi, "
    "biên bản từng buổi và kế hoạch năm được Ủy ban nhân dân xã phê duyệt"
)
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
ENGLISH = re.compile(r"\b(undo|redo|export|import|true|false|null|draft|finalized)\b", re.I)


@pytest.fixture
def vietnamese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("vi")
    yield
    i18n.set_language(before)


def _history(qtbot: QtBot, context: UiContext, assessment_id: int) -> HistoryView:
    view = HistoryView(context)
    qtbot.addWidget(view)
    view.set_assessment(assessment_id)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    assert context.tasks.wait_idle()
    return view


def _edits(context: UiContext) -> None:
    """On the draft demo assessment: points given by judgement, then only their justification
    changed; a figure changed, undone and redone; a comment."""
    workspace = context.workspace
    assessments.set_value(workspace, 2, "TC11.1", "points=60", "Có câu lạc bộ")
    assessments.set_value(workspace, 2, "TC11.1", "points=60", LONG)
    assessments.set_value(workspace, 2, "TC2.1", "41/50")
    assessments.set_value(workspace, 2, "TC2.1", "40/50", UNDO_REASON)
    assessments.set_value(workspace, 2, "TC2.1", "41/50", REDO_REASON)
    notes.add_comment(workspace, 2, "TC2.1", "Đối chiếu với sổ hộ tịch")


def test_a_reviewer_reads_what_changed(
    qtbot: QtBot, demo_context: UiContext, vietnamese: None
) -> None:
    _edits(demo_context)
    view = _history(qtbot, demo_context, 2)
    model = view.model
    entries = model.entries
    last = len(entries) - 1
    justification, undo, redo = last - 4, last - 2, last - 1

    change = model.text(justification, Column.CHANGE)
    assert change.startswith("giải trình: “Có câu lạc bộ” → “Xã có câu lạc bộ quyền trẻ em")
    assert change.endswith("…”")
    assert "60 điểm" not in change
    tooltip = model.index(justification, Column.CHANGE).data(Qt.ItemDataRole.ToolTipRole)
    assert LONG in tooltip  # the whole text where the cell is cut
    assert model.text(justification, Column.REASON).startswith("Xã có câu lạc bộ")

    set_value = labels.audit_action("set_value", "vi")
    assert model.text(undo, Column.ACTION) == f"Hoàn tác: {set_value}"
    assert model.text(redo, Column.ACTION) == f"Làm lại: {set_value}"
    assert model.text(undo, Column.CHANGE) == "41/50 → 40/50"
    assert model.text(undo, Column.REASON) == model.text(redo, Column.REASON) == ""

    for row in range(model.rowCount()):
        for column in Column:
            text = model.text(row, column)
            assert not SNAKE.search(text), (row, column, text)
            assert not ENGLISH.search(text), (row, column, text)
            assert not re.search(r'[{"]', text), (row, column, text)

    view.filter_edit.setText("hoan tac")  # the words the screen shows, without diacritics
    assert view.proxy.rowCount() == 1
    view.filter_edit.clear()
    qtbot.wait(50)  # row heights follow the final column widths
    save_screenshot(view, "history-view-sentences")


def test_english_history_names_undo(qtbot: QtBot, demo_context: UiContext) -> None:
    before = i18n.language()
    i18n.set_language("en")
    try:
        _edits(demo_context)
        view = _history(qtbot, demo_context, 2)
        model = view.model
        last = model.rowCount() - 1
        assert model.text(last - 2, Column.ACTION) == "Undo: " + labels.audit_action(
            "set_value", "en"
        )
        assert model.text(last - 4, Column.CHANGE).startswith("justification: “Có câu lạc bộ”")
        save_screenshot(view, "history-view-sentences-en")
    finally:
        i18n.set_language(before)
