"""The pages of the import wizard (ui/bundles/import_wizard.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import OperationCancelled
from assessor_app.i18n import _
from assessor_app.services import bundle_import, keys
from assessor_app.services.bundle_import import ImportPlan, VerifyReport
from assessor_app.texts import counts, dates
from assessor_app.ui.bundles.import_texts import (
    agency_name,
    file_problem,
    preview_text,
    receipt_text,
    result_text,
    verdict,
)
from assessor_app.ui.bundles.plan_tables import (
    conflict_model,
    conflict_records,
    plan_labels,
    plan_model,
    record_table,
)
from assessor_app.ui.bundles.texts import (
    EMPTY,
    format_fingerprint,
    reason_lines,
    short_id,
)
from assessor_app.ui.bundles.widgets import (
    Banner,
    FilePicker,
    InlineError,
    error_text,
    heading,
    is_expected,
    kib_progress,
    mono_font,
    wrapped,
)
from assessor_app.ui.tasks import Task, Work

if TYPE_CHECKING:
    from assessor_app.ui.bundles.import_wizard import ImportWizard


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class _TaskPage(QWizardPage):
    """A page that runs one piece of work when it is shown, and is complete when it is done."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.label = ""
        self.task: Task | None = None
        self.started_for: Path | None = None
        self.latest: Task | None = None  # the run whose result counts (finished or not)
        self.status = wrapped(name=_("Progress"))
        self.again = QPushButton(_("Check &again"))
        self.again.clicked.connect(self.start)
        self.again.hide()

    def work(self) -> Work:  # pragma: no cover - every page defines it
        raise NotImplementedError

    def succeeded(self, result: Any) -> None:  # pragma: no cover - every page defines it
        raise NotImplementedError

    def start(self) -> Task | None:
        """Run the page's work for the wizard's current file (again if the file changed)."""
        path = self.owner.path
        if self.task is not None:
            if self.started_for == path:
                return self.task
            self.task.cancel()  # a previous file: its result will be ignored
        self.again.hide()
        self.status.setText(self.label + " " + _("(you can cancel)"))
        self.status.show()
        self.started_for = path
        task: Task | None = None  # the run below; its callbacks compare against it
        task = self.owner.context.tasks.run(
            self.work(),
            lambda result: self._task_succeeded(task, result),
            parent=self.owner,
            label=self.label,
            on_error=lambda error: self._task_failed(task, error),
        )
        task.finished.connect(lambda: self._task_finished(task))
        self.task = self.latest = task
        self.completeChanged.emit()
        return task

    def _task_succeeded(self, task: Task | None, result: Any) -> None:
        if shiboken6.isValid(self) and self.latest is task:
            self.status.hide()
            self.succeeded(result)
            self.completeChanged.emit()

    def _task_failed(self, task: Task | None, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.owner.context.errors.report(None, error)
        elif self.latest is task:
            self.status.setText(error_text(error) if is_expected(error) else _("The check failed."))
            if not is_expected(error):
                self.owner.context.errors.report(self.owner, error)

    def _task_finished(self, task: Task | None) -> None:
        if task is None or not shiboken6.isValid(self) or self.task is not task:
            return
        self.task = None
        if task.error is not None:
            if isinstance(task.error, OperationCancelled):
                self.status.setText(_("The check was cancelled."))
            self.again.show()
        self.completeChanged.emit()


class ChoosePage(QWizardPage):
    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(_("Choose the bundle file"))
        intro = wrapped(
            _(
                "Choose the bundle file (.ldbundle) the inspection team sent, usually on a USB stick. The app first checks who signed it and that nothing in it was changed; nothing is imported before you press “Import”."
            )
        )
        self.picker = FilePicker(
            _("Bundle file"), _("&Choose a file…"), lambda: self.owner.choose_file()
        )
        self.picker.edit.setPlaceholderText(_("For example E:\\LangSon-XaHuuLien-2026-3.ldbundle"))
        self.picker.edit.textChanged.connect(self._changed)
        self.error = InlineError(_("Bundle file problem"))
        # Off by default: a bundle of demo data is refused, and never enters a real store.
        self.accept_demo = QCheckBox(
            _("Accept &demo data (sample assessments; only into a demo store, to try the exchange)")
        )
        self.accept_demo.toggled.connect(lambda _on: self.owner.reset_results())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        file_label = QLabel(_("&Bundle file:"))
        file_label.setBuddy(self.picker.edit)
        layout.addWidget(file_label)
        layout.addWidget(self.picker)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addWidget(self.accept_demo)
        layout.addStretch(1)

    def _changed(self) -> None:
        """Say at once why a file cannot be used: "Next" stays off until one can be read."""
        path = self.picker.path()
        problem = file_problem(path) if path is not None else None
        if problem:
            self.error.show_message(problem)
        else:
            self.error.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        path = self.picker.path()
        return path is not None and file_problem(path) is None

    def validatePage(self) -> bool:
        path = self.picker.path()
        problem = file_problem(path) if path is not None else _("Choose the bundle file.")
        if path is None or problem:
            self.error.show_message(problem or "")
            return False
        if path != self.owner.path:
            self.owner.reset_results()
        self.owner.path = path
        return True


class VerifyPage(_TaskPage):
    def __init__(self, owner: ImportWizard) -> None:
        super().__init__(owner)
        self.label = _("Checking the bundle…")
        self.setTitle(_("Who sent it, and is it intact?"))
        self.banner = Banner(_("Result of the check"))
        self.signer = wrapped(name=_("Signer"))
        self.agency = wrapped(name=_("Agency"))
        self.fingerprint = wrapped(name=_("Key fingerprint"))
        self.fingerprint.setFont(mono_font())
        self.sequence = wrapped(name=_("Bundle number"))
        self.device = wrapped(name=_("Sending computer"))
        self.created = wrapped(name=_("Made on"))
        self.contents = wrapped(name=_("Contents"))
        self.file = wrapped(name=_("File"))
        form = _form()
        form.addRow(_("File:"), self.file)
        form.addRow(_("Signed by:"), self.signer)
        form.addRow(_("Agency:"), self.agency)
        form.addRow(_("Key fingerprint:"), self.fingerprint)
        form.addRow(_("Bundle number:"), self.sequence)
        form.addRow(_("Sending computer:"), self.device)
        form.addRow(_("Made on:"), self.created)
        form.addRow(_("Contents:"), self.contents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.again)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def start(self) -> Task | None:
        if self.task is None:
            self.owner.report = None
            self.banner.clear_banner()
            path = self.owner.path
            self.file.setText(str(path) if path else EMPTY)
            for label in (
                self.signer,
                self.agency,
                self.fingerprint,
                self.sequence,
                self.device,
                self.created,
                self.contents,
            ):
                label.setText(EMPTY)
        return super().start()

    def isComplete(self) -> bool:
        return self.task is None and self.owner.report is not None

    def work(self) -> Work:
        workspace, path = self.owner.context.workspace, self.owner.path
        assert path is not None

        def work(progress: Progress, cancelled: Cancelled) -> VerifyReport:
            return bundle_import.verify(workspace, path, kib_progress(progress), cancelled)

        return work

    def succeeded(self, report: VerifyReport) -> None:
        self.owner.report = report
        info = report.info
        if report.ok or report.signer_owner:
            self.signer.setText(report.signer_owner or EMPTY)
            self.agency.setText(agency_name(report.signer_agency) or EMPTY)
        elif info is not None:
            self.signer.setText(
                _("Unknown signer — the bundle says: {contact} (not checked)").format(
                    contact=info.contact or EMPTY
                )
            )
            self.agency.setText(
                _("{organization} (not checked)").format(
                    organization=agency_name(info.organization) or EMPTY
                )
            )
        self.fingerprint.setText(format_fingerprint(report.fingerprint) or EMPTY)
        if info is not None:
            self.sequence.setText(str(info.sequence))
            self.device.setText(short_id(info.device_id))
            self.created.setText(dates.stamp(info.created))
            parts = [counts.assessments(len(report.assessments), i18n.language())]
            if info.catalogue_codes:
                parts.append(
                    _("criteria catalogue {codes}").format(codes=", ".join(info.catalogue_codes))
                )
            if info.contains_drafts:
                parts.append(_("includes DRAFTS, exported on purpose"))
            if report.demo:
                parts.append(_("DEMO data (sample assessments), not official records"))
            self.contents.setText("; ".join(parts))
        self.banner.show_text(*verdict(report))


class PreviewPage(_TaskPage):
    def __init__(self, owner: ImportWizard) -> None:
        super().__init__(owner)
        self.label = _("Working out what the import changes…")
        self.setTitle(_("What the import will do"))
        self.setCommitPage(True)
        self.busy = False
        self.banner = Banner(_("What will happen"))
        self.plans = plan_model(self)
        self.plan_table = record_table(self.plans, _("Assessments in the bundle"))
        self.plan_heading = heading(_("Assessments in the bundle"))
        self.conflicts = conflict_model(self)
        self.conflict_heading = heading(_("Indicators changed both here and in the bundle"))
        self.conflict_table = record_table(self.conflicts, _("Conflicting indicators"))
        self.conflict_heading.hide()
        self.conflict_table.hide()
        self.receipt_note = wrapped(name=_("About the receipt"))
        self.error = InlineError(_("Import problem"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.banner)
        layout.addWidget(self.plan_heading)
        layout.addWidget(self.plan_table, 2)
        layout.addWidget(self.conflict_heading)
        layout.addWidget(self.conflict_table, 2)
        layout.addWidget(self.receipt_note)
        layout.addWidget(self.error)
        layout.addWidget(self.again)

    def initializePage(self) -> None:
        self.error.clear_message()
        self.owner.plan = None
        self.owner.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.banner.clear_banner()
        self.plans.set_records([])
        self.conflicts.set_records([])
        self.conflict_heading.hide()
        self.conflict_table.hide()
        if keys.key_info(self.owner.context.workspace) is None:
            self.receipt_note.setText(
                _(
                    "This computer has no signing key, so no receipt can be written for the sender; the bundle is handled all the same. To create a key: menu Dossiers → My signing key."
                )
            )
        else:
            self.receipt_note.setText(
                _(
                    "After the import the app writes a receipt for the sender, signed with your key: it will ask for your passphrase."
                )
            )
        self.start()

    def work(self) -> Work:
        workspace, path = self.owner.context.workspace, self.owner.path
        assert path is not None
        accept_demo = self.owner.accept_demo

        def work(progress: Progress, cancelled: Cancelled) -> ImportPlan:
            return bundle_import.preview(
                workspace, path, kib_progress(progress), cancelled, accept_demo=accept_demo
            )

        return work

    def succeeded(self, plan: ImportPlan) -> None:
        self.owner.plan = plan
        self.plans.set_records(plan.assessments)
        conflicts = conflict_records(plan.conflicts, plan_labels(plan.assessments))
        self.conflicts.set_records(conflicts)
        self.conflict_heading.setVisible(bool(conflicts))
        self.conflict_table.setVisible(bool(conflicts))
        self.banner.show_text(*preview_text(plan))
        self._say_what_the_button_does(plan)

    def _say_what_the_button_does(self, plan: ImportPlan) -> None:
        """The commit button and the table say what will really happen: a bundle that will be held
        is put in quarantine, not imported, and its rows are what it would change once accepted."""
        held = not plan.already and plan.outcome == bundle_import.QUARANTINED
        refused = not plan.already and plan.outcome == bundle_import.REJECTED
        if held:
            button = _("Hold in &quarantine")
            caption = _("Assessments in the bundle (what it would change once accepted)")
        elif refused:
            button = _("&Record the refusal")
            caption = _("Assessments in the bundle (nothing will change)")
        else:
            button = _("&Import")
            caption = _("Assessments in the bundle")
        self.owner.setButtonText(QWizard.WizardButton.CommitButton, button)
        self.plan_table.setAccessibleName(caption)
        self.plan_heading.setText(caption)

    def set_busy(self, busy: bool) -> None:
        """While the import runs, neither Import nor Cancel: it finishes, then says how it went."""
        self.busy = busy
        self.owner.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        self.owner.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.task is None and self.owner.plan is not None and not self.busy

    def validatePage(self) -> bool:
        if self.owner.import_result is not None:
            return True
        self.error.clear_message()
        self.owner.start_apply()
        return False


class ResultPage(QWizardPage):
    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(_("Result"))
        self.setFinalPage(True)
        self.banner = Banner(_("Result of the import"))
        self.details = wrapped(name=_("Details"))
        self.quarantine = wrapped(name=_("Quarantine entry"))
        self.open_quarantine = QPushButton(_("Open the &quarantine list"))
        self.open_quarantine.clicked.connect(self._open_quarantine)
        self.receipt = wrapped(name=_("Receipt"))
        receipt_heading = heading(_("Receipt for the sender"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.details)
        layout.addWidget(self.quarantine)
        layout.addWidget(self.open_quarantine)
        layout.addSpacing(8)
        layout.addWidget(receipt_heading)
        layout.addWidget(self.receipt)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.owner.import_result
        if result is None:
            return
        kind, text = result_text(result)
        self.banner.show_text(kind, text)
        self.details.setText(reason_lines(result.reasons))
        self.details.setVisible(bool(result.reasons))
        held = result.quarantine_id is not None and result.outcome == bundle_import.QUARANTINED
        if held:
            self.quarantine.setText(
                _(
                    "Quarantine entry no. {id}. The file is kept whole at:\n{path}\nOpen the quarantine list to decide about it."
                ).format(id=result.quarantine_id, path=result.quarantine_kept or EMPTY)
            )
        self.quarantine.setVisible(held)
        self.open_quarantine.setVisible(held)
        self.receipt.setText(receipt_text(result))

    def _open_quarantine(self) -> None:
        result = self.owner.import_result
        if result is not None and result.quarantine_id is not None:
            self.owner.open_quarantine_requested.emit(result.quarantine_id)
