"""Importing the office's receipt for a bundle sent from here: it is checked (signed by the
office's enrolled key, for a bundle of this computer) and the bundle is marked as received."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.i18n import _
from assessor_app.services import receipts
from assessor_app.services.receipts import ReceiptResult
from assessor_app.texts import counts, dates, labels
from assessor_app.ui.bundles.texts import (
    EMPTY,
    fingerprint_lines,
    format_fingerprint,
    receipt_reason_text,
    short_id,
)
from assessor_app.ui.bundles.widgets import (
    Banner,
    FilePicker,
    InlineError,
    buddy,
    is_expected,
    open_file_dialog,
    wrapped,
)
from assessor_app.ui.context import UiContext
from assessor_app.ui.tasks import Task


def receipt_filters() -> str:
    return ";;".join([_("Receipts (*.receipt.json *.json)"), _("All files (*)")])


class ReceiptImportDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("ReceiptImportDialog")
        self.setWindowTitle(_("Import a receipt"))
        self.task: Task | None = None
        self.receipt: ReceiptResult | None = None
        self.choose_file: Callable[[], str | None] = lambda: open_file_dialog(
            self, _("Choose the receipt file"), receipt_filters()
        )
        intro = wrapped(
            _(
                "The office writes a receipt for every bundle it receives. Import it here: the bundle is then marked as received, with the office's answer. The office's key card must be enrolled first (menu Dossiers → Trusted keys)."
            )
        )
        self.error = InlineError(_("Receipt problem"))
        self.picker = FilePicker(
            _("Receipt file"), _("&Choose a file…"), lambda: self.choose_file()
        )
        self.picker.edit.textChanged.connect(lambda _text: self.error.clear_message())
        self.import_button = QPushButton(_("&Import the receipt"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_receipt)
        self.banner = Banner(_("Outcome"))
        self.bundle = wrapped(name=_("Bundle"))
        self.outcome = wrapped(name=_("Office's answer"))
        self.reasons = wrapped(name=_("Reasons"))
        self.signer = wrapped(name=_("Signed by"))
        form = QFormLayout()
        form.addRow(_("Bundle:"), self.bundle)
        form.addRow(_("Office's answer:"), self.outcome)
        form.addRow(_("Reasons:"), self.reasons)
        form.addRow(_("Signed by:"), self.signer)
        self.result_box = QWidget()
        self.result_box.setLayout(form)
        self.result_box.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(buddy(_("&Receipt file:"), self.picker.edit))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.banner)
        layout.addWidget(self.result_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(680, 420)

    def import_receipt(self) -> Task | None:
        if self.task is not None:
            return None
        self.error.clear_message()
        self.banner.clear_banner()
        path = self.picker.path()
        if path is None:
            self.error.show_message(_("Choose the receipt file first."))
            self.picker.edit.setFocus()
            return None
        workspace = self.context.workspace

        def work(progress: Progress, cancelled: Cancelled) -> ReceiptResult:
            return receipts.import_receipt(workspace, path)

        self.import_button.setEnabled(False)
        task = self.context.tasks.run(
            work,
            self._imported,
            parent=self,
            label=_("Checking the receipt…"),
            on_error=self._failed,
        )

        def finished() -> None:
            if shiboken6.isValid(self):
                self.task = None
                self.import_button.setEnabled(True)

        task.finished.connect(finished)
        self.task = task
        return task

    def _imported(self, result: ReceiptResult) -> None:
        self.context.assessments_changed.emit()
        if not shiboken6.isValid(self):
            return
        self.receipt = result
        self.bundle.setText(
            _("no. {sequence} (id {bundle}), {assessments}").format(
                sequence=result.sequence,
                bundle=short_id(result.bundle_id),
                assessments=counts.assessments(len(result.assessments), i18n.language()),
            )
        )
        self.outcome.setText(
            _("{outcome}, on {time}").format(
                outcome=labels.import_outcome(result.outcome, i18n.language()),
                time=dates.stamp(result.created),
            )
        )
        self.reasons.setText(
            "\n".join(receipt_reason_text(code) for code in result.reasons) or EMPTY
        )
        fingerprint = fingerprint_lines(format_fingerprint(result.signer_fingerprint))
        self.signer.setText(f"{result.signer}\n{fingerprint}")
        self.result_box.show()
        if result.other_copy:
            self.banner.show_text(
                "error",
                _(
                    "This receipt is about another copy of the bundle than the one sent from here (damaged or altered on the way); it acknowledges nothing. Send the bundle again."
                ),
            )
        elif not result.changed:
            self.banner.show_text(
                "info", _("This receipt had been imported already; nothing changed.")
            )
        elif result.outcome == "accepted":
            self.banner.show_text(
                "ok", _("The office received and accepted the bundle. It is marked as received.")
            )
        elif result.outcome == "quarantined":
            self.banner.show_text(
                "warn",
                _(
                    "The office received the bundle and holds it for a decision (reasons below). It is marked as received; the office may contact you."
                ),
            )
        else:
            self.banner.show_text(
                "error",
                _(
                    "The office rejected the bundle (reasons below). Fix the cause and export a new bundle."
                ),
            )

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.context.errors.report(None, error)
        elif is_expected(error):
            self.error.show_error(error)
        else:
            self.context.errors.report(self, error)
