"""The appraisal screen (ui/review/, issue 14 "Appraisal with effects"): an office's store holding a
team's finalised check received in a signed bundle; the whole path driven from the screen — start,
the office's figure (the difference marked and coloured), return with a comment, the team's
correction re-imported, start again, close, take back (refused without a reason), close — checked
by what the screen says at each step; the assessments list's appraisal column and the editor's
lock sentence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.appraisal import AppraisalState, AppraisalStep
from assessor_app.services import assessments, bundle_import, keys
from assessor_app.ui.assessments.list_model import AssessmentTableModel, Column
from assessor_app.ui.context import UiContext
from assessor_app.ui.review.review_models import DIFFERS_BACKGROUND, DIFFERS_MARK
from assessor_app.ui.review.review_view import ReviewWindow
from assessor_app.ui.review.step_dialogs import ReturnDialog, SetPointDialog, UndoDialog
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says
from tests.gui.test_bundles_support import make_context
from tests.gui.test_editor_support import open_editor, select
from tests.integration.test_import import OFFICE_PASS, TEAM_PASS, enrol, export
from tests.integration.test_reports import fill

SCREEN = (1366, 768)
AGENCY = "Sở Lao động - Thương binh và Xã hội Lạng Sơn"


@pytest.fixture
def stores(tmp_path: Path, qapp: object) -> Iterator[tuple[UiContext, UiContext]]:
    """(the office's context, the team's), keys enrolled both ways."""
    office = make_context(tmp_path / "office", "office", "Lý Thị Duyệt")
    team = make_context(tmp_path / "team", "team", "Hoàng Thị Lan")
    keys.init_key(office.workspace, "Lý Thị Duyệt", AGENCY, OFFICE_PASS, "office")
    keys.init_key(team.workspace, "Hoàng Thị Lan", AGENCY, TEAM_PASS)
    enrol(office.workspace, team.workspace, tmp_path / "cards")
    enrol(team.workspace, office.workspace, tmp_path / "cards")
    yield office, team
    for context in (office, team):
        context.writes.wait_idle()
        context.tasks.wait_idle()
        context.workspace.close()


def _submit(office: UiContext, team: UiContext, bundle: Path, own: int) -> None:
    result = bundle_import.apply(
        office.workspace, export(team.workspace, [own], bundle), OFFICE_PASS
    )
    assert result.outcome.value == "accepted", result.reasons


def _window(qtbot: QtBot, context: UiContext) -> ReviewWindow:
    window = ReviewWindow(context)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    _settled(qtbot, window)
    return window


def _settled(qtbot: QtBot, window: ReviewWindow) -> None:
    for _round in range(3):  # a step, then the list's reload, then the selected one's read
        window.context.writes.wait_idle(20000)
        window.context.tasks.wait_idle(20000)
        qtbot.wait(1)


def _state(window: ReviewWindow) -> AppraisalState:
    assert window.view is not None
    return window.view.item.state


def _shown_buttons(window: ReviewWindow) -> set[AppraisalStep]:
    return {step for step, button in window.buttons.items() if button.isVisibleTo(window)}


def _run(qtbot: QtBot, window: ReviewWindow, dialog: object) -> None:
    assert isinstance(dialog, SetPointDialog | ReturnDialog | UndoDialog)
    dialog.action_button.click()
    _settled(qtbot, window)


def test_the_office_appraises_from_the_screen(
    qtbot: QtBot, stores: tuple[UiContext, UiContext], tmp_path: Path
) -> None:
    office, team = stores
    own = fill(team.workspace, "06400", 2026, kind="team")
    _submit(office, team, tmp_path / "check.ldbundle", own)
    window = _window(qtbot, office)

    # Submitted: in the list since today, only Start offered.
    assert window.model.rowCount() == 1
    says(window, "Xã Hữu Liên", "Đã nộp, chờ thẩm định", "0 ngày", "Bắt đầu thẩm định")
    assert _state(window) is AppraisalState.SUBMITTED
    assert _shown_buttons(window) == {AppraisalStep.START}
    save_screenshot(window, "review-1-submitted")

    window.take(AppraisalStep.START)
    _settled(qtbot, window)
    assert _state(window) is AppraisalState.UNDER_APPRAISAL
    says(window, "Đang thẩm định", "Không có chỉ tiêu nào khác số liệu đã nộp.")
    assert _shown_buttons(window) == {
        AppraisalStep.SET_POINT,
        AppraisalStep.RETURN,
        AppraisalStep.APPRAISE,
    }

    # The office's figure: refused without a reason (the service's words, the code in the tooltip).
    dialog = window.take(AppraisalStep.SET_POINT)
    assert isinstance(dialog, SetPointDialog)
    dialog.indicator.setCurrentIndex(dialog.indicator.findData("TC2.1"))
    dialog.value.setText("40/50")
    _run(qtbot, window, dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "REASON_REQUIRED" in dialog.error.toolTip()
    dialog.reason.setText("Sổ hộ tịch ghi 40 trẻ")
    _run(qtbot, window, dialog)
    assert not dialog.isVisible()
    assert window.view is not None
    assert window.view.differences == 1
    says(window, "1 chỉ tiêu khác số liệu đã nộp (đánh dấu ≠).")
    [row] = [r for r in range(window.comparison.rowCount()) if window.view.rows[r].differs]
    mark = window.comparison.index(row, 0)
    assert mark.data() == DIFFERS_MARK
    assert mark.data(Qt.ItemDataRole.BackgroundRole) == DIFFERS_BACKGROUND
    assert window.comparison.index(row, 1).data().startswith("TC2.1")
    assert (window.comparison.index(row, 2).data(), window.comparison.index(row, 4).data()) == (
        "49/50",
        "40/50",
    )
    save_screenshot(window, "review-2-difference")

    # Closing is refused by the service when it does not apply: here it applies; return first.
    back = window.take(AppraisalStep.RETURN)
    assert isinstance(back, ReturnDialog)
    back.set_comment("TC2.1", "Bổ sung sổ đăng ký khai sinh")
    back.reason.setText("Thiếu hồ sơ chỉ tiêu 2.1")
    _run(qtbot, window, back)
    assert _state(window) is AppraisalState.RETURNED
    says(window, "Trả lại để hoàn thiện", "Lý do: Thiếu hồ sơ chỉ tiêu 2.1")
    assert window.comparison.index(row, 7).data() == "Bổ sung sổ đăng ký khai sinh"
    assert _shown_buttons(window) == set()
    assert window.export_button.isVisibleTo(window)
    # Waiting on the team: no longer in the office's waiting list (still shown), listed in "all".
    assert window.model.rowCount() == 0
    says(window, "Không có bản đánh giá nào đang chờ cơ quan thẩm định.")
    window.filter.setCurrentIndex(1)
    _settled(qtbot, window)
    assert [i.state for i in window.model.items] == [AppraisalState.RETURNED]
    exported = window.export()
    assert exported is not None
    ticked = exported.selection.selected()  # type: ignore[attr-defined]
    assert [r.id for r in ticked] == [window.view.item.review_id]
    exported.close()

    # The team corrects; the correction comes back: submitted again, round 2.
    returned = export(
        office.workspace, [window.view.item.review_id or 0], tmp_path / "r.ldbundle", OFFICE_PASS
    )
    assert bundle_import.apply(team.workspace, returned, TEAM_PASS).outcome.value == "accepted"
    assessments.reopen(team.workspace, own, "Bổ sung theo ý kiến thẩm định")
    assessments.set_value(team.workspace, own, "TC2.1", "45/50")
    assessments.finalize(team.workspace, own)
    _submit(office, team, tmp_path / "corrected.ldbundle", own)
    window.reload()
    _settled(qtbot, window)
    assert _state(window) is AppraisalState.SUBMITTED
    says(window, "Đã nộp, chờ thẩm định (lần 2)")

    window.take(AppraisalStep.START)
    _settled(qtbot, window)
    window.take(AppraisalStep.APPRAISE)
    _settled(qtbot, window)
    assert _state(window) is AppraisalState.APPRAISED
    assert _shown_buttons(window) == {AppraisalStep.UNDO}
    says(window, "Đã thẩm định")

    undo = window.take(AppraisalStep.UNDO)
    assert isinstance(undo, UndoDialog)
    _run(qtbot, window, undo)
    assert undo.isVisible()
    assert "REASON_REQUIRED" in undo.error.toolTip()
    assert _state(window) is AppraisalState.APPRAISED
    undo.reason.setText("Nhập nhầm")
    _run(qtbot, window, undo)
    assert _state(window) is AppraisalState.UNDER_APPRAISAL
    says(window, "Lý do: Nhập nhầm")
    window.take(AppraisalStep.APPRAISE)
    _settled(qtbot, window)
    assert _state(window) is AppraisalState.APPRAISED
    save_screenshot(window, "review-3-appraised")

    # The assessments list says it; the editor says why the assessment cannot be reopened.
    summaries = assessments.list_assessments(office.workspace)
    model = AssessmentTableModel()
    model.set_summaries(summaries)
    states = {
        model.index(r, Column.KIND).data(): model.index(r, Column.APPRAISAL).data()
        for r in range(model.rowCount())
    }
    assert states == {"Kiểm tra của đoàn liên ngành": "Đã thẩm định", "Thẩm định": "Đã thẩm định"}
    submitted = next(s for s in summaries if s.kind.value == "team")
    assert submitted.appraisal is AppraisalState.APPRAISED
    editor = open_editor(qtbot, office, submitted.id)
    select(editor, "TC2.1")
    assert not editor.header.reopen_button.isEnabled()
    why = "Cơ quan đã thẩm định bản đánh giá này: không thể mở lại. Cần hủy kết quả thẩm định trước"
    assert editor.header.reopen_button.toolTip().startswith(why)
    assert editor.panel.lock_label.text().startswith(why)
    assert editor.panel.lock_label.isVisibleTo(editor)


def test_a_refused_step_says_why_with_its_code(
    qtbot: QtBot, stores: tuple[UiContext, UiContext], tmp_path: Path
) -> None:
    """A step the state no longer allows (taken meanwhile from the command line) is refused by the
    service: the sentence under the buttons, its code in the tooltip; English mode says it too."""
    office, team = stores
    own = fill(team.workspace, "06400", 2026, kind="team")
    _submit(office, team, tmp_path / "check.ldbundle", own)
    window = _window(qtbot, office)
    from assessor_app.services import appraisals

    appraisals.start(office.workspace, window.view.item.assessment_id if window.view else 0)
    window.take(AppraisalStep.START)  # the screen still shows it submitted
    _settled(qtbot, window)
    assert window.error.isVisible()
    assert "APPRAISAL_NOT_SUBMITTED" in window.error.toolTip()
    assert window.error.text().startswith("Chưa thể bắt đầu thẩm định bản đánh giá")
    # The screen now shows where it stands: under appraisal, with that state's buttons.
    assert _state(window) is AppraisalState.UNDER_APPRAISAL
    assert AppraisalStep.START not in _shown_buttons(window)
    save_screenshot(window, "review-refused")

    i18n.set_language("en")
    english = _window(qtbot, office)
    says(english, "Under appraisal", "Enter the office's figure")
    save_screenshot(english, "review-en")


def test_the_guide_has_a_section_on_appraisal(qtbot: QtBot) -> None:
    from assessor_app.ui.help import topics
    from assessor_app.ui.help.help_dialog import HelpDialog

    assert topics.TOPICS["ReviewWindow"] == "appraisal"
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_topic("appraisal")
    item = dialog.contents.currentItem()
    assert item is not None
    assert item.text() == "Thẩm định hồ sơ"
    assert "Hủy kết quả thẩm định" in dialog.browser.toPlainText()
