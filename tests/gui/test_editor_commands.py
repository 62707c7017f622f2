"""Finalise and reopen from the *Assessment* menu and their shortcuts; finalising lists the
indicators that still need follow-up and asks to confirm them; undo and redo (Ctrl+Z, Ctrl+Y,
Ctrl+Shift+Z) work on the assessment also while the keyboard is in a figure's field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.qtbot import QtBot

from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.values import RateValue
from assessor_app.services import assessments, notes
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.finalize_dialogs import FinaliseDialog
from assessor_app.ui.main_window import MainWindow
from tests.gui.test_editor_support import idle, open_editor, rate_input, select, settle, stored

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _window(qtbot: QtBot, context: UiContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert context.tasks.wait_idle()
    return window


def _menu(window: MainWindow, title: str) -> QMenu:
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    menu = menus[title]
    assert isinstance(menu, QMenu)
    return menu


def test_finalising_lists_the_follow_up_flags_and_asks_to_confirm_them(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    notes.set_follow_up(ui_context.workspace, created.id, "TC7.1", True)
    notes.set_follow_up(ui_context.workspace, created.id, "TC2.1", True)
    editor = open_editor(qtbot, ui_context, created.id)
    dialog = editor.build_finalise_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dialog.follow_up_label.text().splitlines()
    assert lines[0] == "Còn 2 chỉ tiêu đánh dấu “Cần xem lại”:"
    assert lines[1].startswith("• TC2.1  Tỷ lệ trẻ em được đăng ký khai sinh")
    assert lines[2].startswith("• TC7.1")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted.value  # not confirmed yet
    assert dialog.follow_up_message.isVisible()
    assert dialog.follow_up_message.kind == "error"
    dialog.follow_up_confirm.setChecked(True)
    assert not dialog.follow_up_message.isVisible()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_no_follow_up_no_question(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    dialog = editor.build_finalise_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.follow_up_confirm.isVisible()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_finalise_and_reopen_from_the_menu_and_by_shortcut(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    window = _window(qtbot, ui_context)
    menu = _menu(window, "Đánh &giá")
    actions = {a.text(): a for a in menu.actions()}
    finalise, reopen = actions["&Hoàn tất…"], actions["&Mở lại…"]
    assert finalise.shortcut() == QKeySequence("Ctrl+Shift+F")
    assert reopen.shortcut() == QKeySequence("Ctrl+Shift+R")
    assert not finalise.isEnabled()  # on the list: no assessment to finalise
    assert not reopen.isEnabled()
    editor = window.open_assessment(created.id)
    settle()
    assert finalise.isEnabled()
    assert not reopen.isEnabled()
    asked: list[QDialog] = []

    def answer(dialog: QDialog) -> int:
        asked.append(dialog)
        if isinstance(dialog, FinaliseDialog):
            return QDialog.DialogCode.Accepted.value
        dialog.reason_box.setPlainText("Đối chiếu lại sổ hộ tịch")  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted.value

    editor.run_dialog = answer
    QTest.keyClick(editor.tree, Qt.Key.Key_F, CTRL_SHIFT)
    idle(ui_context)
    assert len(asked) == 1
    assert assessments.detail(ui_context.workspace, created.id).summary.status is (
        AssessmentStatus.FINALIZED
    )
    assert not finalise.isEnabled()
    assert reopen.isEnabled()
    reopen.trigger()  # as the menu does
    idle(ui_context)
    assert len(asked) == 2
    assert assessments.detail(ui_context.workspace, created.id).summary.status is (
        AssessmentStatus.DRAFT
    )
    assert finalise.isEnabled()


def test_undo_and_redo_keys_inside_a_figure_field(qtbot: QtBot, demo_context: UiContext) -> None:
    window = _window(qtbot, demo_context)
    editor = window.open_assessment(2)  # TC2.1 stored as 45/50
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.setFocus()
    qtbot.waitUntil(rate.numerator.hasFocus)
    rate.numerator.selectAll()
    QTest.keyClicks(rate.numerator, "49")  # not stored yet: the pause before saving runs
    QTest.keyClick(rate.numerator, Qt.Key.Key_Z, CTRL)  # what was typed is one step, undone
    assert stored(demo_context, 2)["TC2.1"] == RateValue(45, 50)
    assert rate_input(editor).numerator.text() == "45"
    QTest.keyClick(rate_input(editor).numerator, Qt.Key.Key_Y, CTRL)
    assert stored(demo_context, 2)["TC2.1"] == RateValue(49, 50)
    QTest.keyClick(rate_input(editor).numerator, Qt.Key.Key_Z, CTRL)
    assert stored(demo_context, 2)["TC2.1"] == RateValue(45, 50)
    QTest.keyClick(rate_input(editor).numerator, Qt.Key.Key_Z, CTRL_SHIFT)
    assert stored(demo_context, 2)["TC2.1"] == RateValue(49, 50)
    assert rate_input(editor).numerator.text() == "49"
    redo_keys = [k.toString() for k in window.action_redo.shortcuts()]
    assert redo_keys == ["Ctrl+Y", "Ctrl+Shift+Z"]
    assert demo_context.errors.shown == []
