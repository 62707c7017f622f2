"""The catalogue editor: a tree of the catalogue's parts on the left, the selected part's form on
the right, the loader's problems underneath, and a preview tab scoring a sample commune.

Every edit goes straight into the document; ~300 ms after the last keystroke the document is
validated (the problems panel lists the loader's messages) and, like every change in this app,
saved at once (`save`): closing the window never loses work.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.ui.catalogues import document_nodes
from assessor_app.ui.catalogues.document_nodes import CONDITIONS, GENERAL, Document, Node
from assessor_app.ui.catalogues.node_forms import form_for
from assessor_app.ui.catalogues.preview_tab import PreviewTab
from assessor_app.ui.catalogues.validation import Problem, catalogue_of, problems_of
from assessor_app.ui.errors import sentence_of

VALIDATE_DELAY_MS = 300
_NODE = Qt.ItemDataRole.UserRole


class CatalogueEditor(QWidget):
    validated = Signal()  # after each (debounced) validation, with `problems` up to date

    def __init__(
        self,
        document: Document,
        save: Callable[[Document], None] | None = None,
        read_only: bool = False,
        check: Callable[[Document], list[Problem]] = problems_of,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # A copy: the caller's dict is what was stored, this one what is being typed.
        self.document: Document = copy.deepcopy(document)
        self.save_to = save
        self.read_only = read_only
        self.check = check
        self.problems: list[Problem] = []
        self.node: Node = GENERAL
        self.save_error = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(VALIDATE_DELAY_MS)
        self.timer.timeout.connect(self.settle)

        self.tree = QTreeWidget()
        self.tree.setObjectName("catalogue_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Parts of the catalogue"))
        self.tree.currentItemChanged.connect(self._picked)
        self.buttons = self._buttons()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.buttons)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setObjectName("catalogue_form")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.form_area)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 640])

        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problem_list")
        self.problem_list.setAccessibleName(_("Problems"))
        self.problem_list.setWordWrap(True)
        self.problem_list.setFixedHeight(self.problem_list.fontMetrics().lineSpacing() * 4 + 8)
        self.problem_list.itemClicked.connect(self._problem_clicked)
        self.problem_list.itemActivated.connect(self._problem_clicked)
        self.problem_heading = QLabel()
        self.save_label = QLabel()
        self.save_label.setObjectName("save_label")
        self.save_label.setWordWrap(True)
        edit_page = QWidget()
        edit_layout = QVBoxLayout(edit_page)
        edit_layout.addWidget(split, 1)
        edit_layout.addWidget(self.problem_heading)
        edit_layout.addWidget(self.problem_list)
        edit_layout.addWidget(self.save_label)

        self.preview = PreviewTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(edit_page, _("Edit"))
        self.tabs.addTab(self.preview, _("Preview with a sample commune"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._rebuild_tree(GENERAL)
        self.settle(save=False)
        if read_only:
            self.save_label.setText(_("Published: read only. Make a new version to change it."))

    # --- structure
    def _buttons(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        entries: list[tuple[str, str, Callable[[], None]]] = [
            ("add_criterion", _("Add a criterion"), self.add_criterion),
            ("add_indicator", _("Add an indicator"), self.add_indicator),
            ("add_condition", _("Add a condition"), self.add_condition),
            ("remove", _("Remove the selected part"), self.remove_selected),
            ("move_up", _("Move up"), lambda: self.move_selected(-1)),
            ("move_down", _("Move down"), lambda: self.move_selected(1)),
        ]
        self.buttons_by_name: dict[str, QPushButton] = {}
        for index, (name, text, slot) in enumerate(entries):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            grid.addWidget(button, index // 3, index % 3)
            self.buttons_by_name[name] = button
        box.setVisible(not self.read_only)
        return box

    def _rebuild_tree(self, select: Node) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        general = QTreeWidgetItem([_("General information")])
        general.setData(0, _NODE, GENERAL)
        self.tree.addTopLevelItem(general)
        for ci, criterion in enumerate(document_nodes.criteria(self.document)):
            node: Node = ("criterion", ci)
            item = QTreeWidgetItem([document_nodes.label_of(self.document, node)])
            item.setData(0, _NODE, node)
            self.tree.addTopLevelItem(item)
            for ii in range(len(document_nodes.indicators(criterion))):
                child_node: Node = ("indicator", ci, ii)
                child = QTreeWidgetItem([document_nodes.label_of(self.document, child_node)])
                child.setData(0, _NODE, child_node)
                item.addChild(child)
        conditions = QTreeWidgetItem([_("Recognition conditions")])
        conditions.setData(0, _NODE, CONDITIONS)
        self.tree.addTopLevelItem(conditions)
        for ki in range(len(document_nodes.conditions(self.document))):
            cond_node: Node = ("condition", ki)
            child = QTreeWidgetItem([document_nodes.label_of(self.document, cond_node)])
            child.setData(0, _NODE, cond_node)
            conditions.addChild(child)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.select(select if document_nodes.exists(self.document, select) else GENERAL)

    def item_of(self, node: Node) -> QTreeWidgetItem | None:
        for item in self._items():
            if tuple(item.data(0, _NODE)) == tuple(node):
                return item
        return None

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for top in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(top)
            if item is not None:
                found.append(item)
                children = (item.child(i) for i in range(item.childCount()))
                found += [child for child in children if child is not None]
        return found

    def select(self, node: Node) -> None:
        item = self.item_of(node)
        if item is not None:
            self.tree.setCurrentItem(item)  # → _picked shows the form
            if self.node != tuple(node):
                self._show(tuple(node))

    def _picked(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self._show(tuple(item.data(0, _NODE)))

    def _show(self, node: Node) -> None:
        self.node = node
        form = form_for(self.document, node, self.changed)
        form.setEnabled(not self.read_only)
        self.form_area.setWidget(form)
        kind = node[0]
        self.buttons_by_name["add_indicator"].setEnabled(kind in ("criterion", "indicator"))
        movable = kind in ("criterion", "indicator", "condition")
        for name in ("remove", "move_up", "move_down"):
            self.buttons_by_name[name].setEnabled(movable)

    def current_form(self) -> QWidget | None:
        return self.form_area.widget()

    def add_criterion(self) -> None:
        after = self.node[1] if self.node[0] in ("criterion", "indicator") else None
        self._structure(document_nodes.add_criterion(self.document, after))

    def add_indicator(self) -> None:
        if self.node[0] not in ("criterion", "indicator"):
            return
        after = self.node[2] if self.node[0] == "indicator" else None
        self._structure(document_nodes.add_indicator(self.document, self.node[1], after))

    def add_condition(self) -> None:
        self._structure(document_nodes.add_condition(self.document))

    def remove_selected(self) -> None:
        self._structure(document_nodes.remove(self.document, self.node))

    def move_selected(self, step: int) -> None:
        self._structure(document_nodes.move(self.document, self.node, step))

    def _structure(self, select: Node) -> None:
        self.node = ("none",)  # the positions changed: rebuild the form even for the same node
        self._rebuild_tree(select)
        self.changed()

    # --- edits, validation, saving
    def changed(self) -> None:
        item = self.tree.currentItem()
        node = self.node
        if item is not None and node[0] in ("criterion", "indicator", "condition"):
            item.setText(0, document_nodes.label_of(self.document, node))
        self.timer.start()

    def settle(self, save: bool = True) -> None:
        """Validate now (and save): the debounce timer's end, or a flush before closing."""
        self.timer.stop()
        self.problems = self.check(self.document)
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(problem.message)
            item.setToolTip(problem.code)
            item.setData(_NODE, problem.node)
            self.problem_list.addItem(item)
        if self.problems:
            self.problem_heading.setText(
                _("Problems to fix before publishing (click to go there):")
            )
        else:
            self.problem_heading.setText(_("No problems: the catalogue can be published."))
        catalogue = catalogue_of(self.document) if not self.problems else None
        why = self.problems[0].message if self.problems else ""
        self.preview.set_catalogue(catalogue, why)
        if save and self.save_to is not None and not self.read_only:
            self._save()
        self.validated.emit()

    def _save(self) -> None:
        assert self.save_to is not None
        try:
            self.save_to(copy.deepcopy(self.document))
        except (AssessorError, OSError) as error:  # said; the edit stays in the editor
            self.save_error = sentence_of(error)
            self.save_label.setText(_("Not saved: {reason}").format(reason=self.save_error))
            self.save_label.setStyleSheet("color: #a12a00;")
            return
        self.save_error = ""
        self.save_label.setText(_("Every change is saved in the draft."))
        self.save_label.setStyleSheet("")

    def flush(self) -> None:
        """Validate and save a pending edit at once (the window closes, a tab changes)."""
        if self.timer.isActive():
            self.settle()

    def _problem_clicked(self, item: QListWidgetItem) -> None:
        node: Any = item.data(_NODE)
        if node:
            self.tabs.setCurrentIndex(0)
            self.select(tuple(node))

    def hideEvent(self, event: Any) -> None:
        self.flush()
        super().hideEvent(event)
