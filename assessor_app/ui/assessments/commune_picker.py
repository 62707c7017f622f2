"""Choosing a commune: type part of its name, code or district, with or without diacritics.

The list shows the units of the unit list valid on a date (`set_date`); "Huu Lung" finds
"Xã Hữu Lũng". Down moves from the search field into the list, Enter picks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.text import fold
from assessor_app.i18n import _, ngettext
from assessor_app.services import reference_data
from assessor_app.services.reference_data import UnitRecord
from assessor_app.texts import dates, labels
from assessor_app.ui.context import UiContext

AnyIndex = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def unit_label(unit: UnitRecord) -> str:
    text = f"{unit.name} ({unit.code})"
    if unit.district_name:
        text += f" — {unit.district_name}"
    return text


class UnitListModel(QAbstractListModel):
    """A read-only list of administrative units."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._units: list[UnitRecord] = []
        self._labels: list[str] = []

    def set_units(self, units: list[UnitRecord]) -> None:
        self.beginResetModel()
        self._units = list(units)
        self._labels = [unit_label(u) for u in self._units]
        self.endResetModel()

    def unit_at(self, row: int) -> UnitRecord:
        return self._units[row]

    @property
    def units(self) -> list[UnitRecord]:
        return self._units

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._units):
            return None
        unit = self._units[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._labels[index.row()]
        if role == CODE_ROLE:
            return unit.code
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{type}, code {code}; unit list {unit_list}").format(
                type=labels.unit_type(unit.unit_type, i18n.language()),
                code=unit.code,
                unit_list=unit.list_code,
            )
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class CommunePicker(QWidget):
    """A search field over the list of units valid on a date; `picked(code)` on Enter or click."""

    picked = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._day = context.workspace.today()
        self._all: list[UnitRecord] = []
        self._selected: UnitRecord | None = None
        self._selected_code: str | None = None
        self._list_error = ""

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Type part of the name or the code, e.g. huu lung"))
        self.search.setAccessibleName(_("Search for a commune"))
        self.search.setToolTip(
            _("Diacritics are optional. Press Down to move into the list, Enter to choose.")
        )
        self.search.textChanged.connect(self._search)
        self.search.installEventFilter(self)

        self.model = UnitListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Communes"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.installEventFilter(self)
        self.list.clicked.connect(self._pick_index)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 7)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setEnabled(False)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setObjectName("ChosenCommune")
        self.chosen.setAccessibleName(_("Chosen commune"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.search)
        self._show_chosen()
        self.set_date(self._day)

    # --- public
    @property
    def selected_code(self) -> str | None:
        return self._selected_code

    @property
    def day(self) -> date:
        return self._day

    def set_date(self, day: date) -> None:
        """Show the unit list valid on `day`; the chosen code stays (and is flagged if missing)."""
        self._day = day
        try:
            self._all = sorted(
                reference_data.units_on(self.context.workspace, day),
                key=lambda u: (fold(u.name), u.code),
            )
            self._list_error = ""
        except AssessorError as error:
            self._all = []
            self._list_error = i18n.render(error)
        self._search(self.search.text())
        self._show_chosen()

    def set_selected_code(self, code: str | None) -> None:
        """Choose a commune by code (without emitting `picked`)."""
        self._selected_code = code or None
        self._selected = None
        if code:
            self._selected = next((u for u in self._all if u.code == code), None)
            if self._selected is None:
                try:
                    history = reference_data.unit_history(self.context.workspace, code)
                except AssessorError:
                    history = []
                self._selected = history[-1] if history else None
        self._show_chosen()

    def pick_current(self) -> bool:
        """Choose the list's current row (or its first one); False when the list is empty."""
        index = self.list.currentIndex()
        if not index.isValid():
            if self.model.rowCount() == 0:
                return False
            index = self.model.index(0, 0)
            self.list.setCurrentIndex(index)
        self._pick_index(index)
        return True

    # --- internals
    def _search(self, text: str) -> None:
        if not fold(text):
            units = self._all
        elif not self._all:
            units = []
        else:
            try:
                units = reference_data.search_units(self.context.workspace, text, self._day)
            except AssessorError:
                units = []
        self.model.set_units(units)
        if units and self._selected_code is not None:
            for row, unit in enumerate(units):
                if unit.code == self._selected_code:
                    self.list.setCurrentIndex(self.model.index(row, 0))
                    break
        if self._list_error:
            self.status.setText(self._list_error)
        elif not units:
            self.status.setText(_("No commune matches “{text}”.").format(text=text.strip()))
        else:
            self.status.setText(
                ngettext(
                    "{count} of {total} unit in the list valid on {day}.",
                    "{count} of {total} units in the list valid on {day}.",
                    len(self._all),
                ).format(count=len(units), total=len(self._all), day=dates.day(self._day))
            )

    def _pick_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        unit = self.model.unit_at(index.row())
        self._selected, self._selected_code = unit, unit.code
        self._show_chosen()
        self.picked.emit(unit.code)

    def _show_chosen(self) -> None:
        code = self._selected_code
        if code is None:
            self.chosen.setText(_("No commune chosen yet."))
            self.chosen.setStyleSheet("")
            return
        name = self._selected.name if self._selected else ""
        if any(u.code == code for u in self._all):
            self.chosen.setText(_("Chosen: {code} {name}").format(code=code, name=name))
            self.chosen.setStyleSheet("#ChosenCommune { font-weight: bold; }")
        else:
            self.chosen.setText(
                _("Chosen: {code} {name} — not in the unit list valid on {day}.").format(
                    code=code, name=name, day=dates.day(self._day)
                )
            )
            self.chosen.setStyleSheet("#ChosenCommune { color: #a61b1b; font-weight: bold; }")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.search:
            if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.model.index(0, 0))
                return True
            if enter and self.model.rowCount() > 0:
                return self.pick_current()  # consumed: a dialog's default button must not fire
        elif watched is self.list:
            if enter and self.list.currentIndex().isValid():
                self._pick_index(self.list.currentIndex())
                return True
            if key == Qt.Key.Key_Up and self.list.currentIndex().row() <= 0:
                self.search.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
