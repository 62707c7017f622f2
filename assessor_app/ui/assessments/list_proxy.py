"""The filter and sort proxy of the assessments list: filters by text, year and status on the source
model's plain rows and delegates sorting to the source (Python's sort on precomputed keys)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.text import fold
from assessor_app.ui.assessments.list_model import (
    SORT_ROLE,
    AssessmentTableModel,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class AssessmentFilterProxy(QSortFilterProxyModel):
    """Sorts by precomputed keys (numbers as numbers) and filters by text, year and status.

    Both work on the source model's plain rows, not through `data()`; sorting is delegated to the
    source model (see the module's docstring), so the proxy itself keeps the source order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: AssessmentTableModel | None = None
        self._words: tuple[str, ...] = ()
        self._year: int | None = None
        self._status: AssessmentStatus | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        self._source = model if isinstance(model, AssessmentTableModel) else None
        super().setSourceModel(model)

    # --- filters
    def set_text(self, text: str) -> None:
        self._change(words=tuple(fold(text).split()))

    def set_year(self, year: int | None) -> None:
        self._change(year=year)

    def set_status(self, status: AssessmentStatus | None) -> None:
        self._change(status=status)

    def _change(self, **changes: Any) -> None:
        current = {"words": self._words, "year": self._year, "status": self._status}
        wanted = {**current, **changes}
        if wanted == current:
            return
        self.beginFilterChange()
        self._words, self._year, self._status = wanted["words"], wanted["year"], wanted["status"]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._source is None:
            return super().filterAcceptsRow(source_row, source_parent)
        row = self._source.rows[source_row]
        summary = row.summary
        if self._year is not None and summary.year != self._year:
            return False
        if self._status is not None and summary.status is not self._status:
            return False
        key = row.search_key
        return all(word in key for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._source is None:
            super().sort(column, order)
            return
        self._source.sort(column, order)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """Only used without an `AssessmentTableModel` source."""
        if self._source is None:
            return super().lessThan(left, right)
        column = left.column()
        rows = self._source.rows
        return bool(rows[left.row()].sort[column] < rows[right.row()].sort[column])
