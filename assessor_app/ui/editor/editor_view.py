"""`AssessmentEditor`: one assessment in a tab of the main window.

Header (commune, year, kind, catalogue, status, total and verdict, Finalise / Reopen) above three
tabs: scoring (criteria tree, live verdict, the selected indicator's inputs, rule table, comments
and evidence), the team, and the history.

Every valid figure is stored at once, without a Save button: when the user pauses typing (500 ms),
leaves the field, picks an answer, switches indicator, or when `flush()` is called. Each store is a
`SetValueCommand` on `undo_stack`. Bad input gets an inline message and is never stored.

Saves run on the UI context's serial write queue (`context.writes`), off the GUI thread and in the
order typed: the figure counts at once on screen (`ScoringSession.pending`), the header says
"Saving…" until the store confirms it. A busy store keeps the figure as not saved yet and sends it
again at the next edit or flush; a refused save (e.g. finalised elsewhere) reloads what is stored.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from assessor_app.domain.errors import AssessorError
from assessor_app.domain.values import Value
from assessor_app.i18n import _
from assessor_app.services.records import AssessmentDetail, CommentRecord
from assessor_app.texts import dates
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor import saving, status_actions
from assessor_app.ui.editor.criteria_model import CriteriaModel, build_rows
from assessor_app.ui.editor.criteria_tree import criteria_tree, fit_columns
from assessor_app.ui.editor.drafts import InvalidDrafts
from assessor_app.ui.editor.field_message import InputKind
from assessor_app.ui.editor.finalize_dialogs import FinaliseDialog
from assessor_app.ui.editor.header_bar import HeaderBar, appraisal_lock_text, title_of
from assessor_app.ui.editor.indicator_panel import IndicatorPanel
from assessor_app.ui.editor.scoring_session import ScoringSession
from assessor_app.ui.editor.undo_commands import SetValueCommand
from assessor_app.ui.editor.verdict_panel import VerdictPanel
from assessor_app.ui.history.history_view import HistoryView
from assessor_app.ui.team.team_view import TeamView

DEBOUNCE_MS = 500


class AssessmentEditor(QWidget):
    title_changed = Signal(str)

    def __init__(
        self, context: UiContext, assessment_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id = assessment_id
        self.undo_stack = QUndoStack(self)
        # Runs the finalise / reopen dialogs; tests replace it to fill and accept them.
        self.run_dialog: status_actions.DialogRunner = status_actions.exec_dialog
        self.current_code: str | None = None  # selected criterion or indicator
        self._applying = False  # storing from undo/redo or reloading: no commits of typed input
        self._busy_said = False  # a busy store was said once: the header says the rest
        self._announcing = False  # our own assessment_changed signal
        self._tickets = itertools.count(1)  # numbers the saves sent to the write queue
        self.drafts = InvalidDrafts()  # bad figures left on indicators: shown again, not dropped
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(DEBOUNCE_MS)
        self._save_timer.timeout.connect(self.commit_current)
        self.session = ScoringSession.load(context.workspace, assessment_id, context.profile.name)
        self.seen = saving.SeenFigures(self.session.summary.revision, self.session.stored)
        self.title = title_of(self.session.summary)
        self._build()
        self._populate()
        self._select(self._first_code())
        self.show_held()
        context.assessment_changed.connect(self._changed_elsewhere)
        context.profile_changed.connect(self.reload)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.header = HeaderBar(self)
        self.header.finalise_button.clicked.connect(self.finalise)
        self.header.reopen_button.clicked.connect(self.reopen)
        self.header.held_button.clicked.connect(self.open_held)
        layout.addWidget(self.header)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)

        self.tree_model = CriteriaModel(self)
        self.tree = criteria_tree(self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.installEventFilter(self)

        self.verdict = VerdictPanel()
        verdict_scroll = QScrollArea()
        verdict_scroll.setWidgetResizable(True)
        verdict_scroll.setFrameShape(QFrame.Shape.NoFrame)
        verdict_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        verdict_scroll.setWidget(self.verdict)

        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.addWidget(self.tree)
        left.addWidget(verdict_scroll)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)

        self.panel = IndicatorPanel(self.context)
        self.panel.edited.connect(self._input_edited)
        self.panel.committed.connect(self.commit_current)
        self.panel.refused.connect(self._edit_refused)
        self.panel.notes.comment_added.connect(self._comment_added)
        self.panel.notes.follow_up_changed.connect(self._follow_up_changed)
        self.panel.source.source_changed.connect(self._source_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])
        self.tabs.addTab(self.splitter, _("Scoring"))

        self.team_view = TeamView(self.context, self)
        self.team_view.set_assessment(self.assessment_id)
        self.tabs.addTab(self.team_view, _("Assessment team"))
        self.history_view = HistoryView(self.context, self)
        self.history_view.set_assessment(self.assessment_id)
        self.tabs.addTab(self.history_view, _("History"))

    def _populate(self) -> None:
        """Fill the tree, header and verdict from the session (keeps the selection)."""
        self.tree_model.set_rows(build_rows(self.session.catalogue, self.session.mine))
        fit_columns(self.tree, self.tree_model)
        self.tree.expandAll()
        self._refresh_scores()
        self.header.show_summary(self.session.summary, self.session.catalogue)
        self.panel.show_lock_reason(appraisal_lock_text(self.session.summary))
        title = title_of(self.session.summary)
        if title != self.title:
            self.title = title
            self.title_changed.emit(title)

    def _refresh_scores(self, code: str | None = None, value: Value | None = None) -> None:
        """Header, tree and verdict from the stored figures, or with `value` typed for `code`."""
        result = self.session.preview(code, value) if code else self.session.preview()
        self.tree_model.update_scores(result, self.session.follow_up)
        self.header.show_score(result)
        self.verdict.show_result(result, self.session.category, self.session.editable)

    def _first_code(self) -> str | None:
        codes = self.tree_model.indicator_codes()
        return codes[0] if codes else None

    # ------------------------------------------------------------------ selection
    def _select(self, code: str | None) -> None:
        if code is None:
            return
        index = self.tree_model.index_of(code)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        if self.current_code != code:
            self.current_code = code
            self._show_selected()

    def select_code(self, code: str) -> bool:
        """Select a criterion or indicator (as a click in the list would); False if there is none."""
        if not self.tree_model.index_of(code).isValid():
            return False
        self.tree.setCurrentIndex(self.tree_model.index_of(code))
        self.tree.scrollTo(self.tree_model.index_of(code))
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        code = self.tree_model.code_of(current)
        if code is None or code == self.current_code:
            return
        if not self._applying:
            self.commit_current()  # the figure typed for the previous indicator is kept
            self._keep_draft()
        self.current_code = code
        self._show_selected()

    def _show_selected(self) -> None:
        code = self.current_code
        session = self.session
        if code is None:
            self.panel.show_nothing()
            return
        result = session.preview()
        indicator = session.catalogue.indicator(code)
        if indicator is None:
            criterion = session.criterion(code)
            self.panel.show_criterion(
                criterion, result, session.editable, criterion.code in session.mine
            )
        else:
            self.panel.show_indicator(
                self.assessment_id,
                session.catalogue,
                session.criterion(indicator.criterion_code),
                indicator,
                session.value_of(code),
                session.indicator_score(result, code),
                session.comments_of(code),
                session.follow_up.get(code, False),
                session.editable,
                session.sources.get(code, ""),
            )
            if self.panel.input is not None and self.drafts.restore(code, self.panel.input):
                self._input_edited()  # its error, and no points for it
        self._update_tab_order()

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [self.tree, *self.panel.focus_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focus_input():
                return True
        return super().eventFilter(watched, event)

    def focus_input(self) -> bool:
        """Move the keyboard focus to the first input of the selected indicator."""
        chain = self.panel.focus_chain()
        if not chain:
            return False
        chain[0].setFocus(Qt.FocusReason.TabFocusReason)
        self.panel.ensureWidgetVisible(chain[0])
        return True

    # ------------------------------------------------------------------ typing and storing
    def _input_edited(self) -> None:
        code, value_input = self.current_code, self.panel.input
        if code is None or value_input is None:
            return
        state = value_input.read()
        value_input.show_state(state)
        if state.kind is not InputKind.INVALID and self.drafts.drop(code):
            self.header.show_invalid(self.drafts.codes())  # corrected, or taken back
        if state.storable:
            result = self.session.preview(code, state.value)
            self.panel.show_score(self.session.indicator_score(result, code), state.value)
            self._refresh_scores(code, state.value)
            if state.value != self.session.value_of(code) or code in self.session.unsaved:
                self._save_timer.start()
            else:
                self._save_timer.stop()
        else:
            self._save_timer.stop()
            self.panel.show_score(None, None, pending=state.kind is InputKind.INVALID)
            self._refresh_scores()

    def commit_current(self) -> None:
        """Store the selected indicator's typed figure if it is valid and differs from the one shown
        (or was not saved yet: the store was busy)."""
        self._save_timer.stop()
        code, value_input = self.current_code, self.panel.input
        if self._applying or code is None or value_input is None:
            return
        state = value_input.read()
        if not state.storable:
            return  # the inline message says what is wrong; nothing is stored
        old = self.session.value_of(code)
        if state.value == old and code not in self.session.unsaved:
            return
        if not self.session.editable:
            self._edit_refused()
            return
        if state.value != old:  # a retry of an unsaved figure is not a new change to undo
            self.undo_stack.push(SetValueCommand(self, code, old, state.value))
        self._store(code, state.value, "")

    def flush(self) -> None:
        """Send any pending typed figure, and the figures the busy store refused, to the write
        queue now (before the tab closes, at exit, before finalising). The caller waits for the
        queue (`context.writes.wait_idle()`) when it needs them stored."""
        self.commit_current()
        for code, value in list(self.session.unsaved.items()):
            if code in self.session.unsaved and self.session.editable:
                self._store(code, value, "")

    def apply_value(self, code: str, value: Value | None, reason: str) -> bool:
        """Undo/redo: store `value` for `code` (after the saves before it), show that indicator
        and its new figures."""
        self._save_timer.stop()
        self._forget_drafts([code])
        self._applying = True
        try:
            self._store(code, value, reason)
            self._select(code)
            if self.current_code == code and self.panel.input is not None:
                self.panel.input.show_value(value)
                result = self.session.preview()
                self.panel.show_score(self.session.indicator_score(result, code), value)
            return True
        finally:
            self._applying = False

    def _store(self, code: str, value: Value | None, reason: str) -> None:
        saving.store(self, code, value, reason)

    def _typing(self) -> bool:
        """The selected indicator has input that differs from the figure shown for it."""
        code, value_input = self.current_code, self.panel.input
        if code is None or value_input is None:
            return False
        state = value_input.read()
        return state.kind is not InputKind.EMPTY and state.value != self.session.value_of(code)

    def _select_quietly(self, code: str) -> None:
        self._applying = True
        try:
            self._select(code)
        finally:
            self._applying = False

    def _refresh_live(self) -> None:
        """Header, tree and verdict, with the figure being typed (a save may finish meanwhile)."""
        code, value_input = self.current_code, self.panel.input
        if code is not None and value_input is not None:
            state = value_input.read()
            if state.storable:
                self._refresh_scores(code, state.value)
                return
        self._refresh_scores()

    def _saved(self) -> None:
        self.header.show_saved(
            _("Saved at {time}").format(time=dates.stamp_clock(self.context.workspace.clock()))
        )

    def _keep_draft(self) -> None:
        """Leaving an indicator with bad input: nothing is stored, but the texts are kept (shown
        again on return) and the header says which figures are not stored."""
        if self.current_code is not None and self.panel.input is not None:
            self.drafts.keep(self.current_code, self.panel.input)
            self.header.show_invalid(self.drafts.codes())

    def invalid_codes(self) -> list[str]:
        """The indicators whose typed figures are not valid (so not stored), the selected one too."""
        codes = self.drafts.codes()
        code, value_input = self.current_code, self.panel.input
        if (
            code is not None
            and value_input is not None
            and code not in codes
            and value_input.read().kind is InputKind.INVALID
        ):
            codes.append(code)
        return codes

    def _forget_drafts(self, codes: list[str] | None = None) -> None:
        """A stored change replaced these indicators' figures (all: a new status)."""
        for code in self.drafts.codes() if codes is None else codes:
            self.drafts.drop(code)
        self.header.show_invalid(self.drafts.codes())

    def _edit_refused(self) -> None:
        if self.panel.input is not None:
            self.panel.input.show_refusal(
                _(
                    "This assessment is finalised, so its figures cannot be changed. Use Reopen (with a reason) first."
                )
            )

    def _announce(self) -> None:
        self._announcing = True
        try:
            self.context.assessment_changed.emit(self.assessment_id)
        finally:
            self._announcing = False

    # ------------------------------------------------------------------ notes
    def _comment_added(self, record: CommentRecord) -> None:
        self.session.comments.append(record)
        if self.panel.notes.code == record.indicator:  # the user may have moved on meanwhile
            self.panel.notes.set_comments(self.session.comments_of(record.indicator))
        self._saved()
        self._announce()

    def _follow_up_changed(self, code: str, follow_up: bool) -> None:
        self.session.follow_up[code] = follow_up
        self._refresh_scores()
        self._saved()
        self._announce()

    def _source_changed(self, code: str, text: str) -> None:
        self.session.sources[code] = text  # "" once removed: shown as an empty field
        self._saved()
        self._announce()

    # ------------------------------------------------------------------ reload
    def _changed_elsewhere(self, assessment_id: int) -> None:
        if assessment_id == self.assessment_id and not self._announcing:
            self.reload()

    def reload(self) -> None:
        """Read the assessment again (changed by another view, or after a refused store). A figure
        being typed for the selected indicator is kept when its stored value did not change."""
        code, value_input = self.current_code, self.panel.input
        old = self.session
        try:
            new = ScoringSession.load(
                self.context.workspace, self.assessment_id, self.context.profile.name
            )
        except (AssessorError, OSError) as error:
            self.context.errors.report(self, error)
            return
        keep_input = False
        if value_input is not None and code is not None:
            state = value_input.read()
            typing = state.kind is not InputKind.EMPTY and state.value != old.value_of(code)
            keep_input = (
                typing
                and new.stored.get(code) == old.stored.get(code)
                and new.editable == old.editable
            )
        new.carry_over(old)
        self._forget_drafts(
            [c for c in self.drafts.codes() if new.stored.get(c) != old.stored.get(c)]
        )
        self._replace_session(new, keep_input)

    def _replace_session(self, session: ScoringSession, keep_input: bool = False) -> None:
        self._applying = True
        try:
            self.session = session
            # Figures of ours not saved yet or on their way keep the figure they replace.
            in_flight = {*session.unsaved, *session.pending}
            self.seen.saw_all(session.summary.revision, session.stored, in_flight)
            self._populate()
            if self.current_code is not None:
                index = self.tree_model.index_of(self.current_code)
                if index.isValid():
                    self.tree.setCurrentIndex(index)
            if keep_input and self.current_code is not None:
                self.panel.notes.set_target(
                    self.assessment_id,
                    self.current_code,
                    session.comments_of(self.current_code),
                    session.follow_up.get(self.current_code, False),
                    session.editable,
                )
            else:
                self._show_selected()
        finally:
            self._applying = False
        if keep_input:
            self._input_edited()

    def after_status_change(self, detail: AssessmentDetail) -> None:
        self.undo_stack.clear()  # a finalise or reopen is a checkpoint: earlier edits stay as stored
        self._forget_drafts()
        self._replace_session(ScoringSession.from_detail(detail, self.session.mine))
        self._saved()
        self._announce()

    # ------------------------------------------------------------------ finalise / reopen
    def build_finalise_dialog(self) -> FinaliseDialog:
        return status_actions.build_finalise_dialog(self)

    def finalise(self) -> None:
        status_actions.finalise(self)

    def reopen(self) -> None:
        status_actions.reopen(self)

    # ------------------------------------------------------------------ held changes
    def show_held(self) -> None:
        """The header's notice of this assessment's held changes (none: hidden)."""
        status_actions.show_held(self)

    def open_held(self) -> None:
        status_actions.open_held(self)
