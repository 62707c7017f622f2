"""A form bound to one object of the catalogue document: each field writes what is typed straight
into the dict and reports the change, so the document is always what the screen shows.

What is typed is never refused here: a value that is not a whole number, a number or a date is
stored as typed, and the loader's own message (shown in the problems panel) says what is wrong
and where. The form only spares the user the JSON: blank optional fields are left out (the
format's "omit to get the default"), "97,5" is read as 97.5.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Status
from assessor_app.domain.text import nfc
from assessor_app.texts import labels, numbers

_WHOLE = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+\.\d+")


def whole_of(text: str) -> Any:
    """ "12" → 12; anything else is kept as typed for the loader to name."""
    text = text.strip()
    return int(text) if _WHOLE.fullmatch(text) else text


def number_of(text: str) -> Any:
    """ "98" → 98, "97,5" or "97.5" → 97.5 (read exactly by the loader); else kept as typed."""
    text = text.strip().replace(",", ".")
    if _WHOLE.fullmatch(text):
        return int(text)
    return float(text) if _DECIMAL.fullmatch(text) else text


def shown(value: Any) -> str:
    """A stored value as the form shows it (decimals with a comma, as Vietnamese write them)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float):
        return numbers.editable(value, i18n.language())
    return nfc(str(value))


_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def date_of(text: str) -> str:
    """ "3/1/2019" → "2019-01-03"; anything else is kept as typed for the loader to name."""
    text = text.strip()
    match = _DAY.fullmatch(text)
    if match is None:
        return text
    day, month, year = match.groups()
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return text  # 31/2/2026: the loader names the field


def day_shown(value: Any) -> str:
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return shown(value)
    year, month, day = match.groups()
    return f"{day}/{month}/{year}"


def status_choices() -> list[tuple[str, str]]:
    return [(labels.catalogue_status(s, i18n.language()), s.value) for s in Status]


def store(data: dict[str, Any], key: str, value: Any, keep_blank: bool) -> None:
    """Write a field; a blank optional one is removed, so the default applies."""
    if value == "" and not keep_blank:
        data.pop(key, None)
    else:
        data[key] = value


class BoundForm(QWidget):
    """A QFormLayout whose fields edit `data[key]`; `changed` is called after every edit."""

    def __init__(
        self, data: dict[str, Any], changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.changed = changed
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}

    def _add(self, key: str, label: str, widget: QWidget) -> None:
        widget.setObjectName(f"field_{key}")
        widget.setAccessibleName(label)
        self.form.addRow(label, widget)
        # One label width for the several forms of a page, so their fields line up.
        text = self.form.labelForField(widget)
        if isinstance(text, QWidget):
            text.setMinimumWidth(text.fontMetrics().averageCharWidth() * 24)
        self.fields[key] = widget

    def _line(
        self, key: str, label: str, convert: Callable[[str], Any], keep_blank: bool
    ) -> QLineEdit:
        edit = QLineEdit(shown(self.data.get(key)))
        edit.setCursorPosition(0)  # a long source shows its beginning

        def typed(text: str) -> None:
            store(self.data, key, convert(nfc(text)), keep_blank)
            self.changed()

        edit.textEdited.connect(typed)
        self._add(key, label, edit)
        return edit

    def text(self, key: str, label: str, required: bool = True) -> QLineEdit:
        return self._line(key, label, lambda t: t, keep_blank=required)

    def whole(self, key: str, label: str) -> QLineEdit:
        """A whole number; blank leaves the field out (the loader then says it is missing, or
        the format's default applies)."""
        return self._line(key, label, whole_of, keep_blank=False)

    def date(self, key: str, label: str) -> QLineEdit:
        """A day as officials write it (03/01/2019), stored as the format's 2019-01-03."""
        edit = self._line(key, label, date_of, keep_blank=False)
        edit.setText(day_shown(self.data.get(key)))
        edit.setPlaceholderText(i18n._("DD/MM/YYYY"))
        return edit

    def long_text(self, key: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(shown(self.data.get(key)))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)

        def typed() -> None:
            store(self.data, key, nfc(edit.toPlainText()), keep_blank=False)
            self.changed()

        edit.textChanged.connect(typed)
        self._add(key, label, edit)
        return edit

    def lines(self, key: str, label: str) -> QPlainTextEdit:
        """A list of texts, one a line (the legal basis's sources)."""
        items = self.data.get(key)
        text = "\n".join(str(i) for i in items) if isinstance(items, list) else ""
        edit = QPlainTextEdit(nfc(text))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)

        def typed() -> None:
            entries = [nfc(line.strip()) for line in edit.toPlainText().splitlines()]
            store(self.data, key, [e for e in entries if e] or "", keep_blank=False)
            self.changed()

        edit.textChanged.connect(typed)
        self._add(key, label, edit)
        return edit

    def choice(
        self,
        key: str,
        label: str,
        choices: list[tuple[str, str]],
        default: str | None = None,
        on_change: Callable[[str], None] | None = None,
    ) -> QComboBox:
        """A list of words for a coded value. With a `default`, the field is left out while it
        says the default... unless the document states it (then it stays stated)."""
        combo = QComboBox()
        for text, value in choices:
            combo.addItem(text, value)
        current = self.data.get(key, default)
        index = combo.findData(current)
        if index < 0:  # a value the list does not know: shown as it is, for the loader to name
            combo.addItem(shown(current), current)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

        def picked(_index: int) -> None:
            value = combo.currentData()
            # "" stands for "as its parent": the field is left out and the status inherited
            store(self.data, key, value, keep_blank=False)
            self.changed()
            if on_change is not None:
                on_change(value)

        combo.currentIndexChanged.connect(picked)
        self._add(key, label, combo)
        return combo

    def boolean(self, key: str, label: str, default: bool) -> QCheckBox:
        box = QCheckBox()
        value = self.data.get(key, default)
        box.setChecked(value if isinstance(value, bool) else default)

        def toggled(checked: bool) -> None:
            self.data[key] = checked
            self.changed()

        box.toggled.connect(toggled)
        self._add(key, label, box)
        return box

    def provenance(self, inherited: bool) -> None:
        """Status, source and note: the place every value says how well it is known."""
        choices = status_choices()
        if inherited:  # indicators and bands may leave their status to their parent
            choices = [(i18n._("as its criterion"), ""), *choices]
        self.choice("status", i18n._("Status"), choices, default="" if inherited else None)
        self.text("source", i18n._("Source"), required=False)
        self.long_text("note", i18n._("Note"))
