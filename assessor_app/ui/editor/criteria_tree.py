"""The criteria tree of the editor: criteria with their indicators, progress and points."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from assessor_app.i18n import _
from assessor_app.ui.editor.criteria_model import POINTS, STATUS, TITLE, CriteriaModel


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
    header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(POINTS, QHeaderView.ResizeMode.ResizeToContents)
    return tree
