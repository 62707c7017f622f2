"""The list of assessments: a sortable, filterable table; Enter or double-click opens one.

The model is an adapter over plain `AssessmentSummary` records: every text, sort key and search key
is computed once when the rows are loaded, so `data()` is a list lookup. A province's ten years of
assessments (a few thousand rows) must sort and filter instantly, so the proxy does not sort with
Qt's comparison callbacks (one Python call per comparison, n·log n of them): it asks the source
model to order its rows with Python's sort on the precomputed keys (a layout change), and only
filters itself (one cheap check per row). The rows are made on the worker thread that reads the
store, and a change to one assessment replaces, inserts or removes its row only. See
bench/measure_list.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
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
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import NotFoundError
from assessor_app.i18n import _, ngettext
from assessor_app.services import assessments
from assessor_app.services.profile import ProfileKind
from assessor_app.texts import labels, numbers
from assessor_app.ui.assessments.list_model import (
    ID_ROLE,
    AssessmentTableModel,
    Column,
    TableRow,
    column_title,
    rows_of,
)
from assessor_app.ui.assessments.list_proxy import AssessmentFilterProxy
from assessor_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog
from assessor_app.ui.assessments.release_line import in_force_text
from assessor_app.ui.context import UiContext
from assessor_app.ui.tasks import Work

AnyIndex = QModelIndex | QPersistentModelIndex


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
    # An office receives assessments from the teams: its empty list offers the import first.
    import_requested = Signal()

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
        self.import_button = QPushButton(_("&Import a dossier bundle…"))
        self.import_button.setAccessibleName(_("Import a dossier bundle"))
        self.import_button.clicked.connect(self.import_requested.emit)
        self.import_button.setVisible(self._office())
        context.profile_changed.connect(self._profile_changed)
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
        tools.addWidget(self.import_button)
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
        # The catalogue the province released that is in force (issue 15); hidden when none.
        self.in_force_label = QLabel()
        self.in_force_label.setObjectName("CatalogueInForce")
        self.in_force_label.setAccessibleName(_("Catalogue in force"))
        self.in_force_label.hide()
        layout.addWidget(self.in_force_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_filter)

        self._pending: set[int] = set()  # changed while hidden (e.g. behind an editor's tab)
        self._generation = 0  # of the latest full load: older ones arriving late are dropped
        self._loads_running = 0
        self._select_after_load: int | None = None
        context.assessments_changed.connect(self.refresh)
        context.assessment_changed.connect(self._assessment_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.refresh()

    # --- public
    @property
    def loading(self) -> bool:
        """A load from the store is on its way (the rows shown may be older)."""
        return self._loads_running > 0

    def refresh(self) -> None:
        """Reload every assessment from the store on a worker thread; the rows are replaced when
        they arrive, keeping the selection and the filters."""
        self._generation += 1
        generation, workspace = self._generation, self.context.workspace

        def work(_progress: Progress, cancelled: Cancelled) -> list[TableRow]:
            # texts and keys made here; a window closing cancels (TaskRunner.cancel_reads)
            return rows_of(assessments.list_assessments(workspace, cancelled), cancelled)

        self._load(work, lambda rows: self._loaded(generation, rows))
        self._refresh_in_force()

    def _refresh_in_force(self) -> None:
        workspace = self.context.workspace

        def shown(text: str) -> None:
            if shiboken6.isValid(self):
                self.in_force_label.setText(text)
                self.in_force_label.setVisible(bool(text))

        self.context.tasks.run(
            lambda _progress, _cancelled: in_force_text(workspace),
            shown,
            parent=self,
            on_error=lambda error: self.context.errors.report(None, error),
        )

    def _load(self, work: Work, on_done: Callable[[Any], None]) -> None:
        """Read on a worker thread (no session crosses threads); a failure, e.g. STORE_BUSY, is a
        message, not a bug."""
        self._loads_running += 1

        def done(result: Any) -> None:
            if shiboken6.isValid(self):
                self._loads_running -= 1
                on_done(result)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                self._loads_running -= 1
            self.context.errors.report(self if shiboken6.isValid(self) else None, error)

        self.context.tasks.run(work, done, parent=self, on_error=failed, busy=self.table)

    def _loaded(self, generation: int, rows: list[TableRow]) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        current = self._select_after_load or self.current_id()
        self._select_after_load = None
        self._pending.clear()
        self.model.set_rows(rows)
        self._fill_years()
        self._show_appraisal_column()
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
        """One assessment changed: reload its row only (or everything when it is new), on a worker
        thread."""
        workspace = self.context.workspace

        def work(_progress: Progress, _cancelled: Cancelled) -> TableRow | None:
            try:
                return TableRow.of(assessments.summary(workspace, assessment_id))
            except NotFoundError:
                return None  # deleted meanwhile

        def loaded(row: TableRow | None) -> None:
            if row is None:
                self.model.remove_id(assessment_id)
            else:
                self.model.put_row(row)
                self._fill_years()
                self._show_appraisal_column()
                if self._select_after_load == assessment_id:
                    self._select_after_load = None
                    self.select_id(assessment_id)
            self._update_count()
            self._update_actions()

        self._load(work, loaded)

    def new_assessment(self) -> None:
        dialog = NewAssessmentDialog(self.context, self)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            new_id = dialog.created_id
        finally:
            dialog.deleteLater()
        if not accepted or new_id is None:
            return
        self._select_after_load = new_id  # once the list holds it
        self.refresh_one(new_id)  # one row inserted, not the whole list reloaded
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
    def _show_appraisal_column(self) -> None:
        """The appraisal column only where some assessment has an appraisal (an office's store, a
        team's with a returned check): elsewhere it would be empty, and the commune needs room."""
        appraised = any(row.summary.appraisal is not None for row in self.model.rows)
        self.table.setColumnHidden(Column.APPRAISAL, not appraised)

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
        header.resizeSection(
            Column.CATALOGUE, width(column_title(Column.CATALOGUE), "QD06-2019 2027.1")
        )
        statuses = [labels.assessment_status(status, language) for status in AssessmentStatus]
        header.resizeSection(Column.STATUS, width(column_title(Column.STATUS), *statuses))
        header.resizeSection(
            Column.TOTAL, width(column_title(Column.TOTAL), numbers.number(1000, language))
        )
        verdicts = [labels.verdict(answer, language) for answer in (True, False)]
        header.resizeSection(Column.VERDICT, width(column_title(Column.VERDICT), *verdicts))
        states = [labels.appraisal_state(state, language) for state in AppraisalState]
        header.resizeSection(Column.APPRAISAL, width(column_title(Column.APPRAISAL), *states))
        self.table.setMinimumWidth(0)

    def _profile_changed(self) -> None:
        if shiboken6.isValid(self):
            self.import_button.setVisible(self._office())
            self._update_count()

    def _office(self) -> bool:
        return self.context.profile.kind is ProfileKind.OFFICE

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0 and self._office():
            text = _(
                "No assessments yet. An office receives them from the inspection teams: import the bundle a team sent with “Import a dossier bundle…”."
            )
        elif total == 0:
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
