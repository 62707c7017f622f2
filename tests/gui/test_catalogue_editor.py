"""The catalogue editor (issue 15): an edit to a band changes the preview's total; a broken field
shows the loader's message with its place, a click on it selects the part, fixing it empties the
list; every accepted edit is saved and reopening shows it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from assessor_app.ui.catalogues.band_table import BandTable
from assessor_app.ui.catalogues.catalogue_editor import CatalogueEditor
from assessor_app.ui.catalogues.node_forms import IndicatorForm
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says

QD06 = Path(__file__).resolve().parents[2] / "resources" / "catalogues" / "qd06-2019.json"
TC2 = ("criterion", 1)
TC2_1 = ("indicator", 1, 0)


@pytest.fixture
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(QD06.read_text(encoding="utf-8"))
    return loaded


def _editor(qtbot: QtBot, document: dict[str, Any], saved: list[Any]) -> CatalogueEditor:
    editor = CatalogueEditor(document, save=saved.append)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    return editor


def _type(qtbot: QtBot, form: QWidget | None, key: str, text: str) -> None:
    """Replace a field's text as typing does (QTest cannot type Vietnamese letters: the signal
    typing sends is sent by hand)."""
    assert form is not None
    edit = form.findChild(QLineEdit, f"field_{key}")
    assert edit is not None, key
    edit.setText(text)
    edit.textEdited.emit(text)


def _bands(editor: CatalogueEditor) -> BandTable:
    form = editor.current_form()
    assert isinstance(form, IndicatorForm)
    assert form.bands is not None
    return form.bands


def _settled(qtbot: QtBot, editor: CatalogueEditor) -> None:
    with qtbot.waitSignal(editor.validated, timeout=3000):
        pass


def test_editing_a_band_changes_the_preview_total(qtbot: QtBot, document: dict[str, Any]) -> None:
    saved: list[Any] = []
    editor = _editor(qtbot, document, saved)
    preview = editor.preview
    assert preview.result is not None
    assert preview.result.total == 855  # the demo commune's figures (services/demo.py)
    preview.set_figure("TC2.1", "46/50")  # 92 %: the band "≥ 90 %", 45 points
    assert preview.points_of("TC2.1") == "45 / 75 điểm"
    assert preview.result.total == 825

    editor.select(TC2_1)
    _bands(editor).set_cell(2, 2, "40")
    _settled(qtbot, editor)
    assert editor.problems == []
    assert preview.points_of("TC2.1") == "40 / 75 điểm"
    assert preview.result.total == 820
    assert saved[-1]["criteria"][1]["indicators"][0]["bands"][2]["points"] == 40
    editor.tabs.setCurrentIndex(1)
    says(editor, "Tổng điểm: 820 / 1.000 điểm", "Chưa đạt", "thấp hơn mức 850 điểm")
    save_screenshot(editor, "catalogue-editor-preview")


def test_a_broken_field_is_named_clicked_and_fixed(qtbot: QtBot, document: dict[str, Any]) -> None:
    saved: list[Any] = []
    editor = _editor(qtbot, document, saved)
    editor.select(TC2)
    _type(qtbot, editor.current_form(), "max_points", "80")
    _settled(qtbot, editor)
    [problem] = editor.problems
    assert problem.code == "CAT_POINTS_SUM"
    assert (
        problem.message == "TC2: Tổng điểm các chỉ tiêu là 75 nhưng điểm tối đa của tiêu chí là 80."
    )
    assert problem.node == TC2
    assert editor.preview.catalogue is None
    assert "TC2: Tổng điểm các chỉ tiêu" in editor.preview.message.text()
    save_screenshot(editor, "catalogue-editor-problem")
    says(editor, "TC2: Tổng điểm các chỉ tiêu là 75", "Tiêu chí")

    editor.select(("general",))
    item = editor.problem_list.item(0)
    editor.problem_list.itemClicked.emit(item)
    assert editor.node == TC2
    current = editor.tree.currentItem()
    assert current is not None
    assert current.text(0).startswith("TC2 — ")

    _type(qtbot, editor.current_form(), "max_points", "75")
    _settled(qtbot, editor)
    assert editor.problems == []
    assert editor.problem_list.count() == 0
    assert editor.preview.catalogue is not None


def test_a_band_out_of_order_selects_its_indicator(qtbot: QtBot, document: dict[str, Any]) -> None:
    editor = _editor(qtbot, document, [])
    editor.select(TC2_1)
    _bands(editor).set_cell(1, 0, "99")
    _settled(qtbot, editor)
    [problem] = editor.problems
    assert problem.code == "CAT_BANDS_ORDER"
    assert problem.node == TC2_1
    editor.select(("general",))
    editor.problem_list.itemClicked.emit(editor.problem_list.item(0))
    assert editor.node == TC2_1


def test_every_edit_is_saved_and_reopening_shows_it(qtbot: QtBot, document: dict[str, Any]) -> None:
    saved: list[Any] = []
    editor = _editor(qtbot, document, saved)
    editor.select(("general",))
    _type(qtbot, editor.current_form(), "version", "2026.1")
    _type(qtbot, editor.current_form(), "publisher", "Sở Y tế tỉnh Cao Bằng")
    editor.hide()  # closing the window saves a pending edit at once
    assert saved[-1]["version"] == "2026.1"
    assert saved[-1]["publisher"] == "Sở Y tế tỉnh Cao Bằng"
    again = _editor(qtbot, saved[-1], [])
    version = again.current_form().findChild(QLineEdit, "field_version")  # type: ignore[union-attr]
    assert version is not None
    assert version.text() == "2026.1"


def test_structure_add_move_remove(qtbot: QtBot, document: dict[str, Any]) -> None:
    editor = _editor(qtbot, document, [])
    editor.select(TC2)
    editor.add_indicator()
    assert editor.node == ("indicator", 1, 1)
    assert document_codes(editor)[1] == ["TC2.1", "TC2.2"]
    _settled(qtbot, editor)
    assert editor.problems[0].node == ("indicator", 1, 1)  # a new indicator has no title yet
    editor.move_selected(-1)
    assert document_codes(editor)[1] == ["TC2.2", "TC2.1"]
    editor.remove_selected()
    assert document_codes(editor)[1] == ["TC2.1"]
    editor.select(("criterion", 0))
    editor.move_selected(1)
    assert editor.document["criteria"][1]["code"] == "TC1"
    editor.add_condition()
    assert editor.document["recognition"][-1]["id"] == "DK4"
    _settled(qtbot, editor)


def document_codes(editor: CatalogueEditor) -> list[list[str]]:
    return [[i["code"] for i in c["indicators"]] for c in editor.document["criteria"]]


def test_dates_are_typed_as_officials_write_them(qtbot: QtBot, document: dict[str, Any]) -> None:
    saved: list[Any] = []
    editor = _editor(qtbot, document, saved)
    form = editor.current_form()
    assert form is not None
    day = form.findChild(QLineEdit, "field_effective_from")
    assert day is not None
    assert day.text() == "03/01/2019"
    _type(qtbot, form, "effective_to", "31/12/2030")
    _settled(qtbot, editor)
    assert saved[-1]["effective_to"] == "2030-12-31"
    _type(qtbot, form, "effective_to", "31/12/2018")
    _settled(qtbot, editor)
    [problem] = editor.problems
    assert problem.node == ("general",)
    _type(qtbot, form, "effective_to", "")
    _settled(qtbot, editor)
    assert editor.problems == []
    assert "effective_to" not in saved[-1]
