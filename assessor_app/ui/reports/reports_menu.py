"""The "Reports" menu: the dossier of the assessment in the current tab (details, preview, print),
the summary report of the province or a district, and the appraisal report and recognition
decision of a year."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from assessor_app.i18n import _
from assessor_app.services import reports
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:  # the dialogs' modules (QtPdf among them) load when a dialog first opens
    from assessor_app.ui.reports.decision_dialog import DecisionDialog
    from assessor_app.ui.reports.dossier_details_dialog import DossierDetailsDialog
    from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog
    from assessor_app.ui.reports.summary_dialog import SummaryDialog
    from assessor_app.ui.reports.yearly_dialog import YearlyDialog


class ReportActions(QObject):
    def __init__(
        self, context: UiContext, window: QWidget, current_assessment: Callable[[], int | None]
    ) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.current_assessment = current_assessment
        self.last_dialog: QWidget | None = None

    def populate(self, menu: QMenu) -> list[QAction]:
        entries = [
            (_("&Dossier of this assessment…"), QKeySequence("Ctrl+P"), self.preview_dossier),
            (_("Dossier &details (request letter, council minutes)…"), None, self.edit_details),
            (_("&Summary report…"), None, self.summary),
            (_("&Appraisal report and recognition decision…"), None, self.decision),
            (_("&Yearly report on the plan…"), None, self.yearly),
        ]
        actions = []
        for text, shortcut, slot in entries:
            action = QAction(text, menu)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            actions.append(action)
        return actions

    def _assessment(self) -> int | None:
        assessment_id = self.current_assessment()
        if assessment_id is None:
            QMessageBox.information(
                self.window,
                _("Open an assessment first"),
                _(
                    "Open the assessment whose dossier you want (Enter in the list), then try again."
                ),
            )
        return assessment_id

    def preview_dossier(self) -> PdfPreviewDialog | None:
        from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog

        assessment_id = self._assessment()
        if assessment_id is None:
            return None
        self.context.writes.wait_idle()  # the dossier includes the saves still on their way
        workspace = self.context.workspace
        dialog = PdfPreviewDialog(
            self.context,
            _("Dossier"),
            lambda: reports.dossier_bytes(workspace, assessment_id),
            reports.dossier_file_name(workspace, assessment_id),
            self.window,
        )
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def edit_details(self) -> DossierDetailsDialog | None:
        from assessor_app.ui.reports.dossier_details_dialog import DossierDetailsDialog

        assessment_id = self._assessment()
        if assessment_id is None:
            return None
        dialog = DossierDetailsDialog(self.context, assessment_id, self.window)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def summary(self) -> SummaryDialog:
        from assessor_app.ui.reports.summary_dialog import SummaryDialog

        dialog = SummaryDialog(self.context, self.window)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def decision(self) -> DecisionDialog:
        from assessor_app.ui.reports.decision_dialog import DecisionDialog

        dialog = DecisionDialog(self.context, self.window)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def yearly(self) -> YearlyDialog:
        from assessor_app.ui.reports.yearly_dialog import YearlyDialog

        dialog = YearlyDialog(self.context, self.window)
        dialog.show()
        self.last_dialog = dialog
        return dialog
