"""Printing from the preview: the vector PDF itself, off the GUI thread, with Cancel."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from assessor_app.domain.errors import StateError
from assessor_app.services import reports
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports import print_job
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from tests.unit.reports.fixtures import page_count, pdftotext

WAIT_MS = 30000  # a guard against a hang, not a measure


def _preview(qtbot: QtBot, context: UiContext) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(
        context, "Hồ sơ", lambda: reports.dossier_bytes(context.workspace, 1), "ho-so.pdf"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=WAIT_MS)
    dialog.choose_printer = lambda _printer: True
    return dialog


def _out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"  # tmp_path also holds the data home
    folder.mkdir()
    return folder


def _pdf_printer(target: Path, pages: tuple[int, int] | None = None) -> QPrinter:
    """What the print dialog returns for "Print to file" (with a page range when given)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    if pages is not None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(*pages)
    return printer


def test_printing_to_a_pdf_file_writes_the_saved_dossier(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    dialog = _preview(qtbot, demo_context)
    dialog.choose_target = lambda suggested: str(tmp_path / "saved.pdf")
    saved = dialog.save()
    assert saved is not None

    printed = tmp_path / "printed.pdf"
    task = dialog.print_document(_pdf_printer(printed))
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    assert pdftotext(printed) == pdftotext(saved)
    assert printed.stat().st_size == saved.stat().st_size  # not ~400 times bigger as pictures
    assert str(printed) in dialog.status.text()
    assert dialog.print_button.isEnabled()
    assert demo_context.errors.shown == []


def test_a_page_range_printed_to_a_file_is_those_pages_kept_vector(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    dialog = _preview(qtbot, demo_context)
    dialog.choose_target = lambda suggested: str(tmp_path / "saved.pdf")
    saved = dialog.save()
    assert saved is not None
    printed = _out(tmp_path) / "trang-2-3.pdf"
    task = dialog.print_document(_pdf_printer(printed, pages=(2, 3)))
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    assert task.error is None
    assert page_count(printed) == 2
    assert pdftotext(printed) == pdftotext(saved, 2, 3)  # text, not pictures of it
    assert printed.stat().st_size <= saved.stat().st_size
    assert demo_context.errors.shown == []


@pytest.fixture
def rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every job takes the render route, as on a Windows printer; it prints to a PDF file here,
    which the test can read."""
    monkeypatch.setattr(print_job, "choose_route", lambda printer, spooler: print_job.Route.RENDER)


@pytest.mark.usefixtures("rendering")
def test_the_window_keeps_running_while_pages_render(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the render route (Windows printers), pages are rendered one by one. Each page waits
    until the GUI thread's timer has fired during the job: the job can only end if the GUI thread
    runs its events meanwhile (a frozen window would hang it, caught by the guard timeout)."""
    dialog = _preview(qtbot, demo_context)
    ticks = threading.Semaphore(0)
    render = print_job.render_page

    def page_after_a_tick(
        document: QPdfDocument, page: int, painter: QPainter, printer: QPrinter
    ) -> None:
        assert ticks.acquire(timeout=WAIT_MS / 1000), "the GUI thread stopped while printing"
        render(document, page, painter, printer)

    monkeypatch.setattr(print_job, "render_page", page_after_a_tick)
    timer = QTimer()
    timer.timeout.connect(ticks.release)
    timer.start(0)
    try:
        printed = _out(tmp_path) / "trang-2-4.pdf"
        task = dialog.print_document(_pdf_printer(printed, pages=(2, 4)))
        assert task is not None
        assert not dialog.print_button.isEnabled()
        qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    finally:
        timer.stop()
    assert task.error is None
    assert page_count(printed) == 3
    assert [p.name for p in printed.parent.iterdir()] == [printed.name]  # no scratch file left
    # The pictures are of the pages as printed: white paper, dark text.
    document = QPdfDocument()
    document.load(str(printed))
    picture = document.render(0, QSize(124, 175))
    document.close()
    greys = [
        QColor(picture.pixel(x, y)).lightness()
        for x in range(picture.width())
        for y in range(picture.height())
    ]
    assert greys[0] > 250  # the corner is paper
    assert sum(grey > 250 for grey in greys) > len(greys) / 2
    assert min(greys) < 128  # and there is text


@pytest.mark.usefixtures("rendering")
def test_cancel_stops_after_the_page_printing_and_leaves_no_file(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _preview(qtbot, demo_context)
    one_page, go_on = threading.Event(), threading.Event()
    render = print_job.render_page
    rendered: list[int] = []

    def page_then_wait(
        document: QPdfDocument, page: int, painter: QPainter, printer: QPrinter
    ) -> None:
        render(document, page, painter, printer)
        rendered.append(page)
        one_page.set()
        go_on.wait(WAIT_MS / 1000)

    monkeypatch.setattr(print_job, "render_page", page_then_wait)
    printed = _out(tmp_path) / "huy.pdf"
    task = dialog.print_document(_pdf_printer(printed, pages=(1, 5)))
    assert task is not None
    assert one_page.wait(WAIT_MS / 1000)
    task.cancel()  # what the progress dialog's Cancel does
    go_on.set()
    qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    assert rendered == [0]
    assert list(printed.parent.iterdir()) == []
    assert "hủy" in dialog.status.text().lower()
    assert demo_context.errors.shown == []
    assert dialog.print_button.isEnabled()


def test_routes(tmp_path: Path) -> None:
    printer = _pdf_printer(tmp_path / "x.pdf")
    assert print_job.choose_route(printer, "/usr/bin/lp") is print_job.Route.FILE
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_job.choose_route(printer, "/usr/bin/lp") is print_job.Route.FILE
    request = print_job.PrintRequest.of(printer)
    assert (request.first_page, request.last_page) == (2, 3)


def _fake_spooler(tmp_path: Path, name: str, exit_code: int = 0) -> Path:
    """A stand-in for `lp`: records its arguments and the file it was given."""
    program = tmp_path / "bin" / name
    program.parent.mkdir()
    program.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{tmp_path}/args"\n'
        "for last; do :; done\n"
        f'cp "$last" "{tmp_path}/queued.pdf"\n'
        f'[ {exit_code} = 0 ] || echo "lp: The printer or class does not exist." >&2\n'
        f"exit {exit_code}\n"
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="needs a POSIX shell")
def test_the_spooler_gets_the_pdf_unchanged_with_the_choices(tmp_path: Path) -> None:
    program = _fake_spooler(tmp_path, "lp")
    request = print_job.PrintRequest(
        "HP_LaserJet", copies=2, first_page=1, last_page=3, two_sided="long", title="ho-so.pdf"
    )
    data = b"%PDF-1.4 the dossier"
    print_job.spool(data, request, str(program))
    assert (tmp_path / "queued.pdf").read_bytes() == data
    args = (tmp_path / "args").read_text().splitlines()
    assert args[:6] == ["-d", "HP_LaserJet", "-n", "2", "-t", "ho-so.pdf"]
    options = [args[i + 1] for i, arg in enumerate(args) if arg == "-o"]
    assert options == ["collate=true", "page-ranges=1-3", "sides=two-sided-long-edge"]


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="needs a POSIX shell")
def test_a_refusing_spooler_is_an_expected_error_naming_the_printer(tmp_path: Path) -> None:
    program = _fake_spooler(tmp_path, "lp", exit_code=1)
    with pytest.raises(StateError) as refused:
        print_job.spool(b"%PDF-1.4", print_job.PrintRequest("Canon"), str(program))
    assert refused.value.code == "PRINT_FAILED"
    assert "Canon" in str(refused.value)
    assert "does not exist" in str(refused.value)


def test_lpr_gets_its_own_options(tmp_path: Path) -> None:
    request = print_job.PrintRequest("Canon", copies=3, grayscale=True)
    command = print_job.spool_command("/usr/bin/lpr", request, tmp_path / "x.pdf")
    assert command == [
        "/usr/bin/lpr",
        "-P",
        "Canon",
        "-#",
        "3",
        "-o",
        "collate=true",
        "-o",
        "print-color-mode=monochrome",
        "--",
        str(tmp_path / "x.pdf"),
    ]
