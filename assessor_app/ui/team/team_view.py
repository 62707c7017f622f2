"""An assessment's team: the members (name, agency, role) and who answers for which criterion.

By default a criterion goes to the first member from the criterion's sector; the lead can assign it
to anyone. Every change goes through `services.team` / `services.assignments` (audited) and is
announced with `context.assessment_changed`. A finalised assessment is shown read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
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
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.assessment import AssessmentStatus, MemberRole
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import InputError
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services import assessments, assignments, team
from assessor_app.services.assignments import Assignment
from assessor_app.services.records import AssessmentDetail, MemberRecord
from assessor_app.services.workspace import Workspace
from assessor_app.texts import labels
from assessor_app.ui.context import UiContext
from assessor_app.ui.team.assignments_model import (
    AssigneeDelegate,
    AssignmentColumn,
    AssignmentsModel,
    AssignmentsTable,
)
from assessor_app.ui.team.member_actions import (
    EnterAdds,
    RoleEditor,
    ask_replace_lead,
    lead_taken,
    team_table,
)
from assessor_app.ui.team.members_model import (
    MemberColumn,
    MembersModel,
)

AnyIndex = QModelIndex | QPersistentModelIndex

TeamState = tuple[AssessmentDetail, dict[str, Assignment]]  # the assessment and its assignments


def _read_team(workspace: Workspace, assessment_id: int) -> TeamState:
    """What the view shows, read in one place (on a worker thread after a change)."""
    detail = assessments.detail(workspace, assessment_id)
    return detail, assignments.assignments(workspace, assessment_id)


ERROR_STYLE = "color: #a61b1b; font-weight: bold;"


# --- the view


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("InlineError")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class TeamView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("TeamView")
        self.assessment_id: int | None = None
        self.read_only = True
        self._removing: MemberRecord | None = None
        self._announcing = False  # our own change: already shown, no reload
        self._stale = False  # changed elsewhere while hidden

        self.locked = QLabel(
            _(
                "This assessment is finalised: the team can no longer be changed. Reopen it (with a reason) to make changes."
            )
        )
        self.locked.setObjectName("LockedBanner")
        self.locked.setWordWrap(True)
        self.locked.setStyleSheet(
            "#LockedBanner { background: #eef2f7; border: 1px solid #b8c4d6; padding: 6px; }"
        )
        self.locked.hide()

        # --- members
        self.members = MembersModel(self)
        self.members_table = team_table(QTableView(), _("Team members"))
        self.members_table.setModel(self.members)
        self.members_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.members_table.horizontalHeader()
        header.setSectionResizeMode(MemberColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MemberColumn.AGENCY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MemberColumn.ROLE, QHeaderView.ResizeMode.ResizeToContents)
        self.members_table.selectionModel().currentRowChanged.connect(self._update_actions)

        self.remove_button = QPushButton(_("&Remove member…"))
        self.remove_button.setAccessibleName(_("Remove the selected member"))
        self.remove_button.clicked.connect(self.start_remove)
        remove_key = QShortcut(QKeySequence.StandardKey.Delete, self.members_table)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.start_remove)

        self.role_editor = RoleEditor()
        self.role_editor.role_chosen.connect(self.change_role)
        self.ask_replace_lead = ask_replace_lead  # the question before a new leader (tests answer)

        self.remove_error = _error_label()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Why is this member leaving the team?"))
        self.reason.setAccessibleName(_("Reason for the removal"))
        self.reason.returnPressed.connect(self.confirm_remove)
        self.reason.textEdited.connect(lambda _text: self.remove_error.hide())
        self.confirm_button = QPushButton(_("Remove"))
        self.confirm_button.setAccessibleName(_("Confirm the removal"))
        self.confirm_button.clicked.connect(self.confirm_remove)
        self.cancel_remove_button = QPushButton(_("Keep"))
        self.cancel_remove_button.setAccessibleName(_("Cancel the removal"))
        self.cancel_remove_button.clicked.connect(self.cancel_remove)
        self.remove_prompt = QLabel()
        self.remove_prompt.setWordWrap(True)
        self.remove_panel = QWidget()
        remove_layout = QVBoxLayout(self.remove_panel)
        remove_layout.setContentsMargins(0, 0, 0, 0)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.reason, 1)
        remove_row.addWidget(self.confirm_button)
        remove_row.addWidget(self.cancel_remove_button)
        remove_layout.addWidget(self.remove_prompt)
        remove_layout.addLayout(remove_row)
        remove_layout.addWidget(self.remove_error)
        self.remove_panel.hide()

        # the add form
        self.add_error = _error_label()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("Full name"))
        self.new_name.setAccessibleName(_("New member's name"))
        self.new_name.returnPressed.connect(self.add_member)
        self.new_name.textEdited.connect(lambda _text: self.add_error.hide())
        self.new_agency = QComboBox()
        self.new_agency.setAccessibleName(_("New member's agency"))
        for sector in Sector:
            self.new_agency.addItem(labels.sector(sector, i18n.language()), sector.value)
        self.new_role = QComboBox()
        self.new_role.setAccessibleName(_("New member's role"))
        for role in MemberRole:
            self.new_role.addItem(labels.member_role(role, i18n.language()), role.value)
        self.new_role.setCurrentIndex(self.new_role.findData(MemberRole.MEMBER.value))
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setAccessibleName(_("Add the member"))
        self.add_button.clicked.connect(self.add_member)
        self._enter_adds = EnterAdds(self.add_member, [self.new_agency, self.new_role])
        add_title = QLabel(_("Add a member:"))
        add_title.setBuddy(self.new_name)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_agency, 3)
        add_row.addWidget(self.new_role, 1)
        add_row.addWidget(self.add_button)
        self.add_form = QWidget()
        add_layout = QVBoxLayout(self.add_form)
        add_layout.setContentsMargins(0, 0, 0, 0)
        add_layout.setSpacing(4)
        add_layout.addWidget(add_title)
        add_layout.addWidget(self.new_name)
        add_layout.addLayout(add_row)
        add_layout.addWidget(self.add_error)

        members_box = QGroupBox(_("Team members"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.role_editor)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        members_layout.addLayout(buttons)
        members_layout.addWidget(self.remove_panel)
        members_layout.addWidget(self.add_form)

        # --- assignments
        self.assignments = AssignmentsModel(self)
        self.assignments.assign = self.assign
        self.assignments_table = team_table(AssignmentsTable(), _("Criteria assignments"))
        self.assignments_table.setModel(self.assignments)
        self.delegate = AssigneeDelegate(self.assignments_table)
        self.assignments_table.setItemDelegateForColumn(AssignmentColumn.MEMBER, self.delegate)
        self.assignments_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # long criterion titles wrap: every row shows its whole title
        self.assignments_table.setWordWrap(True)
        self.assignments_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        header = self.assignments_table.horizontalHeader()
        header.setSectionResizeMode(AssignmentColumn.CRITERION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AssignmentColumn.MEMBER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            AssignmentColumn.MEMBER, self.assignments_table.fontMetrics().averageCharWidth() * 30
        )
        self.assignments_hint = QLabel(
            _(
                "Each criterion goes by default to the first member from its sector. Double-click, F2 or Enter to choose someone else."
            )
        )
        self.assignments_hint.setWordWrap(True)
        self.assignments_hint.setEnabled(False)
        assignments_box = QGroupBox(_("Who answers for which criterion"))
        assignments_layout = QVBoxLayout(assignments_box)
        assignments_layout.addWidget(self.assignments_table, 1)
        assignments_layout.addWidget(self.assignments_hint)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(members_box)
        self.splitter.addWidget(assignments_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.locked)
        layout.addWidget(self.splitter, 1)

        context.assessment_changed.connect(self._assessment_changed)
        self._apply_read_only()

    # --- loading
    def set_assessment(self, assessment_id: int) -> None:
        self.assessment_id = assessment_id
        self.cancel_remove()
        self.add_error.hide()
        self.reload()

    def reload(self) -> None:
        if self.assessment_id is None:
            return
        self._stale = False
        try:
            state = _read_team(self.context.workspace, self.assessment_id)
        except Exception as error:
            self.context.errors.report(self, error)
            return
        self._show_team(state)

    def _show_team(self, state: TeamState) -> None:
        detail, current = state
        if detail.summary.id != self.assessment_id:
            return  # another assessment was chosen meanwhile
        self.read_only = detail.summary.status is AssessmentStatus.FINALIZED
        selected = self._selected_member()
        self.members.set_members(detail.members)
        self.assignments.set_assignments(
            list(detail.catalogue.criteria), current, detail.members, self.read_only
        )
        if selected is not None:
            for row, member in enumerate(self.members.members):
                if member.id == selected.id:
                    self.members_table.selectRow(row)
        self._apply_read_only()

    def _write(
        self,
        change: Callable[[Workspace, int], object],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        disable: QWidget | None = None,
    ) -> None:
        """A team change on the write queue (off the GUI thread, in order with the editor's saves);
        `on_done` gets what the change returned."""
        assert self.assessment_id is not None
        workspace, assessment_id = self.context.workspace, self.assessment_id

        def work(_progress: Progress, _cancelled: Cancelled) -> object:
            return change(workspace, assessment_id)

        def enable() -> None:
            if disable is not None and shiboken6.isValid(disable):
                disable.setEnabled(True)

        def done(result: Any) -> None:
            if shiboken6.isValid(self):
                enable()
                on_done(result)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                self.context.errors.report(None, error)
                return
            enable()
            if on_error is not None:
                on_error(error)
            else:  # e.g. STORE_BUSY: a message, not a bug; what is shown is what is stored
                self.context.errors.report(self, error)

        if disable is not None:  # busy: no second change before this one is stored
            disable.setEnabled(False)
        self.context.writes.run(work, done, parent=self, on_error=failed, busy=self)

    def _assessment_changed(self, assessment_id: int) -> None:
        if assessment_id != self.assessment_id or self._announcing:
            return
        if self.isVisible():
            self.reload()
        else:  # e.g. a figure typed in the editor's other tab: reload when shown
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _announce(self) -> None:
        """Tell the other views; this one is already up to date."""
        assert self.assessment_id is not None
        self._announcing = True
        try:
            self.context.assessment_changed.emit(self.assessment_id)
        finally:
            self._announcing = False

    def _apply_read_only(self) -> None:
        editable = self.assessment_id is not None and not self.read_only
        self.locked.setVisible(self.assessment_id is not None and self.read_only)
        self.add_form.setVisible(editable)
        self.remove_button.setVisible(editable)
        self.role_editor.setVisible(editable)
        if not editable:
            self.remove_panel.hide()
        self.assignments_hint.setVisible(editable)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        self.remove_button.setEnabled(not self.read_only and self._selected_member() is not None)
        self.role_editor.show_member(None if self.read_only else self._selected_member())

    def _selected_member(self) -> MemberRecord | None:
        index = self.members_table.currentIndex()
        if not index.isValid() or index.row() >= self.members.rowCount():
            return None
        return self.members.member_at(index.row())

    # --- members
    def add_member(self, replace_lead: bool = False) -> None:
        if self.assessment_id is None or self.read_only or not self.add_form.isEnabled():
            return  # (not enabled: the previous add is still being stored)
        name = self.new_name.text()
        agency, role = str(self.new_agency.currentData()), str(self.new_role.currentData())

        def change(workspace: Workspace, assessment_id: int) -> TeamState:
            team.add_member(workspace, assessment_id, name, agency, role, replace_lead)
            return _read_team(workspace, assessment_id)

        self._write(change, self._member_added, self._add_failed, disable=self.add_form)

    def _member_added(self, state: TeamState) -> None:
        self.add_error.hide()
        self.new_name.clear()
        self.new_name.setFocus()
        self._show_team(state)
        self._announce()

    def _add_failed(self, error: BaseException) -> None:
        lead = lead_taken(error)
        if lead is not None:
            if self.ask_replace_lead(self, lead, clean(self.new_name.text())):
                self.add_member(replace_lead=True)
            else:
                self.new_role.setFocus()
        elif isinstance(error, InputError):
            self.add_error.setText(i18n.render(error))
            self.add_error.show()
            self.new_name.setFocus()
        else:
            self.context.errors.report(self, error)

    def start_remove(self) -> None:
        member = self._selected_member()
        if member is None or self.read_only:
            return
        self._removing = member
        self.remove_prompt.setText(
            _(
                "Remove {name} from the team? Their criteria go back to the default by sector."
            ).format(name=member.name)
        )
        self.reason.clear()
        self.remove_error.hide()
        self.remove_panel.show()
        self.reason.setFocus()

    def cancel_remove(self) -> None:
        self._removing = None
        self.remove_panel.hide()
        self.remove_error.hide()

    def confirm_remove(self) -> None:
        member = self._removing
        if member is None or self.assessment_id is None:
            return
        reason = clean(self.reason.text())
        if not reason:
            self.remove_error.setText(_("A reason is required."))
            self.remove_error.show()
            self.reason.setFocus()
            return

        def change(workspace: Workspace, assessment_id: int) -> TeamState:
            team.remove_member(workspace, assessment_id, member.id, reason)
            return _read_team(workspace, assessment_id)

        self._write(change, self._member_removed, disable=self.remove_panel)

    def _member_removed(self, state: TeamState) -> None:
        self.cancel_remove()
        self._show_team(state)
        self.members_table.setFocus()
        self._announce()

    def change_role(self, member_id: int, role: str, replace_lead: bool = False) -> None:
        """Store a member's new role; a second leader only after the question."""
        if self.assessment_id is None or self.read_only:
            return

        def change(workspace: Workspace, assessment_id: int) -> TeamState:
            team.set_member_role(workspace, assessment_id, member_id, role, replace_lead)
            return _read_team(workspace, assessment_id)

        def failed(error: BaseException) -> None:
            lead = lead_taken(error)
            member = next((m for m in self.members.members if m.id == member_id), None)
            if lead is not None and member is not None:
                if self.ask_replace_lead(self, lead, member.name):
                    self.change_role(member_id, role, replace_lead=True)
                    return
            elif lead is None:
                self.context.errors.report(self, error)
            self._update_actions()  # the stored role again

        self._write(change, self._member_changed, failed, disable=self.role_editor)

    def _member_changed(self, state: TeamState) -> None:
        self._show_team(state)
        self._announce()

    # --- assignments
    def assign(self, criterion: str, member_id: int | None) -> bool:
        """Store the assignment on the write queue; the table shows it once stored."""
        if self.assessment_id is None or self.read_only:
            return False

        def change(workspace: Workspace, assessment_id: int) -> dict[str, Assignment]:
            assignments.assign(workspace, assessment_id, criterion, member_id)
            return assignments.assignments(workspace, assessment_id)

        self._write(change, self._assigned)
        return True

    def _assigned(self, current: dict[str, Assignment]) -> None:
        self.assignments.update_assignments(current)  # in place: the table's editor may be open
        self._announce()
