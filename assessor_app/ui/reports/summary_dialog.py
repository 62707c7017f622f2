"""Asking for a summary report: a year, what it covers (the choices `reports.summary_scopes` gives
for that year: the province, and its districts for years before they were abolished), a format;
and on the second tab the report's details (number, date, signer, recipients, the plan, the
sections in words: `summary_details_form`), kept for the scope and year and stored before each
preview or file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.i18n import _, render
from assessor_app.services import report_details, reports
from assessor_app.services.report_details import Narrative, ReportDetails
from assessor_app.ui import file_dialogs
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from assessor_app.ui.reports.summary_details_form import SummaryDetailsForm
from assessor_app.ui.scope_names import add_scopes

ERROR_STYLE = "color: #a61b1b;"


class SummaryDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: PdfPreviewDialog | None = None
        self.base = ReportDetails()
        self.loaded: tuple[str, int] | None = None  # the scope and year the details tab shows
        self.details = SummaryDetailsForm()
        self.choose_target: Callable[[str], str] = self._ask_target
        self.setWindowTitle(_("Summary report"))

        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(year_to_assess(context.workspace.today()))
        self.year.setAccessibleName(_("Evaluation year"))
        self.year.setToolTip(
            _("The evaluation year of the assessments it covers (type it or use the arrows).")
        )
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Province or district"))
        self.format = QComboBox()
        self.format.addItem(_("PDF document"), reports.PDF)
        self.format.addItem(_("Excel workbook"), ".xlsx")
        self.format.setAccessibleName(_("File format"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(_("&Evaluation year:"), self.year)
        form.addRow(_("&Scope:"), self.scope)
        form.addRow(_("&Format:"), self.format)
        report_tab = QWidget()
        report_tab.setLayout(form)
        self.tabs = QTabWidget()
        self.tabs.addTab(report_tab, _("&Report"))
        self.tabs.addTab(self.details, _("Details and &text"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_details_button = QPushButton(_("Save &details"))
        buttons.addButton(self.save_details_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_details_button.clicked.connect(self.save_details)
        self.preview_button = QPushButton(_("&Preview…"))
        self.save_button = QPushButton(_("&Save as file…"))
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.open_preview)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.year.valueChanged.connect(self._fill_scopes)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.tabs.currentChanged.connect(self._scope_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._fill_scopes()
        self.resize(640, 560)

    def _fill_scopes(self) -> None:
        """Show the service's choices for the year; when there are none (no unit list for that
        year), say why and offer nothing to write. Bugs go to the error reporter."""
        current = self.scope.currentData()
        self.scope.clear()
        self.error.hide()
        try:
            scopes = reports.summary_scopes(self.context.workspace, self.year.value())
        except AssessorError as error:
            scopes = ()
            self._show_error(error)
        add_scopes(self.scope, scopes)
        self.scope.setCurrentIndex(max(self.scope.findData(current), 0))
        self._format_changed()

    def _scope_changed(self) -> None:
        """Load the details when their tab is shown (a report printed with its defaults needs
        neither the store's details nor the drafts)."""
        showing = self.tabs.currentWidget() is self.details and self.scope.count() > 0
        if showing and self.loaded != self._args():
            self.load_details()

    def load_details(self) -> None:
        """The stored details of the scope and year, then (off the GUI thread: a province's data
        takes a moment) the drafts from the data in the sections left to them."""
        unit, year = self._args()
        workspace = self.context.workspace
        try:
            self.base = report_details.get_details(workspace, unit, year)
        except AssessorError as error:
            self._show_error(error)
            return
        self.loaded = (unit, year)
        self.details.drafted = Narrative()
        self.details.show_details(self.base)
        self.drafts_task = self.context.tasks.run(
            lambda _progress, _cancelled: report_details.drafts(workspace, unit, year),
            lambda drafted: self._drafts_ready(unit, year, drafted),
            parent=self,
            on_error=self._failed,
        )

    def _drafts_ready(self, unit: str, year: int, drafted: Narrative) -> None:
        if shiboken6.isValid(self) and self._args() == (unit, year):
            self.details.show_drafts(drafted)

    def save_details(self) -> bool:
        """Store the details as typed (the service's checks; errors inline under the form);
        nothing to store when the details tab was not opened for this scope and year."""
        if self.scope.count() == 0 or self.loaded != self._args():
            return self.scope.count() > 0
        unit, year = self._args()
        try:
            typed = self.details.read_details(self.base)
            self.base = report_details.set_details(self.context.workspace, unit, year, typed)
        except AssessorError as error:
            self._show_error(error)
            return False
        self.error.hide()
        return True

    def _format_changed(self) -> None:
        can_write = self.scope.count() > 0
        self.save_details_button.setEnabled(can_write)
        self.save_button.setEnabled(can_write)
        self.preview_button.setEnabled(can_write and self.format.currentData() == reports.PDF)

    def _args(self) -> tuple[str, int]:
        return str(self.scope.currentData()), self.year.value()

    def suggested_name(self) -> str:
        unit, year = self._args()
        return f"bao-cao-tong-hop-{unit}-{year}{self.format.currentData()}"

    def open_preview(self) -> PdfPreviewDialog | None:
        if not self.save_details():
            return None
        unit, year = self._args()
        workspace = self.context.workspace
        self.preview = PdfPreviewDialog(
            self.context,
            _("Summary report {year}").format(year=year),
            lambda: reports.summary_bytes(workspace, unit, year),
            f"bao-cao-tong-hop-{unit}-{year}.pdf",
            self,
        )
        self.preview.show()
        return self.preview

    def _ask_target(self, suggested: str) -> str:
        return file_dialogs.save_file(self, _("Save the report"), suggested) or ""

    def save(self) -> Path | None:
        """Write the report off the GUI thread; expected errors show inline under the form."""
        if not self.save_details():
            return None
        chosen = self.choose_target(self.suggested_name())
        if not chosen:
            return None
        target = Path(chosen)
        suffix = str(self.format.currentData())
        if target.suffix.lower() != suffix:
            target = target.with_suffix(suffix)
        unit, year = self._args()
        workspace = self.context.workspace
        self.error.hide()
        self.task = self.context.tasks.run(
            lambda progress, cancelled: reports.write_summary(
                workspace, unit, year, target, progress=progress, cancelled=cancelled
            ),
            lambda _data: self._saved(target),
            parent=self,
            label=_("Writing the report…"),
            on_error=self._failed,
        )
        return target

    def _saved(self, target: Path) -> None:
        self.error.setStyleSheet("color: #1b6b2b;")
        self.error.setText(_("Saved: {path}").format(path=target))
        self.error.show()

    def _show_error(self, error: AssessorError) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(render(error))
        self.error.show()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, AssessorError):
            self._show_error(error)
        else:
            self.context.errors.report(self, error)
