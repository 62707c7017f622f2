"""The editor on a real temporary store: enter every kind of figure through the widgets, watch the
points and the verdict follow, undo and redo, comment, flag, finalise, get refused, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.values import CountValue, ManualValue, RateValue, YesNoValue
from assessor_app.services import assessments
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.criteria_model import POINTS, STATUS, Progress, progress_text
from assessor_app.ui.editor.editor_view import DEBOUNCE_MS, AssessmentEditor
from assessor_app.ui.editor.finalize_dialogs import FinaliseDialog, ReopenDialog
from tests.gui.test_editor_support import (
    count_input,
    idle,
    manual_input,
    open_editor,
    rate_input,
    select,
    settle,
    stored,
    type_text,
    yes_no_input,
)

JUSTIFICATION = "Có câu lạc bộ quyền trẻ em; diễn đàn trẻ em tổ chức 1 lần trong năm"


def _tree_text(editor: AssessmentEditor, code: str, column: int) -> str:
    index = editor.tree_model.index_of(code)
    return str(editor.tree_model.data(index.siblingAtColumn(column)))


def test_full_flow_of_an_assessment(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    aid = created.id
    changes: list[int] = []
    ui_context.assessment_changed.connect(changes.append)
    editor = open_editor(qtbot, ui_context, aid)
    assert editor.assessment_id == aid
    assert editor.title == "Xã Hữu Liên · 2026"
    assert "0 / 1.000 điểm" in editor.header.score_label.text()
    assert editor.header.banner.isVisible()  # QĐ 06 is a provisional catalogue
    assert editor.header.finalise_button.isEnabled()
    assert not editor.header.reopen_button.isEnabled()

    # --- a rate: numerator and denominator typed; the rate, points and band follow each keystroke
    select(editor, "TC2.1")
    rate = rate_input(editor)
    qtbot.keyClicks(rate.denominator, "50")
    assert "Error" not in rate.visible_message()  # half typed: a calm hint, not an error
    qtbot.keyClicks(rate.numerator, "49")
    assert "98" in rate.rate_label.text()
    assert "%" in rate.rate_label.text()
    assert "75 / 75" in editor.panel.points_label.text()
    assert editor.panel.band_table.band_model.current == 0  # the top band (≥ 98 %) applies
    assert _tree_text(editor, "TC2.1", POINTS) == "75 / 75"
    assert "75 / 1.000 điểm" in editor.header.score_label.text()
    assert "TC2.1" not in editor.verdict.reasons_label.text()
    assert stored(ui_context, aid) == {}  # not yet: the store waits for a pause
    qtbot.waitUntil(lambda: "TC2.1" in stored(ui_context, aid), timeout=DEBOUNCE_MS * 6)
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)
    assert changes == [aid]
    assert editor.undo_stack.count() == 1
    assert _tree_text(editor, "TC2.1", STATUS) == progress_text(Progress.COMPLETE)

    # --- yes / no: a click stores at once
    select(editor, "TC1.1")
    yes_no = yes_no_input(editor)
    qtbot.mouseClick(yes_no.yes, Qt.MouseButton.LeftButton)
    assert stored(ui_context, aid)["TC1.1"] == YesNoValue(True)
    assert "50 / 50" in editor.panel.points_label.text()
    assert "125 / 1.000 điểm" in editor.header.score_label.text()

    # --- manual: points and the required justification, stored when the user leaves the field
    select(editor, "TC11.1")
    manual = manual_input(editor)
    qtbot.keyClicks(manual.points, "60")
    assert "giải trình" in manual.visible_message() or "justification" in manual.visible_message()
    type_text(manual.justification, JUSTIFICATION)
    assert manual.visible_message() == ""
    assert "60 / 75" in editor.panel.points_label.text()
    editor.flush()  # what the main window does before closing the tab
    assert stored(ui_context, aid)["TC11.1"] == ManualValue(60, JUSTIFICATION)
    assert "185 / 1.000 điểm" in editor.header.score_label.text()
    assert editor.undo_stack.count() == 3

    # --- undo and redo: the store, the inputs and the verdict follow
    editor.undo_stack.undo()
    assert "TC11.1" not in stored(ui_context, aid)
    assert editor.current_code == "TC11.1"
    assert manual_input(editor).points.text() == ""
    assert "125 / 1.000 điểm" in editor.header.score_label.text()
    editor.undo_stack.undo()
    assert "TC1.1" not in stored(ui_context, aid)
    assert editor.current_code == "TC1.1"  # the editor shows what was undone
    assert not yes_no_input(editor).yes.isChecked()
    assert "75 / 1.000 điểm" in editor.header.score_label.text()
    editor.undo_stack.redo()
    assert stored(ui_context, aid)["TC1.1"] == YesNoValue(True)
    assert yes_no_input(editor).yes.isChecked()
    editor.undo_stack.redo()
    assert stored(ui_context, aid)["TC11.1"] == ManualValue(60, JUSTIFICATION)
    assert manual_input(editor).points.text() == "60"
    assert manual_input(editor).justification.toPlainText() == JUSTIFICATION
    assert "185 / 1.000 điểm" in editor.header.score_label.text()

    # --- comment and follow-up flag on the rate indicator
    select(editor, "TC2.1")
    notes = editor.panel.notes
    qtbot.mouseClick(notes.add_button, Qt.MouseButton.LeftButton)  # empty: refused inline
    idle(ui_context)
    assert notes.message.isVisible()
    type_text(notes.comment_box, "Số liệu lấy từ sổ hộ tịch của xã")
    qtbot.mouseClick(notes.add_button, Qt.MouseButton.LeftButton)
    idle(ui_context)
    detail = assessments.detail(ui_context.workspace, aid)
    assert [(c.indicator, c.text) for c in detail.comments] == [
        ("TC2.1", "Số liệu lấy từ sổ hộ tịch của xã")
    ]
    assert "Số liệu lấy từ sổ hộ tịch của xã" in notes.list_label.text()
    assert "Hoàng Thị Lan" in notes.list_label.text()
    notes.follow_up.setFocus()
    qtbot.keyClick(notes.follow_up, Qt.Key.Key_Space)
    idle(ui_context)
    assert assessments.detail(ui_context.workspace, aid).follow_up == {"TC2.1": True}
    assert _tree_text(editor, "TC2.1", STATUS) == progress_text(Progress.FOLLOW_UP)
    assert _tree_text(editor, "TC2", STATUS) == progress_text(Progress.FOLLOW_UP)

    # --- the data source, typed next to the figures, stored when the field is left
    source = editor.panel.source
    assert source.isVisible()
    assert source.edit.text() == ""
    source.edit.setFocus()
    source.edit.setText("Sổ\x1b khai sinh")  # pasted with a control character: refused inline
    qtbot.keyClick(source.edit, Qt.Key.Key_Return)
    idle(ui_context)
    assert source.message.isVisible()
    assert assessments.detail(ui_context.workspace, aid).sources == {}
    source.edit.clear()
    type_text(source.edit, "Sổ đăng ký khai sinh của UBND xã năm 2026")
    qtbot.keyClick(source.edit, Qt.Key.Key_Return)
    idle(ui_context)
    assert assessments.detail(ui_context.workspace, aid).sources == {
        "TC2.1": "Sổ đăng ký khai sinh của UBND xã năm 2026"
    }
    select(editor, "TC1.1")
    assert source.edit.text() == ""
    select(editor, "TC2.1")
    assert source.edit.text() == "Sổ đăng ký khai sinh của UBND xã năm 2026"

    # --- finalise: the confirmation shows the verdict and every reason
    shown: list[QDialog] = []

    def confirm(dialog: QDialog) -> int:
        shown.append(dialog)
        assert isinstance(dialog, FinaliseDialog)
        assert "185 / 1.000 điểm" in dialog.total_label.text()
        reasons = dialog.reasons_label.text()
        assert "TC3" in reasons  # criteria at 0 and indicators not assessed are named
        assert dialog.verdict_label.text() == editor.header.score_label.text().split(" — ")[-1]
        return QDialog.DialogCode.Accepted.value

    editor.run_dialog = confirm
    qtbot.mouseClick(editor.header.finalise_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    idle(ui_context)
    summary = assessments.detail(ui_context.workspace, aid).summary
    assert summary.status is AssessmentStatus.FINALIZED
    assert not editor.header.finalise_button.isEnabled()
    assert editor.header.reopen_button.isEnabled()
    assert editor.undo_stack.count() == 0
    assert editor.panel.lock_label.isVisible()

    # --- an edit of the finalised assessment is refused, with a message, and nothing is stored
    audit_before = len(assessments.audit(ui_context.workspace, aid).entries)
    rate = rate_input(editor)
    assert rate.numerator.isReadOnly()
    qtbot.keyClicks(rate.numerator, "1")
    assert rate.numerator.text() == "49"
    assert "Error" in rate.visible_message() or "Lỗi" in rate.visible_message()
    editor.flush()
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)
    assert not notes.add_button.isEnabled()
    assert len(assessments.audit(ui_context.workspace, aid).entries) == audit_before
    assert ui_context.errors.shown == []

    # --- reopen: an empty reason is refused inline, then a reason reopens it
    def reopen(dialog: QDialog) -> int:
        assert isinstance(dialog, ReopenDialog)
        dialog.show()
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        assert dialog.message.isVisible()
        assert dialog.result() != QDialog.DialogCode.Accepted.value
        type_text(dialog.reason_box, "Sửa số liệu tiêm chủng theo báo cáo mới")
        assert not dialog.message.isVisible()
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    editor.run_dialog = reopen
    qtbot.mouseClick(editor.header.reopen_button, Qt.MouseButton.LeftButton)
    idle(ui_context)
    assert assessments.detail(ui_context.workspace, aid).summary.status is AssessmentStatus.DRAFT
    assert not rate_input(editor).numerator.isReadOnly()
    assert not editor.panel.lock_label.isVisible()
    assert editor.header.finalise_button.isEnabled()

    # --- every action is in the audit trail
    report = assessments.audit(ui_context.workspace, aid)
    assert report.intact
    actions = [entry.action for entry in report.entries]
    for action in (
        "create",
        "set_value",
        "clear_value",
        "comment",
        "follow_up",
        "set_source",
        "finalize",
    ):
        assert action in actions
    assert actions[-1] == "reopen"
    assert report.entries[-1].reason == "Sửa số liệu tiêm chủng theo báo cáo mới"
    assert {e.reason for e in report.entries if e.action == "clear_value"} == {"undo"}
    assert ui_context.errors.shown == []


def test_count_indicator_and_live_verdict(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06385", 2016)  # scored under QĐ 34/2014
    editor = open_editor(qtbot, ui_context, created.id)
    assert "QD34" in editor.header.meta_label.text()
    select(editor, "TC4.1")
    count = count_input(editor)
    qtbot.keyClicks(count.count, "1")
    assert "45 / 75" in editor.panel.points_label.text()
    assert editor.panel.band_table.band_model.current == 1  # "1 case → 45"
    qtbot.keyClick(count.count, Qt.Key.Key_Backspace)
    qtbot.keyClicks(count.count, "0")
    assert "75 / 75" in editor.panel.points_label.text()
    qtbot.keyClick(count.count, Qt.Key.Key_Return)  # leaving / confirming the field stores it
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(0)}
    assert "75 / 1.000 điểm" in editor.header.score_label.text()
    # clearing the field clears the stored figure (undoable like any change)
    count.count.selectAll()
    qtbot.keyClick(count.count, Qt.Key.Key_Delete)
    qtbot.keyClick(count.count, Qt.Key.Key_Return)
    assert stored(ui_context, created.id) == {}
    editor.undo_stack.undo()
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(0)}
    assert count_input(editor).count.text() == "0"


def test_switching_indicator_stores_the_typed_figure(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC3.1")  # a rate per thousand children
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "1")
    qtbot.keyClicks(rate.denominator, "1250")
    assert "‰" in rate.rate_label.text()
    assert "0,8" in rate.rate_label.text()  # Vietnamese decimal comma
    select(editor, "TC4.1")  # before the pause: switching stores it
    assert stored(ui_context, created.id) == {"TC3.1": RateValue(1, 1250)}
    settle()


def test_keyboard_only(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    editor.activateWindow()
    editor.tree.setFocus()
    select(editor, "TC2")
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down)
    assert editor.current_code == "TC2.1"
    qtbot.keyClick(editor.tree, Qt.Key.Key_Return)  # Enter: to the first input
    rate = rate_input(editor)
    assert rate.numerator.hasFocus()
    qtbot.keyClicks(rate.numerator, "45")
    qtbot.keyClick(rate.numerator, Qt.Key.Key_Tab)
    assert rate.denominator.hasFocus()
    qtbot.keyClicks(rate.denominator, "50")
    qtbot.keyClick(rate.denominator, Qt.Key.Key_Tab)  # leaving the field stores it
    assert stored(ui_context, created.id) == {"TC2.1": RateValue(45, 50)}
    assert editor.panel.source.edit.hasFocus()  # inputs → their data source → comment
    qtbot.keyClick(editor.panel.source.edit, Qt.Key.Key_Tab)
    assert editor.panel.notes.comment_box.hasFocus()
    source = editor.panel.source.edit
    for widget in [rate.numerator, rate.denominator, source, editor.panel.notes.comment_box]:
        assert widget.accessibleName()
    assert editor.tree.accessibleName()


def test_edit_refused_when_finalised_elsewhere(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    assessments.finalize(ui_context.workspace, created.id)  # e.g. by another window
    rate = rate_input(editor)
    qtbot.keyClicks(rate.denominator, "50")
    qtbot.keyClicks(rate.numerator, "49")
    editor.flush()
    assert stored(ui_context, created.id) == {}
    assert len(ui_context.errors.shown) == 1
    kind, text = ui_context.errors.shown[0]
    assert kind == "expected"
    assert "ASSESSMENT_FINALIZED" in text
    assert editor.panel.lock_label.isVisible()  # the editor read the new status
    assert rate_input(editor).numerator.isReadOnly()
    assert editor.undo_stack.count() == 0


def test_changes_from_other_views_are_shown(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    assessments.set_value(ui_context.workspace, created.id, "TC1.1", "yes")
    ui_context.assessment_changed.emit(created.id)
    assert "50 / 1.000 điểm" in editor.header.score_label.text()
    assert editor.current_code == "TC2.1"


def test_a_busy_store_keeps_the_typed_figure_to_retry(
    qtbot: QtBot, ui_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another window or the command line holds the store's write lock: the app says the store
    is busy, keeps the typed figure on screen (not saved yet) and stores it at the next try."""
    import sqlite3

    from sqlalchemy import event

    created = assessments.create(ui_context.workspace, "06400", 2026)
    engine = ui_context.workspace.database.engine

    def short_wait(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=100")  # type: ignore[attr-defined]

    engine.dispose()
    event.listen(engine, "connect", short_wait)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC3.1")
    rate = rate_input(editor)
    blocker = sqlite3.connect(ui_context.workspace.database.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClicks(rate.numerator, "1")
        qtbot.keyClicks(rate.denominator, "1250")
        editor.tree.setCurrentIndex(editor.tree_model.index_of("TC4.1"))  # tries to store it
        qtbot.waitUntil(
            lambda: any("STORE_BUSY" in text for _kind, text in ui_context.errors.shown),
            timeout=10000,
        )
        assert not [kind for kind, _text in ui_context.errors.shown if kind != "expected"]
        assert stored(ui_context, created.id) == {}
        assert editor.header.saved_label.text()
        assert editor.current_code == "TC3.1"  # it stays on the figure that is not saved yet
        assert rate_input(editor).numerator.text() == "1"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    editor.flush()
    assert stored(ui_context, created.id) == {"TC3.1": RateValue(1, 1250)}
    event.remove(engine, "connect", short_wait)
    settle()


def test_finalising_signs_the_history_with_the_passphrase(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    from assessor_app.services import keys

    keys.init_key(ui_context.workspace, "Nguyễn Thị Test", "Sở LĐTBXH", "mật khẩu đủ dài")
    created = assessments.create(ui_context.workspace, "06400", 2026)
    assessments.set_value(ui_context.workspace, created.id, "TC2.1", "49/50")
    editor = open_editor(qtbot, ui_context, created.id)
    seen: list[str] = []

    def sign(dialog: QDialog) -> int:
        assert isinstance(dialog, FinaliseDialog)
        assert dialog.signing
        dialog.accept()  # no passphrase typed: refused inline
        assert dialog.result() != QDialog.DialogCode.Accepted
        seen.append(dialog.passphrase_message.text())
        dialog.passphrase.setText("mật khẩu đủ dài")
        dialog.accept()
        return int(dialog.result())

    editor.run_dialog = sign
    editor.finalise()
    idle(ui_context)
    assert seen[0]
    report = assessments.audit(ui_context.workspace, created.id)
    assert (
        assessments.summary(ui_context.workspace, created.id).status is AssessmentStatus.FINALIZED
    )
    assert report.signed_seq == len(report.entries)
    assert report.unsigned == 0
    settle()
