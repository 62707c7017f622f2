"""Preview of a generated PDF, with Save, Save and sign, and Print.

The document is produced off the GUI thread (reportlab takes a moment for a long dossier); the view
shows it with QtPdf exactly as it will print. Saving writes the same bytes atomically; printing sends
them to the printer off the GUI thread (print_job.py). "Save and sign…" saves, then opens the
signing dialog on the saved file (ui/pdf_signing): the signed copy goes beside it as
`-da-ky.pdf`, so the saved file stays whole whatever happens; "Check the signature…" then shows the
signed copy's status.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import logs
from assessor_app.core.progress import OperationCancelled
from assessor_app.i18n import _, ngettext
from assessor_app.services import reports
from assessor_app.ui import file_dialogs
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports import print_job
from assessor_app.ui.reports.print_job import PrintJob, Route
from assessor_app.ui.tasks import Task

Producer = Callable[[], bytes]


class PdfPreviewDialog(QDialog):
    """Shows the PDF `produce()` returns; Save writes it, Print sends it to a printer."""

    def __init__(
        self,
        context: UiContext,
        title: str,
        produce: Producer,
        suggested_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.suggested_name = suggested_name
        self.data: bytes | None = None
        self.print_task: Task | None = None
        self.print_file = ""  # the PDF file a printing to a file writes
        self.signed_file: Path | None = None  # the signed copy made from this preview
        self.side_dialog: QDialog | None = None  # the signing or checking dialog last opened
        # Test seams: replaced in tests so that no modal file or print dialog blocks.
        self.choose_target: Callable[[str], str] = self._ask_target
        self.choose_printer: Callable[[QPrinter], bool] = self._ask_printer
        self.setWindowTitle(title)
        self.resize(900, 700)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("Document preview"))

        self.status = QLabel(_("Preparing the document…"))
        self.save_button = QPushButton(_("&Save as file…"))
        self.sign_button = QPushButton(_("Save and si&gn…"))
        self.sign_button.setToolTip(
            _("Save the document, then sign it with your certificate file or USB token")
        )
        self.check_button = QPushButton(_("Check the signa&ture…"))
        self.check_button.setToolTip(
            _("Who signed the signed copy, when, and whether it is intact")
        )
        self.print_button = QPushButton(_("&Print…"))
        close = QPushButton(_("&Close"))
        for button in (self.save_button, self.sign_button, self.check_button, self.print_button):
            button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.sign_button.clicked.connect(self.save_and_sign)
        self.check_button.clicked.connect(self.check_signature)
        self.print_button.clicked.connect(self.print_document)
        close.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.task = context.tasks.run(
            lambda progress, cancelled: produce(),
            self.show_pdf,
            parent=self,
            label=_("Preparing the document…"),
            on_error=self._failed,
        )

    def show_pdf(self, data: bytes) -> None:
        self.data = data
        self._buffer.close()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(
            ngettext(
                "{pages} page — this is how it will print.",
                "{pages} pages — this is how it will print.",
                pages,
            ).format(pages=pages)
        )
        self.save_button.setEnabled(True)
        self.sign_button.setEnabled(pages > 0)
        self.print_button.setEnabled(pages > 0)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(_("The document could not be made."))
        self.context.errors.report(self, error)

    # --- save
    def _ask_target(self, suggested: str) -> str:
        return file_dialogs.save_file(self, _("Save the document"), suggested, "PDF (*.pdf)") or ""

    def save(self) -> Path | None:
        if self.data is None:
            return None
        chosen = self.choose_target(self.suggested_name)
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            reports.write_file(target, self.data)
            logs.event("report", "saved", document=print_job.digest(self.data), format=".pdf")
        except Exception as error:  # expected ones (full stick...) come as StoreError
            self.context.errors.report(self, error)
            return None
        self.status.setText(_("Saved: {path}").format(path=target))
        return target

    # --- sign
    def save_and_sign(self) -> QDialog | None:
        """Save as Save does, then open the signing dialog on the saved file."""
        from assessor_app.ui.pdf_signing.sign_dialog import SignPdfDialog

        saved = self.save()
        if saved is None:
            return None
        dialog = SignPdfDialog(self.context, self, document=saved)
        dialog.signed.connect(self._signed)
        self.side_dialog = dialog
        dialog.show()
        return dialog

    def _signed(self, path: Path) -> None:
        self.signed_file = path
        self.check_button.setEnabled(True)
        self.status.setText(_("Signed copy written to {path}").format(path=path))

    def check_signature(self) -> QDialog | None:
        from assessor_app.ui.pdf_signing.verify_dialog import VerifyPdfDialog

        if self.signed_file is None:
            return None
        dialog = VerifyPdfDialog(self.context, self, document=self.signed_file)
        self.side_dialog = dialog
        dialog.show()
        return dialog

    # --- print
    def _ask_printer(self, printer: QPrinter) -> bool:
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    def print_document(self, printer: QPrinter | None = None) -> Task | None:
        """Ask for a printer, then print off the GUI thread (print_job.py says how); returns the
        running task, or None when nothing is printed."""
        if self.data is None or self.print_task is not None:
            return None
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        if not self.choose_printer(printer):
            return None
        job = PrintJob.of(self.data, printer)
        self.print_button.setEnabled(False)
        self.status.setText(_("Printing…"))
        self.print_task = self.context.tasks.run(
            job.run, parent=self, label=_("Printing…"), on_error=self._print_failed
        )
        self.print_file = printer.outputFileName()
        self.print_task.finished.connect(self._print_finished)
        return self.print_task

    def _print_failed(self, error: BaseException) -> None:
        self.context.errors.report(self, error)

    def _print_finished(self) -> None:
        task, self.print_task = self.print_task, None
        self.print_button.setEnabled(True)
        error = task.error if task is not None else None
        if isinstance(error, OperationCancelled):
            self.status.setText(_("Printing cancelled."))
        elif error is not None or task is None:
            self.status.setText(_("The document could not be printed."))
        elif task.result is Route.FILE:
            self.status.setText(_("Saved: {path}").format(path=self.print_file))
        else:
            self.status.setText(_("Sent to the printer."))

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_P and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.print_document()
            return
        super().keyPressEvent(event)
