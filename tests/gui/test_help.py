"""F1 opens the user guide at the section of the screen it is pressed in, from the main window's
list and editor and from a modal dialog; the guide is Vietnamese (or English), with its contents,
its pictures, and the PDF offered from the Help menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.ui.context import UiContext
from assessor_app.ui.help import help_dialog
from assessor_app.ui.help.help_dialog import HelpDialog
from assessor_app.ui.main_window import MainWindow
from tests.gui.conftest import save_screenshot
from tests.gui.test_editor_support import select


def _window(qtbot: QtBot, context: UiContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert context.tasks.wait_idle()
    return window


def _f1(qtbot: QtBot, widget: QWidget) -> HelpDialog:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    dialog = help_dialog._open
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def _section(dialog: HelpDialog) -> str:
    item = dialog.contents.currentItem()
    assert item is not None
    return item.text()


def test_the_guide_in_vietnamese_with_contents_and_pictures(qtbot: QtBot) -> None:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1000, 680)
    dialog.show()
    dialog.show_topic("export")
    assert dialog.windowTitle() == "Hướng dẫn sử dụng"
    contents = [dialog.contents.item(i).text() for i in range(dialog.contents.count())]
    assert contents[:3] == ["Bắt đầu", "Danh sách đánh giá", "Chấm điểm"]
    assert _section(dialog) == "Xuất gói hồ sơ"
    text = dialog.browser.toPlainText()
    assert "Ctrl+N" in text
    assert "Tử số và Mẫu số" in text
    assert dialog.pdf_button.text() == "Mở bản PDF của hướng dẫn"
    # the pictures are found (a missing one is drawn as a broken-image icon, not as the window)
    document = dialog.browser.document()
    picture = document.resource(document.ResourceType.ImageResource, QUrl("images/editor.png"))
    assert picture is not None
    assert not picture.isNull()
    assert dialog.browser.verticalScrollBar().value() > 0  # scrolled to the section
    save_screenshot(dialog, "help-guide")


def test_the_guide_in_english(qtbot: QtBot) -> None:
    i18n.set_language("en")
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_topic("reports")
    assert dialog.windowTitle() == "User guide"
    assert _section(dialog) == "Printing dossiers and reports"
    assert "Dossiers → Export…" in dialog.browser.toPlainText()


def test_f1_opens_the_section_of_the_screen(qtbot: QtBot, demo_context: UiContext) -> None:
    window = _window(qtbot, demo_context)
    window.activateWindow()
    dialog = _f1(qtbot, window.assessments)
    assert dialog.topic == "assessments"
    assert _section(dialog) == "Danh sách đánh giá"

    editor = window.open_assessment(2)
    select(editor, "TC2.1")
    dialog = _f1(qtbot, editor.tree)
    assert dialog.topic == "editor"
    assert _section(dialog) == "Chấm điểm"

    editor.tabs.setCurrentIndex(1)  # the team
    dialog = _f1(qtbot, editor.team_view)
    assert (dialog.topic, _section(dialog)) == ("team", "Đoàn đánh giá")
    editor.tabs.setCurrentIndex(2)
    dialog = _f1(qtbot, editor.history_view)
    assert _section(dialog) == "Lịch sử thay đổi"
    dialog.close()

    window.tabs.setCurrentIndex(1)  # the menu: the screen of the current tab
    window.action_guide.trigger()
    assert help_dialog._open is not None
    assert help_dialog._open.topic == "editor"
    assert window.action_guide.shortcut().toString() == "F1"
    help_dialog._open.close()


def test_f1_in_a_modal_dialog(qtbot: QtBot, demo_context: UiContext) -> None:
    window = _window(qtbot, demo_context)
    seen: list[tuple[str, str]] = []

    def press_f1_in_settings() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F1)
        guide = help_dialog._open
        assert guide is not None
        seen.append((guide.topic, _section(guide)))
        assert guide.parentWidget() is dialog  # usable while the modal dialog is open
        guide.close()
        dialog.reject()

    QTimer.singleShot(100, press_f1_in_settings)
    window.open_settings()
    assert seen == [("settings", "Cài đặt, bản sao dữ liệu và nhật ký")]


def test_help_menu_offers_the_guide_its_pdf_and_about(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo_context)
    texts = [a.text() for a in window.menus["help"].actions() if not a.isSeparator()]
    assert texts == ["&Hướng dẫn sử dụng", "Hướng dẫn sử dụng (&PDF)", "&Giới thiệu"]
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pdf_action = window.menus["help"].actions()[1]
    pdf_action.trigger()
    assert [Path(url.toLocalFile()).name for url in opened] == ["huong-dan-su-dung.pdf"]
    assert Path(opened[0].toLocalFile()).is_file()


def test_f1_in_the_first_start_wizard(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    from assessor_app.ui.first_start.wizard import FirstStartWizard
    from assessor_app.ui.help import context_help

    context_help.install(qapp)  # as the app does before the wizard
    wizard = FirstStartWizard(
        default_home=tmp_path / "home",
        home_locked=False,
        store_exists=False,
        unit_lists=[("LS-2025-07", "Lạng Sơn 2025", True)],
        language="vi",
        on_language=lambda language: None,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    dialog = _f1(qtbot, wizard.focusWidget() or wizard)
    assert (dialog.topic, _section(dialog)) == ("start", "Bắt đầu")
    assert dialog.parentWidget() is wizard
    dialog.close()


# issue 14's windows: the walk's screen → its section, titled in Vietnamese and in English
OFFICE_SECTIONS = {
    "dashboard": ("dashboard", "Bảng theo dõi", "Dashboard"),
    "review": ("appraisal", "Thẩm định hồ sơ", "Appraisal of dossiers"),
    "decisions": (
        "decisions",
        "Quyết định công nhận, thu hồi, khen thưởng",
        "Decisions: recognition, revocation, commendation",
    ),
    "revoke": (
        "decisions",
        "Quyết định công nhận, thu hồi, khen thưởng",
        "Decisions: recognition, revocation, commendation",
    ),
    "commend": (
        "decisions",
        "Quyết định công nhận, thu hồi, khen thưởng",
        "Decisions: recognition, revocation, commendation",
    ),
    "plan": (
        "plan",
        "Kế hoạch: chỉ tiêu, đơn vị phấn đấu đạt chuẩn, kinh phí",
        "The plan: targets, planned communes, budget",
    ),
    "yearly-report": ("yearly", "Báo cáo năm", "Yearly report on the plan"),
    "procedure": ("procedure", "Quy trình", "The procedure"),
    "unit-merges": ("unit-merges", "Sáp nhập đơn vị hành chính", "Administrative unit merges"),
    "unit-merge-correct": (
        "unit-merges",
        "Sáp nhập đơn vị hành chính",
        "Administrative unit merges",
    ),
}
# what each section must explain: the marks the screen shows (Vietnamese, English)
SECTION_SAYS = {
    "dashboard": (("Chỉ tiêu đang áp dụng", "Thời hạn"), ("Target in force", "Deadlines")),
    "decisions": (("Đã bị thu hồi công nhận", "Khen thưởng…"), ("Revoked since", "Commendation…")),
    "plan": (
        ("chương trình quốc gia (nguồn thứ cấp)",),
        ("national programme (secondary source)",),
    ),
    "yearly": (("Bảng tính Excel",), ("Excel workbook",)),
    "procedure": (("chưa xác minh", "do tỉnh đặt"), ("not verified", "set by the province")),
    "unit-merges": (("Chưa xác minh", "Sửa dòng…"), ("Not verified", "Correct the row…")),
}


def _open_section(qtbot: QtBot, topic: str) -> HelpDialog:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_topic(topic)
    return dialog


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_guide_explains_each_office_screen(qtbot: QtBot, language: str) -> None:
    i18n.set_language(language)
    for topic, (vietnamese, english) in SECTION_SAYS.items():
        dialog = _open_section(qtbot, topic)
        assert dialog.topic == topic
        text = dialog.browser.toPlainText()
        for said in vietnamese if language == "vi" else english:
            assert said in text, (topic, said)
        dialog.close()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("picture", ["dashboard", "decisions", "unit-merges"])
def test_the_office_screens_are_pictured(qtbot: QtBot, language: str, picture: str) -> None:
    i18n.set_language(language)
    dialog = _open_section(qtbot, picture)
    document = dialog.browser.document()
    image = document.resource(document.ResourceType.ImageResource, QUrl(f"images/{picture}.png"))
    assert image is not None
    assert not image.isNull()


@pytest.mark.parametrize("screen", sorted(OFFICE_SECTIONS))
def test_f1_on_each_office_window_opens_its_section(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path, screen: str
) -> None:
    from tests.gui import walk_screens

    def wait(condition: object) -> None:
        qtbot.waitUntil(condition, timeout=30000)  # type: ignore[arg-type]

    topic, vietnamese, english = OFFICE_SECTIONS[screen]
    walk = walk_screens.Walk(demo_context, tmp_path / "walk", wait)
    walk.scratch.mkdir()
    try:
        if screen == "revoke":  # as the app opens it: from the decisions (its name is a key's too)
            window = walk.show(walk_screens.SCREENS["decisions"](walk).revoke())  # type: ignore[attr-defined]
        else:
            window = walk_screens.SCREENS[screen](walk)
        window.activateWindow()
        dialog = _f1(qtbot, window.focusWidget() or window)
        assert (dialog.topic, _section(dialog)) == (topic, vietnamese)
        dialog.close()
        i18n.set_language("en")
        english_guide = _open_section(qtbot, topic)
        assert _section(english_guide) == english
        english_guide.close()
    finally:
        walk.close()


def test_f1_in_the_settings_store_box_opens_the_server_part(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    from assessor_app.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(demo_context)
    qtbot.addWidget(settings)
    settings.show()
    settings.store.server.setChecked(True)
    dialog = _f1(qtbot, settings.store.host)
    assert dialog.topic == "server-settings"
    assert _section(dialog) == "Dùng chung kho dữ liệu trên máy chủ"  # the part it belongs to
    assert "Kiểm tra kết nối" in dialog.browser.toPlainText()
    dialog.close()
    dialog = _f1(qtbot, settings.language)
    assert (dialog.topic, _section(dialog)) == ("settings", "Cài đặt, bản sao dữ liệu và nhật ký")
