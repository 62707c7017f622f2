"""The appraisal report and the recognition decision in the app: the authority of the period shown
with how sure it is, the decision recorded with the service's checks shown under the form, and
both documents previewed."""

from __future__ import annotations

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from assessor_app.services import decisions
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.decision_dialog import DecisionDialog
from tests.gui.conftest import save_screenshot


def test_record_a_decision_and_preview_both_documents(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    dialog = DecisionDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setValue(2026)
    assert dialog.scope.currentData() == "20"
    assert "CHƯA XÁC MINH" in dialog.authority_note.text()  # the app speaks Vietnamese
    assert dialog.authority.placeholderText() == "Ủy ban nhân dân tỉnh Lạng Sơn"

    dialog.appraisal_number.setText("17/BC-SYT")
    dialog.appraisal_day.setDate(QDate(2026, 12, 2))
    dialog.appraisal_signer.setText("Lương Văn Bình")
    appraisal = dialog.preview_appraisal()
    qtbot.waitUntil(lambda: appraisal.task.done, timeout=30000)
    assert appraisal.document.pageCount() >= 1
    # the report bears the number the decision will cite, and its own date and signer
    text = " ".join(
        appraisal.document.getAllText(page).text() for page in range(appraisal.document.pageCount())
    )
    assert "17/BC-SYT" in text
    assert "ngày 02 tháng 12 năm 2026" in text
    assert "Lương Văn Bình" in text
    appraisal.close()

    dialog.number.setText("12 QD")
    dialog.signer.setText("Đoàn Thu Hà")
    dialog.record()
    demo_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10000)
    assert "125/QĐ-UBND" in dialog.message.text()  # how to write the number
    assert dialog.recorded is None
    assert not dialog.decision_button.isEnabled()

    dialog.number.setText("12/QĐ-UBND")
    dialog.record()
    demo_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: dialog.recorded is not None, timeout=10000)
    assert dialog.decision_button.isEnabled()
    assert decisions.decision_for(demo_context.workspace, 2026, "20") == dialog.recorded
    save_screenshot(dialog, "decision-dialog")

    preview = dialog.preview_decision()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)
    assert preview.document.pageCount() == 1
    preview.close()
