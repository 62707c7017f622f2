"""The list of assessments: a sortable, filterable table; Enter or double-click opens one.

The model is an adapter over plain `AssessmentSummary` records: every text, sort key and search key
is computed once when the rows are loaded, so `data()` is a list lookup. A province's ten years of
assessments (a few thousand rows) must sort and filter instantly, so the proxy does not sort with
Qt's comparison callbacks (one Python call per comparison, n·log n of them): it asks the source
model to order its rows with Python's sort on the precomputed keys (a layout change), and only
filters itself (one cheap check per row). See bench/bench_assessment_list.py.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import NotFoundError
from assessor_app.domain.text import fold
from assessor_app.i18n import _, ngettext
from assessor_app.services import assessments
from assessor_app.services.records import AssessmentSummary
from assessor_app.texts import dates, labels, numbers
from assessor_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog
from assessor_app.ui.context import UiContext

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


def column_title(column: Column) -> str:
    return {
        Column.COMMUNE: _("Commune"),
        Column.YEAR: _("Year"),
        Column.KIND: _("Kind"),
        Column.CATALOGUE: _("Catalogue"),
        Column.STATUS: _("Status"),
        Column.TOTAL: _("Total"),
        Column.VERDICT: _("Verdict"),
    }[column]


@dataclass(frozen=True, slots=True)
class TableRow:
    """One assessment with everything the table shows, computed once."""

    summary: AssessmentSummary
    display: tuple[str, ...]
    sort: tuple[Any, ...]
    tooltip: tuple[str, ...]
    search_key: str  # folded commune code and name, and catalogue code: what the filter box sees

    @staticmethod
    def of(summary: AssessmentSummary) -> TableRow:
        commune = f"{summary.commune_code} {summary.commune_name}"
        language = i18n.language()
        kind = labels.assessment_kind(summary.kind, language)
        status = labels.assessment_status(summary.status, language)
        verdict = labels.verdict(summary.recognized, language)
        display = (
            commune,
            str(summary.year),
            kind,
            summary.catalogue_code,
            status,
            numbers.number(summary.total, language),
            verdict,
        )
        sort = (
            (fold(summary.commune_name), summary.commune_code),
            summary.year,
            fold(kind),
            (summary.catalogue_code, summary.catalogue_version),
            fold(status),
            summary.total,
            int(summary.recognized),
        )
        if summary.status is AssessmentStatus.DRAFT:
            verdict_tip = _("Provisional: the assessment is still being filled in.")
        else:
            verdict_tip = _("Finalised on {day}.").format(day=dates.stamp_day(summary.finalized_at))
        tooltip = (
            _("{name} (code {code}), unit list {unit_list}").format(
                name=summary.commune_name, code=summary.commune_code, unit_list=summary.unit_list
            ),
            "",
            kind,
            _("{code}, version {version}").format(
                code=summary.catalogue_code, version=summary.catalogue_version
            ),
            status,
            "",
            verdict_tip,
        )
        return TableRow(
            summary, display, sort, tooltip, fold(f"{commune} {summary.catalogue_code}")
        )


class AssessmentTableModel(QAbstractTableModel):
    """Read-only table of assessment summaries; rows are replaced, never edited in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TableRow] = []
        self._row_of_id: dict[int, int] = {}
        self._order: tuple[int, Qt.SortOrder] | None = None  # the sort kept on reload/update

    # --- loading
    def set_summaries(self, summaries: list[AssessmentSummary]) -> None:
        rows = [TableRow.of(s) for s in summaries]
        self.beginResetModel()
        self._rows = rows
        self._sort_rows()
        self.endResetModel()

    def update_summary(self, summary: AssessmentSummary) -> bool:
        """Replace one assessment's row; False when it is not in the model."""
        position = self._row_of_id.get(summary.id)
        if position is None:
            return False
        old = self._rows[position]
        self._rows[position] = new = TableRow.of(summary)
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1), [])
        if self._order is not None and old.sort[self._order[0]] != new.sort[self._order[0]]:
            self.sort(*self._order)  # keep the order the user chose
        return True

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
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[column]
        if role == SORT_ROLE:
            return row.sort[column]
        if role == ID_ROLE:
            return row.summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip[column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.YEAR, Column.TOTAL):
            return _RIGHT
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == Column.VERDICT
            and row.summary.recognized
        ):
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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


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


class AssessmentTable(QTableView):
    """The table; Enter or Return opens the current assessment (the dialog never sees the key)."""

    open_current = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AssessmentsView(QWidget):
    """The first tab: every assessment in the store."""

    open_requested = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("AssessmentsView")

        self.model = AssessmentTableModel(self)
        self.proxy = AssessmentFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        # --- tool row: filter box, year and status, actions
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(_("Filter by commune name or code…"))
        self.filter_edit.setAccessibleName(_("Filter assessments"))
        self.filter_edit.setToolTip(
            _("Type with or without diacritics: “huu lien” finds “Xã Hữu Liên”. (Ctrl+F)")
        )
        self.filter_edit.textChanged.connect(self._text_changed)
        self.filter_edit.installEventFilter(self)
        filter_label = QLabel(_("F&ilter:"))
        filter_label.setBuddy(self.filter_edit)

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(_("Evaluation year"))
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year_combo)

        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(_("Status"))
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.addItem(_("All statuses"), None)
        for status in AssessmentStatus:
            self.status_combo.addItem(
                labels.assessment_status(status, i18n.language()), status.value
            )
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        status_label = QLabel(_("&Status:"))
        status_label.setBuddy(self.status_combo)

        self.new_button = QPushButton(_("&New assessment…"))
        self.new_button.setAccessibleName(_("New assessment"))
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setAccessibleName(_("Open the selected assessment"))
        self.open_button.clicked.connect(self.open_current)

        tools = QHBoxLayout()
        tools.addWidget(filter_label)
        tools.addWidget(self.filter_edit, 1)
        tools.addWidget(year_label)
        tools.addWidget(self.year_combo)
        tools.addWidget(status_label)
        tools.addWidget(self.status_combo)
        tools.addSpacing(12)
        tools.addWidget(self.open_button)
        tools.addWidget(self.new_button)

        # --- the table
        self.table = AssessmentTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Assessments"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.COMMUNE, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.table.sortByColumn(Column.YEAR, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.open_current.connect(self.open_current)
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)

        self.count_label = QLabel()
        self.count_label.setObjectName("AssessmentCount")
        self.hint_label = QLabel(_("Enter or double-click opens an assessment."))
        self.hint_label.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.hint_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_filter)

        self._pending: set[int] = set()  # changed while hidden (e.g. behind an editor's tab)
        context.assessments_changed.connect(self.refresh)
        context.assessment_changed.connect(self._assessment_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.refresh()

    # --- public
    def refresh(self) -> None:
        """Reload every assessment from the store, keeping the selection and the filters."""
        current = self.current_id()
        try:
            summaries = assessments.list_assessments(self.context.workspace)
        except Exception as error:
            self.context.errors.report(self, error)
            return
        self._pending.clear()
        self.model.set_summaries(summaries)
        self._fill_years()
        if current is not None:
            self.select_id(current)
        self._update_count()
        self._update_actions()

    def _assessment_changed(self, assessment_id: int) -> None:
        if self.isVisible():
            self.refresh_one(assessment_id)
        else:  # nobody sees the list: catch up when it is shown
            self._pending.add(assessment_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        pending, self._pending = sorted(self._pending), set()
        for assessment_id in pending:
            self.refresh_one(assessment_id)

    def refresh_one(self, assessment_id: int) -> None:
        """One assessment changed: reload its row only (or everything when it is new)."""
        try:
            summary = assessments.summary(self.context.workspace, assessment_id)
        except NotFoundError:
            self.model.remove_id(assessment_id)
            self._update_count()
            return
        except Exception as error:
            self.context.errors.report(self, error)
            return
        if not self.model.update_summary(summary):
            self.refresh()

    def new_assessment(self) -> None:
        dialog = NewAssessmentDialog(self.context, self)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            new_id = dialog.created_id
        finally:
            dialog.deleteLater()
        if not accepted or new_id is None:
            return
        self.context.assessments_changed.emit()
        self.select_id(new_id)
        self.open_requested.emit(new_id)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.data(ID_ROLE)
        return int(value) if value is not None else None

    def select_id(self, assessment_id: int) -> bool:
        source_row = self.model.row_of_id(assessment_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False  # hidden by the filters
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def open_current(self) -> None:
        assessment_id = self.current_id()
        if assessment_id is not None:
            self.open_requested.emit(assessment_id)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # --- filters
    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _year_changed(self, _index: int) -> None:
        year = self.year_combo.currentData()
        self.proxy.set_year(int(year) if year is not None else None)
        self._update_count()

    def _status_changed(self, _index: int) -> None:
        status = self.status_combo.currentData()
        self.proxy.set_status(AssessmentStatus(status) if status else None)
        self._update_count()

    def _fill_years(self) -> None:
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(_("All years"), None)
        for year in self.model.years():
            self.year_combo.addItem(str(year), year)
        position = self.year_combo.findData(chosen) if chosen is not None else 0
        self.year_combo.setCurrentIndex(max(position, 0))
        self.year_combo.blockSignals(False)
        self._year_changed(self.year_combo.currentIndex())

    # --- keyboard
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._enter_table()
            return True
        return super().eventFilter(watched, event)

    def _enter_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    # --- chrome
    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        padding = 28  # room for the sort indicator and margins

        def width(*samples: str) -> int:
            return max(metrics.horizontalAdvance(s) for s in samples) + padding

        header = self.table.horizontalHeader()
        header.resizeSection(Column.YEAR, width(column_title(Column.YEAR), "2026"))
        language = i18n.language()
        kinds = [labels.assessment_kind(kind, language) for kind in AssessmentKind]
        header.resizeSection(Column.KIND, width(column_title(Column.KIND), *kinds))
        header.resizeSection(Column.CATALOGUE, width(column_title(Column.CATALOGUE), "QD06-2019"))
        statuses = [labels.assessment_status(status, language) for status in AssessmentStatus]
        header.resizeSection(Column.STATUS, width(column_title(Column.STATUS), *statuses))
        header.resizeSection(
            Column.TOTAL, width(column_title(Column.TOTAL), numbers.number(1000, language))
        )
        verdicts = [labels.verdict(answer, language) for answer in (True, False)]
        header.resizeSection(Column.VERDICT, width(column_title(Column.VERDICT), *verdicts))
        self.table.setMinimumWidth(0)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            text = _("No assessments yet. Create one with “New assessment…” (Ctrl+N).")
        elif shown == 0:
            text = _("No assessment matches the filter.")
        else:
            text = ngettext(
                "{shown} of {total} assessment shown", "{shown} of {total} assessments shown", total
            ).format(shown=shown, total=total)
        self.count_label.setText(text)

    def _update_actions(self, *_args: object) -> None:
        self.open_button.setEnabled(self.current_id() is not None)
