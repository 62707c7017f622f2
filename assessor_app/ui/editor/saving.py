"""Storing a figure from the editor: on the write queue, in the order typed; the screen shows the
figure at once and the header says "Saving…" until the store confirms it. A busy store keeps the
figure as not saved yet (sent again at the next edit or flush); a refused save reloads what is
stored.

Each figure is entered on the stored figure of its indicator as the editor last knew it
(`SeenFigures`, compare-and-set): if another officer (another window, process or computer on a
shared store) changed THAT figure since, ours is not written over theirs but held
(services/held_changes.py): the message says who changed it, when, their figure and ours, and the
editor shows the stored figures again. Changes by others to other indicators are no conflict."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QInputDialog, QLineEdit

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import StoreError
from assessor_app.domain.values import Value
from assessor_app.i18n import _
from assessor_app.services import appraisal_reasons, held_changes
from assessor_app.services.records import AssessmentSummary

if TYPE_CHECKING:
    from assessor_app.ui.editor.editor_view import AssessmentEditor


class SeenFigures:
    """The stored figure of each indicator as the editor last knew it, with the revision of the
    assessment it was read at: the figure a save of ours expects to replace (compare-and-set).

    Set by a reload on the GUI thread (all figures) and by each save of ours on the write queue
    (its figure: the next save of that indicator expects ours, chained). While a figure of ours is
    on its way (`queued`: from the moment it is given to the write queue until its save is back on
    the GUI thread) or not saved yet (the store was busy: `keep` of `saw_all`), a reload does not
    replace its expected figure: else another officer's figure, read meanwhile, would become the
    one ours expects and ours would be written over it, silently. A figure known at a later
    revision is never replaced by one read earlier (a reload that read the store before our own
    save finished)."""

    def __init__(self, revision: int, stored: Mapping[str, Value]) -> None:
        self._lock = threading.Lock()
        self._figures: dict[str, tuple[int, Value | None]] = {}
        self._queued: dict[str, int] = {}  # indicator → saves of ours on the write queue
        self.saw_all(revision, stored)

    def figure(self, code: str) -> tuple[Value | None, int]:
        """(the figure last seen stored, the revision it was read at)."""
        with self._lock:
            read_at, value = self._figures.get(code, (self._read_at, None))
            return value, read_at

    def queued(self, code: str) -> None:
        """A save of `code` goes to the write queue (GUI thread): its expected figure is the one
        known now, until `done`."""
        with self._lock:
            self._figures.setdefault(code, (self._read_at, None))
            self._queued[code] = self._queued.get(code, 0) + 1

    def done(self, code: str) -> None:
        """A save of `code` is back on the GUI thread (stored, refused or not saved yet)."""
        with self._lock:
            left = self._queued.get(code, 0) - 1
            if left > 0:
                self._queued[code] = left
            else:
                self._queued.pop(code, None)

    def saw_all(self, revision: int, stored: Mapping[str, Value], keep: Iterable[str] = ()) -> None:
        """All stored figures, read at `revision`; the expected figures of the indicators in
        `keep` (figures of ours not saved yet) and of those with a save queued stay."""
        with self._lock:
            self._read_at = revision
            held = {*keep, *self._queued}
            for code in {*self._figures, *stored} - held:
                if self._figures.get(code, (-1, None))[0] <= revision:
                    self._figures[code] = (revision, stored.get(code))

    def saw(self, code: str, value: Value | None, revision: int) -> None:
        """Our own save of `code` was stored at `revision`: the next one expects it."""
        with self._lock:
            if self._figures.get(code, (-1, None))[0] <= revision:
                self._figures[code] = (revision, value)


# The last reason given per assessment, offered again (the office often changes several figures
# for one reason).
_last_reason: dict[int, str] = {}


def ask_reason(editor: AssessmentEditor, code: str) -> str | None:
    """The reason for changing the office's figure of `code` during an appraisal; None when the
    user cancels."""
    text, accepted = QInputDialog.getText(
        editor,
        _("Reason for the change"),
        _(
            "The appraisal is under way: a change of the office's figure for {indicator} needs "
            "a reason, kept in the history (as 'review points' asks)."
        ).format(indicator=code),
        QLineEdit.EchoMode.Normal,
        _last_reason.get(editor.assessment_id, ""),
    )
    return text.strip() if accepted and text.strip() else None


def store(editor: AssessmentEditor, code: str, value: Value | None, reason: str) -> None:
    """Put the save on the write queue; the screen shows the figure at once, the header says
    "Saving…" until the store confirms it. While an appraisal is under way a change of the
    office's figure asks for its reason first (services/appraisal_reasons.py); cancelled, the
    stored figures are shown again and nothing is stored."""
    workspace, assessment_id, seen = editor.context.workspace, editor.assessment_id, editor.seen
    # The figure ours replaces is the one known now, as the user typed: a reload while the reason
    # is asked or the save waits on the queue does not change it (see `SeenFigures`).
    seen.queued(code)
    try:
        asked = not reason.strip() and appraisal_reasons.needs_change_reason(
            workspace, assessment_id
        )
        given = ask_reason(editor, code) if asked else reason
    except BaseException:
        seen.done(code)
        raise
    if asked:
        if given is None:
            seen.done(code)
            editor.undo_stack.clear()  # it no longer matches what is stored
            editor.session.unsaved.pop(code, None)
            editor.reload()
            if editor.current_code == code and editor.panel.input is not None:
                editor.panel.input.show_value(editor.session.value_of(code))  # the typed one goes
            return
        reason = _last_reason[assessment_id] = given
    ticket = next(editor._tickets)
    editor.session.send(code, value, ticket)
    editor._refresh_scores()
    editor.header.show_saved(_("Saving…"))

    def work(_progress: Progress, _cancelled: Cancelled) -> AssessmentSummary:
        # Read when it runs: after the saves of `code` before it (ours, when stored, is expected).
        expected, read_at = seen.figure(code)
        summary = held_changes.set_value_object_expecting(
            workspace, assessment_id, code, value, expected, read_at, reason
        )
        seen.saw(code, value, summary.revision)
        return summary

    def succeeded(summary: object) -> None:
        seen.done(code)
        _stored(editor, code, value, ticket, summary)

    def failed(error: BaseException) -> None:
        seen.done(code)
        _store_failed(editor, code, value, ticket, error)

    editor.context.writes.run(work, succeeded, parent=editor, on_error=failed)


def _stored(
    editor: AssessmentEditor, code: str, value: Value | None, ticket: int, summary: object
) -> None:
    if not shiboken6.isValid(editor):
        return
    assert isinstance(summary, AssessmentSummary)
    editor.session.settle(code, ticket)
    editor._busy_said = False
    editor.session.stored_value(code, value, summary)
    editor._refresh_live()
    if not editor.session.pending and not editor.session.unsaved:
        editor._saved()
    editor._announce()


def _store_failed(
    editor: AssessmentEditor, code: str, value: Value | None, ticket: int, error: BaseException
) -> None:
    if not shiboken6.isValid(editor):
        editor.context.errors.report(None, error)
        return
    latest = editor.session.settle(code, ticket)
    retryable = isinstance(error, StoreError) and error.retryable
    if not (retryable and editor._busy_said):  # one box for a run of busy-store refusals
        editor.context.errors.report(editor, error)
    editor._busy_said = retryable
    if not isinstance(error, StoreError) or not retryable:
        # Refused (finalised elsewhere, held after another officer's change, a bug): show what
        # is stored; the undo history no longer matches it.
        editor.undo_stack.clear()
        editor.session.pending.clear()
        editor.session.tickets.clear()
        editor.reload()
        editor.show_held()
        return
    # Nothing was stored, but the figure is right: keep it on screen, say it is not saved
    # yet, and store it at the next edit, Enter, focus change or flush.
    if latest:
        editor.session.unsaved[code] = value
        if code != editor.current_code and not editor._typing():
            editor._select_quietly(code)  # back to the figure that is not saved yet
    editor.header.show_saved(_("Not saved yet: {reason}").format(reason=i18n.render(error)), True)
