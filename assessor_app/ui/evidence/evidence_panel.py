"""The evidence of one indicator: photos and documents with thumbnails, captions and history.

Attach (button or drag and drop) copies files into the store on a worker thread with progress and
Cancel; Open shows a read-only copy in the computer's own program; Remove asks for a reason, which
goes into the audit trail. A finalised assessment shows its evidence read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import clean
from assessor_app.i18n import _, ngettext
from assessor_app.services import assessments, notes
from assessor_app.services.records import EvidenceRecord
from assessor_app.texts import dates, numbers
from assessor_app.ui import file_dialogs
from assessor_app.ui.context import UiContext
from assessor_app.ui.evidence.attaching import AttachOutcome, attach_work, file_filters, local_files
from assessor_app.ui.evidence.evidence_list import EvidenceList
from assessor_app.ui.evidence.evidence_model import (
    EvidenceDelegate,
    EvidenceModel,
)
from assessor_app.ui.evidence.file_details import FileDetails
from assessor_app.ui.evidence.remove_dialog import ask_removal_reason
from assessor_app.ui.evidence.thumbnails import ThumbnailLoader, thumbnail_size
from assessor_app.ui.evidence.viewing import viewable_copy
from assessor_app.ui.tasks import Task, Work

log = logging.getLogger(__name__)


DROP_STYLE = "#EvidenceArea { border: 2px dashed palette(highlight); border-radius: 4px; }"
AREA_STYLE = "#EvidenceArea { border: 1px solid palette(mid); border-radius: 4px; }"


class EvidencePanel(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id: int | None = None
        self.indicator: str | None = None
        self.editable = False  # what the caller allows
        self._draft = False  # what the store says (a finalised assessment is read-only anyway)
        self.attach_task: Task | None = None
        self._caption_link: int | None = None  # the file whose caption the caption field shows
        # Seams for tests (and for a caller that wants its own dialogs).
        self.choose_files: Callable[[], list[str]] = self._choose_files_dialog
        self.ask_removal_reason: Callable[[EvidenceRecord], str | None] = lambda record: (
            ask_removal_reason(record, self)
        )
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.setAcceptDrops(True)
        self.setAccessibleName(_("Evidence"))

        # --- header and actions
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count_label = QLabel()
        self.attach_button = QPushButton(_("&Attach files…"))
        self.attach_button.setToolTip(
            _("Copy photos or documents into the assessment (you can also drag files here).")
        )
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setToolTip(_("Open a copy of the file (Enter)."))
        self.remove_button = QPushButton(_("Re&move…"))
        self.remove_button.setToolTip(
            _("Remove the file from this indicator, with a reason (Delete).")
        )
        for button in (self.attach_button, self.open_button, self.remove_button):
            button.setAccessibleName(button.text().replace("&", ""))

        # --- the files
        self.thumbnails = ThumbnailLoader(context.tasks, self)
        self.model = EvidenceModel(self.thumbnails, self)
        self.model.path_of = context.workspace.evidence.readable_path
        self.model.commit_caption = self._commit_caption
        self.list = EvidenceList()
        self.list.setModel(self.model)
        self.list.setItemDelegate(EvidenceDelegate(self.list))
        self.list.setIconSize(thumbnail_size())
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setAccessibleName(_("Evidence files"))
        self.list.setAccessibleDescription(
            _("Enter opens the file, F2 edits its caption, Delete removes it.")
        )
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMargin(12)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.list)
        self.area = QFrame()
        self.area.setObjectName("EvidenceArea")
        self.area.setStyleSheet(AREA_STYLE)
        area_layout = QVBoxLayout(self.area)
        area_layout.setContentsMargins(2, 2, 2, 2)
        area_layout.addWidget(self.stack)

        # --- the selected file
        self.details = FileDetails()
        self.info_label, self.caption_edit = self.details.info_label, self.details.caption_edit
        self.sha_toggle, self.sha_label = self.details.sha_toggle, self.details.sha_label
        self.sha_copy = self.details.sha_copy

        self.readonly_note = QLabel(
            _("This assessment is finalised: its evidence can be viewed but not changed.")
        )
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setStyleSheet("color: #6b4e00;")

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.readonly_note)

        # --- wiring
        self.attach_button.clicked.connect(self.attach_dialog)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.open_requested.connect(self.open_selected)
        self.list.remove_requested.connect(self.remove_selected)
        self.list.doubleClicked.connect(lambda _index: self.open_selected())
        self.list.selectionModel().currentChanged.connect(lambda *_args: self._update_details())
        self.model.modelReset.connect(self._update_details)
        self.model.dataChanged.connect(lambda *_args: self._update_details())
        self.caption_edit.editingFinished.connect(self._caption_edited)
        self.sha_toggle.toggled.connect(self._show_sha)
        self.sha_copy.clicked.connect(self.copy_sha)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        context.assessment_changed.connect(self._assessment_changed)
        self._show_sha(False)
        self._update_all()

    # --- target
    def set_target(self, assessment_id: int, indicator_code: str, editable: bool) -> None:
        changed = (assessment_id, indicator_code) != (self.assessment_id, self.indicator)
        self.assessment_id, self.indicator, self.editable = assessment_id, indicator_code, editable
        if changed:
            self.model.set_records([], False)
        self.refresh()

    def can_edit(self) -> bool:
        return self.assessment_id is not None and self.editable and self._draft

    def refresh(self) -> None:
        if self.assessment_id is None or self.indicator is None:
            self._update_all()
            return
        try:
            detail = assessments.detail(self.context.workspace, self.assessment_id)
        except Exception as error:
            self.context.errors.report(self, error)
            return
        self._draft = detail.summary.status is AssessmentStatus.DRAFT
        records = [e for e in detail.evidence if e.indicator == self.indicator]
        current = self.current_record()
        self.model.device_pixel_ratio = self.devicePixelRatioF()
        if self.model.set_records(records, self.can_edit()) and current is not None:
            self.select(current.id)
        self._update_all()

    def current_record(self) -> EvidenceRecord | None:
        return self.model.record(self.list.currentIndex().row())

    def select(self, link_id: int) -> None:
        row = self.model.row_of(link_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))

    # --- attach
    def attach_dialog(self) -> Task | None:
        if not self.can_edit():
            return None
        paths = self.choose_files()
        return self.attach_files(paths) if paths else None

    def _choose_files_dialog(self) -> list[str]:
        return file_dialogs.open_files(
            self,
            _("Attach evidence to {indicator}").format(indicator=self.indicator),
            file_filters(),
        )

    def attach_work(self, paths: Sequence[str | Path]) -> Work:
        """The work that stores `paths` for the selected indicator (see `attaching.attach_work`)."""
        assert self.assessment_id is not None
        assert self.indicator is not None
        return attach_work(self.context.workspace, self.assessment_id, self.indicator, paths)

    def attach_files(self, paths: Sequence[str | Path]) -> Task | None:
        """Attach files on a worker thread (progress and Cancel); returns the running task."""
        if not self.can_edit() or not paths:
            return None
        assessment_id, context = self.assessment_id, self.context
        assert assessment_id is not None
        names = [Path(path).name for path in paths]
        label = (
            _("Attaching {filename}…").format(filename=names[0])
            if len(names) == 1
            else ngettext("Attaching {count} file…", "Attaching {count} files…", len(names)).format(
                count=len(names)
            )
        )

        def done(outcome: AttachOutcome) -> None:
            alive = shiboken6.isValid(self)
            if outcome.cancelled:
                log.info("attaching evidence cancelled after %d file(s)", len(outcome.attached))
            if alive:
                self.attach_task = None
                self.refresh()
                if outcome.attached:
                    self.select(outcome.attached[-1].id)
            if outcome.attached:
                context.assessment_changed.emit(assessment_id)
            for error in outcome.errors:
                context.errors.report(self if alive else None, error)

        self.attach_task = context.tasks.run(
            self.attach_work(paths), done, parent=self, label=label
        )
        return self.attach_task

    # --- drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.can_edit() and local_files(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.area.setStyleSheet(DROP_STYLE)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.can_edit() and event.mimeData().hasUrls():
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.area.setStyleSheet(AREA_STYLE)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.area.setStyleSheet(AREA_STYLE)
        paths = local_files(event.mimeData()) if self.can_edit() else []
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.attach_files(paths)

    # --- open
    def open_selected(self) -> Task | None:
        record = self.current_record()
        if record is None:
            return None
        evidence = self.context.workspace.evidence

        def work(progress: Progress, cancelled: Cancelled) -> Path:
            # On the worker: a server store's file comes over the network into the cache first.
            source = evidence.readable_path(record.sha256)
            return viewable_copy(
                source, record.sha256, record.filename, record.size, progress, cancelled
            )

        def done(path: Path) -> None:
            if not shiboken6.isValid(self):
                return
            if not self.open_url(QUrl.fromLocalFile(str(path))):
                self.context.errors.report(
                    self,
                    InputError(
                        "EVIDENCE_NO_VIEWER",
                        N_("No program on this computer opens {filename}. A copy is at {path}."),
                        filename=record.filename,
                        path=str(path),
                    ),
                )

        return self.context.tasks.run(
            work,
            done,
            parent=self,
            label=_("Opening {filename}…").format(filename=record.filename),
        )

    # --- caption
    def _commit_caption(self, record: EvidenceRecord, caption: str) -> bool:
        if not self.can_edit() or self.assessment_id is None:
            return False
        try:
            notes.set_caption(self.context.workspace, self.assessment_id, record.id, caption)
        except Exception as error:
            self.context.errors.report(self, error)
            return False
        self.context.assessment_changed.emit(self.assessment_id)
        return True

    def set_caption(self, link_id: int, caption: str) -> bool:
        """Store a new caption for the file `link_id` (what the inline editors do)."""
        row = self.model.row_of(link_id)
        return row >= 0 and self.model.setData(self.model.index(row, 0), caption)

    def _caption_edited(self) -> None:
        link = self._caption_link
        if link is None or not self.caption_edit.isModified():
            return
        self.caption_edit.setModified(False)
        record = self.model.record(self.model.row_of(link))
        text = self.caption_edit.text()
        if (
            record is not None
            and clean(text) != record.caption
            and not self.set_caption(link, text)
            and self._caption_link == link
        ):
            self.caption_edit.setText(record.caption)  # not stored: show what is

    # --- remove
    def remove_selected(self) -> bool:
        """Ask for a reason, then unlink the selected file (audited); returns whether it did."""
        record = self.current_record()
        if record is None or not self.can_edit() or self.assessment_id is None:
            return False
        reason = self.ask_removal_reason(record)
        if reason is None:
            return False
        try:
            notes.remove_evidence(self.context.workspace, self.assessment_id, record.id, reason)
        except Exception as error:
            self.context.errors.report(self, error)
            return False
        row = self.model.row_of(record.id)
        self.refresh()
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.context.assessment_changed.emit(self.assessment_id)
        return True

    # --- SHA-256
    def _show_sha(self, shown: bool) -> None:
        self.sha_toggle.setText(_("Hide SHA-256") if shown else _("Show SHA-256"))
        self.sha_label.setVisible(shown)
        self.sha_copy.setVisible(shown)

    def copy_sha(self) -> None:
        record = self.current_record()
        if record is not None:
            QGuiApplication.clipboard().setText(record.sha256)

    # --- state
    def _assessment_changed(self, assessment_id: int) -> None:
        if assessment_id == self.assessment_id:
            self._refresh_timer.start()  # after the change that is being announced has settled

    def showEvent(self, event: QShowEvent) -> None:
        self.model.device_pixel_ratio = self.devicePixelRatioF()
        super().showEvent(event)

    def _update_all(self) -> None:
        count = self.model.rowCount()
        if self.indicator is None:
            self.title.setText(_("Evidence"))
        else:
            self.title.setText(
                _("Evidence for indicator {indicator}").format(indicator=self.indicator)
            )
        self.count_label.setText(
            ngettext("{count} file", "{count} files", count).format(count=count)
        )
        if self.can_edit():
            self.placeholder.setText(
                _("No evidence yet.")
                + "\n"
                + _("Drag photos or documents here, or choose Attach files…")
            )
        else:
            self.placeholder.setText(_("No evidence."))
        self.stack.setCurrentWidget(self.list if count else self.placeholder)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus if count else Qt.FocusPolicy.NoFocus)
        if count and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.attach_button.setEnabled(self.can_edit())
        self.readonly_note.setVisible(self.assessment_id is not None and not self.can_edit())
        self._update_details()

    def _update_details(self) -> None:
        record = self.current_record()
        editable = self.can_edit()
        self.open_button.setEnabled(record is not None)
        self.remove_button.setEnabled(record is not None and editable)
        self.details.setVisible(record is not None)
        self.caption_edit.setReadOnly(not editable)
        self.caption_edit.setClearButtonEnabled(editable)
        self.caption_edit.setStyleSheet(
            "" if editable else "QLineEdit { background: palette(window); }"
        )
        if record is not None and record.id != self._caption_link:
            self._caption_edited()  # a caption typed for the file selected before
        if record is None:
            self._caption_link = None
            self.info_label.setText("")
            self.caption_edit.clear()
            self.sha_label.clear()
            return
        self.info_label.setText(
            _("{filename} — {size}, added by {person} on {time}").format(
                filename=record.filename,
                size=numbers.file_size(record.size, i18n.language()),
                person=record.added_by,
                time=dates.stamp(record.added_at),
            )
        )
        if record.id != self._caption_link or not self.caption_edit.isModified():
            self.caption_edit.setText(record.caption)  # (also clears isModified)
            self._caption_link = record.id
        self.sha_label.setText(f"{record.sha256[:32]}\n{record.sha256[32:]}")

    def sizeHint(self) -> QSize:
        return QSize(440, 520)
