"""The office's dashboard (Thẩm định → Bảng theo dõi): for a scope (the province, or a district for
years before the 2025 reform) and a range of evaluation years, the share of communes recognised
each year against the target in force, the criteria most often not met, the assessments with
indicators still marked for follow-up, those waiting on this office and, when the procedure gives
them, the deadlines. The data is read off the GUI thread (a province's ten years take a moment);
a double-click on a row opens its assessment."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.i18n import _
from assessor_app.services import dashboard, reports
from assessor_app.services.dashboard import Dashboard
from assessor_app.texts import numbers
from assessor_app.ui.context import UiContext
from assessor_app.ui.dashboard import charts, tables
from assessor_app.ui.errors import code_detail
from assessor_app.ui.scope_names import add_scopes

ERROR_STYLE = "color: #a61b1b;"
FIRST_YEAR = 2014  # the first standard's first year


class DashboardWindow(QDialog):
    """A window of its own beside the main window (not modal)."""

    loaded = Signal()  # the data is shown (tests wait for it)
    open_requested = Signal(int)  # an assessment's id

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None = None,
        open_assessment: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.data: Dashboard | None = None
        self.setWindowTitle(_("Dashboard"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        if open_assessment is not None:
            self.open_requested.connect(open_assessment)
        self._build_controls()
        self._build_views()
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        layout.addWidget(self.error)
        layout.addWidget(self.splitter, 1)
        self._fill_scopes()
        self.last_year.valueChanged.connect(self._fill_scopes)
        self.resize(1280, 720)
        self.refresh()

    # --- building
    def _build_controls(self) -> None:
        last = year_to_assess(self.context.workspace.today())
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Province or district"))
        self.scope.setToolTip(
            _(
                "The province, or one of its districts for the years before districts were abolished."
            )
        )
        self.first_year = self._year_box(
            max(last - dashboard.MAX_YEARS + 1, FIRST_YEAR), _("First evaluation year shown")
        )
        self.last_year = self._year_box(last, _("Last evaluation year shown"))
        self.refresh_button = QPushButton(_("&Refresh"))
        self.refresh_button.setToolTip(_("Read the figures again from the store."))
        self.refresh_button.clicked.connect(self.refresh)
        self.controls = QHBoxLayout()
        for text, widget in (
            (_("&Scope:"), self.scope),
            (_("&First year:"), self.first_year),
            (_("&Last year:"), self.last_year),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.controls.addWidget(label)
            self.controls.addWidget(widget)
        self.controls.addWidget(self.refresh_button)
        self.controls.addStretch(1)
        self.as_of = QLabel()
        self.controls.addWidget(self.as_of)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

    def _year_box(self, value: int, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(FIRST_YEAR, 2100)
        box.setValue(value)
        box.setAccessibleName(name)
        box.setToolTip(name)
        return box

    def _chart_view(self, name: str) -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setAccessibleName(name)
        view.setMinimumHeight(260)
        return view

    def _build_views(self) -> None:
        self.share_view = self._chart_view(_("Communes recognised by year"))
        self.shortfall_view = self._chart_view(_("Criteria most often not met"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.share_view, 1)
        column.addWidget(self.note)
        charts_row = QSplitter(Qt.Orientation.Horizontal)
        charts_row.addWidget(left)
        charts_row.addWidget(self.shortfall_view)
        charts_row.setSizes([600, 680])
        self.flags = tables.make_table(
            tables.flag_headers(),
            _("Assessments with indicators to follow up"),
            _("Double-click a row to open the assessment."),
        )
        self.waiting = tables.make_table(
            tables.waiting_headers(),
            _("Assessments waiting on this office"),
            _(
                "Finalised assessments received in a bundle that this office has not yet appraised. Double-click a row to open the assessment."
            ),
        )
        self.deadlines = tables.make_table(
            tables.deadline_headers(),
            _("Deadlines"),
            _("What the plan says is due, and what is still missing for it."),
        )
        for table in (self.flags, self.waiting):
            table.itemDoubleClicked.connect(self._open_item)
        self.lists = QTabWidget()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(charts_row)
        self.splitter.addWidget(self.lists)
        self.splitter.setSizes([430, 250])

    # --- scope and years
    def _fill_scopes(self) -> None:
        """The scopes a summary of the last year accepts: the province, and its districts for a
        year before the reform. The profile's own office is chosen first."""
        current = self.scope.currentData()
        office = self.context.profile.office
        self.scope.blockSignals(True)
        self.scope.clear()
        try:
            scopes = reports.summary_scopes(self.context.workspace, self.last_year.value())
        except AssessorError as error:
            scopes = ()
            self._show_error(error)
        add_scopes(self.scope, scopes)
        wanted = current if current is not None else (office.code if office else None)
        self.scope.setCurrentIndex(max(self.scope.findData(wanted), 0))
        self.scope.blockSignals(False)
        self.refresh_button.setEnabled(self.scope.count() > 0)

    def refresh(self) -> None:
        """Read the dashboard's data off the GUI thread, then show it."""
        if self.scope.count() == 0:
            return
        unit = str(self.scope.currentData())
        first, last = self.first_year.value(), self.last_year.value()
        workspace = self.context.workspace
        self.refresh_button.setEnabled(False)
        self.task = self.context.tasks.run(
            lambda _progress, _cancelled: dashboard.dashboard(workspace, unit, first, last),
            self._show,
            parent=self,
            on_error=self._failed,
            busy=self,
        )

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.refresh_button.setEnabled(True)
        if isinstance(error, AssessorError):
            self._show_error(error)
        else:
            self.context.errors.report(self, error)

    def _show_error(self, error: AssessorError) -> None:
        self.error.setText(i18n.render(error))
        self.error.setToolTip(code_detail(error.code))
        self.error.show()

    # --- showing
    def _show(self, data: Dashboard) -> None:
        if not shiboken6.isValid(self):
            return
        self.data = data
        self.error.hide()
        self.refresh_button.setEnabled(True)
        language = i18n.language()
        self._set_chart(self.share_view, charts.share_chart(data.shares, data.unit_name, language))
        self._set_chart(
            self.shortfall_view,
            charts.shortfall_chart(data.shortfalls, data.shortfall_year, language),
        )
        self._show_notes(data)
        tables.fill_flags(self.flags, data.flags, language)
        tables.fill_waiting(self.waiting, data.waiting, language)
        tables.fill_deadlines(self.deadlines, data.deadlines, language)
        self._show_tabs(data)
        self.loaded.emit()

    def _set_chart(self, view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def _show_notes(self, data: Dashboard) -> None:
        notes = []
        if data.demo:
            notes.append(_("DEMO: sample data, not official figures."))
        if any(s.secondary_target for s in data.shares):
            notes.append(
                _(
                    "The targets after 2020 are those of the national programme for children 2021–2030, known from secondary sources only."
                )
            )
        if not data.shortfalls:
            notes.append(
                _("No commune of {year} lost points on any criterion.").format(
                    year=data.shortfall_year
                )
            )
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self.as_of.setText(
            _("Figures as in the summary report, {first}–{last}").format(
                first=data.first_year, last=data.last_year
            )
        )

    def _show_tabs(self, data: Dashboard) -> None:
        language = i18n.language()
        current = self.lists.currentIndex()
        self.lists.clear()
        count = numbers.number(len(data.flags), language)
        self.lists.addTab(self.flags, _("To follow up ({count})").format(count=count))
        count = numbers.number(len(data.waiting), language)
        self.lists.addTab(self.waiting, _("Waiting on this office ({count})").format(count=count))
        if data.deadlines:  # shown only when the procedure gives them: none is invented
            count = numbers.number(len(data.deadlines), language)
            self.lists.addTab(self.deadlines, _("Deadlines ({count})").format(count=count))
        self.lists.setCurrentIndex(max(min(current, self.lists.count() - 1), 0))

    def _open_item(self, item: QTableWidgetItem) -> None:
        assessment_id = item.data(tables.ASSESSMENT_ID)
        if isinstance(assessment_id, int):
            self.open_requested.emit(assessment_id)
