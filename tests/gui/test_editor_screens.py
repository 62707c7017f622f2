"""Screenshots of the editor on the demo store, for people to look at (test-artifacts/screens/)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.editor_view import AssessmentEditor
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says
from tests.gui.test_editor_support import (
    manual_input,
    open_editor,
    rate_input,
    select,
    settle,
)

SIZES = {"1366x768": (1366, 768), "1024x640": (1024, 640)}


def _grab(widget: QWidget, name: str, *phrases: str) -> None:
    """Save the screen for people to look at, and check that it says `phrases`."""
    assert phrases
    settle()
    save_screenshot(widget, name)
    says(widget, *phrases)


def _sized(qtbot: QtBot, context: UiContext, assessment_id: int, size: str) -> AssessmentEditor:
    editor = open_editor(qtbot, context, assessment_id, SIZES[size])
    editor.resize(*SIZES[size])
    settle()
    assert editor.width() == SIZES[size][0]
    return editor


def test_screens_rate_indicator(qtbot: QtBot, demo_context: UiContext) -> None:
    for size in SIZES:
        editor = _sized(qtbot, demo_context, 2, size)  # the draft QĐ 06 assessment
        select(editor, "TC2.1")
        assert editor.panel.band_table.band_model.current is not None
        _grab(
            editor,
            f"editor-rate-{size}",
            "TC2.1  Tỷ lệ trẻ em được đăng ký khai sinh đúng quy định",
            "Điểm: 45 / 75 điểm",
            "Tỷ lệ: 90,0 %",
        )
        select(editor, "TC3.1")  # per thousand
        _grab(
            editor,
            f"editor-rate-per-thousand-{size}",
            "TC3.1  Tỷ suất trẻ em bị xâm hại (trên 1.000 trẻ em)",
        )


def test_screens_finalised_manual_indicator(qtbot: QtBot, demo_context: UiContext) -> None:
    for size in SIZES:
        editor = _sized(qtbot, demo_context, 1, size)  # finalised, recognised
        select(editor, "TC11.1")
        assert editor.panel.lock_label.isVisible()
        _grab(editor, f"editor-finalised-manual-{size}", "TC11.1", "Đã hoàn tất")
        select(editor, "TC7.1")  # with a comment
        _grab(editor, f"editor-finalised-comment-{size}", "TC7.1", "Một trẻ chưa tiêm đủ mũi sởi")
        select(editor, "TC6.1")  # TC6 is Hoàng Thị Lan's (the profile): first in the tree
        assert editor.tree_model.rows[0].code == "TC6"
        editor.tree.scrollToTop()
        _grab(editor, f"editor-mine-{size}", "TC6.1", "Xã Hữu Liên")


def test_screens_criterion_and_yes_no(qtbot: QtBot, demo_context: UiContext) -> None:
    editor = _sized(qtbot, demo_context, 2, "1024x640")
    select(editor, "TC1")
    _grab(editor, "editor-criterion-1024x640", "Nguồn lực thực hiện quyền trẻ em")
    select(editor, "TC1.4")
    _grab(editor, "editor-yes-no-1024x640", "TC1.4", "Có", "Không")


def test_screens_count_indicator(qtbot: QtBot, demo_context: UiContext) -> None:
    editor = _sized(qtbot, demo_context, 3, "1024x640")  # the QĐ 34 assessment
    select(editor, "TC4.1")
    _grab(editor, "editor-count-1024x640", "TC4.1", "Thị trấn Hữu Lũng")


def test_screens_bad_input(qtbot: QtBot, demo_context: UiContext) -> None:
    editor = _sized(qtbot, demo_context, 2, "1024x640")
    select(editor, "TC9.1")
    rate = rate_input(editor)
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "1300")
    _grab(editor, "editor-bad-input-1024x640", "TC9.1", "hãy sửa số liệu ở trên")
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "900")
    select(editor, "TC12.1")
    manual = manual_input(editor)
    qtbot.keyClicks(manual.points, "90")
    _grab(editor, "editor-bad-manual-1024x640", "TC12.1", "Điểm: —")


def test_screens_dialogs(qtbot: QtBot, demo_context: UiContext) -> None:
    editor = _sized(qtbot, demo_context, 2, "1024x640")
    grabbed: list[str] = []

    def show(dialog: QDialog) -> int:
        dialog.show()
        settle()
        if not grabbed:
            name, says = "editor-finalise-dialog", ("Hoàn tất Xã Hữu Lũng", "Tổng điểm")
        else:
            name, says = "editor-reopen-dialog", ("Mở lại đánh giá", "Hãy ghi lý do")
        _grab(dialog, name, *says)
        grabbed.append(name)
        return QDialog.DialogCode.Rejected.value

    editor.run_dialog = show
    editor.finalise()
    editor_final = _sized(qtbot, demo_context, 1, "1024x640")
    editor_final.run_dialog = show
    editor_final.reopen()
    assert grabbed == ["editor-finalise-dialog", "editor-reopen-dialog"]
    for name in ("history", "team"):
        tab = 2 if name == "history" else 1
        editor_final.tabs.setCurrentIndex(tab)
        assert demo_context.tasks.wait_idle()  # the history is read when its tab is shown
        says_what = (
            ("Chuỗi nhật ký còn nguyên vẹn", "Người thực hiện")
            if name == "history"
            else ("Đoàn đánh giá", "Nông Văn Minh")
        )
        _grab(editor_final, f"editor-tab-{name}-1024x640", *says_what)
