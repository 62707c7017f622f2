"""The criteria tree (criteria → indicators) as a Qt item model over plain row records.

`build_rows` turns a catalogue, a score and the follow-up flags into records; `CriteriaModel` only
adapts them to Qt. Criteria assigned to the current user come first and are marked "mine";
provisional parts carry a warning icon and a tooltip with their status and source.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from assessor_app import i18n
from assessor_app.domain.catalogue import Catalogue, Status
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.text import nfc
from assessor_app.i18n import _
from assessor_app.texts import labels, numbers
from assessor_app.ui.editor.display_text import indicator_tooltip, provenance_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

TITLE, STATUS, POINTS = range(3)
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class Progress(enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    FOLLOW_UP = "follow_up"


def progress_text(progress: Progress) -> str:
    return {
        Progress.NOT_STARTED: _("Not started"),
        Progress.IN_PROGRESS: _("In progress"),
        Progress.COMPLETE: _("Complete"),
        Progress.FOLLOW_UP: _("Follow-up"),
    }[progress]


@dataclass
class IndicatorRow:
    code: str
    title: str
    max_points: int
    provisional: bool
    details: str  # status, source and note
    points: int = 0
    progress: Progress = Progress.NOT_STARTED


@dataclass
class CriterionRow:
    code: str
    title: str
    max_points: int
    provisional: bool
    details: str
    mine: bool
    indicators: list[IndicatorRow] = field(default_factory=list)
    points: int = 0
    progress: Progress = Progress.NOT_STARTED


def build_rows(catalogue: Catalogue, mine: set[str]) -> list[CriterionRow]:
    """One record per criterion with its indicators; the user's own criteria first."""
    rows = [
        CriterionRow(
            code=criterion.code,
            title=labels.part_title(criterion, i18n.language()),
            max_points=criterion.max_points,
            provisional=criterion.effective_status is Status.PROVISIONAL,
            details=provenance_tooltip(criterion.provenance, criterion.effective_status),
            mine=criterion.code in mine,
            indicators=[
                IndicatorRow(
                    code=indicator.code,
                    title=labels.part_title(indicator, i18n.language()),
                    max_points=indicator.max_points,
                    provisional=indicator.effective_status is Status.PROVISIONAL,
                    details=indicator_tooltip(indicator),
                )
                for indicator in criterion.indicators
            ],
        )
        for criterion in catalogue.criteria
    ]
    return sorted(rows, key=lambda row: not row.mine)  # stable: catalogue order within each group


def apply_scores(rows: list[CriterionRow], result: ScoreResult, follow_up: dict[str, bool]) -> None:
    """Refresh points and progress of the records from a (stored or previewed) score."""
    indicators = {s.code: s for s in result.indicators}
    criteria = {s.code: s for s in result.criteria}
    for row in rows:
        for child in row.indicators:
            score = indicators[child.code]
            child.points = score.points
            if follow_up.get(child.code):
                child.progress = Progress.FOLLOW_UP
            elif score.assessed:
                child.progress = Progress.COMPLETE
            else:
                child.progress = Progress.NOT_STARTED
        criterion = criteria[row.code]
        row.points = criterion.points
        if any(child.progress is Progress.FOLLOW_UP for child in row.indicators):
            row.progress = Progress.FOLLOW_UP
        elif criterion.complete:
            row.progress = Progress.COMPLETE
        elif criterion.assessed:
            row.progress = Progress.IN_PROGRESS
        else:
            row.progress = Progress.NOT_STARTED


_PROGRESS_COLOURS = {
    Progress.NOT_STARTED: QColor("#5f6368"),
    Progress.IN_PROGRESS: QColor("#8a5a00"),
    Progress.COMPLETE: QColor("#1e6b30"),
    Progress.FOLLOW_UP: QColor("#a12a00"),
}


class CriteriaModel(QAbstractItemModel):
    """Two levels: criteria (internal id 0) and their indicators (internal id = criterion row + 1)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CriterionRow] = []
        self._warning_icon: QIcon | None = None

    # --- feeding
    def set_rows(self, rows: list[CriterionRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def update_scores(self, result: ScoreResult, follow_up: dict[str, bool]) -> None:
        before = [
            (row.points, row.progress, [(c.points, c.progress) for c in row.indicators])
            for row in self.rows
        ]
        apply_scores(self.rows, result, follow_up)
        for number, (row, (points, progress, children)) in enumerate(
            zip(self.rows, before, strict=True)
        ):
            if (row.points, row.progress) != (points, progress):
                self.dataChanged.emit(self.index(number, STATUS), self.index(number, POINTS))
            parent = self.index(number, TITLE)
            for child_number, (child, old) in enumerate(zip(row.indicators, children, strict=True)):
                if (child.points, child.progress) != old:
                    self.dataChanged.emit(
                        self.index(child_number, STATUS, parent),
                        self.index(child_number, POINTS, parent),
                    )

    # --- lookups
    def code_of(self, index: ModelIndex) -> str | None:
        record = self._record(index)
        return record.code if record is not None else None

    def is_indicator(self, index: ModelIndex) -> bool:
        return index.isValid() and index.internalId() != 0

    def index_of(self, code: str) -> QModelIndex:
        for number, row in enumerate(self.rows):
            if row.code == code:
                return self.index(number, TITLE)
            for child_number, child in enumerate(row.indicators):
                if child.code == code:
                    return self.index(child_number, TITLE, self.index(number, TITLE))
        return QModelIndex()

    def indicator_codes(self) -> list[str]:
        """Indicators in the order the tree shows them."""
        return [child.code for row in self.rows for child in row.indicators]

    def _record(self, index: ModelIndex) -> CriterionRow | IndicatorRow | None:
        if not index.isValid():
            return None
        parent_id = index.internalId()
        if parent_id == 0:
            return self.rows[index.row()]
        return self.rows[parent_id - 1].indicators[index.row()]

    # --- QAbstractItemModel
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.rows)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.rows[parent.row()].indicators)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 3:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [_("Criterion / indicator"), _("Progress"), _("Points")][section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._record(index)
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == CODE_ROLE:
            return record.code
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(record, full=role == Qt.ItemDataRole.ToolTipRole)
        return self._look(record, column, role)

    @staticmethod
    def _display(record: CriterionRow | IndicatorRow, column: int) -> str:
        if column == TITLE:
            if isinstance(record, CriterionRow) and record.mine:  # before the title: never elided
                mine = _("mine")
                return f"{record.code}  [{mine}]  {record.title}"
            return f"{record.code}  {record.title}"
        if column == STATUS:
            return progress_text(record.progress)
        language = i18n.language()
        return f"{numbers.number(record.points, language)} / {numbers.number(record.max_points, language)}"

    def _look(self, record: CriterionRow | IndicatorRow, column: int, role: int) -> Any:
        """Icons, fonts, colours and alignment."""
        is_criterion = isinstance(record, CriterionRow)
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and record.provisional:
            return self._icon()
        if role == Qt.ItemDataRole.FontRole and is_criterion:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and isinstance(record, CriterionRow):
            return QColor("#e3ecfb") if record.mine else None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return _PROGRESS_COLOURS[record.progress]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == POINTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _describe(self, record: CriterionRow | IndicatorRow, full: bool) -> str:
        parts = [f"{record.code} {record.title}"]
        if isinstance(record, CriterionRow) and record.mine:
            parts.append(_("Assigned to you."))
        parts.append(
            _("{progress}; {points}.").format(
                progress=progress_text(record.progress),
                points=numbers.points_of(record.points, record.max_points, i18n.language()),
            )
        )
        if record.provisional:
            parts.append(_("Provisional — not the official value."))
        if full:
            parts.append(record.details)
        return nfc("\n".join(parts))

    def _icon(self) -> QIcon:
        if self._warning_icon is None:
            self._warning_icon = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning
            )
        return self._warning_icon
