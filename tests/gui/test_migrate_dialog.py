"""The assessment menu's "move to another catalogue version": the dialog shows each indicator's
outcome in colour and the verdict before and after, applies with a reason on the write queue, and
on a finalised assessment says to reopen it first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from assessor_app.domain.catalogue_migration import Outcome
from assessor_app.services import assessments
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.migrate_dialog import OUTCOME_COLOURS, MigrateDialog
from assessor_app.ui.main_window import MainWindow
from tests.catalogue_versions import NEXT_VERSION, store_next_version
from tests.gui.conftest import save_screenshot
from tests.gui.test_editor_support import idle, settle


def scored(context: UiContext, tmp_path: Path) -> int:
    ws = context.workspace
    created = assessments.create(ws, "06400", 2026)
    for code, text in [("TC2.1", "49/50"), ("TC1.1", "có"), ("TC1.2", "có"), ("TC1.4", "có")]:
        assessments.set_value(ws, created.id, code, text)
    assessments.set_value(ws, created.id, "TC12.1", "points=60", "Đã kiểm tra thực tế")
    store_next_version(ws, tmp_path)
    return created.id


def rows(dialog: MigrateDialog) -> dict[str, tuple[str, str, str]]:
    table = dialog.table
    found = {}
    for row in range(table.rowCount()):
        code, points, outcome = (table.item(row, c).text() for c in (0, 2, 3))
        found[code] = (points, outcome, table.item(row, 0).background().color().name())
    return found


def test_the_dialog_shows_the_outcomes_and_moves_the_assessment(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    assessment_id = scored(ui_context, tmp_path)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    editor = window.open_assessment(assessment_id)
    actions = window.assessment_actions
    actions.update()
    assert actions.migrate.isEnabled()
    assert actions.migrate.text().replace("&", "") == "Chuyển sang phiên bản bộ tiêu chí khác…"
    seen: dict[str, object] = {}

    def fill_and_apply(dialog: QDialog) -> int:
        assert isinstance(dialog, MigrateDialog)
        dialog.resize(980, 720)
        dialog.show()
        settle()
        assert NEXT_VERSION in dialog.target.currentText()
        found = rows(dialog)
        assert found["TC2.1"] == (
            "75 → 60",
            "Chuyển sang, điểm thay đổi",
            OUTCOME_COLOURS[Outcome.CARRIED_CHANGED],
        )
        assert found["TC1.4"][2] == OUTCOME_COLOURS[Outcome.DROPPED]
        assert found["TC12.1"][2] == OUTCOME_COLOURS[Outcome.REENTER]
        assert found["TC1.1"][2] == OUTCOME_COLOURS[Outcome.CARRIED]
        assert "TC1.5, TC12.1" in dialog.incomplete_label.text()
        assert not dialog.apply_button.isEnabled()  # no reason yet
        dialog.reason.setText("Tỉnh ban hành bộ tiêu chí chính thức")
        assert dialog.apply_button.isEnabled()
        seen["screen"] = save_screenshot(dialog, "migrate-dialog")
        dialog.apply_button.click()
        idle(ui_context)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted.value)
        return dialog.result()

    actions.run_dialog = fill_and_apply
    actions.migrate.trigger()
    assert seen["screen"]
    summary = assessments.summary(ui_context.workspace, assessment_id)
    assert summary.catalogue_version == NEXT_VERSION
    qtbot.waitUntil(lambda: editor.session.summary.catalogue_version == NEXT_VERSION)
    assert editor.tree_model.index_of("TC1.5").isValid()  # the editor shows the new version
    assert assessments.audit(ui_context.workspace, assessment_id).problems == []


def test_a_finalised_assessment_is_refused_with_what_to_do_first(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    assessment_id = scored(ui_context, tmp_path)
    assessments.finalize(ui_context.workspace, assessment_id)
    dialog = MigrateDialog(ui_context, assessment_id, "Xã Hữu Liên 2026")
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    dialog.reason.setText("Bộ tiêu chí chính thức")
    assert not dialog.apply_button.isEnabled()
    assert "mở lại" in dialog.refusal_label.text().lower()
    assert dialog.table.rowCount() > 0  # the table is shown all the same
