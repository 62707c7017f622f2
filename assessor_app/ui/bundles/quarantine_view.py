"""Bundles held in quarantine: a table, the details of the selected one (why it is held, the
conflicting indicators) and what a person can do: resolve the conflicts with a reason, retry (after
enrolling the signer's key), or reject with a reason. The kept files are never deleted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.i18n import _, ngettext
from assessor_app.services import quarantine, trust
from assessor_app.services.bundle_import import ImportResult
from assessor_app.services.merge import IndicatorMerge
from assessor_app.services.quarantine import QuarantineDetail, QuarantineItem, RejectResult
from assessor_app.texts import dates, labels
from assessor_app.ui.bundles.import_texts import standard_names
from assessor_app.ui.bundles.passphrase_dialog import (
    AskPassphrase,
    ask_passphrase,
    receipt_passphrase,
)
from assessor_app.ui.bundles.plan_tables import (
    conflict_model,
    conflict_records,
    fit_table,
    json_plan_labels,
    record_table,
)
from assessor_app.ui.bundles.quarantine_model import (
    QuarantineRecord,
    quarantine_model,
    record_of,
)
from assessor_app.ui.bundles.reason_dialogs import ask_reason, ask_resolution
from assessor_app.ui.bundles.texts import (
    EMPTY,
    format_fingerprint,
    machine_name,
    reason_lines,
    receipt_note_text,
)
from assessor_app.ui.bundles.widgets import (
    Banner,
    ViewDialog,
    error_text,
    heading,
    is_expected,
    mono_font,
    wrapped,
)
from assessor_app.ui.context import UiContext
from assessor_app.ui.tasks import Task


def quarantine_dialog(context: UiContext, parent: QWidget | None = None) -> ViewDialog:
    """The quarantine list in its window, as large as a 1366×768 screen allows: each row says
    which commune, year and standard, who sent it and why it is held, on a few lines."""
    dialog = ViewDialog(_("Quarantine"), QuarantineView(context), parent)
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(1280, screen.width() - 40), min(700, screen.height() - 40))
    return dialog


class QuarantineView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("QuarantineView")
        self.details: dict[int, QuarantineDetail] = {}
        self.task: Task | None = None
        # Seams for tests (and for callers with their own dialogs).
        self.ask_passphrase: AskPassphrase = lambda purpose: ask_passphrase(self, purpose)
        self.ask_resolution: Callable[
            [list[IndicatorMerge], Mapping[str, str]], tuple[dict[str, str], str] | None
        ] = lambda conflicts, labels: ask_resolution(self, conflicts, labels)
        self.ask_rejection: Callable[[QuarantineItem], str | None] = self._ask_rejection

        intro = wrapped(
            _(
                "Bundles that could not be imported straight away are kept here, whole. Nothing is deleted: for each one, decide what to do."
            )
        )
        self.show_closed = QCheckBox(_("Also show bundles already &dealt with"))
        self.show_closed.setChecked(True)
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.model = quarantine_model(self)
        self.table = record_table(self.model, _("Bundles in quarantine"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_current())
        self.banner = Banner(_("Outcome"))

        # --- details of the selected bundle
        self.title = heading("")
        self.bundle_id = wrapped(name=_("Bundle id"))
        self.file = wrapped(name=_("Kept file"))
        self.sent = wrapped(name=_("Sent from"))
        self.signer = wrapped(name=_("Signer"))
        self.fingerprint = wrapped(name=_("Key fingerprint"))
        self.fingerprint.setFont(mono_font())
        self.status = wrapped(name=_("Status"))
        self.reasons = wrapped(name=_("Why it is held"))
        form = QFormLayout()
        form.addRow(_("Bundle id:"), self.bundle_id)
        form.addRow(_("File kept at:"), self.file)
        form.addRow(_("Sent from:"), self.sent)
        form.addRow(_("Signed by:"), self.signer)
        form.addRow(_("Key fingerprint:"), self.fingerprint)
        form.addRow(_("Status:"), self.status)
        form.addRow(_("Why it is held:"), self.reasons)
        self.conflicts = conflict_model(self)
        self.conflict_heading = heading(_("Indicators changed both here and in the bundle"))
        self.conflict_table = record_table(self.conflicts, _("Conflicting indicators"))
        self.conflict_table.setMinimumHeight(120)
        detail_host = QWidget()
        detail_layout = QVBoxLayout(detail_host)
        detail_layout.addWidget(self.title)
        detail_layout.addLayout(form)
        detail_layout.addWidget(self.conflict_heading)
        detail_layout.addWidget(self.conflict_table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail_host)
        scroll.setAccessibleName(_("Details of the selected bundle"))

        # --- actions
        self.resolve_button = QPushButton(_("&Resolve…"))
        self.resolve_button.setToolTip(
            _("Choose, for each conflicting indicator, which value to keep, with a reason.")
        )
        self.retry_button = QPushButton(_("Re&try"))
        self.retry_button.setToolTip(
            _("Import the kept file again, e.g. after enrolling the sender's key card.")
        )
        self.reject_button = QPushButton(_("Re&ject…"))
        self.reject_button.setToolTip(
            _("Do not import this bundle; the file is kept and the sender gets a receipt.")
        )
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.retry_button.clicked.connect(self.retry_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        actions = QHBoxLayout()
        for button in (self.resolve_button, self.retry_button, self.reject_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.show_closed)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        # the list first: tall enough for several bundles of a few lines each
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 12)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.refresh()

    # --- listing
    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_id()
        try:
            items = quarantine.list_quarantine(
                self.context.workspace, include_closed=self.show_closed.isChecked()
            )
            known = {k.fingerprint: k for k in trust.list_keys(self.context.workspace)}
            self.details = {i.id: quarantine.show(self.context.workspace, i.id) for i in items}
            standards = standard_names(self.context.workspace)
        except Exception as error:
            self.context.errors.report(self, error)
            return
        self.model.set_records([record_of(self.details[i.id], known, standards) for i in items])
        fit_table(self.table, widest=260)
        row = next((r for r, i in enumerate(items) if i.id == current), 0 if items else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_current()

    def select(self, quarantine_id: int) -> bool:
        for row, record in enumerate(self.model.records):
            if record.item.id == quarantine_id:
                self.table.selectRow(row)
                self._show_current()
                return True
        return False

    def current_record(self) -> QuarantineRecord | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def current_id(self) -> int | None:
        record = self.current_record()
        return record.item.id if record else None

    def current_detail(self) -> QuarantineDetail | None:
        record = self.current_record()
        return self.details.get(record.item.id) if record else None

    def _show_current(self) -> None:
        record, detail = self.current_record(), self.current_detail()
        held = detail is not None and detail.item.status == quarantine.HELD
        busy = self.task is not None
        self.resolve_button.setEnabled(held and not busy and bool(detail and detail.resolvable))
        self.retry_button.setEnabled(held and not busy)
        self.reject_button.setEnabled(held and not busy)
        if record is None or detail is None:
            self.title.setText(_("Nothing is held in quarantine."))
            for label in (
                self.bundle_id,
                self.file,
                self.sent,
                self.signer,
                self.fingerprint,
                self.status,
                self.reasons,
            ):
                label.setText(EMPTY)
            self.conflicts.set_records([])
            self.conflict_heading.hide()
            self.conflict_table.hide()
            return
        item = detail.item
        self.title.setText(
            _("Bundle no. {sequence} received {time}").format(
                sequence=item.sequence, time=dates.stamp(item.received_at)
            )
        )
        self.bundle_id.setText(item.bundle_id)
        self.file.setText(item.kept)
        made = str(detail.bundle.get("created") or "")
        # the computer by its person (the enrolled owner, else the name the bundle gives), the
        # machine's id in the tooltip
        owner = str(detail.signer.get("owner") or detail.bundle.get("contact") or "")
        self.sent.setText(
            _("{computer}, bundle no. {sequence}, made {time}").format(
                computer=machine_name(item.device_id, item.device_id, owner),
                sequence=item.sequence,
                time=dates.stamp(made),
            )
        )
        self.sent.setToolTip(_("Computer id: {device}").format(device=item.device_id))
        self.signer.setText(record.signer)
        self.fingerprint.setText(format_fingerprint(item.key_fingerprint) or EMPTY)
        self.status.setText(self._status_text(item))
        self.reasons.setText(reason_lines(item.reasons) or EMPTY)
        labels = json_plan_labels(detail.assessments)
        self.conflicts.set_records(conflict_records(detail.conflicts, labels))
        self.conflict_heading.setVisible(bool(detail.conflicts))
        self.conflict_table.setVisible(bool(detail.conflicts))

    def _status_text(self, item: QuarantineItem) -> str:
        text = labels.quarantine_status(item.status, i18n.language())
        if item.status == quarantine.HELD:
            return text
        resolution = item.resolution or {}
        reason = str(resolution.get("reason") or "")
        text = _("{status} by {person}, {time}").format(
            status=text, person=item.resolved_by or EMPTY, time=dates.stamp(item.resolved_at)
        )
        return text + (f" — “{reason}”" if reason else "")

    # --- actions
    def _run(self, work: Callable[[], Any], label: str, done: Callable[[Any], None]) -> Task:
        def task_work(progress: Progress, cancelled: Cancelled) -> Any:
            return work()

        self.banner.clear_banner()
        task = self.context.tasks.run(
            task_work, done, parent=self, label=label, on_error=self._failed
        )
        self.task = task

        def finished() -> None:
            if shiboken6.isValid(self):
                self.task = None
                self._show_current()

        task.finished.connect(finished)
        self._show_current()
        return task

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            self.context.errors.report(None, error)
        elif is_expected(error):
            self.banner.show_text("error", error_text(error))
        else:
            self.context.errors.report(self, error)

    def retry_selected(self) -> Task | None:
        detail = self.current_detail()
        if detail is None or detail.item.status != quarantine.HELD or self.task is not None:
            return None
        go, passphrase = receipt_passphrase(self.context, self.ask_passphrase)
        if not go:
            return None
        workspace, qid = self.context.workspace, detail.item.id
        return self._run(
            lambda: quarantine.retry(workspace, qid, passphrase),
            _("Importing the kept bundle again…"),
            lambda result: self._imported(qid, result),
        )

    def resolve_selected(self) -> Task | None:
        detail = self.current_detail()
        if detail is None or not detail.resolvable or self.task is not None:
            return None
        labels = json_plan_labels(detail.assessments)
        answer = self.ask_resolution(list(detail.conflicts), labels)
        if answer is None:
            return None
        choices, reason = answer
        go, passphrase = receipt_passphrase(self.context, self.ask_passphrase)
        if not go:
            return None
        workspace, qid = self.context.workspace, detail.item.id
        return self._run(
            lambda: quarantine.resolve(workspace, qid, choices, reason, passphrase),
            _("Importing the bundle with your choices…"),
            lambda result: self._imported(qid, result),
        )

    def reject_selected(self) -> Task | None:
        detail = self.current_detail()
        if detail is None or detail.item.status != quarantine.HELD or self.task is not None:
            return None
        reason = self.ask_rejection(detail.item)
        if reason is None:
            return None
        go, passphrase = receipt_passphrase(self.context, self.ask_passphrase)
        if not go:
            return None
        workspace, qid = self.context.workspace, detail.item.id
        return self._run(
            lambda: quarantine.reject(workspace, qid, reason, passphrase),
            _("Rejecting the bundle…"),
            lambda result: self._rejected(qid, result),
        )

    def _ask_rejection(self, item: QuarantineItem) -> str | None:
        return ask_reason(
            self,
            _("Reject a held bundle"),
            _("Reject bundle no. {sequence}?").format(sequence=item.sequence),
            _(
                "Nothing from it is imported. The file stays in the quarantine folder, and the sender gets a receipt saying it was rejected."
            ),
            _("Re&ject"),
        )

    def _imported(self, qid: int, result: ImportResult) -> None:
        if result.assessment_ids:
            self.context.assessments_changed.emit()
            for assessment_id in result.assessment_ids:
                self.context.assessment_changed.emit(assessment_id)
        if not shiboken6.isValid(self):
            return
        self.task = None
        self.refresh(select=qid)
        receipt = (
            _("Receipt written to {path}.").format(path=result.receipt_path)
            if result.receipt_path
            else receipt_note_text(result.receipt_note)
            if result.receipt_note
            else ""
        )
        if result.outcome == "accepted":
            imported = len(result.assessment_ids)
            text = ngettext(
                "Imported: {count} assessment added or updated.",
                "Imported: {count} assessments added or updated.",
                imported,
            ).format(count=imported)
            self.banner.show_text("ok", "\n".join(filter(None, [text, receipt])))
        else:
            text = (
                _("The bundle is still held in quarantine. Why:")
                if result.outcome == "quarantined"
                else _("The bundle was rejected. Why:")
            )
            self.banner.show_text(
                "warn", "\n".join(filter(None, [text, reason_lines(result.reasons), receipt]))
            )

    def _rejected(self, qid: int, result: RejectResult) -> None:
        if not shiboken6.isValid(self):
            return
        self.task = None
        self.refresh(select=qid)
        receipt = (
            _("Receipt written to {path}.").format(path=result.receipt_path)
            if result.receipt_path
            else receipt_note_text(result.receipt_note)
            if result.receipt_note
            else ""
        )
        self.banner.show_text(
            "info",
            "\n".join(
                filter(
                    None,
                    [_("The bundle was rejected; its file is still kept in quarantine."), receipt],
                )
            ),
        )
