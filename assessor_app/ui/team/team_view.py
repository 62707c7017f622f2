"""An assessment's team: the members (name, agency, role) and who answers for which criterion.

By default a criterion goes to the first member from the criterion's sector; the lead can assign it
to anyone. Every change goes through `services.team` / `services.assignments` (audited) and is
announced with `context.assessment_changed`. A finalised assessment is shown read-only.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
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
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentStatus, MemberRole
from assessor_app.domain.catalogue import Criterion, Sector
from assessor_app.domain.errors import InputError
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services import assessments, assignments, team
from assessor_app.services.assignments import Assignment
from assessor_app.services.records import MemberRecord
from assessor_app.texts import labels
from assessor_app.ui.context import UiContext

AnyIndex = QModelIndex | QPersistentModelIndex

ERROR_STYLE = "color: #a61b1b; font-weight: bold;"
_DEFAULT_BRUSH = QBrush(QColor("#5a5a5a"))
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def default_by_sector() -> str:
    return _("(default by sector)")


def member_label(member: MemberRecord) -> str:
    return f"{member.name} — {labels.sector(member.agency, i18n.language())}"


# --- members


class MemberColumn(enum.IntEnum):
    NAME = 0
    AGENCY = 1
    ROLE = 2


class MembersModel(QAbstractTableModel):
    """The team members, read-only (added and removed through the view's form)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[MemberRecord] = []

    def set_members(self, members: list[MemberRecord]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    @property
    def members(self) -> list[MemberRecord]:
        return self._members

    def member_at(self, row: int) -> MemberRecord:
        return self._members[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MemberColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == MemberColumn.NAME:
                return member.name
            if column == MemberColumn.AGENCY:
                return labels.sector(member.agency, i18n.language())
            return labels.member_role(member.role, i18n.language())
        if role == MEMBER_ID_ROLE:
            return member.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(MemberColumn)
        ):
            return (_("Name"), _("Agency"), _("Role"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


# --- assignments


class AssignmentColumn(enum.IntEnum):
    CRITERION = 0
    MEMBER = 1


class AssignmentsModel(QAbstractTableModel):
    """Criteria and who answers for each. The member column is editable (unless read-only): its
    edit value is the explicitly assigned member's id, or None for the default by sector; setting
    it calls `assign(criterion, member_id)`, which stores the change and returns whether it did."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Criterion, Assignment]] = []
        self._members: list[MemberRecord] = []
        self.read_only = False
        self.assign: Any = None  # Callable[[str, int | None], bool], set by the view

    def set_assignments(
        self,
        criteria: list[Criterion],
        current: dict[str, Assignment],
        members: list[MemberRecord],
        read_only: bool,
    ) -> None:
        self.beginResetModel()
        self._rows = [(c, current.get(c.code, Assignment(c.code, None, False))) for c in criteria]
        self._members = list(members)
        self.read_only = read_only
        self.endResetModel()

    def update_assignments(self, current: dict[str, Assignment]) -> None:
        """New assignments for the same criteria and members: only the member column changes."""
        self._rows = [
            (c, current.get(c.code, Assignment(c.code, None, False))) for c, _old in self._rows
        ]
        if self._rows:
            self.dataChanged.emit(
                self.index(0, AssignmentColumn.MEMBER),
                self.index(len(self._rows) - 1, AssignmentColumn.MEMBER),
                [],
            )

    @property
    def members(self) -> list[MemberRecord]:
        return self._members

    def criterion_at(self, row: int) -> Criterion:
        return self._rows[row][0]

    def assignment_at(self, row: int) -> Assignment:
        return self._rows[row][1]

    def assignee_text(self, row: int) -> str:
        criterion, assignment = self._rows[row]
        if assignment.member is None:
            return _("nobody yet (no member from {agency})").format(
                agency=labels.sector(criterion.sector, i18n.language())
            )
        if assignment.explicit:
            return assignment.member.name
        return f"{assignment.member.name} {default_by_sector()}"

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AssignmentColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        criterion, assignment = self._rows[index.row()]
        if index.column() == AssignmentColumn.CRITERION:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{criterion.code} {criterion.title_vi}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("{code} {title}\nSector: {sector}").format(
                    code=criterion.code,
                    title=criterion.title_vi,
                    sector=labels.sector(criterion.sector, i18n.language()),
                )
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.assignee_text(index.row())
        if role == Qt.ItemDataRole.EditRole:
            return assignment.member.id if assignment.explicit and assignment.member else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.read_only:
                return self.assignee_text(index.row())
            return _("Double-click, F2 or Enter to choose who answers for this criterion.")
        if role == Qt.ItemDataRole.ForegroundRole and not assignment.explicit:
            return _DEFAULT_BRUSH
        if role == Qt.ItemDataRole.FontRole and not assignment.explicit:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or index.column() != AssignmentColumn.MEMBER
            or self.read_only
            or self.assign is None
        ):
            return False
        member_id = int(value) if value is not None else None
        if member_id is not None and member_id not in {m.id for m in self._members}:
            return False
        return bool(self.assign(self._rows[index.row()][0].code, member_id))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(AssignmentColumn)
        ):
            return (_("Criterion"), _("Answered by"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == AssignmentColumn.MEMBER and not self.read_only:
            return _FLAGS | Qt.ItemFlag.ItemIsEditable
        return _FLAGS


class AssigneeCombo(QComboBox):
    """The editor: '(default by sector)' or a member. Choosing from the open list stores at once;
    with the list closed, arrows only move and Enter stores (no audit entry per key press)."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._popup_open = False
        self.activated.connect(self._activated)

    def showPopup(self) -> None:
        self._popup_open = True
        super().showPopup()

    def _activated(self, _index: int) -> None:
        if self._popup_open:
            self._popup_open = False
            self.chosen.emit()


class AssigneeDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = AssigneeCombo(parent)
        editor.setAccessibleName(_("Answered by"))
        model = index.model()
        source = model if isinstance(model, AssignmentsModel) else None
        criterion = source.criterion_at(index.row()) if source else None
        members = source.members if source else []
        default = next((m for m in members if criterion and m.agency == criterion.sector), None)
        if default is not None:
            editor.addItem(_("{name} (default by sector)").format(name=default.name), None)
        else:
            editor.addItem(default_by_sector(), None)
        for member in members:
            editor.addItem(member_label(member), member.id)
        editor.chosen.connect(lambda: self._commit(editor))
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            wanted = editor.currentData()
            if wanted != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, wanted, Qt.ItemDataRole.EditRole)


class AssignmentsTable(QTableView):
    """Enter starts choosing a member (like F2), so the keyboard alone can reassign."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
        ):
            target = index.siblingAtColumn(AssignmentColumn.MEMBER)
            if target.flags() & Qt.ItemFlag.ItemIsEditable:
                self.setCurrentIndex(target)
                self.edit(target)
                event.accept()
                return
        super().keyPressEvent(event)


# --- the view


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("InlineError")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def _table(view: QTableView, name: str) -> QTableView:
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


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
        self.members_table = _table(QTableView(), _("Team members"))
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
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        members_layout.addLayout(buttons)
        members_layout.addWidget(self.remove_panel)
        members_layout.addWidget(self.add_form)

        # --- assignments
        self.assignments = AssignmentsModel(self)
        self.assignments.assign = self.assign
        self.assignments_table = _table(AssignmentsTable(), _("Criteria assignments"))
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
            detail = assessments.detail(self.context.workspace, self.assessment_id)
            current = assignments.assignments(self.context.workspace, self.assessment_id)
        except Exception as error:
            self.context.errors.report(self, error)
            return
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
        if not editable:
            self.remove_panel.hide()
        self.assignments_hint.setVisible(editable)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        self.remove_button.setEnabled(not self.read_only and self._selected_member() is not None)

    def _selected_member(self) -> MemberRecord | None:
        index = self.members_table.currentIndex()
        if not index.isValid() or index.row() >= self.members.rowCount():
            return None
        return self.members.member_at(index.row())

    # --- members
    def add_member(self) -> None:
        if self.assessment_id is None or self.read_only:
            return
        try:
            team.add_member(
                self.context.workspace,
                self.assessment_id,
                self.new_name.text(),
                str(self.new_agency.currentData()),
                str(self.new_role.currentData()),
            )
        except InputError as error:
            self.add_error.setText(i18n.render(error))
            self.add_error.show()
            self.new_name.setFocus()
            return
        except Exception as error:
            self.context.errors.report(self, error)
            return
        self.add_error.hide()
        self.new_name.clear()
        self.new_name.setFocus()
        self.reload()
        self._announce()

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
        try:
            team.remove_member(self.context.workspace, self.assessment_id, member.id, reason)
        except Exception as error:
            self.context.errors.report(self, error)
            return
        self.cancel_remove()
        self.reload()
        self.members_table.setFocus()
        self._announce()

    # --- assignments
    def assign(self, criterion: str, member_id: int | None) -> bool:
        if self.assessment_id is None or self.read_only:
            return False
        try:
            assignments.assign(self.context.workspace, self.assessment_id, criterion, member_id)
            current = assignments.assignments(self.context.workspace, self.assessment_id)
        except Exception as error:
            self.context.errors.report(self, error)
            return False
        # in place (no reset): this runs while the table's editor is committing
        self.assignments.update_assignments(current)
        self._announce()
        return True
