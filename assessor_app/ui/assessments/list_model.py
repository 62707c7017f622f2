"""The table model of the assessments list: an adapter over plain `AssessmentSummary` records whose
texts, sort keys and search keys are computed once when the rows are loaded (`TableRow.of`, plain
Python: the list view makes them on the worker thread that reads the store), so `data()` is a list
lookup, sorting is Python's sort on precomputed keys, and a change is one row inserted, replaced or
removed (see bench/measure_list.py)."""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, OperationCancelled
from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.text import fold
from assessor_app.i18n import _
from assessor_app.services.records import AssessmentSummary
from assessor_app.texts import catalogue_words, dates, labels, numbers

AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # numbers for numeric columns, folded text otherwise
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the assessment's id

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_RECOGNISED = QBrush(QColor("#1b6e2a"))


class Column(enum.IntEnum):
    COMMUNE = 0
    YEAR = 1
    KIND = 2
    CATALOGUE = 3
    STATUS = 4
    TOTAL = 5
    VERDICT = 6
    APPRAISAL = 7  # where the office's appraisal stands (issue 14); empty when not appraised


_COLUMN_COUNT = len(Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_SORT = int(SORT_ROLE)
_ID = int(ID_ROLE)
_RIGHT_COLUMNS = frozenset({int(Column.YEAR), int(Column.TOTAL)})
_VERDICT = int(Column.VERDICT)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
# The mark of a demo assessment (the same word in both languages, as on paper and in the CLI).
DEMO_MARK = "DEMO"


def column_title(column: Column) -> str:
    return {
        Column.COMMUNE: _("Commune"),
        Column.YEAR: _("Year"),
        Column.KIND: _("Kind"),
        Column.CATALOGUE: _("Catalogue"),
        Column.STATUS: _("Status"),
        Column.TOTAL: _("Total"),
        Column.VERDICT: _("Verdict"),
        Column.APPRAISAL: _("Appraisal"),
    }[column]


@functools.lru_cache(maxsize=256)
def _words(
    language: str, kind: AssessmentKind, status: AssessmentStatus, recognized: bool
) -> tuple[str, str, str, Any, Any]:
    """The kind, status and verdict as read, and the sort keys of the first two: a few distinct
    values shared by thousands of rows, so computed once each (the language is part of the key)."""
    kind_text = labels.assessment_kind(kind, language)
    status_text = labels.assessment_status(status, language)
    verdict = labels.verdict(recognized, language)
    return kind_text, status_text, verdict, fold(kind_text), fold(status_text)


@functools.lru_cache(maxsize=32)
def _appraisal_words(language: str, state: AppraisalState | None) -> str:
    return labels.appraisal_state(state, language) if state is not None else ""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One assessment with what the table shows and sorts by, computed once; tooltips are made
    when asked for (only the cells the pointer rests on)."""

    summary: AssessmentSummary
    display: tuple[str, ...]
    sort: tuple[Any, ...]
    search_key: str  # folded commune code and name, and catalogue code: what the filter box sees

    @staticmethod
    def of(summary: AssessmentSummary) -> TableRow:
        commune = f"{summary.commune_code} {summary.commune_name}"
        if summary.demo:  # sample data: the mark stays beside the name, whatever the sort
            commune = f"{commune} · {DEMO_MARK}"
        language = i18n.language()
        kind, status, verdict, kind_key, status_key = _words(
            language, summary.kind, summary.status, summary.recognized
        )
        appraisal = _appraisal_words(language, summary.appraisal)
        display = (
            commune,
            str(summary.year),
            kind,
            catalogue_words.pinned_version(summary.catalogue_code, summary.catalogue_version),
            status,
            numbers.number(summary.total, language),
            verdict,
            appraisal,
        )
        folded_name = fold(summary.commune_name)
        sort = (
            (folded_name, summary.commune_code),
            summary.year,
            kind_key,
            (summary.catalogue_code, summary.catalogue_version),
            status_key,
            summary.total,
            int(summary.recognized),
            fold(appraisal),
        )
        search_key = f"{summary.commune_code} {folded_name} {fold(summary.catalogue_code)}"
        return TableRow(summary, display, sort, search_key)

    def tooltip(self, column: int) -> str:
        summary = self.summary
        if column == Column.COMMUNE:
            text = _("{name} (code {code}), unit list {unit_list}").format(
                name=summary.commune_name, code=summary.commune_code, unit_list=summary.unit_list
            )
            if summary.demo:
                text += "\n" + _("DEMO — sample data to try the app; not an official record.")
            return text
        if column in (Column.KIND, Column.STATUS, Column.APPRAISAL):
            return self.display[column]
        if column == Column.CATALOGUE:
            return _("{code}, {version}").format(
                code=summary.catalogue_code,
                version=labels.catalogue_version(summary.catalogue_version, i18n.language()),
            )
        if column == Column.VERDICT:
            if summary.status is AssessmentStatus.DRAFT:
                return _("Provisional: the assessment is still being filled in.")
            return _("Finalised on {day}.").format(day=dates.stamp_day(summary.finalized_at))
        return ""


ROWS_PER_PART = 2000


def rows_of(
    summaries: list[AssessmentSummary], cancelled: Cancelled | None = None
) -> list[TableRow]:
    """The table's rows of `summaries`: plain Python, safe on a worker thread. `cancelled()` is
    asked every ROWS_PER_PART rows (OperationCancelled)."""
    rows: list[TableRow] = []
    for start in range(0, len(summaries), ROWS_PER_PART):
        if cancelled is not None and cancelled():
            raise OperationCancelled
        rows += [TableRow.of(summary) for summary in summaries[start : start + ROWS_PER_PART]]
    return rows


class AssessmentTableModel(QAbstractTableModel):
    """Read-only table of assessment summaries; rows are replaced, never edited in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TableRow] = []
        self._row_of_id: dict[int, int] = {}
        self._order: tuple[int, Qt.SortOrder] | None = None  # the sort kept on reload/update

    # --- loading
    def set_summaries(self, summaries: list[AssessmentSummary]) -> None:
        self.set_rows(rows_of(summaries))

    def set_rows(self, rows: list[TableRow]) -> None:
        """Replace every row by `rows` (made with `rows_of`, off the GUI thread if need be)."""
        self.beginResetModel()
        self._rows = rows
        self._sort_rows()
        self.endResetModel()

    def update_summary(self, summary: AssessmentSummary) -> bool:
        """Replace one assessment's row; False when it is not in the model."""
        return self.update_row(TableRow.of(summary))

    def update_row(self, new: TableRow) -> bool:
        """Replace the row of `new`'s assessment; False when it is not in the model."""
        position = self._row_of_id.get(new.summary.id)
        if position is None:
            return False
        old = self._rows[position]
        self._rows[position] = new
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1), [])
        if self._order is not None and old.sort[self._order[0]] != new.sort[self._order[0]]:
            self.sort(*self._order)  # keep the order the user chose
        return True

    def put_row(self, row: TableRow) -> None:
        """Replace the row of `row`'s assessment, or insert it where the current order puts it
        (a new assessment: one row inserted, not the whole table reloaded)."""
        if self.update_row(row):
            return
        position = len(self._rows)
        if self._order is not None:
            column, order = self._order
            key = row.sort[column]
            descending = order == Qt.SortOrder.DescendingOrder
            position = next(
                (
                    i
                    for i, other in enumerate(self._rows)
                    if (other.sort[column] < key if descending else key < other.sort[column])
                ),
                position,
            )
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self._row_of_id = {r.summary.id: i for i, r in enumerate(self._rows)}
        self.endInsertRows()

    def remove_id(self, assessment_id: int) -> None:
        position = self._row_of_id.get(assessment_id)
        if position is None:
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self._row_of_id = {row.summary.id: i for i, row in enumerate(self._rows)}
        self.endRemoveRows()

    # --- sorting (by the proxy's request)
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's precomputed key; stable, so ties keep their order."""
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._rows[i.row()].summary.id, i.column()) for i in persistent]
        self._order = (column, order)
        self._sort_rows()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of_id[id_], col) for id_, col in kept]
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._order is not None:
            column, order = self._order
            self._rows.sort(
                key=lambda row: row.sort[column],
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self._row_of_id = {row.summary.id: i for i, row in enumerate(self._rows)}

    # --- plain access for the proxy and the view (no Qt round trip)
    @property
    def rows(self) -> list[TableRow]:
        return self._rows

    def row_of_id(self, assessment_id: int) -> int | None:
        return self._row_of_id.get(assessment_id)

    def years(self) -> list[int]:
        return sorted({row.summary.year for row in self._rows}, reverse=True)

    # --- QAbstractItemModel
    # Called for every visible cell and role at each repaint (thousands of calls): plain ints and
    # module constants instead of enum arithmetic and attribute lookups.
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return row.display[column]
        if role == _SORT:
            return row.sort[column]
        if role == _ID:
            return row.summary.id
        if role == _TOOLTIP:
            return row.tooltip(column) or None
        if role == _ALIGNMENT and column in _RIGHT_COLUMNS:
            return _RIGHT
        if role == _FOREGROUND and column == _VERDICT and row.summary.recognized:
            return _RECOGNISED
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(Column(section))
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (
                Column.YEAR,
                Column.TOTAL,
            ):
                return _RIGHT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS
