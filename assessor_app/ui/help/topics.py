"""Which section of the guide belongs to which screen: the context ids F1 opens.

Looked up by the class of the screen, walking from the widget that has the keyboard focus up to its
window, so no screen needs to know about the guide. A class not named here falls through to its
parents; a window with none of them opens the guide at its start.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

START = "start"

TOPICS: dict[str, str] = {
    "AssessmentsView": "assessments",
    "NewAssessmentDialog": "assessments",
    "AssessmentEditor": "editor",
    "FinaliseDialog": "finalise",
    "ReopenDialog": "finalise",
    "EvidencePanel": "evidence",
    "RemoveEvidenceDialog": "evidence",
    "TeamView": "team",
    "HistoryView": "history",
    "ExportDialog": "export",
    "PassphraseDialog": "export",
    "MyKeyDialog": "export",
    "RotateDialog": "export",
    "ImportWizard": "import",
    "ReceiptImportDialog": "import",
    "QuarantineView": "trust",
    "TrustView": "trust",
    "EnrolDialog": "trust",
    "PdfPreviewDialog": "reports",
    "DossierDetailsDialog": "reports",
    "SummaryDialog": "reports",
    "DecisionDialog": "reports",
    "SignPdfDialog": "pdf-signing",
    "VerifyPdfDialog": "pdf-signing",
    "ReviewWindow": "appraisal",
    "StepDialog": "appraisal",
    # the decisions' RevokeDialog is not named: a key's RevokeDialog (trust) has the same name, and
    # each finds its section through the window it is opened from
    "DashboardWindow": "dashboard",
    "DecisionsWindow": "decisions",
    "CommendDialog": "decisions",
    "PlanDialog": "plan",
    "YearlyDialog": "yearly",
    "ProcedureDialog": "procedure",
    "MergesDialog": "unit-merges",
    "MergeReviewDialog": "unit-merges",
    "CatalogueDraftsWindow": "catalogues",  # issue 15
    "CatalogueEditorWindow": "catalogues",
    "SettingsDialog": "settings",
    "StoreSettingsBox": "server-settings",  # issue 16: inside the settings, its own part
    "StorePasswordDialog": "server-password",
    "HeldChangesDialog": "held-changes",
    "BackupsDialog": "settings",
    "LogViewer": "settings",
    "FirstStartWizard": "start",
}


def _own_topic(widget: QWidget) -> str | None:
    for kind in type(widget).__mro__:
        if kind.__name__ in TOPICS:
            return TOPICS[kind.__name__]
    return None


def _up(widget: QWidget | None) -> str | None:
    while widget is not None:
        topic = _own_topic(widget)
        if topic is not None:
            return topic
        widget = widget.parentWidget()
    return None


def _down(window: QWidget) -> str | None:
    """The first screen shown inside `window`: the current page of its tabs (the main window's
    list or open assessment), else any known screen it holds (a dialog around a view)."""
    for tabs in window.findChildren(QTabWidget):
        if tabs.isVisible() and tabs.window() is window:
            page = tabs.currentWidget()
            if page is not None and (topic := _own_topic(page)):
                return topic
    for child in window.findChildren(QWidget):
        if child.isVisible() and (topic := _own_topic(child)):
            return topic
    return None


def topic_for(widget: QWidget | None = None) -> str:
    """The section of the guide for `widget` (default: the focus widget, else the active window)."""
    widget = widget or QApplication.focusWidget() or QApplication.activeWindow()
    if widget is None:
        return START
    return _up(widget) or _down(widget.window()) or START
