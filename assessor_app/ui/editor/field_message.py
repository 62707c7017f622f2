"""What an input holds (`InputKind`, `InputState`) and the inline message shown under a field."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from assessor_app.domain.text import nfc
from assessor_app.domain.values import (
    Value,
)
from assessor_app.i18n import _
from assessor_app.ui.style import set_style

ERROR_COLOUR = "#b00020"
HINT_COLOUR = "#4a5560"


class InputKind(enum.Enum):
    EMPTY = "empty"  # nothing typed: clears the stored value
    VALID = "valid"
    INCOMPLETE = "incomplete"  # half typed: a hint, nothing stored
    INVALID = "invalid"  # bad input: a red message, nothing stored


@dataclass(frozen=True)
class InputState:
    kind: InputKind
    value: Value | None = None
    message: str = ""
    field: str = ""  # which field the message is about; "" = the input as a whole
    code: str = ""  # the error's code, for bad input

    @property
    def storable(self) -> bool:
        return self.kind in (InputKind.EMPTY, InputKind.VALID)


# VAL_NOT_A_NUMBER names the part that is wrong in its "what" parameter.


class FieldMessage(QLabel):
    """The message under a field: red (with the word "Error") for bad input, grey for a hint.

    The text is also set as the field's accessible description, so screen readers announce it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.kind = ""
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(_("Message for {field}").format(field=field.accessibleName()))
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(_("Error: {message}").format(message=text), ERROR_COLOUR, "error")

    def show_hint(self, text: str) -> None:
        self._show(text, HINT_COLOUR, "hint")

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.field.setAccessibleDescription("")
        self.hide()

    def _show(self, text: str, colour: str, kind: str) -> None:
        self.kind = kind
        text = nfc(text)
        self.setText(text)
        set_style(self, f"color: {colour};" + (" font-weight: 600;" if kind == "error" else ""))
        self.field.setAccessibleDescription(text)
        self.show()
