"""The GUI thread does no store work that can wait: saves, list loads and team changes run on worker
threads, saves in the order typed, a busy store is a message (never the bug dialog), and closing
waits for the saves still on their way."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from assessor_app.core.progress import OperationCancelled
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.values import CountValue, RateValue
from assessor_app.i18n import _
from assessor_app.services import assessments, held_changes, team
from assessor_app.ui.assessments.list_view import AssessmentsView
from assessor_app.ui.context import UiContext
from assessor_app.ui.main_window import MainWindow
from assessor_app.ui.team.team_view import TeamView
from tests.gui.test_editor_support import (
    count_input,
    idle,
    open_editor,
    rate_input,
    select,
    settle,
    stored,
)


def _threads_of(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, delay: float = 0.0
) -> list[threading.Thread]:
    """Replace `module.name` by a wrapper that records the thread it runs on (and waits `delay`
    seconds first, so that work piles up on the queue)."""
    original: Callable[..., Any] = getattr(module, name)
    threads: list[threading.Thread] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        time.sleep(delay)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return threads


@contextmanager
def store_locked(context: UiContext) -> Iterator[None]:
    """Another program holds the store's write lock; our writes give up after 100 ms."""
    engine = context.workspace.database.engine

    def short_wait(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    engine.dispose()
    event.listen(engine, "connect", short_wait)
    blocker = sqlite3.connect(context.workspace.database.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        event.remove(engine, "connect", short_wait)
        engine.dispose()


def _no_bug_dialog(context: UiContext) -> None:
    assert [text for kind, text in context.errors.shown if kind != "expected"] == []


def _type_count(qtbot: QtBot, editor: Any, text: str) -> None:
    field = count_input(editor).count
    field.selectAll()
    qtbot.keyClicks(field, text)


# --- saves


def test_a_save_runs_off_the_gui_thread(
    qtbot: QtBot, ui_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = _threads_of(monkeypatch, held_changes, "set_value_object_expecting")
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    rate = rate_input(editor)
    qtbot.keyClicks(rate.denominator, "50")
    qtbot.keyClicks(rate.numerator, "49")
    editor.commit_current()
    assert editor.header.saved_label.text() == _("Saving…")
    assert stored(ui_context, created.id) == {"TC2.1": RateValue(49, 50)}
    assert threads
    assert all(t is not threading.main_thread() for t in threads)
    assert _("Saving…") not in editor.header.saved_label.text()  # "Saved at …" now


def test_quick_saves_are_stored_in_the_order_typed(
    qtbot: QtBot, ui_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = assessments.create(ui_context.workspace, "06385", 2016)  # QĐ 34: TC4.1 is a count
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC4.1")
    original = held_changes.set_value_object_expecting
    sent: list[object] = []

    def slow(*args: Any, **kwargs: Any) -> Any:  # a slow store: the saves pile up on the queue
        time.sleep(0.2)
        sent.append(args[3])
        return original(*args, **kwargs)

    monkeypatch.setattr(held_changes, "set_value_object_expecting", slow)
    for figure in ("3", "1", "5"):
        _type_count(qtbot, editor, figure)
        qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)
    assert ui_context.writes.busy  # still on the queue: the GUI did not wait
    assert count_input(editor).count.text() == "5"
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(5)}  # the last typed wins
    assert sent == [CountValue(3), CountValue(1), CountValue(5)]
    assert editor.undo_stack.count() == 3
    editor.undo_stack.undo()  # runs after the saves before it
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(1)}
    assert count_input(editor).count.text() == "1"
    _no_bug_dialog(ui_context)


def test_a_figure_typed_while_a_save_runs_is_kept_and_saved_next(
    qtbot: QtBot, ui_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = assessments.create(ui_context.workspace, "06385", 2016)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC4.1")
    _threads_of(monkeypatch, held_changes, "set_value_object_expecting", delay=0.3)
    _type_count(qtbot, editor, "3")
    qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)
    _type_count(qtbot, editor, "7")  # typed while the first save runs
    idle(ui_context)  # the first save is back
    assert count_input(editor).count.text() == "7"  # still on screen
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(3)}
    editor.flush()
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(7)}


def test_a_busy_store_during_a_save_is_a_message_and_the_figure_is_saved_later(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06385", 2016)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC4.1")
    with store_locked(ui_context):
        _type_count(qtbot, editor, "2")
        qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)
        idle(ui_context)
        not_saved = _("Not saved yet: {reason}").split("{")[0]
        assert editor.header.saved_label.text().startswith(not_saved)
        assert any("STORE_BUSY" in text for _kind, text in ui_context.errors.shown)
        _no_bug_dialog(ui_context)
        assert count_input(editor).count.text() == "2"  # the figure is kept
        assert "TC4.1" in editor.session.unsaved
        _type_count(qtbot, editor, "3")  # still busy: said in the header, no second box
        qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)
        idle(ui_context)
        busy_boxes = [text for _kind, text in ui_context.errors.shown if "STORE_BUSY" in text]
        assert len(busy_boxes) == 1
        assert editor.header.saved_label.text().startswith(not_saved)
    assert stored(ui_context, created.id) == {}
    qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)  # the next try stores it
    assert stored(ui_context, created.id) == {"TC4.1": CountValue(3)}
    assert not editor.session.unsaved
    assert not editor.header.saved_label.text().startswith(not_saved)
    settle()


def test_closing_the_window_waits_for_a_pending_save(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    editor = window.open_assessment(3)  # a QĐ 34 draft
    select(editor, "TC4.1")
    threads = _threads_of(monkeypatch, held_changes, "set_value_object_expecting", delay=0.3)
    _type_count(qtbot, editor, "4")
    qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)
    assert demo_context.writes.busy
    asked: list[str] = []
    window.ask_close_unsaved = lambda text: bool(asked.append(text))
    assert window.close()
    assert not asked  # everything was stored: nothing to ask
    assert threads
    assert assessments.detail(demo_context.workspace, 3).values["TC4.1"].value == CountValue(4)


def test_closing_with_a_figure_the_busy_store_refused_asks_first(
    qtbot: QtBot, demo_context: UiContext
) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    editor = window.open_assessment(3)
    select(editor, "TC4.1")
    asked: list[str] = []
    window.ask_close_unsaved = lambda text: bool(asked.append(text))  # the user keeps it open
    with store_locked(demo_context):
        _type_count(qtbot, editor, "4")
        qtbot.keyClick(count_input(editor).count, Qt.Key.Key_Return)
        idle(demo_context)
        assert not window.close()
    assert asked
    assert "TC4.1" in asked[0]
    assert window.close()  # the lock is gone: closing stores it
    assert assessments.detail(demo_context.workspace, 3).values["TC4.1"].value == CountValue(4)


# --- the list and the team


def test_the_list_loads_off_the_gui_thread(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = _threads_of(monkeypatch, assessments, "list_assessments")
    view = AssessmentsView(demo_context)
    qtbot.addWidget(view)
    assert view.loading
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.model.rowCount() == 3
    assert threads
    assert all(t is not threading.main_thread() for t in threads)


def test_a_busy_store_while_the_list_loads_is_a_message(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessor_app.domain.errors import StoreError

    def busy(_workspace: object, _cancelled: object = None) -> None:
        raise StoreError("STORE_BUSY", "The store is busy.")

    monkeypatch.setattr(assessments, "list_assessments", busy)
    view = AssessmentsView(demo_context)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert any("STORE_BUSY" in text for _kind, text in demo_context.errors.shown)
    _no_bug_dialog(demo_context)


def test_team_changes_run_off_the_gui_thread(
    qtbot: QtBot, ui_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = _threads_of(monkeypatch, team, "add_member")
    created = assessments.create(ui_context.workspace, "06385", 2026)
    view = TeamView(ui_context)
    qtbot.addWidget(view)
    view.set_assessment(created.id)
    view.show()
    view.new_name.setText("Hoàng Thị Lan")
    view.new_agency.setCurrentIndex(view.new_agency.findData(Sector.HEALTH.value))
    with qtbot.waitSignal(ui_context.assessment_changed):
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
        assert not view.add_form.isEnabled()  # busy until stored
    assert view.add_form.isEnabled()
    assert view.members.rowCount() == 2  # the creator (services/team.py) and the new member
    assert threads
    assert all(t is not threading.main_thread() for t in threads)


def test_a_busy_store_during_a_team_change_is_a_message(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06385", 2026)
    view = TeamView(ui_context)
    qtbot.addWidget(view)
    view.set_assessment(created.id)
    view.show()
    with store_locked(ui_context):
        view.new_name.setText("Hoàng Thị Lan")
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
        idle(ui_context)
    assert any("STORE_BUSY" in text for _kind, text in ui_context.errors.shown)
    _no_bug_dialog(ui_context)
    assert view.members.rowCount() == 1  # its creator only: nothing was added
    assert view.new_name.text() == "Hoàng Thị Lan"  # kept, to try again
    assert view.add_form.isEnabled()


def test_closing_the_window_cancels_the_lists_read_instead_of_waiting_for_it(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's list (22,600 rows) takes a while to read; closing the window asks the read to
    stop rather than waiting for rows nobody will see."""
    reading = threading.Event()
    outcome: list[str] = []
    original = assessments.list_assessments

    def slow_read(workspace: Any, cancelled: Callable[[], bool] | None = None) -> Any:
        reading.set()
        for _step in range(3000):  # 30 s unless cancelled
            if cancelled is not None and cancelled():
                outcome.append("cancelled")
                raise OperationCancelled
            time.sleep(0.01)
        outcome.append("read to the end")
        return original(workspace, cancelled)

    monkeypatch.setattr(assessments, "list_assessments", slow_read)
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    assert reading.wait(10)
    assert window.close()
    assert outcome == ["cancelled"]
    qtbot.waitUntil(lambda: not demo_context.tasks.busy, timeout=5000)
    assert demo_context.errors.shown == []  # a cancelled read is not an error
