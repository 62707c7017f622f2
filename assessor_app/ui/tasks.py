"""Long work off the GUI thread, with progress and cancel.

`TaskRunner.run(work, on_done=...)` runs `work(progress, cancelled)` on a worker thread; `progress(done,
total)` and the result or error come back to the GUI thread through queued signals. The work must
not touch widgets, and must open its own database sessions (the services do: one per call), so no
session ever crosses threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from assessor_app.core.progress import Cancelled, OperationCancelled, Progress
from assessor_app.i18n import _

log = logging.getLogger(__name__)

Work = Callable[[Progress, Cancelled], Any]


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.work, self.signals, self.cancel = work, signals, cancel
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work(self.signals.progressed.emit, self.cancel.is_set)
        except BaseException as error:  # delivered to the GUI thread, which decides what to show
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class Task(QObject):
    """A running piece of work; `finished` fires once, on the GUI thread."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.cancel_event.set()


def _progress_dialog(label: str, parent: QWidget | None, task: Task) -> QProgressDialog:
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work never flashes a dialog
    dialog.canceled.connect(task.cancel)
    return dialog


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they finish."""

    def __init__(
        self,
        report_error: Callable[[QWidget | None, BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.report_error = report_error
        self._running: set[Task] = set()

    def run(
        self,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        *,
        parent: QWidget | None = None,
        label: str | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task:
        task = Task(self)
        signals = _Signals()  # lives on the GUI thread: its slots run there
        dialog = None if label is None else _progress_dialog(label, parent, task)

        def progressed(done: int, total: int) -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total > 0 else 0)

        def finish() -> None:
            task.done = True
            if dialog is not None and shiboken6.isValid(dialog):  # its parent may be gone
                dialog.reset()
                dialog.deleteLater()
            self._running.discard(task)
            task.finished.emit()
            signals.deleteLater()

        def succeeded(result: Any) -> None:
            task.result = result
            finish()
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            task.error = error
            finish()
            if isinstance(error, OperationCancelled):
                return
            if on_error is not None:
                on_error(error)
            else:
                self.report_error(parent, error)

        signals.progressed.connect(progressed)
        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        self._running.add(task)
        self.pool.start(_Runnable(work, signals, task.cancel_event))
        return task

    def wait_all(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
