"""The base of the per-kind inputs (`ValueInput`): reading the widgets through the service's
parser, the inline messages, the lock of a finalised assessment, and the keys of the assessment's
undo and redo inside a figure's field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import (
    Catalogue,
    Indicator,
)
from assessor_app.domain.errors import InputError
from assessor_app.domain.scoring import IndicatorScore
from assessor_app.domain.text import nfc
from assessor_app.domain.values import (
    Value,
)
from assessor_app.i18n import _
from assessor_app.services import assessments
from assessor_app.ui.editor.field_message import FieldMessage, InputKind, InputState


def field_caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(nfc(text))
    label.setWordWrap(True)
    label.setBuddy(buddy)
    return label


def catalogue_wording(vietnamese: str, generic: str) -> tuple[str, str]:
    """A figure's caption and its tooltip: in Vietnamese the catalogue's own wording of what to
    count; in another language the generic name (the catalogue has no translation of it), with
    the official Vietnamese wording in the tooltip."""
    if i18n.language() == "vi" or not vietnamese:
        return nfc(vietnamese) or generic, ""
    return generic, nfc(vietnamese)


def number_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(nfc(name))
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("0") * 16 + 16)
    field.setClearButtonEnabled(False)
    return field


_FIELD_OF_WHAT = {
    "numerator": "numerator",
    "denominator": "denominator",
    "count": "count",
    "points": "points",
}

# Errors that concern one figure alone, so they are shown as soon as that figure is typed (letters in
# a numerator are flagged before the denominator is filled in).
ONE_FIGURE_ERRORS = {
    "VAL_NOT_A_NUMBER",
    "VAL_FORMAT",
    "VAL_DIGITS_NOT_ASCII",
    "VAL_TOO_LONG",
    "VAL_NEGATIVE",
}

_EDIT_KEYS = {
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Space,
    Qt.Key.Key_Select,
}
_ARROW_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right}

# The keys of the assessment's undo and redo (the main window's Edit menu). In a figure's field they
# are not the field's own text undo: every figure is stored as it is typed, so the history that
# matters is the assessment's.
UNDO_KEYS = [QKeySequence("Ctrl+Z")]
REDO_KEYS = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]


def is_undo_or_redo(event: QKeyEvent) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(
        pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch
        for keys in (*UNDO_KEYS, *REDO_KEYS)
    )


class ValueInput(QWidget):
    """Base of the per-kind inputs."""

    edited = Signal()
    committed = Signal()
    refused = Signal()

    def __init__(
        self, catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.indicator = indicator
        self.locked = False
        self._loading = False
        self._editables: list[QWidget] = []
        self.messages: dict[str, FieldMessage] = {}
        self.default_field = ""
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    # --- to override
    def read(self) -> InputState:
        raise NotImplementedError

    def _set_widgets(self, value: Value | None) -> None:
        raise NotImplementedError

    def raw(self) -> tuple[str, ...]:
        """The texts typed in the fields, as they are (kept when the user leaves bad input)."""
        return ()

    def _set_raw(self, texts: tuple[str, ...]) -> None:
        """Put texts returned by `raw` back into the fields."""

    def _apply_lock(self) -> None:
        for widget in self._editables:
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(self.locked)

    def show_score(self, score: IndicatorScore | None) -> None:
        """Show what the scorer computed from the typed value (the rate, for rates)."""

    # --- shared
    def focus_chain(self) -> list[QWidget]:
        """The input's focusable widgets in tab order."""
        return [w for w in self._editables if w.focusPolicy() != Qt.FocusPolicy.NoFocus]

    def show_value(self, value: Value | None) -> None:
        """Put a stored value into the widgets (no signals) and clear the messages."""
        self._loading = True
        try:
            self._set_widgets(value)
        finally:
            self._loading = False
        self.show_state(InputState(InputKind.EMPTY if value is None else InputKind.VALID, value))

    def show_raw(self, texts: tuple[str, ...]) -> None:
        """Put typed texts back (no signals) and show what is wrong with them."""
        self._loading = True
        try:
            self._set_raw(texts)
        finally:
            self._loading = False
        self.show_state(self.read())

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self._apply_lock()

    def show_state(self, state: InputState) -> None:
        for message in self.messages.values():
            message.clear_message()
        if not state.message:
            return
        target = self.messages.get(state.field) or self.messages[self.default_field]
        if state.kind is InputKind.INVALID:
            target.show_error(state.message)
        else:
            target.show_hint(state.message)

    def show_refusal(self, text: str) -> None:
        for message in self.messages.values():
            message.clear_message()
        self.messages[self.default_field].show_error(text)

    def visible_message(self) -> str:
        return "\n".join(m.text() for m in self.messages.values() if m.isVisible() and m.text())

    def _register(self, widget: QWidget) -> None:
        self._editables.append(widget)
        widget.installEventFilter(self)

    def _message(self, field_name: str, field: QWidget) -> FieldMessage:
        message = FieldMessage(field, self)
        self.messages[field_name] = message
        return message

    def _user_edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _parse(self, text: str, justification: str = "", field: str = "") -> InputState:
        try:
            value = assessments.parse_value(
                self.catalogue, self.indicator.code, text, justification
            )
        except InputError as error:
            if error.code == "VAL_FORMAT":  # spaces or signs inside one field
                message = _("Type a whole number, without spaces, dots or other signs.")
                return InputState(InputKind.INVALID, None, message, field, error.code)
            where = _FIELD_OF_WHAT.get(str(error.params.get("what", "")), "")
            if error.code == "VAL_JUSTIFICATION_REQUIRED":
                where = "justification"
            elif error.code == "VAL_POINTS_OUT_OF_RANGE":
                where = "points"
            return InputState(
                InputKind.INVALID, None, i18n.render(error), where or field, error.code
            )
        return InputState(InputKind.VALID, value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_undo_or_redo(event)
        ):
            # Not the field's own undo: the window's. What is typed becomes a step of the
            # assessment's history first, so Ctrl+Z takes it back.
            if not self.locked:
                self.committed.emit()
            event.ignore()
            return True
        if self.locked and isinstance(watched, QWidget) and watched in self._editables:
            if event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                changes_text = bool(event.text().strip()) and not modifiers
                radio_keys = isinstance(watched, QAbstractButton) and event.key() in _ARROW_KEYS
                if changes_text or event.key() in _EDIT_KEYS or radio_keys:
                    self.refused.emit()
                    return True
            elif event.type() in (
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseButtonDblClick,
            ) and isinstance(watched, QAbstractButton):
                self.refused.emit()
                return True
        return super().eventFilter(watched, event)
