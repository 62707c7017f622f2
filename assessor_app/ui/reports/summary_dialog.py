"""Asking for a summary report: a year, what it covers (the choices `reports.summary_scopes` gives
for that year: the province, and its districts for years before they were abolished), a format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.i18n import _, render
from assessor_app.services import reports
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog

ERROR_STYLE = "color: #a61b1b;"


class SummaryDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: PdfPreviewDialog | None = None
        self.choose_target: Callable[[str], str] = self._ask_target
        self.setWindowTitle(_("Summary report"))

        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(year_to_assess(context.workspace.today()))
        self.year.setAccessibleName(_("Evaluation year"))
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = QPushButton(_("&Preview…"))
        self.save_button = QPushButton(_("&Save as file…"))
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.open_preview)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.year.valueChanged.connect(self._fill_scopes)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._fill_scopes()

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
        for scope in scopes:
            self.scope.addItem(f"{scope.name} ({scope.code})", scope.code)
        self.scope.setCurrentIndex(max(self.scope.findData(current), 0))
        self._format_changed()

    def _format_changed(self) -> None:
        can_write = self.scope.count() > 0
        self.save_button.setEnabled(can_write)
        self.preview_button.setEnabled(can_write and self.format.currentData() == reports.PDF)

    def _args(self) -> tuple[str, int]:
        return str(self.scope.currentData()), self.year.value()

    def suggested_name(self) -> str:
        unit, year = self._args()
        return f"bao-cao-tong-hop-{unit}-{year}{self.format.currentData()}"

    def open_preview(self) -> PdfPreviewDialog:
        self.error.hide()
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
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), suggested)
        return path

    def save(self) -> Path | None:
        """Write the report off the GUI thread; expected errors show inline under the form."""
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
