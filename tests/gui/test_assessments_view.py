"""The list of assessments, the commune picker and the new-assessment dialog, on real stores."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assessor_app.core.progress import OperationCancelled
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.domain.text import fold
from assessor_app.services import assessments
from assessor_app.services.records import AssessmentSummary
from assessor_app.ui.assessments import list_model
from assessor_app.ui.assessments.commune_picker import CommunePicker
from assessor_app.ui.assessments.list_model import ID_ROLE, Column
from assessor_app.ui.assessments.list_view import AssessmentsView
from assessor_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog
from assessor_app.ui.context import UiContext
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says


def _column(view: AssessmentsView, column: Column) -> list[str]:
    proxy = view.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def _ids(view: AssessmentsView) -> list[int]:
    proxy = view.proxy
    return [int(proxy.index(row, 0).data(ID_ROLE)) for row in range(proxy.rowCount())]


@pytest.fixture
def view(qtbot: QtBot, demo_context: UiContext) -> AssessmentsView:
    widget = AssessmentsView(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    list_loaded(widget)
    return widget


def list_loaded(view: AssessmentsView) -> None:
    """Wait for the list's loads: they run on a worker thread."""
    assert view.context.tasks.wait_idle()
    assert not view.loading


# --- the list


def test_demo_store_shows_three_rows(view: AssessmentsView) -> None:
    assert view.proxy.rowCount() == 3
    communes = _column(view, Column.COMMUNE)
    assert "06400 Xã Hữu Liên · DEMO" in communes
    assert "06385 Thị trấn Hữu Lũng · DEMO" in communes
    assert sorted(_column(view, Column.YEAR)) == ["2016", "2026", "2026"]
    assert "3" in view.count_label.text()


def test_sorting_by_total_is_numeric(view: AssessmentsView, demo_context: UiContext) -> None:
    # add totals with fewer digits, so that text order ("0" < "150" < "50") would differ
    workspace = demo_context.workspace
    empty = assessments.create(workspace, "06052", 2019)
    some = assessments.create(workspace, "06388", 2024)
    assessments.set_value(workspace, some.id, "TC2.1", "49/50")
    demo_context.assessments_changed.emit()
    list_loaded(view)
    totals = [s.total for s in assessments.list_assessments(workspace)]
    assert len({len(str(t)) for t in totals}) >= 2
    assert empty.id in _ids(view)

    view.table.sortByColumn(Column.TOTAL, Qt.SortOrder.AscendingOrder)
    assert [int(t) for t in _column(view, Column.TOTAL)] == sorted(totals)
    view.table.sortByColumn(Column.TOTAL, Qt.SortOrder.DescendingOrder)
    assert [int(t) for t in _column(view, Column.TOTAL)] == sorted(totals, reverse=True)
    assert sorted(totals, key=str) != sorted(totals)


def test_every_column_sorts(view: AssessmentsView) -> None:
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.table.sortByColumn(column, order)
            assert sorted(_ids(view)) == [1, 2, 3]
    view.table.sortByColumn(Column.YEAR, Qt.SortOrder.AscendingOrder)
    assert _column(view, Column.YEAR) == ["2016", "2026", "2026"]


def test_filter_ignores_diacritics(view: AssessmentsView, qtbot: QtBot) -> None:
    qtbot.keyClicks(view.filter_edit, "huu lien")
    assert _column(view, Column.COMMUNE) == ["06400 Xã Hữu Liên · DEMO"]
    view.filter_edit.clear()
    view.filter_edit.setText("HỮU LŨNG")  # QTest types only Latin-1
    assert sorted(_column(view, Column.COMMUNE)) == [
        "06385 Thị trấn Hữu Lũng · DEMO",  # 2016: the township before the 2025 merger
        "06385 Xã Hữu Lũng · DEMO",
    ]
    view.filter_edit.setText("no such commune")
    assert view.proxy.rowCount() == 0
    assert view.count_label.text()
    view.filter_edit.clear()
    assert view.proxy.rowCount() == 3


def test_status_and_year_filters(view: AssessmentsView) -> None:
    view.status_combo.setCurrentIndex(view.status_combo.findData(AssessmentStatus.FINALIZED.value))
    assert _ids(view) == [1]
    view.status_combo.setCurrentIndex(view.status_combo.findData(AssessmentStatus.DRAFT.value))
    assert sorted(_ids(view)) == [2, 3]
    view.year_combo.setCurrentIndex(view.year_combo.findData(2016))
    assert _ids(view) == [3]
    view.status_combo.setCurrentIndex(0)
    view.year_combo.setCurrentIndex(view.year_combo.findData(2026))
    assert sorted(_ids(view)) == [1, 2]
    view.year_combo.setCurrentIndex(0)
    assert view.proxy.rowCount() == 3
    assert [view.year_combo.itemData(i) for i in range(view.year_combo.count())] == [
        None,
        2026,
        2016,
    ]


def test_keyboard_ctrl_f_arrows_and_enter_open(view: AssessmentsView, qtbot: QtBot) -> None:
    view.table.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_edit.hasFocus()
    qtbot.keyClicks(view.filter_edit, "yen thinh")  # the code's old name: no match
    assert view.proxy.rowCount() == 0
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "huu")
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    first = view.current_id()
    assert first is not None
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    second = view.current_id()
    assert second not in (None, first)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [second]


def test_double_click_opens(view: AssessmentsView, qtbot: QtBot) -> None:
    view.table.sortByColumn(Column.YEAR, Qt.SortOrder.AscendingOrder)
    index = view.proxy.index(0, Column.COMMUNE)
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [3]


def test_source_model_passes_the_model_tester(
    view: AssessmentsView, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.model, force_py=True)
    view.refresh()
    view.model.remove_id(2)
    view.refresh_one(1)
    list_loaded(view)


def test_proxy_model_passes_the_model_tester(
    view: AssessmentsView, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.proxy, force_py=True)
    view.filter_edit.setText("huu lien")
    view.table.sortByColumn(Column.TOTAL, Qt.SortOrder.DescendingOrder)
    view.refresh()
    view.filter_edit.clear()
    view.status_combo.setCurrentIndex(1)
    view.refresh_one(2)
    list_loaded(view)
    view.year_combo.setCurrentIndex(1)


def test_refresh_after_create_and_change(
    view: AssessmentsView, demo_context: UiContext, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.proxy, force_py=True)
    created = assessments.create(demo_context.workspace, "06052", 2019, kind="self")
    assert view.proxy.rowCount() == 3
    demo_context.assessments_changed.emit()
    assert view.proxy.rowCount() == 3  # read on a worker thread: the rows come a moment later
    list_loaded(view)
    assert view.proxy.rowCount() == 4
    assert created.id in _ids(view)
    assert "06052 Xã Bắc Ái · DEMO" in _column(view, Column.COMMUNE)

    # one assessment changed: only its row is reloaded (no reset)
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    assessments.set_value(demo_context.workspace, created.id, "TC2.1", "49/50")
    demo_context.assessment_changed.emit(created.id)
    list_loaded(view)
    assert not resets
    row = view.model.row_of_id(created.id)
    assert row is not None
    assert int(view.model.index(row, Column.TOTAL).data()) > 0


def test_changes_while_hidden_are_shown_when_visible_again(
    view: AssessmentsView, demo_context: UiContext
) -> None:
    view.hide()
    assessments.set_value(demo_context.workspace, 2, "TC2.1", "50/50")
    new_total = assessments.detail(demo_context.workspace, 2).summary.total
    row = view.model.row_of_id(2)
    assert row is not None
    before = view.model.index(row, Column.TOTAL).data()
    demo_context.assessment_changed.emit(2)
    assert view.model.index(row, Column.TOTAL).data() == before  # nothing loaded while hidden
    view.show()
    list_loaded(view)
    row = view.model.row_of_id(2)
    assert row is not None
    assert view.model.index(row, Column.TOTAL).data() == str(new_total)


def test_refresh_keeps_the_selection(view: AssessmentsView, demo_context: UiContext) -> None:
    assert view.select_id(2)
    demo_context.assessments_changed.emit()
    list_loaded(view)
    assert view.current_id() == 2


def test_new_assessment_emits_open_requested(
    view: AssessmentsView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_exec(dialog: NewAssessmentDialog) -> int:
        dialog.year.setValue(2019)
        dialog.picker.set_selected_code("06052")
        assert dialog.create_assessment()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(NewAssessmentDialog, "exec", fake_exec)
    view.proxy.sort(Column.COMMUNE, Qt.SortOrder.AscendingOrder)
    changes: list[str] = []
    view.model.modelReset.connect(lambda: changes.append("reset"))
    view.model.rowsInserted.connect(lambda *_args: changes.append("inserted"))
    with qtbot.waitSignal(view.open_requested) as opened:
        view.new_assessment()
    new_id = opened.args[0]
    list_loaded(view)
    assert changes == ["inserted"]  # one row inserted, the list not reloaded
    assert new_id in _ids(view)
    assert view.current_id() == new_id
    communes = _column(view, Column.COMMUNE)
    assert (
        communes.index("06052 Xã Bắc Ái · DEMO") == 1
    )  # where the order puts it: Thị trấn < Xã Bắc
    assert communes == sorted(communes, key=lambda text: fold(text.split(" ", 1)[1]))
    assert "2019" in [view.year_combo.itemText(i) for i in range(view.year_combo.count())]


def test_rows_are_made_off_the_gui_thread(
    view: AssessmentsView, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the store and making each row's texts and keys happen on the worker thread; the
    GUI thread only swaps the rows in."""
    threads: list[bool] = []
    original = list_model.TableRow.of

    def recording(summary: AssessmentSummary) -> list_model.TableRow:
        threads.append(threading.current_thread() is threading.main_thread())
        return original(summary)

    monkeypatch.setattr(list_model.TableRow, "of", staticmethod(recording))
    demo_context.assessments_changed.emit()
    list_loaded(view)
    assessments.set_value(demo_context.workspace, 2, "TC2.1", "50/50")
    demo_context.assessment_changed.emit(2)
    list_loaded(view)
    assert len(threads) == 4  # three rows, then the changed one
    assert not any(threads)


def test_empty_store_says_how_to_start(qtbot: QtBot, ui_context: UiContext) -> None:
    view = AssessmentsView(ui_context)
    qtbot.addWidget(view)
    list_loaded(view)
    assert view.proxy.rowCount() == 0
    assert "Ctrl+N" in view.count_label.text()
    assert not view.open_button.isEnabled()


def test_screenshots_of_the_list(view: AssessmentsView, qtbot: QtBot) -> None:
    view.resize(1366, 700)
    qtbot.wait(10)
    save_screenshot(view, "assessments-list-1366x768")
    says(view, "Xã Hữu Liên", "Thị trấn Hữu Lũng", "Đã hoàn tất")  # what it says, not a file
    view.resize(1012, 560)  # the list's share of a 1024×640 main window
    qtbot.wait(10)
    assert view.table.columnWidth(Column.COMMUNE) > 150
    save_screenshot(view, "assessments-list-1024x640")
    says(view, "Xã Hữu Liên", "Xã, phường, thị trấn")


# --- the commune picker


@pytest.fixture
def picker(qtbot: QtBot, ui_context: UiContext) -> CommunePicker:
    widget = CommunePicker(ui_context)
    qtbot.addWidget(widget)
    widget.set_date(date(2026, 10, 31))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _labels(picker: CommunePicker) -> list[str]:
    return [str(picker.model.index(row, 0).data()) for row in range(picker.model.rowCount())]


def test_picker_finds_without_diacritics(picker: CommunePicker, qtbot: QtBot) -> None:
    all_units = picker.model.rowCount()
    assert all_units == 65  # the list valid since 1 July 2025
    qtbot.keyClicks(picker.search, "Huu Lung")
    labels = _labels(picker)
    assert labels
    assert labels[0].startswith("Xã Hữu Lũng (06385)")
    picker.search.clear()
    assert picker.model.rowCount() == all_units


def test_picker_follows_the_date(picker: CommunePicker, qtbot: QtBot) -> None:
    qtbot.keyClicks(picker.search, "huu lung")
    assert _labels(picker)[0].startswith("Xã Hữu Lũng")
    picker.set_date(date(2016, 10, 31))
    assert any(label.startswith("Thị trấn Hữu Lũng (06385)") for label in _labels(picker))


def test_picker_keyboard_down_and_enter(picker: CommunePicker, qtbot: QtBot) -> None:
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "huu")
    assert picker.model.rowCount() >= 2
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.hasFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    expected = picker.model.index(1, 0).data(Qt.ItemDataRole.UserRole + 1)
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picked.args == [expected]
    assert picker.selected_code == expected
    assert expected in picker.chosen.text()
    # Up from the first row goes back to the search field
    picker.list.setCurrentIndex(picker.model.index(0, 0))
    qtbot.keyClick(picker.list, Qt.Key.Key_Up)
    assert picker.search.hasFocus()
    # Enter in the field picks the first match
    picker.search.clear()
    qtbot.keyClicks(picker.search, "06385")
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picked.args == ["06385"]


def test_picker_model_passes_the_model_tester(
    picker: CommunePicker, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    qtmodeltester.check(picker.model, force_py=True)
    qtbot.keyClicks(picker.search, "huu")
    picker.set_date(date(2016, 10, 31))
    picker.search.clear()
    assert picker.model.index(0, 0, QModelIndex()).isValid()


def test_picker_without_a_list_on_the_date(picker: CommunePicker) -> None:
    picker.set_date(date(2001, 1, 1))
    assert picker.model.rowCount() == 0
    assert picker.status.text()


# --- the new-assessment dialog


@pytest.fixture
def dialog(qtbot: QtBot, ui_context: UiContext) -> NewAssessmentDialog:
    widget = NewAssessmentDialog(ui_context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_dialog_defaults(dialog: NewAssessmentDialog) -> None:
    # In the November assessment season the default is the year that has just ended.
    assert dialog.year.value() == year_to_assess(date.today())
    assert dialog.picker.day == date(year_to_assess(date.today()), 10, 31)
    assert dialog.kind.currentData() == AssessmentKind.TEAM.value
    assert dialog.catalogue.currentData() is None
    assert "QD06-2019" in dialog.catalogue.currentText()
    assert dialog.error.isHidden()


def test_dialog_defaults_to_review_for_an_office(qtbot: QtBot, ui_context: UiContext) -> None:
    from assessor_app.services import profile

    profile.save_profile(ui_context.workspace, "office", "Sở Y tế", "health", "LS-2025-07")
    ui_context.reload_profile()
    widget = NewAssessmentDialog(ui_context)
    qtbot.addWidget(widget)
    assert widget.kind.currentData() == AssessmentKind.REVIEW.value


def test_dialog_creates_an_assessment(
    dialog: NewAssessmentDialog, ui_context: UiContext, qtbot: QtBot
) -> None:
    dialog.year.setValue(2026)
    qtbot.keyClicks(dialog.picker.search, "huu lung")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.picker.selected_code == "06385"
    assert dialog.isVisible()  # Enter in the picker picks; it does not press OK
    dialog.kind.setCurrentIndex(dialog.kind.findData(AssessmentKind.SELF.value))
    save_screenshot(dialog, "new-assessment-dialog")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert dialog.created_id is not None
    created = assessments.detail(ui_context.workspace, dialog.created_id).summary
    assert (created.commune_code, created.commune_name, created.year) == (
        "06385",
        "Xã Hữu Lũng",
        2026,
    )
    assert created.kind is AssessmentKind.SELF
    assert created.catalogue_code == "QD06-2019"


def test_dialog_with_an_explicit_catalogue(
    dialog: NewAssessmentDialog, ui_context: UiContext
) -> None:
    dialog.year.setValue(2019)
    dialog.picker.set_selected_code("06052")
    position = next(
        i for i in range(dialog.catalogue.count()) if "QD34" in dialog.catalogue.itemText(i)
    )
    dialog.catalogue.setCurrentIndex(position)
    assert dialog.create_assessment()
    assert dialog.created_id is not None
    created = assessments.detail(ui_context.workspace, dialog.created_id).summary
    assert created.catalogue_code == "QD34-2014"


def test_dialog_commune_not_in_the_year_shows_an_inline_error(
    dialog: NewAssessmentDialog, ui_context: UiContext, qtbot: QtBot
) -> None:
    # 06052 Xã Bắc Ái exists in 2019, and was merged away on 1 January 2020.
    dialog.year.setValue(2019)
    qtbot.keyClicks(dialog.picker.search, "bac ai")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.picker.selected_code == "06052"
    dialog.year.setValue(2021)
    assert "06052" in dialog.picker.chosen.text()  # still chosen, flagged as not in the list
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.created_id is None
    assert not dialog.error.isHidden()
    assert "06052" in dialog.error.text()
    assert "2021" in dialog.error.text()
    assert assessments.list_assessments(ui_context.workspace) == []
    assert ui_context.errors.shown == []  # inline, not a message box
    save_screenshot(dialog, "new-assessment-dialog-error")


def test_dialog_without_a_commune(dialog: NewAssessmentDialog, ui_context: UiContext) -> None:
    assert not dialog.create_assessment()
    assert not dialog.error.isHidden()
    assert assessments.list_assessments(ui_context.workspace) == []


def test_the_lists_read_stops_when_asked_in_the_store_and_in_the_rows(
    demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read and the rows are made in parts, and `cancelled()` is asked between them: the
    store stops at its first part, the rows at theirs."""
    workspace = demo_context.workspace
    summaries = assessments.list_assessments(workspace)
    assert summaries
    with pytest.raises(OperationCancelled):
        assessments.list_assessments(workspace, cancelled=lambda: True)
    with pytest.raises(OperationCancelled):
        list_model.rows_of(summaries, cancelled=lambda: True)
    asked: list[int] = []
    monkeypatch.setattr(list_model, "ROWS_PER_PART", 2)
    rows = list_model.rows_of(summaries, cancelled=lambda: bool(asked.append(1)))
    assert [row.summary for row in rows] == summaries
    assert len(asked) == (len(summaries) + 1) // 2
