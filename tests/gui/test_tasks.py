"""Background work: results and errors come back on the GUI thread; cancel is honoured."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assessor_app.domain.errors import InputError, OperationCancelled
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.tasks import TaskRunner


def make_runner() -> tuple[TaskRunner, ErrorReporter]:
    errors = ErrorReporter(log_file=None)
    errors.modal = False
    return TaskRunner(errors.report), errors


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    runner, _errors = make_runner()
    seen: list[tuple[object, bool]] = []
    worker_threads: list[bool] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        worker_threads.append(threading.current_thread() is threading.main_thread())
        progress(1, 2)
        return 42

    task = runner.run(
        work,
        lambda result: seen.append((result, threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert seen == [(42, True)]
    assert worker_threads == [False]


def test_expected_errors_are_reported_not_raised(qtbot: QtBot) -> None:
    runner, errors = make_runner()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        raise InputError("VAL_FORMAT", "{indicator}: bad", indicator="TC2.1")

    task = runner.run(work)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert errors.shown[0][0] == "expected"
    assert "VAL_FORMAT" in errors.shown[0][1]


def test_cancel_is_seen_by_the_work_and_is_not_an_error(qtbot: QtBot) -> None:
    runner, errors = make_runner()
    started = threading.Event()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        for _ in range(500):
            if cancelled():
                raise OperationCancelled
            time.sleep(0.01)
        return "finished"

    task = runner.run(work, label="Đang chép tệp…")
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert isinstance(task.error, OperationCancelled)
    assert errors.shown == []


def test_a_task_outliving_its_parent_widget_finishes_quietly(qtbot: QtBot) -> None:
    runner, errors = make_runner()
    parent = QWidget()
    release = threading.Event()
    task = runner.run(lambda progress, cancelled: release.wait(5), parent=parent, label="…")
    parent.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert errors.shown == []


def test_a_closing_window_cancels_views_reads_but_not_the_users_work(qtbot: QtBot) -> None:
    """`cancel_reads` (a window closing) stops the reads views started without a dialog (a
    province's list loading), so that closing does not wait for them; work the user started and
    watches in a dialog (an import, an export) runs on to its end."""
    runner, errors = make_runner()
    both_started = threading.Barrier(3)

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        both_started.wait(5)
        for _ in range(100):
            if cancelled():
                raise OperationCancelled
            time.sleep(0.01)
        return "finished"

    read = runner.run(work)
    users = runner.run(work, label="Đang nhập gói…")
    both_started.wait(5)
    runner.cancel_reads()
    qtbot.waitUntil(lambda: read.done and users.done, timeout=10000)
    assert isinstance(read.error, OperationCancelled)
    assert users.result == "finished"
    assert errors.shown == []
