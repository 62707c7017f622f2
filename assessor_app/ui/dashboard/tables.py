"""The dashboard's lists: assessments with indicators still marked for follow-up, assessments
waiting on this office, and (when the procedure gives them) the deadlines. Each row of the first
two keeps its assessment's id: a double-click opens it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from assessor_app.i18n import _, ngettext
from assessor_app.services.dashboard import DeadlineLine, FlaggedAssessment, WaitingItem
from assessor_app.texts import dates, labels, numbers

ASSESSMENT_ID = Qt.ItemDataRole.UserRole


class _SortKey(QTableWidgetItem):
    """A cell shown as text and sorted by a number (days, years)."""

    def __init__(self, text: str, key: int) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _SortKey):
            return self.key < other.key
        return super().__lt__(other)


def make_table(headers: Sequence[str], name: str, tooltip: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)  # one line a row; a long cell says the rest in its tooltip
    table.setAccessibleName(name)
    table.setToolTip(tooltip)
    return table


def _fill(
    table: QTableWidget,
    rows: Sequence[tuple[int | None, list[QTableWidgetItem]]],
    sort: tuple[int, Qt.SortOrder],
) -> None:
    """The rows, sorted as the service gave them (`sort`: the column that says so); the user may
    sort by another column."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for row, (assessment_id, cells) in enumerate(rows):
        for column, cell in enumerate(cells):
            if assessment_id is not None:
                cell.setData(ASSESSMENT_ID, assessment_id)
            cell.setToolTip(cell.text())
            table.setItem(row, column, cell)
    table.setSortingEnabled(True)
    table.sortItems(*sort)


def flag_headers() -> list[str]:
    return [_("Commune"), _("Year"), _("Kind"), _("Status"), _("Indicators to follow up")]


def fill_flags(table: QTableWidget, flags: Sequence[FlaggedAssessment], language: str) -> None:
    rows = []
    for item in flags:
        indicators = "; ".join(
            f"{i.code} {labels.part_title(i, language)}" for i in item.indicators
        )
        rows.append(
            (
                item.assessment_id,
                [
                    QTableWidgetItem(item.commune_name),
                    _SortKey(str(item.year), item.year),
                    QTableWidgetItem(labels.assessment_kind(item.kind, language)),
                    QTableWidgetItem(labels.assessment_status(item.status, language)),
                    QTableWidgetItem(indicators),
                ],
            )
        )
    _fill(table, rows, (1, Qt.SortOrder.DescendingOrder))  # the newest year first


def waiting_headers() -> list[str]:
    return [_("Commune"), _("Year"), _("Kind"), _("Received on"), _("Waiting")]


def days_text(days: int, language: str) -> str:
    return ngettext("{count} day", "{count} days", days, language=language).format(
        count=numbers.number(days, language)
    )


def fill_waiting(table: QTableWidget, waiting: Sequence[WaitingItem], language: str) -> None:
    rows = [
        (
            item.assessment_id,
            [
                QTableWidgetItem(item.commune_name),
                _SortKey(str(item.year), item.year),
                QTableWidgetItem(labels.assessment_kind(item.kind, language)),
                _SortKey(dates.day(item.since), item.since.toordinal()),
                _SortKey(days_text(item.days, language), item.days),
            ],
        )
        for item in waiting
    ]
    _fill(table, rows, (4, Qt.SortOrder.DescendingOrder))  # the longest waiting first


def deadline_headers() -> list[str]:
    return [_("Due"), _("What"), _("Who"), _("Days left"), _("Still missing")]


SHOWN_MISSING = 5  # names in the cell; the whole list in its tooltip


def _missing(names: Sequence[str], language: str) -> QTableWidgetItem:
    """What is still missing: a few names and how many more (the tooltip lists them all)."""
    said = "; ".join(names[:SHOWN_MISSING])
    if len(names) > SHOWN_MISSING:
        more = numbers.number(len(names) - SHOWN_MISSING, language)
        said += " " + _("and {count} more").format(count=more)
    item = QTableWidgetItem(said)
    if len(names) > SHOWN_MISSING:
        item.setToolTip("\n".join(names))
    return item


def fill_deadlines(table: QTableWidget, lines: Sequence[DeadlineLine], language: str) -> None:
    rows = []
    for line in lines:
        if line.done:
            left = _("Done")
        elif line.days_left < 0:
            left = _("{days} overdue").format(days=days_text(-line.days_left, language))
        else:
            left = days_text(line.days_left, language)
        rows.append(
            (
                None,
                [
                    _SortKey(dates.day(line.due), line.due.toordinal()),
                    QTableWidgetItem(line.what),
                    QTableWidgetItem(line.unit_name),
                    _SortKey(left, line.days_left),
                    _missing(line.missing, language),
                ],
            )
        )
    _fill(table, rows, (0, Qt.SortOrder.AscendingOrder))  # the nearest due first
