"""The plan editor (Thẩm định → Kế hoạch…) and the yearly report dialog (Báo cáo → Báo cáo năm
về kết quả thực hiện kế hoạch…): what they say, what they store, and the refusals inline."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from assessor_app.services import plan_entries
from assessor_app.ui.context import UiContext
from assessor_app.ui.plan.plan_dialog import PlanDialog
from assessor_app.ui.reports.yearly_dialog import YearlyDialog
from tests.gui.conftest import save_screenshot


def _cells(table: object) -> list[list[str]]:
    from PySide6.QtWidgets import QTableWidget

    assert isinstance(table, QTableWidget)
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_plan_editor_shows_and_stores(qtbot: QtBot, demo_context: UiContext) -> None:
    dialog = PlanDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    # the seed plan's targets and budget, in Vietnamese figures
    targets = _cells(dialog.targets)
    assert ["2015", "20 %", "kế hoạch của tỉnh"] in targets
    budget = _cells(dialog.budget)
    assert budget[0][1:4] == [
        "cả kế hoạch",
        "ngân sách trung ương (số liệu của kế hoạch)",
        "1.200.000.000 đồng",
    ]
    # planned communes of the province in 2026: the demo's Hữu Liên is recognised
    dialog.plan_year.setValue(2026)
    dialog.plan_unit.setCurrentIndex(dialog.plan_unit.findData("20"))
    dialog.plan_codes.setText("06400 06385")
    dialog.save_communes()
    assert [row[:3] for row in _cells(dialog.planned)] == [
        ["06385", "Xã Hữu Lũng", "chưa có kết quả"],
        ["06400", "Xã Hữu Liên", "đạt"],
    ]
    dialog.plan_codes.setText("99999")
    dialog.save_communes()
    assert "99999" in dialog.error.text()
    assert dialog.error.toolTip() == "PLAN_COMMUNE_NOT_IN_UNIT"
    # a budget line of 2026; changing it needs a reason
    dialog.tabs.setCurrentIndex(2)
    dialog.budget_year.setValue(2026)
    dialog.budget_planned.setText("150.000.000")
    dialog.budget_spent.setText("abc")
    dialog.save_line(clear=False)
    assert dialog.error.toolTip() == "PLAN_BUDGET_BAD_AMOUNT"
    dialog.budget_spent.setText("120.500.000")
    dialog.save_line(clear=False)
    lines = plan_entries.budget_lines(demo_context.workspace, "20", 2026)
    assert [(x.year, x.planned, x.spent) for x in lines if x.year] == [
        (2026, 150_000_000, 120_500_000)
    ]
    dialog.budget_spent.setText("130.000.000")
    dialog.save_line(clear=False)
    assert dialog.error.toolTip() == "PLAN_BUDGET_REASON"
    assert "lý do" in dialog.error.text()
    save_screenshot(dialog, "plan-editor")


def test_the_yearly_report_dialog(qtbot: QtBot, demo_context: UiContext, tmp_path: Path) -> None:
    dialog = YearlyDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    assert dialog.scope.itemText(0) == "Tỉnh Lạng Sơn"  # the name, not the statistics code
    assert dialog.scope.itemData(0) == "20"
    dialog.year.setValue(2016)
    assert dialog.scope.count() > 1  # the districts before the reform
    dialog.year.setValue(2026)
    preview = dialog.open_preview()
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)
    assert preview.document.pageCount() >= 1
    dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
    assert not dialog.preview_button.isEnabled()
    dialog.choose_target = lambda suggested: str(tmp_path / suggested)
    target = dialog.save()
    assert target is not None
    assert target.name == "bao-cao-ke-hoach-20-2026.xlsx"
    qtbot.waitUntil(lambda: dialog.task.done, timeout=30000)
    assert target.read_bytes()[:2] == b"PK"
    save_screenshot(dialog, "yearly-report")
