"""The team members as a read-only table model, and how a member is named in lists."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from assessor_app import i18n
from assessor_app.i18n import _
from assessor_app.services.records import MemberRecord
from assessor_app.texts import labels

AnyIndex = QModelIndex | QPersistentModelIndex

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


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
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
