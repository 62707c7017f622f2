"""Asking for the yearly report on the plan (Báo cáo → Báo cáo năm…): a year, what it covers (the
province, and its districts for years before they were abolished), a format; preview or save. Its
number, signer and addressee are the summary report's details (Báo cáo → Báo cáo tổng hợp…)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from assessor_app.services import reports, yearly_data
from assessor_app.ui import file_dialogs
from assessor_app.ui.context import UiContext
from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
from assessor_app.ui.scope_names import add_scopes

ERROR_STYLE = "color: #a61b1b;"


class YearlyDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview: PdfPreviewDialog | None = None
        self.choose_target: Callable[[str], str] = self._ask_target
        self.setWindowTitle(_("Yearly report on the plan"))

        self.year = QSpinBox()
        self.year.setRange(2014, 2100)
        self.year.setValue(year_to_assess(context.workspace.today()))
        self.year.setAccessibleName(_("Evaluation year"))
        self.year.setToolTip(_("The evaluation year the report is about."))
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Province or district"))
        self.scope.setToolTip(_("The province, or a district for years before July 2025."))
        self.format = QComboBox()
        self.format.addItem(_("PDF document"), reports.PDF)
        self.format.addItem(_("Excel workbook"), ".xlsx")
        self.format.setAccessibleName(_("File format"))
        self.format.setToolTip(_("A PDF to sign and send, or a workbook to work on the figures."))
        about = QLabel(
            _(
                "The year's figures against the target in force, the communes planned for the year and whether each made it, and the budget by source with what was spent. Its number, signer and addressee are those of the summary report."
            )
        )
        about.setWordWrap(True)
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
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.year.valueChanged.connect(self._fill_scopes)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._fill_scopes()
        self.resize(560, 300)

    def _fill_scopes(self) -> None:
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

    def _format_changed(self) -> None:
        can_write = self.scope.count() > 0
        self.save_button.setEnabled(can_write)
        self.preview_button.setEnabled(can_write and self.format.currentData() == reports.PDF)

    def _args(self) -> tuple[str, int]:
        return str(self.scope.currentData()), self.year.value()

    def suggested_name(self) -> str:
        unit, year = self._args()
        return f"bao-cao-ke-hoach-{unit}-{year}{self.format.currentData()}"

    def open_preview(self) -> PdfPreviewDialog:
        unit, year = self._args()
        workspace = self.context.workspace
        self.preview = PdfPreviewDialog(
            self.context,
            _("Yearly report on the plan, {year}").format(year=year),
            lambda: yearly_data.yearly_bytes(workspace, unit, year),
            f"bao-cao-ke-hoach-{unit}-{year}.pdf",
            self,
        )
        self.preview.show()
        return self.preview

    def _ask_target(self, suggested: str) -> str:
        return file_dialogs.save_file(self, _("Save the report"), suggested) or ""

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
            lambda progress, cancelled: yearly_data.write_yearly(
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
