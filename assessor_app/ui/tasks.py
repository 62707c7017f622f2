"""Work off the GUI thread: long work with progress and cancel, short store work without a dialog.

`TaskRunner.run(work, on_done=...)` runs `work(progress, cancelled)` on a worker thread; `progress(done,
total)` and the result or error come back to the GUI thread through queued signals. The work must
not touch widgets, and must open its own database sessions (the services do: one per call), so no
session ever crosses threads; it returns plain records.

With `label` the work shows a progress dialog (after 400 ms) with Cancel; without it the work is
"light": no dialog, only a busy state (a wait cursor over `busy`, the runner's `busy_changed` signal
for a status text). A runner made with `serial=True` (the UI context's `writes`) runs one task at a
time in the order they were started: saves are stored in the order they were typed, and an undo
after a save runs after it. `wait_idle()` waits for every task and its result handler (closing a
window, tests).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
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

    def __init__(self, parent: QObject | None = None, *, light: bool = False) -> None:
        super().__init__(parent)
        self.light = light  # started without a progress dialog: a read for a view
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.delivery: object = None

    def cancel(self) -> None:
        self.cancel_event.set()


def _progress_dialog(label: str, parent: QWidget | None, task: Task) -> QProgressDialog:
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work never flashes a dialog
    dialog.canceled.connect(task.cancel)
    return dialog


class _Delivery:
    """One task's results on the GUI thread: progress to its dialog, then the result or error to
    the caller's handlers (or the error reporter)."""

    def __init__(
        self,
        runner: TaskRunner,
        task: Task,
        signals: _Signals,
        dialog: QProgressDialog | None,
        busy: QWidget | None,
    ) -> None:
        self.runner, self.task, self.signals, self.dialog, self.busy = (
            runner,
            task,
            signals,
            dialog,
            busy,
        )
        self.on_done: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.parent: QWidget | None = None

    def progressed(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)

    def _finish(self) -> None:
        self.task.done = True
        dialog, busy = self.dialog, self.busy
        if dialog is not None and shiboken6.isValid(dialog):  # its parent may be gone
            dialog.reset()
            dialog.deleteLater()
        if busy is not None and shiboken6.isValid(busy):
            busy.unsetCursor()
        self.runner._finished(self.task)
        self.signals.deleteLater()

    def succeeded(self, result: Any) -> None:
        self.task.result = result
        self._finish()
        if self.on_done is not None:
            self.on_done(result)

    def failed(self, error: BaseException) -> None:
        self.task.error = error
        self._finish()
        if isinstance(error, OperationCancelled):
            return
        if self.on_error is not None:
            self.on_error(error)
        else:
            self.runner.report_error(self.parent, error)


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they finish."""

    busy_changed = Signal(bool)  # some task is running (True) / none is (False)

    def __init__(
        self,
        report_error: Callable[[QWidget | None, BaseException], None],
        parent: QObject | None = None,
        *,
        serial: bool = False,
    ) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        if serial:  # one worker: tasks run in the order they were started
            self.pool.setMaxThreadCount(1)
        self.report_error = report_error
        self._running: set[Task] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        *,
        parent: QWidget | None = None,
        label: str | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        busy: QWidget | None = None,
    ) -> Task:
        task = Task(self, light=label is None)
        signals = _Signals()  # lives on the GUI thread: its slots run there
        dialog = None if label is None else _progress_dialog(label, parent, task)
        if busy is not None:
            busy.setCursor(Qt.CursorShape.WaitCursor)
        delivery = _Delivery(self, task, signals, dialog, busy)
        delivery.on_done, delivery.on_error, delivery.parent = on_done, on_error, parent
        task.delivery = delivery  # the signals hold its methods only weakly
        signals.progressed.connect(delivery.progressed)
        signals.succeeded.connect(delivery.succeeded)
        signals.failed.connect(delivery.failed)
        was_idle = not self._running
        self._running.add(task)
        if was_idle:
            self.busy_changed.emit(True)
        self.pool.start(_Runnable(work, signals, task.cancel_event))
        return task

    def _finished(self, task: Task) -> None:
        self._running.discard(task)
        task.finished.emit()
        if not self._running:
            self.busy_changed.emit(False)

    def cancel_reads(self) -> None:
        """Ask the light tasks (views' reads, started without a dialog) to stop: nobody will see
        what they read (a window closing). Work the user started and watches, with its dialog,
        runs on."""
        for task in self._running:
            if task.light:
                task.cancel()

    def wait_all(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def wait_idle(self, msecs: int = 10000) -> bool:
        """Wait until every task has finished and its handler has run on this (the GUI) thread;
        False when `msecs` passed first. Handlers may start more tasks: those are waited for too.
        User input is not processed meanwhile, so nothing new is typed while waiting."""
        deadline = time.monotonic() + msecs / 1000
        while self._running:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.pool.waitForDone(min(int(left * 1000) + 1, 50))
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return True
