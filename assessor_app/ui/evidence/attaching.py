"""Attaching evidence files: which files a drop or the file dialog offers, and the work that copies
them into the store on a worker thread (one file after the other, each attached or refused on its
own)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import AssessorError, OperationCancelled
from assessor_app.i18n import _
from assessor_app.services import notes
from assessor_app.services.records import EvidenceRecord
from assessor_app.services.workspace import Workspace
from assessor_app.ui.tasks import Work

log = logging.getLogger(__name__)


def file_filters() -> str:
    return ";;".join(
        [
            _("All files (*)"),
            _("Photos and scans (*.jpg *.jpeg *.png *.heic *.webp *.bmp *.gif *.tif *.tiff)"),
            _("Documents (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods)"),
        ]
    )


@dataclass
class AttachOutcome:
    """What an attach run did: the files stored, the ones refused, whether the user cancelled."""

    attached: list[EvidenceRecord] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    cancelled: bool = False


def local_files(mime: QMimeData) -> list[Path]:
    """The local files (not folders) in dragged data."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


def attach_work(
    workspace: Workspace, assessment_id: int, indicator: str, paths: Sequence[str | Path]
) -> Work:
    """The work that stores `paths` (for the task runner): one file after the other, each
    attached or refused on its own; Cancel undoes the file being copied and stops."""
    files = [Path(path) for path in paths]

    def work(progress: Progress, cancelled: Cancelled) -> AttachOutcome:
        outcome = AttachOutcome()
        sizes = []
        for path in files:
            try:
                sizes.append(path.stat().st_size)
            except OSError:
                sizes.append(0)
        total_kib = max(sum(sizes) // 1024, 1)  # KiB: a progress bar holds a 32-bit int
        done = 0
        for path, size in zip(files, sizes, strict=True):
            if cancelled():
                outcome.cancelled = True
                break
            base = done

            def advance(copied: int, base: int = base) -> None:
                progress((base + copied) // 1024, total_kib)

            try:
                record = notes.attach_evidence(
                    workspace,
                    assessment_id,
                    indicator,
                    path,
                    progress=advance,
                    cancelled=cancelled,
                )
            except OperationCancelled:
                outcome.cancelled = True
                break
            except (AssessorError, OSError) as error:
                outcome.errors.append(error)
            else:
                outcome.attached.append(record)
            done = base + size
            progress(done // 1024, total_kib)
        return outcome

    return work
