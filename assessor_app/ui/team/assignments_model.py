"""Criteria and who answers for each: the table model, and the combo-box editor that reassigns a
criterion (mouse or keyboard)."""

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
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Criterion
from assessor_app.i18n import _
from assessor_app.services.assignments import Assignment
from assessor_app.services.records import MemberRecord
from assessor_app.texts import labels
from assessor_app.ui.team.members_model import (
    ROW_FLAGS,
    default_by_sector,
    member_label,
)

AnyIndex = QModelIndex | QPersistentModelIndex

_DEFAULT_BRUSH = QBrush(QColor("#5a5a5a"))


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
            return self._criterion_data(criterion, role)
        return self._assignee_data(index.row(), assignment, role)

    @staticmethod
    def _criterion_data(criterion: Criterion, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{criterion.code} {labels.part_title(criterion, i18n.language())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{code} {title}\nSector: {sector}").format(
                code=criterion.code,
                title=labels.part_title(criterion, i18n.language()),
                sector=labels.sector(criterion.sector, i18n.language()),
            )
        return None

    def _assignee_data(self, row: int, assignment: Assignment, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.assignee_text(row)
        if role == Qt.ItemDataRole.EditRole:
            return assignment.member.id if assignment.explicit and assignment.member else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.read_only:
                return self.assignee_text(row)
            return _("Double-click, F2 or Enter to choose who answers for this criterion.")
        if not assignment.explicit:  # the default by sector: grey and italic
            if role == Qt.ItemDataRole.ForegroundRole:
                return _DEFAULT_BRUSH
            if role == Qt.ItemDataRole.FontRole:
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
            return ROW_FLAGS | Qt.ItemFlag.ItemIsEditable
        return ROW_FLAGS


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
