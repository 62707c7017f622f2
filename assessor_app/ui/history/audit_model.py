"""The audit trail as a table: an adapter over `AuditReport.entries` (plain records)."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from assessor_app import i18n
from assessor_app.domain.audit import AuditEntry, ChainProblem
from assessor_app.domain.text import fold
from assessor_app.i18n import _
from assessor_app.texts.audit import AuditTexts

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value behind a cell, for sorting
PROBLEM_BACKGROUND = QColor("#fde2e1")


class Column(enum.IntEnum):
    SEQ = 0
    TIME = 1
    ACTOR = 2
    ACTION = 3
    TARGET = 4
    CHANGE = 5
    REASON = 6


def _headers() -> dict[Column, str]:
    return {
        Column.SEQ: _("No."),
        Column.TIME: _("Time"),
        Column.ACTOR: _("Who"),
        Column.ACTION: _("What"),
        Column.TARGET: _("Indicator / item"),
        Column.CHANGE: _("Change"),
        Column.REASON: _("Reason"),
    }


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []
        self._cells: list[list[str]] = []
        self._full: list[str] = []  # each entry's whole sentence, long texts uncut (tooltips)
        self._problems: dict[int, list[str]] = {}

    def set_entries(
        self,
        entries: list[AuditEntry],
        texts: AuditTexts,
        problems: list[ChainProblem] | None = None,
    ) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self._cells = [
            [
                str(e.seq),
                texts.time(e),
                e.actor,
                texts.action(e),
                texts.target(e),
                texts.change(e),
                texts.reason(e),
            ]
            for e in self.entries
        ]
        self._full = [texts.sentence(e) for e in self.entries]
        self._problems = {}
        for problem in problems or []:
            self._problems.setdefault(problem.seq, []).append(i18n.render(problem))
        self.endResetModel()

    def text(self, row: int, column: Column) -> str:
        return self._cells[row][column]

    # --- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return _headers()[Column(section)]
            return None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self._full[index.row()]]
            if column == Column.TIME:
                lines.append(_("Recorded (UTC): {time}").format(time=entry.at))
            lines.extend(self._problems.get(entry.seq, []))
            return "\n".join(line for line in lines if line)
        if role == SORT_ROLE:
            return (
                entry.seq
                if column in (Column.SEQ, Column.TIME)
                else fold(self._cells[index.row()][column])
            )
        if role == Qt.ItemDataRole.BackgroundRole and entry.seq in self._problems:
            return QBrush(PROBLEM_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AuditFilter(QSortFilterProxyModel):
    """Rows containing every word typed, ignoring case and Vietnamese diacritics."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, AuditModel)
        haystack = fold(" ".join(model.text(source_row, column) for column in Column))
        return all(word in haystack for word in self._words)
