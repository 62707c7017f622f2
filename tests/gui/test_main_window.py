"""The whole app as a user meets it: first start with the demo, the main window, an assessment
opened from the list, undo/redo through the menu, and every input reachable and named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assessor_app.services import assessments
from assessor_app.services.settings import AppSettings
from assessor_app.ui.application import open_for_gui
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.first_start.wizard import FirstStartChoices
from assessor_app.ui.main_window import MainWindow
from tests.gui.conftest import save_screenshot
from tests.gui.test_editor_support import idle, rate_input, select


def _unnamed_inputs(root: QWidget) -> list[str]:
    """Inputs a screen reader could not name: no accessible name and no label buddy."""
    kinds = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractButton)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue  # the editor inside a spin box or combo is named by its owner
        if isinstance(widget.parent(), QTabBar):
            continue  # Qt's own tab close buttons carry Qt's "Close Tab" name
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            continue
        if not widget.accessibleName().strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    return missing


def test_first_start_with_demo_lands_in_the_main_window(qtbot: QtBot, home: Path) -> None:
    choices = FirstStartChoices(
        home=home,
        language="vi",
        demo=True,
        kind="team",
        name="Lương Văn An",
        agency="health",
        unit_list="LS-2025-07",
    )
    workspace = open_for_gui(choices, home)
    try:
        errors = ErrorReporter(None)
        errors.modal = False
        context = UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)
        assert context.profile.name == "Lương Văn An"
        assert context.profile.demo
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        assert window.demo_banner.isVisible()
        assert "DEMO" in window.windowTitle()
        assert context.tasks.wait_idle()  # the list is read on a worker thread
        assert window.assessments.model.rowCount() == 3
        save_screenshot(window, "main-window-demo-list")
        context.tasks.wait_all()
    finally:
        workspace.close()


def test_open_edit_undo_redo_from_the_main_window(qtbot: QtBot, demo_context: UiContext) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert not window.demo_banner.isVisible() or demo_context.profile.demo
    editor = window.open_assessment(2)
    assert window.tabs.currentWidget() is editor
    assert window.tabs.count() == 2
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.clear()
    qtbot.keyClicks(rate.numerator, "49")
    editor.commit_current()
    assert window.action_undo.isEnabled()
    window.action_undo.trigger()
    idle(demo_context)
    assert assessments.detail(demo_context.workspace, 2).values["TC2.1"].value.numerator == 45
    window.action_redo.trigger()
    idle(demo_context)
    assert assessments.detail(demo_context.workspace, 2).values["TC2.1"].value.numerator == 49
    save_screenshot(window, "main-window-editor")
    assert _unnamed_inputs(window) == []
    window.close_current_tab()
    assert window.tabs.count() == 1
    demo_context.tasks.wait_all()


def test_every_main_screen_names_its_inputs(
    qtbot: QtBot, demo_context: UiContext, qapp: QApplication
) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    assert _unnamed_inputs(window) == []
    editor = window.open_assessment(1)
    for index in range(
        editor.findChild(type(window.tabs)).count() if editor.findChild(type(window.tabs)) else 0
    ):
        editor.findChild(type(window.tabs)).setCurrentIndex(index)
        qtbot.wait(20)
        assert _unnamed_inputs(window) == [], f"tab {index}"
    save_screenshot(window, "main-window-1024x640")
    demo_context.tasks.wait_all()


def test_reports_menu_acts_on_the_current_assessment(qtbot: QtBot, demo_context: UiContext) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    assert window.current_assessment_id() is None
    window.open_assessment(1)
    assert window.current_assessment_id() == 1
    preview = window.reports.preview_dossier()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)
    assert preview.document.pageCount() > 3
    assert preview.suggested_name == "ho-so-xa-huu-lien-2026.pdf"  # the commune and the year
    details = window.reports.edit_details()
    assert details is not None
    assert details.assessment_id == 1
    summary = window.reports.summary()
    assert summary.scope.count() >= 1
    for dialog in (preview, details, summary):
        dialog.close()
    demo_context.tasks.wait_all()


def test_delete_from_the_main_window_asks_a_reason(qtbot: QtBot, demo_context: UiContext) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    window.open_assessment(3)
    window.ask_deletion_reason = lambda assessment_id: None  # the user cancels
    assert not window.delete_assessment()
    window.ask_deletion_reason = lambda assessment_id: "  "  # no reason: refused, nothing deleted
    assert not window.delete_assessment()
    assert demo_context.errors.shown[-1][0] == "expected"
    window.ask_deletion_reason = lambda assessment_id: "Tạo trùng"
    assert window.delete_assessment()
    assert demo_context.tasks.wait_idle()
    assert 3 not in window.editors
    assert [s.id for s in assessments.list_assessments(demo_context.workspace)] == [1, 2]
    assert window.assessments.model.rowCount() == 2
    demo_context.tasks.wait_all()
