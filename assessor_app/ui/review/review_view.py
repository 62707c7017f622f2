"""The appraisal screen (Thẩm định hồ sơ, issue 14): what is submitted to this office, longest
waiting first, and for the selected one the submitted figures beside the office's, indicator by
indicator, with the buttons of exactly the steps allowed now (domain/appraisal.py). Every step goes
through services/appraisals on the write queue; reads run off the GUI thread. A refused step says
why under the buttons, its code in the tooltip, as the CLI's one-line error does."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.appraisal import AppraisalState, AppraisalStep
from assessor_app.i18n import _, ngettext
from assessor_app.services import appraisals
from assessor_app.services.appraisal_records import AppraisalItem, AppraisalView
from assessor_app.texts import labels, numbers
from assessor_app.ui.bundles.widgets import InlineError, buddy, heading, wrapped
from assessor_app.ui.context import UiContext
from assessor_app.ui.review.review_models import (
    DIFFERS_MARK,
    ComparisonModel,
    WaitingModel,
    commune_text,
    points_text,
    state_text,
)
from assessor_app.ui.review.step_dialogs import (
    ReturnDialog,
    SetPointDialog,
    StepDialog,
    UndoDialog,
)

St = AppraisalStep
# What the state means for the office, under the totals.
_STATE_NOTES: dict[AppraisalState, Callable[[], str]] = {
    AppraisalState.SUBMITTED: lambda: _(
        "Submitted and waiting on this office: start the appraisal to enter the office's figures."
    ),
    AppraisalState.UNDER_APPRAISAL: lambda: _(
        "Under appraisal: enter the office's figures where they differ, then return the assessment to its team or close the appraisal."
    ),
    AppraisalState.RETURNED: lambda: _(
        "Returned to the team: waiting for the team's corrected assessment, in a bundle. Export the office's assessment to send the comments."
    ),
    AppraisalState.APPRAISED: lambda: _(
        "Appraised: both assessments are locked and wait for the recognition decision. Take the appraisal back (with a reason) to change it."
    ),
    AppraisalState.RECOGNISED: lambda: _("Recognised by a decision."),
    AppraisalState.NOT_RECOGNISED: lambda: _("Not recognised by a decision."),
}


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class ReviewWindow(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.items: list[AppraisalItem] = []
        self.view: AppraisalView | None = None
        self.current: int | None = None  # the submitted assessment's id shown
        self.dialog: QDialog | None = None
        self.refusal: BaseException | None = None  # shown again once the refreshed view is in
        self.setWindowTitle(_("Appraisal of dossiers"))
        self.resize(1280, 720)
        self._build_top()
        self._build_list()
        self._build_detail()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(splitter, 1)
        self.show_view(None)
        self.reload()

    # --- building
    def _build_top(self) -> None:
        self.filter = QComboBox()
        self.filter.addItem(_("Waiting on the office"), False)
        self.filter.addItem(_("All appraisals"), True)
        self.filter.setAccessibleName(_("Which appraisals"))
        self.filter.setToolTip(
            _(
                "Waiting on the office: submitted or under appraisal. All: returned, appraised and decided too."
            )
        )
        self.search = QLineEdit()
        self.search.setAccessibleName(_("Search a commune"))
        self.search.setPlaceholderText(_("Search a commune: code or name, accents optional"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.top = QHBoxLayout()
        self.top.addWidget(buddy(_("&Show:"), self.filter))
        self.top.addWidget(self.filter)
        self.top.addWidget(self.search, 1)
        self.top.addWidget(self.count)
        self.filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.search.textChanged.connect(lambda _text: self._fill_list())

    def _build_list(self) -> None:
        self.model = WaitingModel(self)
        self.table = _table(_("Assessments submitted to the office"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selected())

    def _build_detail(self) -> None:
        self.detail = QWidget()
        self.title = heading("")
        self.totals = wrapped(name=_("Totals and verdicts"))
        self.note = wrapped(name=_("Where the appraisal stands"))
        self.reason = wrapped(name=_("Reason of the last return or take-back"))
        self.differences = wrapped(name=_("Differences"))
        self.comparison = ComparisonModel(self)
        self.compared = _table(_("Submitted and appraised figures, indicator by indicator"))
        self.compared.setModel(self.comparison)
        header = self.compared.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.error = InlineError(_("Problem with this step"))
        self.buttons: dict[AppraisalStep, QPushButton] = {}
        row = QHBoxLayout()
        for step, tip in (
            (St.START, _("Make the office's own assessment, holding the submitted figures.")),
            (St.SET_POINT, _("Enter the office's own figure for one indicator, with a reason.")),
            (St.RETURN, _("Return the assessment to its team, with comments per indicator.")),
            (St.APPRAISE, _("Close the appraisal: the office's figures decide; both are locked.")),
            (St.UNDO, _("Take a closed appraisal back to appraisal, with a reason.")),
        ):
            text = labels.appraisal_step(step, i18n.language())
            button = QPushButton(text + ("…" if step in (St.SET_POINT, St.RETURN, St.UNDO) else ""))
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, chosen=step: self.take(chosen))
            self.buttons[step] = button
            row.addWidget(button)
        self.export_button = QPushButton(_("&Export for the team…"))
        self.export_button.setToolTip(
            _(
                "Send the office's assessment with its comments back to the team, in a signed bundle."
            )
        )
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.totals, self.note, self.reason, self.differences):
            layout.addWidget(widget)
        layout.addWidget(self.compared, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)

    # --- the list
    def reload(self) -> None:
        workspace, everything = self.context.workspace, bool(self.filter.currentData())
        self.context.tasks.run(
            lambda _progress, cancelled: appraisals.waiting(workspace, everything, cancelled),
            self._loaded,
            parent=self,
            busy=self.table,
        )

    def _loaded(self, items: list[AppraisalItem]) -> None:
        if not shiboken6.isValid(self):
            return
        self.items = items
        self._fill_list()

    def _fill_list(self) -> None:
        keep = self.current
        self.model.set_items(self.items, self.search.text())
        shown = len(self.model.items)
        self.count.setText(
            ngettext("{count} assessment", "{count} assessments", shown).format(count=shown)
            if shown
            else _("Nothing is waiting on this office.")
        )
        position = self.model.row_of(keep) if keep is not None else None
        if position is None and self.view is not None and self.view.item.assessment_id == keep:
            # Just returned (or filtered out): it stays shown, to export it or read it.
            self.table.clearSelection()
            return
        if position is None and shown:
            position = 0
        if position is None:
            self.current = None
            self.show_view(None)
            return
        self.table.selectRow(position)
        if keep is not None and self.model.items[position].assessment_id == keep:
            self._selected()  # the same one: show its new state

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.model.items[rows[0].row()].assessment_id
        if chosen != self.current:
            self.refusal = None
        self.current = chosen
        workspace, chosen = self.context.workspace, self.current
        self.context.tasks.run(
            lambda _progress, _cancelled: appraisals.show(workspace, chosen),
            self._shown_if_current,
            parent=self,
            on_error=self.error.show_error,
            busy=self.compared,
        )

    def _shown_if_current(self, view: AppraisalView) -> None:
        if shiboken6.isValid(self) and view.item.assessment_id == self.current:
            self.show_view(view)

    # --- one appraisal
    def show_view(self, view: AppraisalView | None) -> None:
        self.view = view
        self.error.clear_message()
        if self.refusal is not None and view is not None:
            self.error.show_error(self.refusal)  # until another step or another appraisal
        self.comparison.set_rows(view.rows if view is not None else ())
        for step, button in self.buttons.items():
            button.setVisible(view is not None and step in view.steps)
        returned = view is not None and view.item.state is AppraisalState.RETURNED
        self.export_button.setVisible(returned and view is not None and bool(view.item.review_id))
        for label in (self.totals, self.note, self.reason, self.differences):
            label.setVisible(view is not None)
        if view is None:
            self.title.setText(_("Choose an assessment in the list."))
            return
        self.title.setText(self._title(view.item))
        self.totals.setText(self._totals(view))
        self.note.setText(_STATE_NOTES[view.item.state]())
        self.reason.setText(
            _("Reason given: {reason}").format(reason=view.reason) if view.reason else ""
        )
        self.reason.setVisible(bool(view.reason))
        self.differences.setText(
            ngettext(
                "{count} indicator differs from the submitted figures (marked {mark}).",
                "{count} indicators differ from the submitted figures (marked {mark}).",
                view.differences,
            ).format(count=view.differences, mark=DIFFERS_MARK)
            if view.differences
            else _("No indicator differs from the submitted figures.")
        )

    @staticmethod
    def _title(item: AppraisalItem) -> str:
        language = i18n.language()
        text = _("{commune}, {year} — {kind}: {state}").format(
            commune=commune_text(item),
            year=item.year,
            kind=labels.assessment_kind(item.kind, language),
            state=state_text(item),
        )
        if item.round > 1:
            text += " " + _("(round {round})").format(round=numbers.number(item.round, language))
        return text

    @staticmethod
    def _totals(view: AppraisalView) -> str:
        language = i18n.language()
        submitted = _("Submitted: {total} points, {verdict}").format(
            total=points_text(view.item.submitted_total),
            verdict=labels.verdict(view.submitted_recognized, language).lower(),
        )
        if view.appraised_recognized is None:
            return submitted + " · " + _("the office has no figures yet.")
        return (
            submitted
            + " · "
            + _("Appraised by the office: {total} points, {verdict}").format(
                total=points_text(view.item.appraised_total),
                verdict=labels.verdict(view.appraised_recognized, language).lower(),
            )
        )

    # --- the steps
    def take(self, step: AppraisalStep) -> QDialog | None:
        """Take `step` on the shown appraisal: at once, or through its dialog (returned)."""
        view = self.view
        if view is None:
            return None
        workspace, ident = self.context.workspace, view.item.assessment_id
        if step is St.START:
            self._run(lambda: appraisals.start(workspace, ident))
        elif step is St.APPRAISE:
            self._run(lambda: appraisals.appraise(workspace, ident))
        else:
            return self._open_step(step, view)
        return None

    def _open_step(self, step: AppraisalStep, view: AppraisalView) -> StepDialog:
        workspace, ident = self.context.workspace, view.item.assessment_id
        dialog: StepDialog
        if step is St.SET_POINT:
            chosen = self.compared.selectionModel().selectedRows()
            code = view.rows[chosen[0].row()].indicator if chosen else ""
            point = SetPointDialog(view.rows, code, self)
            point.submit = lambda _d: self._run(
                lambda: appraisals.set_point(
                    workspace,
                    ident,
                    point.indicator_code(),
                    point.value_text(),
                    point.reason_text(),
                ),
                point,
            )
            dialog = point
        elif step is St.RETURN:
            back = ReturnDialog(view.rows, self)
            back.submit = lambda _d: self._run(
                lambda: appraisals.return_(workspace, ident, back.comments(), back.reason_text()),
                back,
            )
            dialog = back
        else:
            undo = UndoDialog(self)
            undo.submit = lambda _d: self._run(
                lambda: appraisals.undo(workspace, ident, undo.reason_text()), undo
            )
            dialog = undo
        self.dialog = dialog
        dialog.show()
        return dialog

    def _run(self, work: Callable[[], AppraisalView], dialog: StepDialog | None = None) -> None:
        self.error.clear_message()
        self.refusal = None
        failed = dialog.failed if dialog is not None else self._refused
        self.context.writes.run(
            lambda _progress, _cancelled: work(),
            lambda view: self._stepped(view, dialog),
            parent=self,
            on_error=failed,
            busy=self.compared,
        )

    def _refused(self, error: BaseException) -> None:
        """A refused step: said under the buttons, over the appraisal as it now stands (the
        state may have changed meanwhile, from the command line or an import)."""
        self.error.show_error(error)
        if shiboken6.isValid(self):
            self.refusal = error
            self.reload()

    def _stepped(self, view: AppraisalView, dialog: StepDialog | None) -> None:
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.accept()
        if not shiboken6.isValid(self):
            return
        self.current = view.item.assessment_id
        self.show_view(view)
        self.reload()

    def export(self) -> QDialog | None:
        """The export dialog with only the office's returned assessment ticked."""
        from assessor_app.ui.bundles.export_dialog import ExportDialog

        view = self.view
        if view is None or view.item.review_id is None:
            return None
        dialog = ExportDialog(self.context, self)
        for record in dialog.selection.records:
            dialog.selection.set_checked(record.id, record.id == view.item.review_id)
        self.dialog = dialog
        dialog.show()
        return dialog
