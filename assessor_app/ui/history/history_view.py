"""The history of one assessment: its audit trail in words, and whether the hash chain verifies."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.i18n import _, ngettext
from assessor_app.services import assessments
from assessor_app.services.records import AuditReport
from assessor_app.texts.audit import AuditTexts
from assessor_app.ui.context import UiContext
from assessor_app.ui.history.audit_model import AuditFilter, AuditModel, Column

log = logging.getLogger(__name__)

BANNER_STYLE = {
    "ok": "#HistoryBanner { background: #e3f4e1; color: #1b5e20; border: 1px solid #8bc58f;"
    " border-radius: 3px; padding: 6px; font-weight: bold; }",
    "broken": "#HistoryBanner { background: #fde2e1; color: #8e1b16; border: 1px solid #e08a85;"
    " border-radius: 3px; padding: 6px; font-weight: bold; }",
}


class HistoryView(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id: int | None = None
        self.report: AuditReport | None = None
        self._stale = False  # the history changed (or was never read) while hidden
        self._generation = 0  # of the latest read: an older one arriving late is dropped
        self._loads_running = 0

        self.banner = QLabel()
        self.banner.setObjectName("HistoryBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setAccessibleName(_("Audit chain check"))
        self.banner.hide()

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            _("Filter by person, action, indicator, value or reason")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Filter the history"))
        filter_label = QLabel(_("&Filter:"))
        filter_label.setBuddy(self.filter_edit)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Number of entries shown"))

        self.model = AuditModel(self)
        self.proxy = AuditFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Audit trail"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.SEQ, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (Column.CHANGE, Column.REASON):  # the free text shares the spare width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        header.setHighlightSections(False)

        # Wrapped text needs new row heights when the columns change width.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(self._rows_timer.start)

        self.filter_edit.textChanged.connect(self._filter_changed)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        context.assessment_changed.connect(self._assessment_changed)

    # --- public
    def set_assessment(self, assessment_id: int) -> None:
        """Show `assessment_id`'s history: read when the view is shown (the editor's History tab
        is hidden most of the time, and checking the chain reads every entry)."""
        self.assessment_id = assessment_id
        self._stale = True
        if self.isVisible():
            self.refresh()

    @property
    def loading(self) -> bool:
        return self._loads_running > 0

    def refresh(self) -> None:
        """Read and check the history on a worker thread; the table is replaced when it comes."""
        if self.assessment_id is None:
            return
        self._stale = False
        self._generation += 1
        generation, workspace = self._generation, self.context.workspace
        assessment_id, language = self.assessment_id, i18n.language()

        def work(_progress: Progress, _cancelled: Cancelled) -> tuple[AuditReport, AuditTexts]:
            report = assessments.audit(workspace, assessment_id)
            detail = assessments.detail(workspace, assessment_id)
            texts = AuditTexts(
                report.entries,
                language,
                members={m.id: m.name for m in detail.members},
                evidence={e.id: e.filename for e in detail.evidence},
            )
            return report, texts

        def done(result: tuple[AuditReport, AuditTexts]) -> None:
            if shiboken6.isValid(self):
                self._loads_running -= 1
                if generation == self._generation:  # else a newer read is on its way
                    self._loaded(*result)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                self._loads_running -= 1
            self.context.errors.report(self if shiboken6.isValid(self) else None, error)

        self._loads_running += 1
        self.context.tasks.run(work, done, parent=self, on_error=failed, busy=self.table)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- internals
    def _loaded(self, report: AuditReport, texts: AuditTexts) -> None:
        self.report = report
        self.model.set_entries(report.entries, texts, report.problems)
        self._show_banner(report)
        self._fit_columns()
        self._update_count()

    def _assessment_changed(self, assessment_id: int) -> None:
        if assessment_id != self.assessment_id:
            return
        if self.isVisible():
            self.refresh()
        else:  # nobody sees it: read it again when it is shown
            self._stale = True

    def _show_banner(self, report: AuditReport) -> None:
        if report.intact:
            text = "✔ " + ngettext(
                "Audit chain intact ({count} entry).",
                "Audit chain intact ({count} entries).",
                len(report.entries),
            ).format(count=len(report.entries))
            text += "\n" + signature_text(report)
            style = BANNER_STYLE["ok"]
        else:
            lines = [
                "⚠ "
                + _(
                    "The audit trail does not verify: it was changed outside the app. Do not rely on this assessment before it is checked."
                )
            ]
            lines += ["• " + i18n.render(problem) for problem in report.problems]
            text = "\n".join(lines)
            style = BANNER_STYLE["broken"]
            log.warning(
                "audit chain of assessment %s is broken: %s",
                self.assessment_id,
                "; ".join(p.code for p in report.problems),
            )
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.setAccessibleDescription(text)
        self.banner.show()

    def _fit_columns(self) -> None:
        for column in (Column.SEQ, Column.TIME, Column.ACTOR, Column.ACTION, Column.TARGET):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 240))
        self.table.resizeRowsToContents()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.table.resizeRowsToContents()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(
                ngettext("{count} entry", "{count} entries", total).format(count=total)
            )
        else:
            self.count_label.setText(
                ngettext("{shown} of {count} entry", "{shown} of {count} entries", total).format(
                    shown=shown, count=total
                )
            )


def signature_text(report: AuditReport) -> str:
    """How much of the history a signature vouches for (services/audit_trail.py)."""
    if not report.signed_seq:
        return _(
            "Not signed yet: the history is signed when the assessment is finalised or exported."
        )
    text = _("Signed with a key up to entry {seq}.").format(seq=report.signed_seq)
    if report.unsigned:
        text += " " + ngettext(
            "{count} later entry is not signed yet.",
            "{count} later entries are not signed yet.",
            report.unsigned,
        ).format(count=report.unsigned)
    return text
