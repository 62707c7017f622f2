"""Importing a dossier bundle, step by step: choose the file, check it (who signed it, is it
intact), see what it would change, import it (with a signed receipt for the sender), and read the
outcome. Checking and importing run off the GUI thread with progress and Cancel; nothing changes in
the store before the "Import" button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.i18n import _
from assessor_app.services import bundle_import
from assessor_app.services.bundle_import import ImportPlan, ImportResult, VerifyReport
from assessor_app.services.catalogue_release_import import ReleaseResult, is_release
from assessor_app.ui.bundles.import_pages import ChoosePage, PreviewPage, ResultPage, VerifyPage
from assessor_app.ui.bundles.passphrase_dialog import (
    AskPassphrase,
    ask_passphrase,
    receipt_passphrase,
)
from assessor_app.ui.bundles.release_pages import ReleaseDonePage, ReleasePage
from assessor_app.ui.bundles.widgets import (
    bundle_filters,
    is_expected,
    kib_progress,
    open_file_dialog,
)
from assessor_app.ui.context import UiContext
from assessor_app.ui.tasks import Task

PAGE_CHOOSE, PAGE_VERIFY, PAGE_PREVIEW, PAGE_RESULT, PAGE_RELEASE, PAGE_RELEASE_DONE = range(6)


class ImportWizard(QWizard):
    open_quarantine_requested = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("ImportWizard")
        self.setWindowTitle(_("Import a dossier bundle"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        # Seams for tests (and for a caller with its own dialogs).
        self.choose_file: Callable[[], str | None] = lambda: open_file_dialog(
            self, _("Choose the bundle file"), bundle_filters()
        )
        self.ask_passphrase: AskPassphrase = lambda purpose: ask_passphrase(self, purpose)

        self.path: Path | None = None
        self.report: VerifyReport | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.apply_task: Task | None = None
        self._asking = False  # the passphrase prompt is open

        self.choose_page = ChoosePage(self)
        self.verify_page = VerifyPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(PAGE_CHOOSE, self.choose_page)
        self.setPage(PAGE_VERIFY, self.verify_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.setPage(PAGE_RESULT, self.result_page)
        # A catalogue release of the province takes its own two pages (issue 15).
        self.release_result: ReleaseResult | None = None
        self.release_page = ReleasePage(self)
        self.setPage(PAGE_RELEASE, self.release_page)
        self.setPage(PAGE_RELEASE_DONE, ReleaseDonePage(self))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.resize(940, 600)

    @property
    def accept_demo(self) -> bool:
        """The person chose to accept demo data (off by default; a real store refuses it anyway)."""
        return self.choose_page.accept_demo.isChecked()

    def nextId(self) -> int:
        """A release goes from the file to its own pages; the last pages end the wizard."""
        current = self.currentId()
        if current == PAGE_CHOOSE:
            path = self.choose_page.picker.path()
            return PAGE_RELEASE if path is not None and is_release(path) else PAGE_VERIFY
        if current == PAGE_RELEASE:
            return PAGE_RELEASE_DONE
        if current in (PAGE_RESULT, PAGE_RELEASE_DONE):
            return -1
        return super().nextId()

    # --- the import itself (started by the preview page's "Import" button)
    def start_apply(self) -> Task | None:
        if self.path is None or self.apply_task is not None or self._asking:
            return None  # one import at a time, even if "Import" is pressed again meanwhile
        self._asking = True
        try:
            go, passphrase = receipt_passphrase(self.context, self.ask_passphrase)
        finally:
            self._asking = False
        if not go:
            return None
        workspace, path, accept_demo = self.context.workspace, self.path, self.accept_demo

        def work(progress: Progress, cancelled: Cancelled) -> ImportResult:
            return bundle_import.apply(
                workspace,
                path,
                passphrase,
                progress=kib_progress(progress),
                cancelled=cancelled,
                accept_demo=accept_demo,
            )

        self.preview_page.set_busy(True)
        task = self.context.tasks.run(
            work,
            self._applied,
            parent=self,
            label=_("Importing the bundle…"),
            on_error=self._apply_failed,
        )
        task.finished.connect(self._apply_finished)
        self.apply_task = task
        return task

    def _apply_finished(self) -> None:
        if shiboken6.isValid(self):
            self.apply_task = None
            self.preview_page.set_busy(False)

    def _applied(self, result: ImportResult) -> None:
        changed = result.assessment_ids
        if changed:
            self.context.assessments_changed.emit()
            for assessment_id in changed:
                self.context.assessment_changed.emit(assessment_id)
        if not shiboken6.isValid(self):
            return
        self.import_result = result
        self.apply_task = None
        self.next()

    def _apply_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.context.errors.report(None, error)
            return
        if is_expected(error):
            self.preview_page.error.show_error(error)
        else:
            self.context.errors.report(self, error)

    def reject(self) -> None:
        if self.apply_task is None:  # an import under way is cancelled from its progress window
            super().reject()

    def choose(self) -> None:
        self.choose_page.picker.choose()

    def reset_results(self) -> None:
        """A new file (or going back) forgets what was found about the previous one."""
        self.report = None
        self.plan = None
        self.import_result = None
        self.release_result = None
