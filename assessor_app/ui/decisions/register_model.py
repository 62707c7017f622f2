"""The table of a year's decisions (services/decision_register.py): kind, number, date, authority,
the communes or people concerned, and what else the decision says (what a revocation revokes and
why, the communes a recognition does not recognise, those revoked since, a commendation's form)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from assessor_app.i18n import _
from assessor_app.services.decision_register import EntryKind, RegisterEntry
from assessor_app.texts import dates

_INDEX = QModelIndex | QPersistentModelIndex


def kind_text(kind: EntryKind) -> str:
    return {
        EntryKind.RECOGNITION: _("Recognition"),
        EntryKind.REVOCATION: _("Revocation"),
        EntryKind.COMMENDATION: _("Commendation"),
    }[kind]


def detail_text(entry: RegisterEntry) -> str:
    """What else the decision says, in a sentence or two."""
    if entry.kind is EntryKind.REVOCATION:
        return _("Revokes decision {number}: {reason}").format(
            number=entry.revokes, reason=entry.reason
        )
    if entry.kind is EntryKind.COMMENDATION:
        return f"{entry.form}: {entry.reason}"
    parts = []
    if entry.not_recognised:
        parts.append(_("Not recognised: {names}").format(names=", ".join(entry.not_recognised)))
    if entry.revoked_since:
        parts.append(_("Revoked since: {names}").format(names=", ".join(entry.revoked_since)))
    return "; ".join(parts)


class RegisterModel(QAbstractTableModel):
    HEADERS = (
        lambda: _("Kind of decision"),
        lambda: _("Number"),
        lambda: _("Date"),
        lambda: _("Issued by"),
        lambda: _("Communes or people"),
        lambda: _("Details"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[RegisterEntry] = []

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]()
        return None

    def _cells(self, entry: RegisterEntry) -> tuple[str, ...]:
        return (
            kind_text(entry.kind),
            entry.number,
            dates.day(entry.decided_on),
            entry.authority,
            "; ".join(entry.concerns),
            detail_text(entry),
        )

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells(entry)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None

    def entry(self, row: int) -> RegisterEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None
