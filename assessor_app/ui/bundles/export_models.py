"""Tables of the export dialog: the assessments to put in a bundle (checkable; drafts only on
purpose) and the bundles already sent, with the office's receipt."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.i18n import _
from assessor_app.services.bundle_export import SentBundle
from assessor_app.services.records import AssessmentSummary
from assessor_app.texts import counts, dates, labels, numbers
from assessor_app.ui.bundles.record_model import Column, RecordModel
from assessor_app.ui.bundles.texts import (
    EMPTY,
    receipt_reason_text,
    short_id,
)

Index = QModelIndex | QPersistentModelIndex
DRAFT_BRUSH = QBrush(QColor("#6b4e00"))


class SelectionModel(QAbstractTableModel):
    """Assessments with a check box each; finalised ones checked at first (never demo data: it
    leaves only as a demo bundle, on purpose), drafts only checkable once the user asked for
    drafts (`set_drafts_allowed`)."""

    COMMUNE, YEAR, STATUS, SCORE, UPDATED = range(5)
    selection_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.records: list[AssessmentSummary] = []
        self.checked: set[int] = set()
        self.drafts_allowed = False

    def set_records(self, records: Sequence[AssessmentSummary]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.checked = {r.id for r in self.records if self._final(r) and not r.demo}
        self.endResetModel()
        self.selection_changed.emit()

    @staticmethod
    def _final(record: AssessmentSummary) -> bool:
        return record.status is AssessmentStatus.FINALIZED

    def set_drafts_allowed(self, allowed: bool) -> None:
        self.drafts_allowed = allowed
        if not allowed:
            self.checked = {i for i in self.checked if self._final(self._by_id(i))}
        if self.records:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.records) - 1, self.columnCount() - 1)
            )
        self.selection_changed.emit()

    def _by_id(self, assessment_id: int) -> AssessmentSummary:
        return next(r for r in self.records if r.id == assessment_id)

    def selected(self) -> list[AssessmentSummary]:
        return [r for r in self.records if r.id in self.checked]

    def set_checked(self, assessment_id: int, checked: bool) -> bool:
        row = next((i for i, r in enumerate(self.records) if r.id == assessment_id), -1)
        if row < 0:
            return False
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return self.setData(self.index(row, 0), state, Qt.ItemDataRole.CheckStateRole)

    # --- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [_("Commune"), _("Year"), _("Status"), _("Points"), _("Last changed")]
        return headers[section] if 0 <= section < len(headers) else None

    def _text(self, record: AssessmentSummary, column: int) -> str:
        if column == self.COMMUNE:
            name = f"{record.commune_name} ({record.commune_code})"
            return _("{commune} — DEMO (sample data)").format(commune=name) if record.demo else name
        if column == self.YEAR:
            return str(record.year)
        if column == self.STATUS:  # short: what a draft needs to be sent is in the tooltip
            return labels.assessment_status(record.status, i18n.language())
        if column == self.SCORE:
            return numbers.number(record.total, i18n.language())
        return dates.stamp(record.updated_at)

    def _status_tip(self, record: AssessmentSummary) -> str | None:
        if self._final(record):
            return None
        if self.drafts_allowed:
            return _("Draft (the bundle says it holds drafts)")
        return _("Draft: tick “include drafts” below to send it")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        record = self.records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.STATUS:
            return self._status_tip(record)
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.COMMUNE:
            return Qt.CheckState.Checked if record.id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not self._final(record):
            return DRAFT_BRUSH
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        record = self.records[index.row()]
        enabled = self._final(record) or self.drafts_allowed
        flags = Qt.ItemFlag.ItemIsSelectable
        if enabled:
            flags |= Qt.ItemFlag.ItemIsEnabled
            if index.column() == self.COMMUNE:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.CheckStateRole
            or index.column() != self.COMMUNE
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        record = self.records[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if value is not None else False
        if checked:
            self.checked.add(record.id)
        else:
            self.checked.discard(record.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.selection_changed.emit()
        return True


def receipt_status(bundle: SentBundle) -> str:
    if not bundle.acknowledged:
        return _("No receipt yet")
    text = _("Receipt: {outcome} ({time})").format(
        outcome=labels.import_outcome(bundle.receipt_outcome or "", i18n.language()),
        time=dates.stamp(bundle.acknowledged_at),
    )
    reasons = [receipt_reason_text(str(code)) for code in bundle.receipt_reasons]
    return "\n".join([text, *reasons])


def sent_model(parent: Any = None) -> RecordModel[SentBundle]:
    columns: list[Column[SentBundle]] = [
        Column(_("No."), lambda b: str(b.sequence), sort=lambda b: b.sequence),
        Column(_("Made"), lambda b: dates.stamp(b.created_at)),
        Column(
            _("Contents"),
            lambda b: (
                counts.assessments(len(b.assessments), i18n.language())
                + ("\n" + _("includes drafts") if b.contains_drafts else "")
            ),
        ),
        Column(
            _("File"),
            lambda b: Path(b.path).name or EMPTY,
            tooltip=lambda b: _("{path}\nbundle id {bundle}").format(
                path=b.path, bundle=b.bundle_id
            ),
        ),
        Column(_("Bundle id"), lambda b: short_id(b.bundle_id), tooltip=lambda b: b.bundle_id),
        Column(_("Office's receipt"), receipt_status),
    ]
    model: RecordModel[SentBundle] = RecordModel(columns, parent)

    def background(bundle: SentBundle) -> str | None:
        if not bundle.acknowledged:
            return None
        return "#e3f4e1" if bundle.receipt_outcome == "accepted" else "#fff3c4"

    model.background = background
    return model
