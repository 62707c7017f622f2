"""The appraisal screen's two tables: the list of appraisals (services/appraisals.waiting: commune,
year, kind, state, round, since, days waited; longest waiting first) and one appraisal's
comparison, indicator by indicator (submitted figure and points beside the office's). A row whose
figures differ says so twice: the mark "≠" in its own column, and a coloured background (colour
alone is not enough: printed in black and white, or for a colour-blind official)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from assessor_app import i18n
from assessor_app.domain.text import fold
from assessor_app.i18n import _, ngettext
from assessor_app.services.appraisal_records import AppraisalItem, ComparedIndicator
from assessor_app.texts import dates, labels, numbers, values

_INDEX = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DIFFERS_MARK = "≠"
DIFFERS_BACKGROUND = QBrush(QColor("#fde8c8"))  # light amber, dark text stays readable


def points_text(points: int | None) -> str:
    return values.NONE if points is None else numbers.number(points, i18n.language())


def days_text(days: int) -> str:
    return ngettext("{days} day", "{days} days", days).format(
        days=numbers.number(days, i18n.language())
    )


def state_text(item: AppraisalItem) -> str:
    return labels.appraisal_state(item.state, i18n.language())


def commune_text(item: AppraisalItem) -> str:
    text = f"{item.commune_code} {item.commune_name}"
    return f"{text} · DEMO" if item.demo else text


class _Table(QAbstractTableModel):
    """A read-only table of plain records, with the headers as lambdas (translated when read)."""

    HEADERS: tuple[Callable[[], str], ...] = ()
    RIGHT: frozenset[int] = frozenset()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]()
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.RIGHT:
                return _RIGHT
        return None


class WaitingModel(_Table):
    """The appraisals shown: those the filter and the search let through."""

    HEADERS = (
        lambda: _("Commune"),
        lambda: _("Year"),
        lambda: _("Kind"),
        lambda: _("Appraisal state"),
        lambda: _("Round"),
        lambda: _("Since"),
        lambda: _("Days waited"),
    )
    RIGHT = frozenset({1, 4, 6})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[AppraisalItem] = []

    def rows(self) -> Sequence[AppraisalItem]:
        return self.items

    def set_items(self, items: Sequence[AppraisalItem], search: str = "") -> None:
        """`items` as the service ordered them (longest waiting first), those whose commune's
        code or name holds `search` (without diacritics, in any case)."""
        wanted = fold(search.strip())
        self.beginResetModel()
        self.items = [
            item
            for item in items
            if not wanted or wanted in f"{item.commune_code} {fold(item.commune_name)}"
        ]
        self.endResetModel()

    def cells(self, item: AppraisalItem) -> tuple[str, ...]:
        language = i18n.language()
        return (
            commune_text(item),
            str(item.year),
            labels.assessment_kind(item.kind, language),
            state_text(item),
            numbers.number(item.round, language),
            dates.stamp_day(item.since),
            days_text(item.days),
        )

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(item)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT:
            return _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def row_of(self, assessment_id: int) -> int | None:
        return next(
            (i for i, item in enumerate(self.items) if item.assessment_id == assessment_id), None
        )


class ComparisonModel(_Table):
    """One appraisal, indicator by indicator."""

    HEADERS = (
        lambda: "",  # the mark of a difference
        lambda: _("Indicator"),
        lambda: _("Submitted figure"),
        lambda: _("Submitted points"),
        lambda: _("Office's figure"),
        lambda: _("Office's points"),
        lambda: _("Maximum"),
        lambda: _("Office's comments"),
    )
    RIGHT = frozenset({3, 5, 6})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.compared: list[ComparedIndicator] = []

    def rows(self) -> Sequence[ComparedIndicator]:
        return self.compared

    def set_rows(self, rows: Sequence[ComparedIndicator]) -> None:
        self.beginResetModel()
        self.compared = list(rows)
        self.endResetModel()

    def cells(self, row: ComparedIndicator) -> tuple[str, ...]:
        language = i18n.language()
        started = row.appraised_value is not None or row.appraised_points is not None
        return (
            DIFFERS_MARK if row.differs else "",
            f"{row.indicator} {labels.part_title(row, i18n.language())}",
            values.stored(row.submitted_value, language),
            points_text(row.submitted_points),
            values.stored(row.appraised_value, language) if started else values.NONE,
            points_text(row.appraised_points),
            numbers.number(row.max_points, language),
            "\n".join(row.comments),
        )

    def _tooltip(self, row: ComparedIndicator, column: int) -> str:
        if column == 0 and row.differs:
            return _("The office's figure differs from the submitted one.")
        return self.cells(row)[column]

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.compared):
            return None
        row = self.compared[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column()) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and row.differs:
            return DIFFERS_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and row.differs and index.column() in (0, 4, 5):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
