"""Two officers with the same assessment open (issue 16), here two windows on one store file, each
with its own connection as two processes would have: the second save of a figure the other changed
since is held, not written over the first (figures of other indicators are no conflict); the message says who, when, their figure and ours; the held
change is listed and applied or discarded with a reason."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from assessor_app.domain.errors import StoreError
from assessor_app.domain.values import RateValue, YesNoValue
from assessor_app.services import assessments, held_changes
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.editor_view import AssessmentEditor
from assessor_app.ui.editor.held_dialog import HeldChangesDialog
from assessor_app.ui.editor.saving import SeenFigures
from assessor_app.ui.errors import ErrorReporter
from tests.gui.test_editor_support import (
    idle,
    open_editor,
    rate_input,
    select,
    settle,
    stored,
    yes_no_input,
)

OTHER = "Trần Thị Hoa"


@pytest.fixture
def other_officer(home: Path, ui_context: UiContext) -> Iterator[UiContext]:
    """A second window on the same store, as another officer (its own connection)."""
    errors = ErrorReporter(log_file=None)
    errors.modal = False
    context = UiContext(
        open_workspace(home, actor=OTHER),
        AppSettings(home=str(home), first_start_done=True),
        errors,
    )
    context.workspace.actor = OTHER  # on a server store, the officer's own role names them
    yield context
    context.writes.wait_idle()
    context.tasks.wait_idle()
    context.workspace.close()


def _enter_rate(qtbot: QtBot, editor: AssessmentEditor, numerator: str, denominator: str) -> None:
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.clear()
    rate.denominator.clear()
    qtbot.keyClicks(rate.denominator, denominator)
    qtbot.keyClicks(rate.numerator, numerator)
    editor.flush()
    idle(editor.context)
    settle()


def _conflicted(qtbot: QtBot, ui_context: UiContext, other: UiContext) -> AssessmentEditor:
    """Both open the assessment; the other officer stores 49/50 first, then we type 20/50."""
    aid = assessments.create(ui_context.workspace, "06400", 2026).id
    mine = open_editor(qtbot, ui_context, aid)
    theirs = open_editor(qtbot, other, aid)
    _enter_rate(qtbot, theirs, "49", "50")
    assert stored(other, aid)["TC2.1"] == RateValue(49, 50)
    _enter_rate(qtbot, mine, "20", "50")
    return mine


def test_the_second_save_is_held_with_a_clear_message(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext
) -> None:
    mine = _conflicted(qtbot, ui_context, other_officer)
    aid = mine.assessment_id
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)  # theirs was not overwritten
    ((kind, text),) = ui_context.errors.shown
    assert kind == "expected"  # a message, never the dialog for bugs
    assert "STORE_CONFLICT" in text
    assert OTHER in text
    assert f"{OTHER} đã thay đổi chỉ tiêu TC2.1" in text  # in Vietnamese, naming who
    assert "49/50" in text
    assert "20/50" in text
    assert "giữ lại" in text
    # The editor shows the stored figure again, and the notice of the held change.
    assert rate_input(mine).numerator.text() == "49"
    assert mine.header.held_button.isVisible()
    assert "1" in mine.header.held_button.text()
    assert mine.undo_stack.count() == 0
    # The next figure is entered on the figure now shown: stored, no second conflict.
    _enter_rate(qtbot, mine, "48", "50")
    assert stored(ui_context, aid)["TC2.1"] == RateValue(48, 50)
    assert len(ui_context.errors.shown) == 1


def test_different_indicators_at_once_are_both_saved(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext
) -> None:
    """Two team members of different sectors, each on their own indicator of one assessment."""
    aid = assessments.create(ui_context.workspace, "06400", 2026).id
    mine = open_editor(qtbot, ui_context, aid)
    theirs = open_editor(qtbot, other_officer, aid)
    _enter_rate(qtbot, theirs, "49", "50")
    select(mine, "TC1.1")
    qtbot.mouseClick(yes_no_input(mine).yes, Qt.MouseButton.LeftButton)
    idle(ui_context)
    settle()
    # Then the other officer again, on their indicator, not having reloaded ours.
    _enter_rate(qtbot, theirs, "48", "50")
    assert stored(ui_context, aid) == {"TC2.1": RateValue(48, 50), "TC1.1": YesNoValue(True)}
    assert ui_context.errors.shown == []
    assert other_officer.errors.shown == []
    assert held_changes.list_held(ui_context.workspace, aid) == []
    assert not mine.header.held_button.isVisible()
    assert not theirs.header.held_button.isVisible()
    # A figure changed by the other after we read it is still held: ours does not overwrite it.
    _enter_rate(qtbot, mine, "20", "50")
    assert stored(ui_context, aid)["TC2.1"] == RateValue(48, 50)
    ((kind, text),) = ui_context.errors.shown
    assert kind == "expected"
    assert "STORE_CONFLICT" in text


def _run_held_dialog(
    mine: AssessmentEditor, action: str, reason: str
) -> tuple[list[list[str]], list[list[str]]]:
    """Open the held changes from the header, read the rows, take `action`; the rows before and
    after."""
    seen: list[list[list[str]]] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, HeldChangesDialog)
        dialog.ask_reason = lambda _title, _prompt: reason or None  # "": cancelled

        def rows() -> list[list[str]]:
            table = dialog.table
            return [
                [table.item(r, c).text() for c in range(table.columnCount())]
                for r in range(table.rowCount())
            ]

        seen.append(rows())
        getattr(dialog, action)()
        idle(mine.context)
        QApplication.processEvents()
        seen.append(rows() if dialog.details else [])
        assert dialog.empty_label.isVisibleTo(dialog) == (not dialog.details)
        return 0

    mine.run_dialog = run
    mine.header.held_button.click()
    settle()
    return seen[0], seen[1]


def test_held_change_applied_from_the_editor(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext
) -> None:
    mine = _conflicted(qtbot, ui_context, other_officer)
    before, after = _run_held_dialog(mine, "apply_selected", "Số liệu đã đối chiếu sổ hộ tịch")
    ((indicator, theirs, theirs_by, yours, held_by, _reason),) = before
    assert (indicator, theirs, yours) == ("TC2.1", "49/50", "20/50")
    assert OTHER in theirs_by
    assert held_by.startswith(ui_context.workspace.actor)
    assert after == []
    aid = mine.assessment_id
    assert stored(ui_context, aid)["TC2.1"] == RateValue(20, 50)
    assert rate_input(mine).numerator.text() == "20"  # the editor read it again
    assert not mine.header.held_button.isVisible()
    with ui_context.workspace.database.reading() as session:
        store_log = Repository(session).audit_entries(STORE_CHAIN)
    actions = [entry.action for entry in store_log]
    assert "hold_change" in actions
    assert "apply_held_change" in actions
    applied = next(e for e in store_log if e.action == "apply_held_change")
    assert applied.reason == "Số liệu đã đối chiếu sổ hộ tịch"


def test_held_change_discarded_from_the_editor(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext
) -> None:
    mine = _conflicted(qtbot, ui_context, other_officer)
    _before, after = _run_held_dialog(mine, "discard_selected", "Giữ số của chị Hoa")
    assert after == []
    aid = mine.assessment_id
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)
    assert held_changes.list_held(ui_context.workspace, aid) == []
    assert not mine.header.held_button.isVisible()


def test_a_cancelled_reason_changes_nothing(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext
) -> None:
    mine = _conflicted(qtbot, ui_context, other_officer)
    before, after = _run_held_dialog(mine, "apply_selected", "")
    assert len(before) == len(after) == 1
    assert stored(ui_context, mine.assessment_id)["TC2.1"] == RateValue(49, 50)
    assert mine.header.held_button.isVisible()


def test_a_change_from_another_process_is_not_overwritten(
    qtbot: QtBot, ui_context: UiContext, home: Path
) -> None:
    """The other officer is another program on the same store file (here the command line)."""
    aid = assessments.create(ui_context.workspace, "06400", 2026).id
    mine = open_editor(qtbot, ui_context, aid)
    command = ["assessment", "set", str(aid), "TC2.1", "49/50"]
    other = subprocess.run(
        [sys.executable, "-m", "assessor_app", "--home", str(home), "--lang", "en", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert other.returncode == 0, other.stderr
    _enter_rate(qtbot, mine, "20", "50")
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)
    ((kind, text),) = ui_context.errors.shown
    assert kind == "expected"
    assert "STORE_CONFLICT" in text
    assert rate_input(mine).numerator.text() == "49"
    assert [h.value for h in held_changes.list_held(ui_context.workspace, aid)] == [
        '{"denominator":50,"numerator":20}'
    ]


def test_seen_figures_keep_the_figure_read_last() -> None:
    """A reload that read the store before our own save finished does not bring back the figure
    it replaced (else our next save of it would meet our own change)."""
    seen = SeenFigures(3, {"TC2.1": RateValue(1, 2)})
    seen.saw("TC2.1", RateValue(3, 4), 5)  # our save, on the write queue
    seen.saw_all(4, {"TC2.1": RateValue(1, 2)})  # the older reload arrives afterwards
    assert seen.figure("TC2.1") == (RateValue(3, 4), 5)
    seen.saw_all(6, {})  # cleared by someone, read by a later reload
    assert seen.figure("TC2.1") == (None, 6)
    assert seen.figure("TC1.1") == (None, 6)


def test_a_figure_not_saved_yet_is_not_written_over_a_change_read_meanwhile(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ours is refused (busy store) and kept; another officer enters the same figure; a reload
    (another view changed the assessment) reads theirs: the next try of ours is held, not written
    over theirs."""
    aid = assessments.create(ui_context.workspace, "06400", 2026).id
    mine = open_editor(qtbot, ui_context, aid)
    entering = held_changes.set_value_object_expecting

    def busy(*_args: object, **_kwargs: object) -> object:
        raise StoreError("STORE_BUSY", "The store is busy.")

    monkeypatch.setattr(held_changes, "set_value_object_expecting", busy)
    _enter_rate(qtbot, mine, "20", "50")
    assert "TC2.1" in mine.session.unsaved
    monkeypatch.setattr(held_changes, "set_value_object_expecting", entering)
    assessments.set_value(other_officer.workspace, aid, "TC2.1", "49/50")
    ui_context.assessment_changed.emit(aid)  # another view: the editor reads the store again
    mine.flush()
    idle(ui_context)
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)
    assert [h.value for h in held_changes.list_held(ui_context.workspace, aid)] == [
        '{"denominator":50,"numerator":20}'
    ]
    assert any("STORE_CONFLICT" in text for _kind, text in ui_context.errors.shown)


def test_a_save_waiting_on_the_queue_is_not_written_over_a_change_read_meanwhile(
    qtbot: QtBot, ui_context: UiContext, other_officer: UiContext
) -> None:
    """Our save of TC2.1 waits behind a slow one; meanwhile another officer enters TC2.1 and the
    editor reloads: ours is held. Our own stored figure is what our next save expects."""
    aid = assessments.create(ui_context.workspace, "06400", 2026).id
    mine = open_editor(qtbot, ui_context, aid)
    release = threading.Event()
    ui_context.writes.run(lambda _progress, _cancelled: release.wait(10))  # a slow save before
    select(mine, "TC2.1")
    rate = rate_input(mine)
    qtbot.keyClicks(rate.denominator, "50")
    qtbot.keyClicks(rate.numerator, "20")
    mine.commit_current()  # on the queue, not run yet
    assessments.set_value(other_officer.workspace, aid, "TC2.1", "49/50")
    ui_context.assessment_changed.emit(aid)
    release.set()
    idle(ui_context)
    assert stored(ui_context, aid)["TC2.1"] == RateValue(49, 50)
    assert len(held_changes.list_held(ui_context.workspace, aid)) == 1
    # Shown again after the refusal: ours now replaces 49/50, then expects our own 45/50.
    for numerator in ("45", "44"):
        _enter_rate(qtbot, mine, numerator, "50")
    assert stored(ui_context, aid)["TC2.1"] == RateValue(44, 50)
    assert len(held_changes.list_held(ui_context.workspace, aid)) == 1


def test_seen_figures_keep_what_an_unsaved_or_queued_figure_replaces() -> None:
    """A reload reads another officer's figure; the expectation of ours stays the one we read."""
    seen = SeenFigures(3, {"TC2.1": RateValue(10, 50)})
    seen.saw_all(4, {"TC2.1": RateValue(20, 50)}, keep={"TC2.1"})  # ours not saved yet
    assert seen.figure("TC2.1") == (RateValue(10, 50), 3)
    seen.queued("TC1.1")  # none stored when ours went to the queue
    seen.saw_all(5, {"TC1.1": YesNoValue(True), "TC2.1": RateValue(20, 50)})
    assert seen.figure("TC1.1") == (None, 4)
    assert seen.figure("TC2.1") == (RateValue(20, 50), 5)  # no longer kept: theirs is known
    seen.saw("TC1.1", YesNoValue(False), 6)  # ours stored: the next save expects it
    seen.done("TC1.1")
    assert seen.figure("TC1.1") == (YesNoValue(False), 6)
    seen.saw_all(7, {"TC1.1": YesNoValue(True)})
    assert seen.figure("TC1.1") == (YesNoValue(True), 7)
