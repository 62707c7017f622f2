"""The catalogues screen (issue 15): a new version of a published catalogue becomes a draft, its
edits are saved and reopen as typed; the province publishes it (then it is listed as published and
opens read only); publishing is refused, with the service's message, on a team's laptop and for a
draft with problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from assessor_app.services import catalogue_drafts, profile
from assessor_app.ui.catalogues.catalogue_menu import CatalogueActions
from assessor_app.ui.catalogues.drafts_window import CatalogueDraftsWindow
from assessor_app.ui.catalogues.editor_window import CatalogueEditorWindow
from assessor_app.ui.catalogues.node_forms import IndicatorForm
from assessor_app.ui.context import UiContext
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says

TC2_1 = ("indicator", 1, 0)


def _province(context: UiContext) -> None:
    profile.save_profile(
        context.workspace, "province", "Lê Thị Thu", "labour_social_affairs", "LS-2025-07", "20"
    )
    context.reload_profile()


def _window(qtbot: QtBot, context: UiContext) -> CatalogueDraftsWindow:
    window = CatalogueDraftsWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _qd06_hash(window: CatalogueDraftsWindow) -> str:
    return next(c.content_hash for c in window.catalogues if c.code == "QD06-2019")


def _draft(window: CatalogueDraftsWindow, version: str) -> catalogue_drafts.DraftRecord:
    draft = window.new_version(_qd06_hash(window), version)
    assert draft is not None, window.message.text()
    return draft


def _lower_band(qtbot: QtBot, editor_window: CatalogueEditorWindow, points: str) -> None:
    editor = editor_window.editor
    editor.select(TC2_1)
    form = editor.current_form()
    assert isinstance(form, IndicatorForm)
    assert form.bands is not None
    form.bands.set_cell(2, 2, points)
    with qtbot.waitSignal(editor.validated, timeout=3000):
        pass


def test_the_menu_opens_the_catalogues_screen(qtbot: QtBot, ui_context: UiContext) -> None:
    menu = QMenu()
    actions = CatalogueActions(ui_context, menu)
    action = actions.populate(menu)
    assert action.text() == "&Bộ tiêu chí…"
    action.trigger()
    window = actions.last_window
    assert isinstance(window, CatalogueDraftsWindow)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    says(window, "Bộ tiêu chí đã ban hành (chỉ xem)", "QD06-2019", "Bản dự thảo")
    save_screenshot(window, "catalogue-drafts")


def test_a_new_version_is_edited_saved_and_reopened(qtbot: QtBot, ui_context: UiContext) -> None:
    window = _window(qtbot, ui_context)
    draft = _draft(window, "2026.1")
    assert window.selected_draft() == window.draft_records[0]
    says(window, "2026.1", "Đã tạo bản dự thảo QD06-2019 2026.1")
    editor_window = window.open_draft()
    assert editor_window is not None
    qtbot.addWidget(editor_window)
    _lower_band(qtbot, editor_window, "40")
    assert window.open_draft() is editor_window  # one editor a draft
    says(editor_window, "Mọi thay đổi đã được lưu vào bản dự thảo.")
    save_screenshot(editor_window, "catalogue-draft-editor")
    editor_window.close()

    stored = catalogue_drafts.get_draft(ui_context.workspace, draft.id).document
    assert stored["criteria"][1]["indicators"][0]["bands"][2]["points"] == 40
    window.select_draft(draft.id)
    again = window.open_draft()
    assert again is not None
    qtbot.addWidget(again)
    again.editor.select(TC2_1)
    form = again.editor.current_form()
    assert isinstance(form, IndicatorForm)
    assert form.bands is not None
    cell = form.bands.table.item(2, 2)
    assert cell is not None
    assert cell.text() == "40"


def test_publishing_is_the_province_s_and_a_published_catalogue_is_read_only(
    qtbot: QtBot, ui_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui_context)
    draft = _draft(window, "2026.1")
    asked: list[Any] = []
    monkeypatch.setattr(window, "confirm_publish", lambda d: asked.append(d) or True)

    window.select_draft(draft.id)
    window.ask_publish()  # a team's laptop
    assert [d.version for d in asked] == ["2026.1"]
    assert "CAT_PUBLISH_NOT_PROVINCE" in window.message.toolTip()
    assert window.message.text()
    assert [d.id for d in catalogue_drafts.list_drafts(ui_context.workspace)] == [draft.id]

    _province(ui_context)
    published = window.publish(draft.id)
    assert published is not None
    assert (published.code, published.version) == ("QD06-2019", "2026.1")
    assert catalogue_drafts.list_drafts(ui_context.workspace) == []
    says(window, "Đã ban hành: QD06-2019 phiên bản 2026.1.", "phiên bản 2026.1", "do tỉnh ban hành")
    save_screenshot(window, "catalogue-drafts-published")
    viewer = window.open_published()
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.editor.read_only
    assert viewer.editor.document["version"] == "2026.1"
    assert not viewer.editor.buttons.isVisibleTo(viewer)
    form = viewer.editor.current_form()
    assert form is not None
    assert not form.isEnabled()
    says(viewer, "Đã ban hành: chỉ xem. Muốn sửa thì tạo phiên bản mới.")


def test_a_draft_with_problems_is_not_published(qtbot: QtBot, ui_context: UiContext) -> None:
    _province(ui_context)
    window = _window(qtbot, ui_context)
    draft = _draft(window, "2026.2")
    editor_window = window.open_draft()
    assert editor_window is not None
    qtbot.addWidget(editor_window)
    editor = editor_window.editor
    editor.select(("criterion", 1))
    form = editor.current_form()
    assert form is not None
    edit = form.findChild(QLineEdit, "field_max_points")
    assert edit is not None
    edit.setText("80")
    edit.textEdited.emit("80")
    editor.flush()  # publishing right after typing: the edit is saved first
    assert window.publish(draft.id) is None
    assert "CAT_DRAFT_INVALID" in window.message.toolTip()
    assert "TC2" in window.message.text()
    assert [d.id for d in catalogue_drafts.list_drafts(ui_context.workspace)] == [draft.id]


def test_deleting_a_draft(qtbot: QtBot, ui_context: UiContext) -> None:
    window = _window(qtbot, ui_context)
    draft = _draft(window, "2026.3")
    window.delete(draft.id)
    assert catalogue_drafts.list_drafts(ui_context.workspace) == []
    assert window.drafts.rowCount() == 0
    says(window, "Đã xóa bản dự thảo.")


def test_export_and_import_xlsx(qtbot: QtBot, ui_context: UiContext, tmp_path: Path) -> None:
    window = _window(qtbot, ui_context)
    sheet = tmp_path / "qd06.xlsx"
    window.export_published(_qd06_hash(window), str(sheet))
    assert sheet.is_file()
    says(window, f"Đã ghi tệp: {sheet}")
    draft = window.import_xlsx(str(sheet))
    assert draft is not None
    assert (draft.code, draft.version) == ("QD06-2019", "2019.1-provisional")
    assert window.selected_draft() == draft
    again = tmp_path / "draft.xlsx"
    window.export_draft(draft.id, str(again))
    second = window.import_xlsx(str(again))
    assert second is not None
    assert second.document == draft.document  # the template round trip is exact

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert window.import_xlsx(str(broken)) is None
    assert window.message.toolTip().startswith("Mã lỗi: ")


def test_every_unreadable_cell_of_an_imported_table_is_listed(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    window = _window(qtbot, ui_context)
    sheet = tmp_path / "qd06.xlsx"
    window.export_published(_qd06_hash(window), str(sheet))
    workbook = load_workbook(sheet)
    indicators = workbook["Chỉ tiêu"]
    column = [c.value for c in indicators[1]].index("Điểm tối đa của chỉ tiêu") + 1
    for row in (3, 5, 7):
        indicators.cell(row=row, column=column, value="nhiều")
    workbook.save(sheet)
    assert window.import_xlsx(str(sheet)) is None
    lines = window.message.text().splitlines()
    assert [line.split(",")[1].strip() for line in lines] == ["dòng 3", "dòng 5", "dòng 7"]
    assert window.message.toolTip().startswith("Mã lỗi: ")
