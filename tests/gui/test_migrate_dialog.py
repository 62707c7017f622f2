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


def test_versions_in_words_counts_and_a_late_version_needs_confirming(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    import json

    from assessor_app.services import reference_data
    from tests.catalogue_versions import next_document

    ws = ui_context.workspace
    created = assessments.create(ws, "06400", 2026)
    assessments.set_value(ws, created.id, "TC2.1", "49/50")
    document = next_document()
    document["effective_from"] = "2026-12-01"  # after the 2026 period (to 31/10/2026)
    path = tmp_path / "late.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    reference_data.import_catalogue(ws, path)
    dialog = MigrateDialog(ui_context, created.id, "Xã Hữu Liên 2026")
    qtbot.addWidget(dialog)
    dialog.resize(980, 760)
    dialog.show()
    settle()
    choice = dialog.target.currentText()
    assert choice == "phiên bản 2026.1, có hiệu lực từ 01/12/2026"  # no code, no hash
    assert "phiên bản tạm thời 2019.1" in dialog.before_label.text()
    assert "2019.1-provisional" not in dialog.before_label.text()
    assert "1 số liệu được chuyển sang" in dialog.counts_label.text()
    assert "chưa nhập" in dialog.counts_label.text()
    assert dialog.warning_label.isVisible()
    assert dialog.anyway.isVisible()
    assert "01/12/2026" in dialog.warning_label.text()
    dialog.reason.setText("Tỉnh quyết định áp dụng sớm")
    assert not dialog.apply_button.isEnabled()  # not confirmed yet
    dialog.anyway.setChecked(True)
    assert dialog.apply_button.isEnabled()
    assert save_screenshot(dialog, "migrate-dialog-late")
