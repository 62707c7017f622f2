"""Report preview, save and print in the app; summaries for the province or a district."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from assessor_app.domain.errors import NotFoundError
from assessor_app.reports.summary import Scope, ScopeLevel
from assessor_app.services import reports
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from assessor_app.ui.reports.summary_dialog import SummaryDialog
from tests.gui.conftest import save_screenshot


def _dossier_preview(qtbot: QtBot, context: UiContext) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(
        context, "Hồ sơ", lambda: reports.dossier_bytes(context.workspace, 1), "ho-so.pdf"
    )
    qtbot.addWidget(dialog)
    dialog.resize(1000, 720)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=30000)
    return dialog


def test_dossier_preview_save_and_print(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    dialog = _dossier_preview(qtbot, demo_context)
    assert dialog.document.pageCount() > 3
    assert dialog.save_button.isEnabled()
    qtbot.wait(200)
    save_screenshot(dialog, "report-dossier-preview")

    dialog.choose_target = lambda suggested: str(tmp_path / "hồ sơ")
    saved = dialog.save()
    assert saved == tmp_path / "hồ sơ.pdf"
    assert saved.read_bytes() == dialog.data

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.choose_printer = lambda _printer: True
    task = dialog.print_document(printer)
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    assert (tmp_path / "printed.pdf").read_bytes() == dialog.data  # the vector PDF, not pictures


def test_save_to_an_unwritable_place_reports_and_leaves_nothing(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    dialog = _dossier_preview(qtbot, demo_context)
    dialog.choose_target = lambda suggested: str(tmp_path / "no-such-folder" / "x.pdf")
    assert dialog.save() is None
    assert demo_context.errors.shown[-1][0] == "expected"
    assert not (tmp_path / "no-such-folder").exists()


def _choices(dialog: SummaryDialog) -> list[tuple[str, str]]:
    return [
        (dialog.scope.itemText(i), dialog.scope.itemData(i)) for i in range(dialog.scope.count())
    ]


def test_summary_dialog_offers_districts_only_before_july_2025(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    dialog = SummaryDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2016)
    codes = [code for _text, code in _choices(dialog)]
    assert codes[0] == "20"
    assert "186" in codes  # Huyện Hữu Lũng
    # names only, as an official names the areas: the code is the item's data, not its text
    assert _choices(dialog) == [
        (s.name, s.code) for s in reports.summary_scopes(demo_context.workspace, 2016)
    ]
    assert ("Huyện Hữu Lũng", "186") in _choices(dialog)
    dialog.year.setValue(2026)
    assert _choices(dialog) == [("Tỉnh Lạng Sơn", "20")]
    save_screenshot(dialog, "report-summary-dialog")


def test_summary_dialog_shows_the_services_choices(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []

    def scopes(workspace: object, year: int) -> tuple[Scope, ...]:
        asked.append(year)
        if year == 2015:
            raise NotFoundError(
                "UNITS_NONE_ON_DATE", "No unit list is valid on {day}.", day="2015-10-31"
            )
        return (Scope(ScopeLevel.PROVINCE, "Tỉnh Thử Nghiệm", "99"),)

    monkeypatch.setattr(reports, "summary_scopes", scopes)
    dialog = SummaryDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2016)
    assert asked[-1] == 2016
    assert _choices(dialog) == [("Tỉnh Thử Nghiệm", "99")]
    assert dialog.suggested_name() == "bao-cao-tong-hop-99-2016.pdf"

    dialog.year.setValue(2015)  # no unit list that year: said under the form, nothing to write
    assert _choices(dialog) == []
    assert not dialog.error.isHidden()
    assert "2015-10-31" in dialog.error.text()
    assert not dialog.save_button.isEnabled()
    assert not dialog.preview_button.isEnabled()
    assert demo_context.errors.shown == []

    dialog.year.setValue(2016)
    assert dialog.error.isHidden()
    assert dialog.save_button.isEnabled()
    assert dialog.preview_button.isEnabled()


@pytest.mark.qt_no_exception_capture
def test_a_bug_behind_the_choices_reaches_the_error_reporter(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SummaryDialog(demo_context)
    qtbot.addWidget(dialog)

    def broken(workspace: object, year: int) -> tuple[Scope, ...]:
        raise RuntimeError("a bug in the service")

    monkeypatch.setattr(reports, "summary_scopes", broken)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    demo_context.errors.install_hooks()
    dialog.year.setValue(dialog.year.value() - 1)
    assert demo_context.errors.shown[-1] == ("unexpected", "RuntimeError: a bug in the service\n")


def test_summary_preview_and_xlsx(qtbot: QtBot, demo_context: UiContext, tmp_path: Path) -> None:
    dialog = SummaryDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    preview = dialog.open_preview()
    qtbot.waitUntil(lambda: preview.task.done, timeout=30000)
    assert preview.document.pageCount() >= 1
    preview.resize(1000, 720)
    qtbot.wait(200)
    save_screenshot(preview, "report-summary-preview")

    dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
    assert not dialog.preview_button.isEnabled()
    dialog.choose_target = lambda suggested: str(tmp_path / suggested)
    target = dialog.save()
    assert target is not None
    qtbot.waitUntil(lambda: dialog.task.done, timeout=30000)
    assert target.read_bytes()[:2] == b"PK"
    assert not dialog.error.isHidden()  # "Saved: …"


def test_dossier_details_dialog_saves_letter_and_minutes(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    from assessor_app.services import assessments, dossier_details
    from assessor_app.ui.reports.dossier_details_dialog import DossierDetailsDialog

    dialog = DossierDetailsDialog(demo_context, 1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.issuer.text()  # defaults from the data
    assert dialog.members.rowCount() >= 1  # the team as council members
    save_screenshot(dialog, "dossier-details-letter")
    dialog.signer_name.setText("Hoàng Văn Thắng")
    dialog.letter_number.setText("12/TTr-UBND")
    dialog.tabs.setCurrentIndex(1)
    dialog.has_minutes.setChecked(True)
    dialog.chair.setText("Hoàng Văn Thắng")
    dialog.secretary.setText("Lộc Thị Hoa")
    dialog.conclusion.setPlainText("Xã Hữu Liên đạt tiêu chuẩn xã phù hợp với trẻ em năm 2026.")
    save_screenshot(dialog, "dossier-details-minutes")
    assert dialog.save()
    stored = dossier_details.get_details(demo_context.workspace, 1)
    assert stored.signer_name == "Hoàng Văn Thắng"
    assert stored.letter_number == "12/TTr-UBND"
    assert stored.has_minutes
    assert "đạt tiêu chuẩn" in stored.council_conclusion
    assert assessments.audit(demo_context.workspace, 1).entries[-1].action == "set_dossier_details"

    dialog.issuer.setText("")
    assert not dialog.save()
    assert not dialog.error.isHidden()
    assert dossier_details.get_details(demo_context.workspace, 1).issuer  # nothing stored
    dialog.restore_defaults()
    assert dialog.issuer.text()


def test_summary_dialog_keeps_the_reports_details(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    from assessor_app.services import report_details

    dialog = SummaryDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.details)
    form = dialog.details
    qtbot.waitUntil(lambda: dialog.drafts_task.done, timeout=30000)
    general = form.sections["general"].toPlainText()
    assert general.startswith("Năm 2026, toàn tỉnh có")  # drafted from the data
    form.number.setText("345/BC-SYT")
    form.day.setText("2026-12-08")
    form.signer_position.setText("Phó Giám đốc")
    form.signer_name.setText("Đinh Văn Hưng")
    form.signer_authority.setText("KT. Giám đốc")
    form.recipients.setPlainText("Bộ Y tế\nLưu: VT")
    form.plan_number.setText("12/KH-UBND")
    form.sections["causes"].setPlainText("Nguồn lực còn hạn chế.")
    save_screenshot(dialog, "report-summary-details")
    assert dialog.save_details()
    stored = report_details.get_details(demo_context.workspace, "20", 2026)
    assert stored.number == "345/BC-SYT"
    assert stored.signer_name == "Đinh Văn Hưng"
    assert stored.recipients == ("Bộ Y tế", "Lưu: VT")
    assert stored.causes == "Nguồn lực còn hạn chế."
    assert stored.general == ""  # left as the draft: keeps following the data

    # a new dialog shows what is kept
    again = SummaryDialog(demo_context)
    qtbot.addWidget(again)
    again.year.setValue(2026)
    again.tabs.setCurrentWidget(again.details)
    assert again.details.number.text() == "345/BC-SYT"
    assert again.details.sections["causes"].toPlainText() == "Nguồn lực còn hạn chế."
    qtbot.waitUntil(lambda: again.drafts_task.done, timeout=30000)

    # bad input: said under the form, nothing stored, nothing written
    again.details.day.setText("8/12/2026")
    again.choose_target = lambda suggested: str(tmp_path / suggested)
    again.tabs.setCurrentIndex(0)
    assert again.save() is None
    assert not again.error.isHidden()
    assert "YYYY-MM-DD" in again.error.text()
    again.details.day.setText("2026-12-08")
    again.details.number.setText("345")
    assert not again.save_details()
    assert "12/BC-UBND" in again.error.text()
    assert report_details.get_details(demo_context.workspace, "20", 2026).number == "345/BC-SYT"
    assert not list(tmp_path.glob("*.pdf"))
