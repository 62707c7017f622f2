"""The dossier details dialog checks the minutes as the user types: each problem next to its
field, Save disabled until there is none (the services' checks, the same as `dossier set`'s)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from assessor_app.services import dossier_details
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.dossier_details_dialog import DossierDetailsDialog
from tests.gui.conftest import save_screenshot


def shown(dialog: DossierDetailsDialog, field: str) -> str:
    """The message under `field`, empty when hidden."""
    label = dialog.inline.labels[field]
    return "" if label.isHidden() else label.text()


def open_dialog(qtbot: QtBot, context: UiContext, assessment: int) -> DossierDetailsDialog:
    dialog = DossierDetailsDialog(context, assessment)
    qtbot.addWidget(dialog)
    dialog.resize(820, 900)
    dialog.show()
    return dialog


def meet(dialog: DossierDetailsDialog, day: QDate, letter: QDate) -> None:
    dialog.letter_date.setDate(letter)
    dialog.tabs.setCurrentIndex(1)
    dialog.has_minutes.setChecked(True)
    dialog.held_at.setDateTime(QDateTime(day, QTime(8, 0)))
    dialog.ended_at.setDateTime(QDateTime(day, QTime(11, 0)))


def test_inline_errors_and_save_disabled(qtbot: QtBot, demo_context: UiContext) -> None:
    dialog = open_dialog(qtbot, demo_context, 1)
    assert shown(dialog, "signer_name")  # the defaults have no signer yet
    assert not dialog.save_button.isEnabled()
    dialog.signer_name.setText("Hoàng Văn Thắng")
    assert shown(dialog, "signer_name") == ""
    assert dialog.save_button.isEnabled()
    assert "06/QĐ-TTg" in dialog.window_note.text()  # no window in the regime's data: said

    meet(dialog, QDate(2026, 11, 20), QDate(2026, 11, 28))
    assert shown(dialog, "council_chair")  # nobody of the commune committee in the team
    assert not dialog.save_button.isEnabled()
    dialog.chair.setText("Hoàng Văn Thắng")
    assert shown(dialog, "council_chair") == ""
    assert dialog.save_button.isEnabled()

    dialog.votes_for.setValue(9)
    message = shown(dialog, "council_votes")
    assert "9" in message
    assert "4" in message
    assert not dialog.save_button.isEnabled()
    assert not dialog.preview_button.isEnabled()
    save_screenshot(dialog, "dossier-details-inline-error")
    assert not dialog.save()  # refused by the services all the same
    assert not dossier_details.get_details(demo_context.workspace, 1).stored
    dialog.votes_for.setValue(4)
    dialog.votes_against.setValue(0)
    assert shown(dialog, "council_votes") == ""

    dialog.secretary.setText("Nông Văn Tư")  # the team's secretary is listed as "Thư ký"
    assert "Lộc Thị Hoa" in shown(dialog, "council_members")
    dialog.secretary.setText("Lộc Thị Hoa")
    assert shown(dialog, "council_members") == ""
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    stored = dossier_details.get_details(demo_context.workspace, 1)
    assert (stored.council_votes_for, stored.council_votes_against) == (4, 0)
    assert all(m.name for m in stored.council_members)  # the empty seats were not stored


def test_the_qd34_window_needs_a_reason(qtbot: QtBot, demo_context: UiContext) -> None:
    dialog = open_dialog(qtbot, demo_context, 3)  # 06385 in 2016 under QĐ 34
    assert "01/11/2016" in dialog.window_note.text()
    assert "30/11/2016" in dialog.window_note.text()
    dialog.signer_name.setText("Nông Thị Mai")
    meet(dialog, QDate(2016, 10, 25), QDate(2016, 11, 28))
    dialog.chair.setText("Nông Thị Mai")
    dialog.secretary.setText("Lộc Văn Sơn")
    assert "2016-10-25" in shown(dialog, "council_date_reason")
    assert not dialog.save_button.isEnabled()
    save_screenshot(dialog, "dossier-details-window")
    dialog.date_reason.setPlainText("Hội đồng họp sớm để kịp báo cáo huyện")
    assert shown(dialog, "council_date_reason") == ""
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    reason = dossier_details.get_details(demo_context.workspace, 3).council_date_reason
    assert reason == "Hội đồng họp sớm để kịp báo cáo huyện"


def test_empty_seats_are_a_warning_that_lets_save(qtbot: QtBot, demo_context: UiContext) -> None:
    """Seats of the standard's council nobody holds are named above the buttons; Save stays on."""
    dialog = open_dialog(qtbot, demo_context, 1)
    dialog.signer_name.setText("Hoàng Văn Thắng")
    assert dialog.warning.isHidden()  # no minutes yet: nothing to say
    meet(dialog, QDate(2026, 11, 20), QDate(2026, 11, 28))
    dialog.chair.setText("Hoàng Văn Thắng")
    assert not dialog.warning.isHidden()
    assert "Trưởng Công an" in dialog.warning.text()
    assert dialog.save_button.isEnabled()
    assert dialog.save()
