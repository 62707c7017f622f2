"""The tabs open when the window closed, and the indicator selected in each, come back at the next
start on the same store; a deleted assessment is left out without a word. Closing with figures that
are not valid asks first, naming them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assessor_app.services import assessments, deletion
from assessor_app.ui.context import UiContext
from assessor_app.ui.main_window import MainWindow
from tests.gui.test_editor_support import rate_input, select, settle


def _window(qtbot: QtBot, context: UiContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return window


def test_open_tabs_and_the_selected_indicator_come_back(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    window = _window(qtbot, demo_context)
    assert window.tabs.count() == 1  # nothing remembered yet: the list only
    first = window.open_assessment(3)
    select(first, "TC4.1")
    second = window.open_assessment(2)
    select(second, "TC7.1")
    window.open_assessment(3)  # the one shown at the close
    assert window.close()

    again = _window(qtbot, demo_context)
    titles = [again.tabs.tabText(i) for i in range(again.tabs.count())]
    assert titles == ["Danh sách đánh giá", first.title, second.title]
    assert again.current_assessment_id() == 3
    assert again.editors[3].current_code == "TC4.1"
    assert again.editors[2].current_code == "TC7.1"
    assert again.editors[2].panel.title_label.text().startswith("TC7.1")
    assert demo_context.errors.shown == []
    assert again.close()


def test_a_deleted_assessment_is_skipped_silently(qtbot: QtBot, demo_context: UiContext) -> None:
    window = _window(qtbot, demo_context)
    window.open_assessment(2)
    window.open_assessment(3)
    assert window.close()
    deletion.delete_assessment(demo_context.workspace, 3, "Nhập nhầm xã")
    again = _window(qtbot, demo_context)
    assert sorted(again.editors) == [2]
    assert again.current_assessment_id() is None  # the one shown is gone: the list
    assert again.tabs.currentIndex() == 0
    assert demo_context.errors.shown == []
    assert again.close()


def test_closing_with_figures_that_are_not_valid_asks_first(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    window = _window(qtbot, ui_context)
    editor = window.open_assessment(created.id)
    select(editor, "TC2.1")
    qtbot.keyClicks(rate_input(editor).numerator, "4a")
    select(editor, "TC3.1")
    asked: list[str] = []
    window.ask_close_unsaved = lambda text: asked.append(text) is not None  # type: ignore[method-assign]
    assert not window.close()
    assert asked == ["Số liệu nhập cho các chỉ tiêu sau không hợp lệ nên chưa được lưu: TC2.1."]
    assert window.tabs.count() == 2
    window.ask_close_unsaved = lambda text: True  # type: ignore[method-assign]
    assert window.close()
