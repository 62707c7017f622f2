"""The editor on a 1366×768 screen: the figures, the scoring table, the comments and the evidence of
an indicator show without scrolling (slim one-line banners), and attaching evidence leaves the pane
where the user scrolled it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assessor_app.services import assessments
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.indicator_panel import IndicatorPanel
from assessor_app.ui.main_window import MainWindow
from tests.gui.conftest import save_screenshot
from tests.gui.test_editor_support import open_editor, select, settle
from tests.gui.test_evidence import make_png


def _shown_in_pane(panel: IndicatorPanel, widget: QWidget) -> bool:
    """The widget's top part lies inside the pane's viewport, and Qt paints some of it."""
    top = widget.mapTo(panel.viewport(), widget.rect().topLeft()).y()
    return (
        widget.isVisible()
        and 0 <= top < panel.viewport().height() - 40
        and not widget.visibleRegion().isEmpty()
    )


def test_comments_and_evidence_show_without_scrolling_at_1366x768(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert demo_context.tasks.wait_idle()
    editor = window.open_assessment(2)  # a draft on the provisional QĐ 06 catalogue
    settle()
    select(editor, "TC2.1")
    settle()
    panel = editor.panel
    assert panel.verticalScrollBar().value() == 0
    for widget in (
        panel.input_box,
        panel.rule_box,
        panel.notes.comment_box,
        panel.notes.follow_up,
        panel.evidence.attach_button,
        panel.evidence.area,
    ):
        assert _shown_in_pane(panel, widget), widget.accessibleName() or type(widget).__name__
    # The two banners are one slim line each; the whole explanation is in the tooltip.
    line = window.fontMetrics().height()
    assert window.demo_banner.isVisible()
    assert window.demo_banner.height() < 2 * line
    banner = editor.header.banner
    assert banner.isVisible()
    assert banner.height() < 2 * line
    assert banner.text() == "⚠ Bộ tiêu chí tạm tính: chưa phải giá trị chính thức"
    assert "Kết quả có sử dụng các phần này" in banner.toolTip()
    save_screenshot(window, "editor-1366x768-indicator")


def test_attaching_evidence_keeps_the_pane_where_it_was(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id, size=(1024, 600))
    select(editor, "TC7.1")
    panel = editor.panel
    panel.ensureWidgetVisible(panel.evidence.area)
    settle()
    scrolled = panel.verticalScrollBar().value()
    assert scrolled > 0
    with qtbot.waitSignal(ui_context.assessment_changed, timeout=10_000):
        task = panel.evidence.attach_files([make_png(tmp_path / "so-tiem-chung.png")])
        assert task is not None
        qtbot.waitUntil(lambda: task.done, timeout=10_000)
    settle()
    assert panel.evidence.model.rowCount() == 1
    assert panel.verticalScrollBar().value() == scrolled
    select(editor, "TC8.1")  # another indicator starts at its top
    assert panel.verticalScrollBar().value() == 0
