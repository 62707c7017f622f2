"""The decision screen (ui/decisions/): a year's recognition decisions, revocations and
commendations with the communes they concern; revoking and commending through dialogs whose
refusals are the services' (shown under the form, the code in the tooltip); the Appraisal menu
opens it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from assessor_app.services import decisions, recognition
from assessor_app.ui.context import UiContext
from assessor_app.ui.decisions.commend_dialog import CommendDialog
from assessor_app.ui.decisions.decisions_view import DecisionsWindow
from assessor_app.ui.decisions.register_model import RegisterModel
from assessor_app.ui.decisions.revoke_dialog import RevokeDialog
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says

SCREEN = (1366, 768)


def _recognised(context: UiContext) -> decisions.Decision:
    return decisions.record_decision(
        context.workspace,
        decisions.DecisionInput(
            year=2026,
            unit="20",
            number="125/QĐ-UBND",
            decided_on=date(2026, 12, 5),
            signer_name="Đoàn Thu Hà",
        ),
    )


def _window(qtbot: QtBot, context: UiContext) -> DecisionsWindow:
    window = DecisionsWindow(context)
    qtbot.addWidget(window)
    window.year.setValue(2026)
    window.resize(*SCREEN)
    window.show()
    context.tasks.wait_idle(10000)
    return window


def _reloaded(qtbot: QtBot, window: DecisionsWindow, rows: int) -> None:
    window.reload()
    window.context.tasks.wait_idle(10000)
    qtbot.waitUntil(lambda: window.model.rowCount() == rows, timeout=10000)


def test_the_screen_lists_the_years_decisions_revokes_and_commends(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    recorded = _recognised(demo_context)
    window = _window(qtbot, demo_context)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10000)
    says(window, "Quyết định", "Công nhận", "125/QĐ-UBND", "05/12/2026", "Xã Hữu Liên")
    says(window, "1 quyết định")
    window.table.selectRow(0)
    assert window.open_button.isEnabled()

    revoke = window.revoke()
    assert isinstance(revoke, RevokeDialog)
    qtbot.addWidget(revoke)
    assert revoke.decision.currentData() == recorded.id  # the selected decision
    assert [revoke.communes.item(r).text() for r in range(revoke.communes.count())] == [
        "Xã Hữu Liên"
    ]
    revoke.number.setText("140/QĐ-UBND")
    revoke.signer.setText("Đoàn Thu Hà")
    revoke.day.setDate(QDate(2026, 12, 6))
    revoke.reason.setPlainText("Số liệu tiêu chí 2 không đúng thực tế")
    revoke.record()  # no commune ticked: refused by the service, under the form
    demo_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: revoke.message.isVisible(), timeout=10000)
    assert "Ghi ít nhất một xã bị thu hồi công nhận" in revoke.message.text()
    assert "REVOCATION_NO_COMMUNE" in revoke.message.toolTip()
    assert revoke.recorded is None
    revoke.communes.item(0).setCheckState(Qt.CheckState.Checked)
    revoke.proposer.setText("Giám đốc Sở Y tế")  # the basis left blank: a dotted line
    revoke.resize(800, 560)
    save_screenshot(revoke, "decisions-revoke")
    revoke.record()
    demo_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: revoke.recorded is not None, timeout=10000)
    assert "140/QĐ-UBND" in revoke.message.text()
    assert revoke.communes.count() == 0  # nothing left to revoke from that decision
    found = recognition.recognition(demo_context.workspace, "06400", 2026)
    assert found.status == recognition.REVOKED
    assert revoke.recorded.proposer == "Giám đốc Sở Y tế"
    assert revoke.recorded.basis == ""
    revoke.close()

    commend = window.commend()
    assert isinstance(commend, CommendDialog)
    qtbot.addWidget(commend)
    commend.number.setText("88/QĐ-UBND")
    commend.day.setDate(QDate(2026, 12, 6))
    commend.signer.setText("Đoàn Thu Hà")
    commend.reason.setPlainText("Có thành tích xuất sắc")
    commend.record()  # nobody commended: refused
    demo_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: commend.message.isVisible(), timeout=10000)
    assert "COMMENDATION_NO_RECIPIENT" in commend.message.toolTip()
    commend.communes.setText("06385")
    commend.people.setPlainText("Lý Thị Hoa; Công chức văn hóa - xã hội; Xã Hữu Liên")
    save_screenshot(commend, "decisions-commend")
    commend.record()
    demo_context.writes.wait_idle(10000)
    qtbot.waitUntil(lambda: commend.recorded is not None, timeout=10000)
    assert commend.recorded is not None
    assert commend.recorded.form == "Bằng khen"
    assert commend.recorded.people[0].name == "Lý Thị Hoa"
    commend.close()

    _reloaded(qtbot, window, 3)
    says(window, "Thu hồi công nhận", "140/QĐ-UBND", "Khen thưởng", "88/QĐ-UBND")
    says(window, "Thu hồi quyết định 125/QĐ-UBND: Số liệu tiêu chí 2 không đúng thực tế")
    says(window, "Đã bị thu hồi công nhận: Xã Hữu Liên")
    says(window, "Bằng khen: Có thành tích xuất sắc", "Lý Thị Hoa (công chức văn hóa - xã hội)")
    says(window, "3 quyết định")
    window.table.selectRow(2)
    assert window.open_button.isEnabled()  # the commendation prints its decision
    printed = window.open_selected()
    assert printed is not None
    qtbot.waitUntil(lambda: printed.task.done, timeout=30000)  # type: ignore[attr-defined]
    words = " ".join(printed.document.getAllText(0).text().split())  # type: ignore[attr-defined]
    assert "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc" in words
    assert "Lý Thị Hoa" in words
    save_screenshot(printed, "decisions-commendation-preview")
    printed.close()
    window.table.selectRow(1)
    preview = window.open_selected()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)  # type: ignore[attr-defined]
    text = preview.document.getAllText(0).text()  # type: ignore[attr-defined]
    assert "thu hồi quyết định công nhận" in " ".join(text.split())
    preview.close()
    save_screenshot(window, "decisions-screen")


def test_the_register_model_passes_the_model_tester(
    qtbot: QtBot, demo_context: UiContext, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    _recognised(demo_context)
    from assessor_app.services import decision_register

    model = RegisterModel()
    model.set_entries(decision_register.register(demo_context.workspace, 2026))
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_the_appraisal_menu_opens_the_screen(qtbot: QtBot, demo_context: UiContext) -> None:
    from assessor_app.ui.main_window import MainWindow

    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert "Thẩm định" in titles
    [action] = [a for a in window.menus["office"].actions() if "Quyết định" in a.text()]
    action.trigger()
    screen = window.decisions.screen
    assert screen is not None
    assert screen.isVisible()
    demo_context.tasks.wait_idle(10000)
    screen.close()
