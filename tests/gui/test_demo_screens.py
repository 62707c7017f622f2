"""Demo data on screen (issue 13): marked in the list, never ticked for export, sent only as a
demo bundle on purpose; the import wizard accepts demo data only when asked; an office's empty
list offers to import a bundle first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app.services import bundle_export, demo, keys, profile
from assessor_app.ui.assessments.list_model import Column
from assessor_app.ui.assessments.list_view import AssessmentsView
from assessor_app.ui.bundles.export_dialog import ExportDialog
from assessor_app.ui.bundles.import_wizard import PAGE_VERIFY, ImportWizard
from assessor_app.ui.context import UiContext
from assessor_app.ui.main_window import MainWindow
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_support import OFFICE_PASS, TEAM_PASS, Site, site_factory, wait_task
from tests.integration.test_import import dump, enrol


def _loaded(view: AssessmentsView) -> None:
    assert view.context.tasks.wait_idle()
    assert not view.loading


def test_the_list_marks_every_demo_assessment(qtbot: QtBot, demo_context: UiContext) -> None:
    view = AssessmentsView(demo_context)
    qtbot.addWidget(view)
    view.show()
    _loaded(view)
    communes = [
        str(view.proxy.index(row, Column.COMMUNE).data()) for row in range(view.proxy.rowCount())
    ]
    assert len(communes) == 3
    assert all(text.endswith(" · DEMO") for text in communes)
    tooltip = view.proxy.index(0, Column.COMMUNE).data(3)  # ToolTipRole
    assert "DEMO — dữ liệu mẫu" in str(tooltip)


def _export_dialog(qtbot: QtBot, context: UiContext, target: Path) -> ExportDialog:
    keys.init_key(context.workspace, "Hoàng Thị Lan", "Sở LĐTBXH Lạng Sơn", TEAM_PASS)
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.choose_target = lambda suggested: str(target)
    dialog.target.choose()
    return dialog


def test_demo_assessments_are_not_ticked_and_leave_only_as_a_demo_bundle(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    target = tmp_path / "USB" / "demo.ldbundle"
    target.parent.mkdir()
    dialog = _export_dialog(qtbot, demo_context, target)
    assert dialog.selection.selected() == []  # the finalised demo assessment is not pre-ticked
    texts = [dialog.selection.index(r, 0).data() for r in range(dialog.selection.rowCount())]
    assert all("DEMO" in str(text) for text in texts)
    assert dialog.as_demo.isVisible()
    assert not dialog.as_demo.isChecked()
    dialog.selection.set_checked(1, True)
    dialog.passphrase.setText(TEAM_PASS)
    wait_task(qtbot, dialog.export())
    assert dialog.selection_error.isVisible()
    assert "EXPORT_DEMO" in dialog.selection_error.toolTip()  # the code: not in the sentence
    assert "dữ liệu mẫu DEMO" in dialog.selection_error.text()
    assert not target.exists()
    dialog.as_demo.setChecked(True)
    dialog.passphrase.setText(TEAM_PASS)
    wait_task(qtbot, dialog.export())
    assert target.exists()
    assert dialog.last_result is not None
    assert dialog.last_result.demo
    assert "DEMO" in dialog.banner.text()
    save_screenshot(dialog, "demo-export-dialog")
    assert [b.bundle_id for b in bundle_export.sent_bundles(demo_context.workspace)] == [
        dialog.last_result.bundle_id
    ]


def test_a_real_store_export_dialog_has_no_demo_choice(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    dialog = _export_dialog(qtbot, ui_context, tmp_path / "x.ldbundle")
    assert not dialog.as_demo.isVisible()


def test_the_import_wizard_accepts_demo_data_only_when_asked(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    wizard = ImportWizard(ui_context)
    qtbot.addWidget(wizard)
    wizard.show()
    box = wizard.choose_page.accept_demo
    assert box.isVisible()
    assert not box.isChecked()
    assert not wizard.accept_demo
    assert "chỉ vào kho dữ liệu DEMO" in box.text() or "DEMO" in box.text()
    box.setChecked(True)
    assert wizard.accept_demo


def test_an_empty_office_store_offers_to_import_a_bundle_first(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    profile.save_profile(
        ui_context.workspace, "office", "Lý Thị Duyệt", "labour_social_affairs", "LS-2025-07"
    )
    ui_context.reload_profile()
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    view = window.assessments
    _loaded(view)
    assert view.import_button.isVisible()
    assert view.import_button.text() == "&Nhập gói hồ sơ…"
    tools = view.import_button.parentWidget().layout()
    assert tools is not None
    assert "Nhập gói hồ sơ" in view.count_label.text()
    assert "Tạo hồ sơ" not in view.count_label.text()
    save_screenshot(window, "demo-office-empty")
    with qtbot.waitSignal(view.import_requested):
        view.import_button.click()
    wizard = window.dossiers.import_bundle()
    assert isinstance(wizard, ImportWizard)
    wizard.close()


def test_a_team_store_keeps_offering_a_new_assessment(qtbot: QtBot, ui_context: UiContext) -> None:
    view = AssessmentsView(ui_context)
    qtbot.addWidget(view)
    view.show()
    _loaded(view)
    assert not view.import_button.isVisible()
    assert "Ctrl+N" in view.count_label.text()


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


def test_the_wizard_refuses_a_demo_bundle_in_words_and_the_office_is_unchanged(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    team = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    demo.create_demo(team.workspace)
    bundle = tmp_path / "USB" / "demo.ldbundle"
    bundle.parent.mkdir()
    bundle_export.export(team.workspace, [1], bundle, TEAM_PASS, demo=True)
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    enrol(office.workspace, team.workspace, tmp_path / "cards")
    before = dump(office.workspace)
    wizard = ImportWizard(office)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 700)
    wizard.show()
    wizard.choose_file = lambda: str(bundle)
    wizard.choose()
    wizard.next()
    assert wizard.currentId() == PAGE_VERIFY
    qtbot.waitUntil(lambda: wizard.verify_page.task is None, timeout=30000)
    assert "DEMO" in wizard.verify_page.contents.text()
    wizard.next()
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert "IMPORT_DEMO_REFUSED" in page.status.text()
    assert "dữ liệu mẫu DEMO" in page.status.text()
    assert not page.isComplete()  # nothing to import
    save_screenshot(wizard, "demo-import-refused")
    assert dump(office.workspace) == before
    assert office.errors.shown == []
