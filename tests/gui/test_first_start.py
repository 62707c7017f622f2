"""The first-start wizard: pages, required name, live language switch, and the choices made."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QCompleter, QWizard
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.services.profile import ProfileKind
from assessor_app.services.workspace import open_workspace
from assessor_app.texts import labels
from assessor_app.ui import file_dialogs, qt_translations
from assessor_app.ui.first_start.wizard import FirstStartChoices, FirstStartWizard
from tests.gui.conftest import save_screenshot

UNIT_LISTS = [
    ("LS-2020", "Lạng Sơn 2020–2024 (11 huyện, 200 xã)", False),
    ("LS-2025-07", "Lạng Sơn từ 01/07/2025 (65 xã, phường)", True),
]


class _Marked(gettext.NullTranslations):
    """A stand-in translation that marks every message, to see which texts were re-translated."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"


@pytest.fixture
def languages(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[list[str]]:
    """Start in a marked 'Vietnamese'; record the languages the wizard asks for."""
    monkeypatch.setattr(i18n, "_translation", _Marked())
    asked: list[str] = []
    yield asked
    i18n.set_language("vi")
    qt_translations.install(qapp, "vi")


def _wizard(
    qtbot: QtBot,
    home: Path,
    *,
    asked: list[str] | None = None,
    store_exists: bool = False,
    home_locked: bool = False,
) -> FirstStartWizard:
    def on_language(code: str) -> str:  # what the app does (application.set_language)
        if asked is not None:
            asked.append(code)
        chosen = i18n.set_language(code)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        qt_translations.install(app, chosen)
        return chosen

    wizard = FirstStartWizard(
        default_home=home,
        home_locked=home_locked,
        store_exists=store_exists,
        unit_lists=UNIT_LISTS,
        language="vi",
        on_language=on_language,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _next(wizard: FirstStartWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.NextButton)


def test_pages_in_order_and_choices(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path / "data")
    assert wizard.currentId() == wizard.welcome_id
    save_screenshot(wizard, "first-start-1-welcome")

    wizard.next()
    assert wizard.currentId() == wizard.data_id
    assert wizard.data.folder.text() == str(tmp_path / "data")
    assert wizard.data.demo.isVisible()
    assert wizard.data.demo.isChecked()  # a new store: the demo is offered and ticked
    assert wizard.data.change.isEnabled()
    save_screenshot(wizard, "first-start-2-data")
    wizard.data.demo.setChecked(False)

    wizard.next()
    assert wizard.currentId() == wizard.profile_id
    page = wizard.profile
    # the name is required: no Finish and an inline hint until it is filled
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert page.name_hint.isVisible()
    save_screenshot(wizard, "first-start-3-profile-empty")
    qtbot.keyClicks(page.name, "   ")
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    page.name.clear()
    page.name.setText("  Nông  Văn Minh ")
    assert page.isComplete()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not page.name_hint.isVisible()

    assert page.unit_list.currentData() == "LS-2025-07"  # the one valid today
    page.office.setChecked(True)
    page.agency.setCurrentIndex(page.agency.findData(Sector.HEALTH.value))
    assert page.agency.currentText() == labels.sector(Sector.HEALTH, i18n.language())
    page.unit_list.setCurrentIndex(page.unit_list.findData("LS-2020"))
    # an appraising office under a list with districts: the district's office
    offices = page.fields.office
    assert offices.isVisible()
    assert offices.findText("Huyện Hữu Lũng") >= 0
    offices.setCurrentIndex(offices.findData("186"))
    save_screenshot(wizard, "first-start-3-profile")

    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    assert wizard.choices() == FirstStartChoices(
        home=tmp_path / "data",
        language="vi",
        demo=False,
        kind="office",
        name="Nông Văn Minh",
        agency="health",
        unit_list="LS-2020",
        office="186",
    )


def test_what_this_installation_is_and_whose_office(qtbot: QtBot, tmp_path: Path) -> None:
    """Four kinds; the office comes from the unit list in force (no districts after 1 July
    2025), and the page says in whose name reports will be issued."""
    wizard = _wizard(qtbot, tmp_path / "data")
    wizard.next()
    wizard.next()
    page = wizard.profile
    fields = page.fields
    assert [b.text().replace("&", "") for b in fields.buttons.values()] == [
        "Máy tính của đoàn kiểm tra liên ngành",
        "Ủy ban nhân dân xã, phường (tự đánh giá)",
        "Cơ quan thẩm định (thẩm định hồ sơ của các xã)",
        "Cơ quan cấp tỉnh (tổng hợp kết quả toàn tỉnh)",
    ]
    assert fields.buttons[ProfileKind.TEAM].isChecked()
    assert not fields.office.isVisible()  # a team's laptop is no office

    fields.buttons[ProfileKind.OFFICE].setChecked(True)  # LS-2025-07: no district any more
    assert [fields.office.itemText(i) for i in range(fields.office.count())] == ["Tỉnh Lạng Sơn"]
    page.agency.setCurrentIndex(page.agency.findData(Sector.LABOUR_SOCIAL_AFFAIRS.value))
    assert fields.issued_as.text().endswith(
        "Sở Lao động - Thương binh và Xã hội — Ủy ban nhân dân tỉnh Lạng Sơn"
    )
    fields.buttons[ProfileKind.PROVINCE].setChecked(True)
    page.agency.setCurrentIndex(page.agency.findData(Sector.HEALTH.value))
    assert fields.issued_as.text().endswith("Sở Y tế — Ủy ban nhân dân tỉnh Lạng Sơn")
    fields.buttons[ProfileKind.COMMUNE].setChecked(True)
    assert fields.office.count() == 65
    page.name.setText("Lò Văn Sáu")
    fields.office.setCurrentIndex(fields.office.findText("Xã Hữu Liên"))
    wizard.resize(1366 * 2 // 3, 700)
    save_screenshot(wizard, "first-start-3-profile-commune")
    choices = wizard.choices()
    assert (choices.kind, choices.office) == ("commune", fields.office.currentData())
    assert choices.office


def test_default_choices_with_demo(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path)
    wizard.next()
    wizard.next()
    wizard.profile.name.setText("Hoàng Thị Lan")
    choices = wizard.choices()
    assert choices.demo
    assert (choices.kind, choices.agency, choices.unit_list) == (
        "team",
        "labour_social_affairs",
        "LS-2025-07",
    )


def test_keyboard_only(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.data_id
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.profile_id
    wizard.profile.name.setFocus()
    qtbot.keyClicks(wizard.profile.name, "Lo Thi Hoa")
    with qtbot.waitSignal(wizard.accepted):
        qtbot.keyClick(wizard.profile.name, Qt.Key.Key_Return)
    assert wizard.choices().name == "Lo Thi Hoa"


def test_language_switch_retranslates_live(
    qtbot: QtBot, tmp_path: Path, languages: list[str]
) -> None:
    wizard = _wizard(qtbot, tmp_path, asked=languages)
    assert wizard.welcome.title() == "«Welcome»"
    assert wizard.welcome.language_label.text() == "«Language of the app:»"
    wizard.welcome.buttons["en"].click()
    assert languages == ["en"]
    assert i18n.language() == "en"
    # every page's texts were set again, in English (the msgids)
    assert wizard.welcome.title() == "Welcome"
    assert wizard.welcome.language_label.text() == "Language of the app:"
    assert wizard.data.change.text() == "&Change…"
    assert wizard.profile.labels["name"].text() == "Your &name:"
    assert "«" not in wizard.windowTitle()
    assert _next(wizard).text() == "&Next >"  # Qt's own button texts follow too
    assert wizard.choices().language == "en"
    save_screenshot(wizard, "first-start-1-welcome-en")
    wizard.welcome.buttons["vi"].click()
    assert languages == ["en", "vi"]
    assert wizard.choices().language == "vi"
    assert "Tiếp" in _next(wizard).text()


def test_stock_buttons_follow_the_language(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path)
    assert "Tiếp" in _next(wizard).text()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        qt_translations.install(app, "en")
        wizard.retranslate()
        assert _next(wizard).text() == "&Next >"
    finally:
        qt_translations.install(app, "vi")


def test_existing_store_hides_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path, store_exists=True)
    wizard.next()
    assert not wizard.data.demo.isVisible()
    assert wizard.data.existing_note.isVisible()
    wizard.data.demo.setChecked(True)  # even if ticked somehow, an existing store gets no demo
    wizard.profile.name.setText("Hoàng Thị Lan")
    assert not wizard.choices().demo
    save_screenshot(wizard, "first-start-2-data-existing")


def test_change_folder(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    existing = tmp_path / "existing"
    open_workspace(existing).close()
    monkeypatch.setattr(file_dialogs, "existing_folder", lambda *args, **kwargs: str(existing))
    wizard = _wizard(qtbot, tmp_path / "new")
    wizard.next()
    qtbot.mouseClick(wizard.data.change, Qt.MouseButton.LeftButton)
    assert wizard.data.folder.text() == str(existing)
    assert not wizard.data.demo.isVisible()  # the chosen folder already holds a store
    wizard.profile.name.setText("Hoàng Thị Lan")
    assert wizard.choices().home == existing
    assert not wizard.choices().demo

    monkeypatch.setattr(file_dialogs, "existing_folder", lambda *args, **kwargs: None)
    wizard.data.choose_folder()  # cancelled: nothing changes
    assert wizard.choices().home == existing


def test_locked_home(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path, home_locked=True)
    wizard.next()
    assert not wizard.data.change.isEnabled()
    assert wizard.data.folder_note.text()
    save_screenshot(wizard, "first-start-2-data-locked")


def test_the_office_is_found_by_typing_without_accents(qtbot: QtBot, tmp_path: Path) -> None:
    """Among 65 communes, "huu lien" finds "Xã Hữu Liên" (as the assessments list's search does);
    leaving the field with text that names no commune puts the chosen one back."""
    wizard = _wizard(qtbot, tmp_path / "data")
    wizard.next()
    wizard.next()
    fields = wizard.profile.fields
    fields.buttons[ProfileKind.COMMUNE].setChecked(True)
    office = fields.office
    edit = office.lineEdit()
    assert edit is not None
    office.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "huu lien")
    completer = next(c for c in office.findChildren(QCompleter))
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    shown = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionModel().rowCount())
    ]
    assert shown == ["Xã Hữu Liên"]
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert office.currentText() == "Xã Hữu Liên"
    assert wizard.choices().office == office.currentData()
    edit.setText("không có xã này")
    edit.editingFinished.emit()
    assert office.currentText() == "Xã Hữu Liên"
    # the unit lists by their titles; their codes (LS-2025-07) only in the tooltips
    lists = wizard.profile.unit_list
    assert all("LS-" not in lists.itemText(i) for i in range(lists.count()))
    assert lists.itemData(lists.currentIndex(), Qt.ItemDataRole.ToolTipRole).startswith("LS-")
