"""A combo box whose items are found by typing any part of them, with or without diacritics
("huu lung" finds "Xã Hữu Lũng", "06385" its code), as the commune search of the assessments list."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from assessor_app.domain.text import fold

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 7  # an item's text (and code) without diacritics


def make_searchable(combo: QComboBox) -> QCompleter:
    """Make `combo` editable and searchable; its items must get their search text through
    `index_item`. Typing shows the matching items; picking one (or typing one's whole name)
    selects it; leaving the field with anything else puts the selected item's name back."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    # the line edit's own completion compares with diacritics (nullptr is valid in Qt)
    combo.setCompleter(None)  # type: ignore[arg-type]
    completer = QCompleter(combo)
    completer.setModel(combo.model())
    completer.setCompletionRole(SEARCH_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    popup = completer.popup()
    assert popup is not None  # a completer always has its popup
    popup.setObjectName("SearchableComboPopup")
    edit = combo.lineEdit()
    assert edit is not None  # an editable combo has one
    completer.setWidget(edit)

    def typed(text: str) -> None:
        completer.setCompletionPrefix(fold(text))
        if text.strip():
            completer.complete()
        else:
            popup.hide()

    def picked(index: QModelIndex) -> None:
        row = combo.findText(str(index.data(Qt.ItemDataRole.DisplayRole)))
        if row >= 0:
            combo.setCurrentIndex(row)
        edit.setText(combo.itemText(combo.currentIndex()))

    def left() -> None:
        row = combo.findText(edit.text())
        if row >= 0:
            combo.setCurrentIndex(row)
        edit.setText(combo.itemText(combo.currentIndex()))

    edit.textEdited.connect(typed)
    # the overload with the model index (the other gives the folded search text)
    cast(Any, completer.activated)[QModelIndex].connect(picked)
    edit.editingFinished.connect(left)
    return completer


def index_item(combo: QComboBox, row: int, *extra: str) -> None:
    """Give item `row` its search text: its name and `extra` (its code), folded."""
    words = " ".join([combo.itemText(row), *extra])
    combo.setItemData(row, fold(words), SEARCH_ROLE)
