"""The procedure window (issue 14): what it says on a day before and after the 2025 reform, a value
not verified marked as such, and the province setting who appraises with a reason (audited) or a
report's day; a refused value shows its message under the form and changes nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from assessor_app.services import procedures
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.ui.context import UiContext
from assessor_app.ui.procedure.procedure_dialog import ProcedureDialog
from assessor_app.ui.procedure.procedure_menu import ProcedureActions
from tests.gui.conftest import save_screenshot


def _rows(dialog: ProcedureDialog) -> list[list[str]]:
    rows = []

    def walk(item: QTreeWidgetItem) -> None:
        rows.append([item.text(c) for c in range(4)])
        for index in range(item.childCount()):
            walk(item.child(index))

    for index in range(dialog.tree.topLevelItemCount()):
        walk(dialog.tree.topLevelItem(index))
    return rows


def _row(dialog: ProcedureDialog, first: str, second: str) -> QTreeWidgetItem:
    for index in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(index)
        for child in range(top.childCount()):
            item = top.child(child)
            if item.text(0) == first and second in item.text(1):
                return item
    raise AssertionError((first, second, _rows(dialog)))


def test_the_procedure_before_and_after_the_reform(qtbot: QtBot, ui_context: UiContext) -> None:
    dialog = ProcedureDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    dialog.day.setDate(QDate(2025, 6, 30))
    rows = _rows(dialog)
    assert ["Người thực hiện", "Chủ tịch Ủy ban nhân dân cấp huyện", "nguồn thứ cấp"] in [
        r[:3] for r in rows
    ]
    assert any(r[0] == "Báo cáo hằng năm của huyện" and "30/11" in r[1] for r in rows)
    assert "Quyết định số 06/QĐ-TTg" in dialog.heading.text()

    dialog.day.setDate(QDate(2025, 7, 1))
    appraisal = _row(dialog, "Người thực hiện", "Sở Y tế")
    assert appraisal.text(2).startswith("chưa xác minh: ")  # never shown as official
    assert not any(r[0] == "Báo cáo hằng năm của huyện" for r in _rows(dialog))
    province = _row(dialog, "Báo cáo hằng năm của tỉnh", "Bộ Y tế")
    assert "10/12" in province.text(1)
    save_screenshot(dialog, "procedure-dialog")

    dialog.tree.setCurrentItem(appraisal)
    assert dialog.value.text() == "Sở Y tế"
    assert dialog.set_button.isEnabled()
    dialog.value.setText("Sở Nội vụ")
    dialog.apply()  # no reason
    ui_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10000)
    assert "lý do" in dialog.message.text().lower()

    dialog.tree.setCurrentItem(_row(dialog, "Người thực hiện", "Sở Y tế"))
    dialog.value.setText("Sở Nội vụ")
    dialog.reason.setText("Công văn của Ủy ban nhân dân tỉnh")
    dialog.apply()
    ui_context.writes.wait_idle(10000)
    qtbot.waitUntil(
        lambda: "do tỉnh đặt" in _row(dialog, "Người thực hiện", "Sở Nội vụ").text(2), timeout=10000
    )
    with ui_context.workspace.database.reading() as session:
        last = Repository(session).audit_entries(STORE_CHAIN)[-1]
    assert (last.action, last.old, last.new, last.reason) == (
        "set_procedure_actor",
        "Sở Y tế",
        "Sở Nội vụ",
        "Công văn của Ủy ban nhân dân tỉnh",
    )
    save_screenshot(dialog, "procedure-dialog-set")


def test_a_bad_day_is_refused_under_the_form(qtbot: QtBot, ui_context: UiContext) -> None:
    dialog = ProcedureActions(ui_context, None).open()  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.day.setDate(QDate(2026, 1, 5))
    dialog.tree.setCurrentItem(_row(dialog, "Báo cáo hằng năm của tỉnh", "Bộ Y tế"))
    assert dialog.value.text() == "10/12"
    dialog.value.setText("31/11")
    dialog.reason.setText("Bộ yêu cầu")
    dialog.apply()
    ui_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10000)
    assert "30/11" in dialog.message.text()  # how to write it
    view = procedures.procedure_on(ui_context.workspace, dialog._on())
    assert view.deadlines[0].status == "not_verified"


def test_bo_thay_doi_removes_what_the_province_set(qtbot: QtBot, ui_context: UiContext) -> None:
    procedures.set_deadline(
        ui_context.workspace, "QD06-2019", "province_report", date(2026, 1, 5),
        "15/12", "Bộ Y tế yêu cầu",
    )  # fmt: skip
    dialog = ProcedureDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    dialog.day.setDate(QDate(2026, 1, 5))
    shipped = _row(dialog, "Người thực hiện", "Sở Y tế")
    dialog.tree.setCurrentItem(shipped)
    assert not dialog.unset_button.isEnabled()  # nothing set here to remove
    dialog.tree.setCurrentItem(_row(dialog, "Báo cáo hằng năm của tỉnh", "15/12"))
    assert dialog.unset_button.isEnabled()
    assert dialog.unset_button.text().replace("&", "") == "Bỏ thay đổi"
    dialog.unset()  # no reason: refused, the value stays
    ui_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10000)
    assert "lý do" in dialog.message.text().lower()
    assert "15/12" in _row(dialog, "Báo cáo hằng năm của tỉnh", "Bộ Y tế").text(1)
    dialog.reason.setText("Trở lại thời hạn chung")
    dialog.unset()
    ui_context.writes.wait_idle(10000)
    qtbot.waitUntil(
        lambda: "10/12" in _row(dialog, "Báo cáo hằng năm của tỉnh", "Bộ Y tế").text(1),
        timeout=10000,
    )
    with ui_context.workspace.database.reading() as session:
        last = Repository(session).audit_entries(STORE_CHAIN)[-1]
    assert (last.action, last.old, last.new, last.reason) == (
        "unset_procedure_deadline",
        "15/12",
        "10/12",
        "Trở lại thời hạn chung",
    )
    assert "chưa xác minh" in _row(dialog, "Báo cáo hằng năm của tỉnh", "Bộ Y tế").text(2)
    save_screenshot(dialog, "procedure-dialog-unset")
