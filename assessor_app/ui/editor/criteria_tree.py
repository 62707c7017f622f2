"""The criteria tree of the editor: criteria with their indicators, progress and points."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from assessor_app import i18n
from assessor_app.i18n import _
from assessor_app.texts import numbers
from assessor_app.ui.editor.criteria_model import (
    POINTS,
    STATUS,
    TITLE,
    CriteriaModel,
    Progress,
    progress_text,
)

HORIZONTAL = Qt.Orientation.Horizontal
CELL_PADDING = 24  # the item's margins and the focus frame, both sides


def criteria_tree(model: CriteriaModel) -> QTreeView:
    """A read-only, single-selection tree over `model`; the title column takes the free width."""
    tree = QTreeView()
    tree.setModel(model)
    tree.setAccessibleName(_("Criteria and indicators"))
    tree.setAccessibleDescription(_("Choose an indicator and press Enter to type its figures."))
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    # Sized once per catalogue (`fit_columns`), not "to contents": that mode measures every row
    # again at each change of a score, i.e. at every keystroke in a figure.
    header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(POINTS, QHeaderView.ResizeMode.Interactive)
    return tree


def fit_columns(tree: QTreeView, model: CriteriaModel) -> None:
    """Make the progress and points columns as wide as the widest text they can ever show (every
    progress word; "max / max" for each row, in the bold of the criteria rows)."""
    bold = QFont(tree.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    language = i18n.language()
    maxima = [row.max_points for row in model.rows]
    maxima += [child.max_points for row in model.rows for child in row.indicators]
    points = [f"{numbers.number(m, language)} / {numbers.number(m, language)}" for m in maxima]
    horizontal = Qt.Orientation.Horizontal
    texts = {
        STATUS: [*(progress_text(p) for p in Progress), model.headerData(STATUS, horizontal)],
        POINTS: [*points, model.headerData(POINTS, horizontal)],
    }
    header = tree.header()
    for column, samples in texts.items():
        width = max(metrics.horizontalAdvance(str(text)) for text in samples) + CELL_PADDING
        header.resizeSection(column, width)
