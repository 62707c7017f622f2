"""The log viewer reads Vietnamese (times as dates read here, levels as words, the app's events as
sentences) and filters by level and by day."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.logs import configure_logging
from assessor_app.services import reports
from assessor_app.ui.context import UiContext
from assessor_app.ui.logs.log_viewer import LogViewer
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from tests.gui.conftest import save_screenshot

LOG = (
    "2026-11-30 08:00:00,001 INFO assessor_app.services.housekeeping: removed 2 leftover(s)\n"
    "2026-12-01 09:15:02,120 INFO assessor_app.events: export done "
    "bundle=5f0c8e2a-8d7b-4c1e-9a53-0d6b2f6f1e11 sequence=3 assessments=2\n"
    "2026-12-02 10:20:30,500 WARNING assessor_app.events: import quarantined "
    "bundle=77aa8e2a-8d7b-4c1e-9a53-0d6b2f6f1e11 communes=06400 years=2026 "
    "reasons=BUNDLE_UNKNOWN_SIGNER\n"
    "2026-12-02 10:21:00,000 WARNING assessor_app.events: import rejected reasons=BUNDLE_CORRUPT\n"
    "2026-12-03 14:00:00,000 ERROR assessor_app.ui.errors: unexpected error\n"
    "Traceback (most recent call last):\n"
    "ValueError: hỏng\n"
    "2026-12-04 16:45:00,000 INFO assessor_app.events: report saved document=summary unit=20 "
    "year=2026 format=.xlsx\n"
    "2026-12-04 16:46:00,000 INFO assessor_app.events: print done route=render document=ab12\n"
)


@pytest.fixture
def vietnamese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("vi")
    yield
    i18n.set_language(before)


@pytest.fixture
def viewer(qtbot: QtBot, tmp_path: Path, vietnamese: None) -> LogViewer:
    path = tmp_path / "assessor-app.log"
    path.write_text(LOG, encoding="utf-8")
    viewer = LogViewer(path)
    qtbot.addWidget(viewer)
    return viewer


def _lines(viewer: LogViewer) -> list[str]:
    return viewer.text.toPlainText().splitlines()


def test_the_log_reads_vietnamese(viewer: LogViewer) -> None:
    lines = _lines(viewer)
    assert lines[1] == (
        "01/12/2026 09:15:02  Thông tin  Đã xuất gói hồ sơ gồm 2 đánh giá, số thứ tự 3 "
        "(gói 5f0c8e2a)."
    )
    assert lines[2] == (
        "02/12/2026 10:20:30  Cảnh báo  Gói hồ sơ được giữ lại để kiểm tra (gói 77aa8e2a, "
        "xã 06400, năm 2026). Lý do: Khóa ký chưa được đăng ký."
    )
    assert "BUNDLE_UNKNOWN_SIGNER" not in viewer.text.toPlainText()
    assert lines[3].startswith("02/12/2026 10:21:00  Cảnh báo  Gói hồ sơ bị từ chối. Lý do:")
    assert lines[4] == "03/12/2026 14:00:00  Lỗi  unexpected error"
    assert lines[5] == "Traceback (most recent call last):"  # as written, for support
    assert "Đã lưu báo cáo tổng hợp của địa bàn 20 năm 2026 thành tệp XLSX." in lines[7]
    assert lines[8] == "04/12/2026 16:46:00  Thông tin  Đã in tài liệu trên máy in."
    # The file keeps its codes; what is copied is what is shown.
    assert "export done" in viewer.entries[1].text
    assert viewer.count_label.text() == "7 mục"
    assert viewer.date_from.date().toPython() == date(2026, 11, 30)
    assert viewer.date_to.date().toPython() == date(2026, 12, 4)
    assert viewer.date_from.displayFormat() == "dd/MM/yyyy"


def test_filter_by_level(viewer: LogViewer) -> None:
    viewer.level.setCurrentIndex(1)
    assert [e.level for e in viewer.shown] == ["WARNING", "WARNING", "ERROR"]
    viewer.level.setCurrentIndex(2)
    assert [e.level for e in viewer.shown] == ["ERROR"]
    assert viewer.level.currentText() == "Chỉ lỗi"
    viewer.level.setCurrentIndex(0)
    assert len(viewer.shown) == 7


def test_filter_by_day(viewer: LogViewer) -> None:
    viewer.set_days(date(2026, 12, 2), date(2026, 12, 3))
    assert [e.stamp[:10] for e in viewer.shown] == ["2026-12-02", "2026-12-02", "2026-12-03"]
    assert viewer.count_label.text() == "3 trên 7 mục"
    viewer.date_to.setDate(viewer.date_from.date())  # by hand: one day
    assert len(viewer.shown) == 2
    viewer.reload()  # a reload keeps the days chosen
    assert len(viewer.shown) == 2
    viewer.search.setText("tu choi")  # searches the words shown, without diacritics
    assert [e.stamp[11:19] for e in viewer.shown] == ["10:21:00"]
    viewer.search.setText("BUNDLE_CORRUPT")  # and the codes in the file
    assert len(viewer.shown) == 1


def test_screenshot(viewer: LogViewer, qtbot: QtBot) -> None:
    viewer.resize(1366, 768)
    viewer.show()
    qtbot.waitExposed(viewer)
    save_screenshot(viewer, "log-viewer-events")


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[Path]:
    """The app's logging as at start, removed afterwards."""
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        if getattr(handler, "_assessor", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_saving_and_printing_a_document_are_logged(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path, app_log: Path, vietnamese: None
) -> None:
    dialog = PdfPreviewDialog(
        demo_context,
        "Hồ sơ",
        lambda: reports.dossier_bytes(demo_context.workspace, 1),
        "ho-so.pdf",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=30000)
    dialog.choose_printer = lambda _printer: True  # no print dialog in a test
    dialog.choose_target = lambda _suggested: str(tmp_path / "Hoàng Thị Lan.pdf")
    assert dialog.save() is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "in.pdf"))
    task = dialog.print_document(printer)
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=30000)

    logged = app_log.read_text(encoding="utf-8")
    assert "assessor_app.events: report saved document=" in logged
    assert "assessor_app.events: print done route=file document=" in logged
    assert "Hoàng Thị Lan" not in logged
    assert str(tmp_path) not in logged
    viewer = LogViewer(app_log)
    qtbot.addWidget(viewer)
    shown = viewer.text.toPlainText()
    assert "Thông tin  Đã lưu tài liệu thành tệp PDF." in shown
    assert "Thông tin  Đã in tài liệu ra tệp." in shown
