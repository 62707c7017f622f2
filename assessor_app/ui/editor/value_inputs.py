"""The inputs of one indicator, generated from its rule kind, with inline messages under the fields.

Every input reads its widgets into an `InputState` through `services.assessments.parse_value`: a
value to store (or an empty input, which clears the stored value), an incomplete entry (a calm hint)
or bad input (a red message; nothing is stored). Inputs emit `edited` on every change the user
makes, `committed` when the user leaves a field or picks an answer, and `refused` when the user tries
to type while the assessment is locked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import (
    Catalogue,
    CountRule,
    Indicator,
    RateRule,
    RuleKind,
)
from assessor_app.domain.errors import InputError
from assessor_app.domain.scoring import IndicatorScore
from assessor_app.domain.text import nfc
from assessor_app.domain.values import (
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
)
from assessor_app.i18n import _
from assessor_app.services import assessments
from assessor_app.texts import labels, numbers
from assessor_app.ui.editor.field_message import FieldMessage, InputKind, InputState


def _caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(nfc(text))
    label.setWordWrap(True)
    label.setBuddy(buddy)
    return label


def _number_field(name: str) -> QLineEdit:
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
_ONE_FIGURE_ERRORS = {
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


class RateInput(ValueInput):
    """Numerator and denominator; the rate (per cent, or per thousand) shown as it is computed."""

    def __init__(
        self, catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(catalogue, indicator, parent)
        rule = indicator.rule
        assert isinstance(rule, RateRule)
        self.rule = rule
        numerator_label = rule.numerator_label_vi or _("Number counted (numerator)")
        denominator_label = rule.denominator_label_vi or _("Total (denominator)")
        self.numerator = _number_field(_("Numerator: {label}").format(label=numerator_label))
        self.denominator = _number_field(_("Denominator: {label}").format(label=denominator_label))
        for caption, field, name in (
            (_("Numerator — {label}").format(label=numerator_label), self.numerator, "numerator"),
            (
                _("Denominator — {label}").format(label=denominator_label),
                self.denominator,
                "denominator",
            ),
        ):
            self.layout_.addWidget(_caption(caption, field))
            self.layout_.addWidget(field)
            self.layout_.addWidget(self._message(name, field))
            field.textEdited.connect(self._user_edited)
            field.editingFinished.connect(self.committed)
            self._register(field)
        self.default_field = "denominator"
        self.rate_label = QLabel()
        self.rate_label.setWordWrap(True)
        self.rate_label.setAccessibleName(_("Computed rate"))
        self.layout_.addWidget(self.rate_label)
        self.show_score(None)

    def read(self) -> InputState:
        numerator, denominator = self.numerator.text().strip(), self.denominator.text().strip()
        if not numerator and not denominator:
            return InputState(InputKind.EMPTY)
        if not numerator or not denominator:
            alone = self._one_figure_error(numerator, denominator)
            if alone is not None:
                return alone
            missing = "numerator" if not numerator else "denominator"
            return InputState(
                InputKind.INCOMPLETE,
                message=_("Enter both figures; nothing is stored until both are filled in."),
                field=missing,
            )
        bad = next(
            (
                name
                for name, text in (("numerator", numerator), ("denominator", denominator))
                if "/" in text or any(ch.isspace() for ch in text)
            ),
            "",
        )
        return self._parse(f"{numerator}/{denominator}", field=bad or "denominator")

    def _one_figure_error(self, numerator: str, denominator: str) -> InputState | None:
        """What is wrong with the one figure typed so far, if it cannot be a figure at all. The
        other figure is stood in for by one that the checks of that figure pass: the service
        checks the numerator first, so "N/N" tests the numerator and "0/D" the denominator."""
        field, text = ("numerator", numerator) if numerator else ("denominator", denominator)
        probe = f"{text}/{text}" if field == "numerator" else f"0/{text}"
        if "/" in text or any(ch.isspace() for ch in text):
            probe = text  # a sign inside the figure: the service's format message
        state = self._parse(probe, field=field)
        if state.kind is InputKind.INVALID and state.code in _ONE_FIGURE_ERRORS:
            return InputState(InputKind.INVALID, None, state.message, field, state.code)
        return None

    def raw(self) -> tuple[str, ...]:
        return (self.numerator.text(), self.denominator.text())

    def _set_raw(self, texts: tuple[str, ...]) -> None:
        self.numerator.setText(texts[0])
        self.denominator.setText(texts[1])

    def _set_widgets(self, value: Value | None) -> None:
        if isinstance(value, RateValue):
            self.numerator.setText(str(value.numerator))
            self.denominator.setText(str(value.denominator))
        else:
            self.numerator.clear()
            self.denominator.clear()

    def show_score(self, score: IndicatorScore | None) -> None:
        name = _("Rate per thousand") if self.rule.scale == 1000 else _("Rate")
        if score is None or not score.assessed:
            text = _("{name}: — (enter both figures)").format(name=name)
        elif score.rate is None:
            text = _("{name}: no cases in the period (denominator 0)").format(name=name)
        else:
            thresholds = [band.threshold for band in self.rule.bands]
            rate = numbers.rate(score.rate, self.rule.scale, i18n.language(), thresholds)
            text = _("{name}: {rate}").format(name=name, rate=rate)
        self.rate_label.setText(nfc(text))


class YesNoInput(ValueInput):
    """Two radio buttons (Yes / No) and a button to take the answer back."""

    def __init__(
        self, catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(catalogue, indicator, parent)
        row = QHBoxLayout()
        self.yes = QRadioButton(labels.yes_no(True, i18n.language()))
        self.no = QRadioButton(labels.yes_no(False, i18n.language()))
        self.yes.setAccessibleName(_("Yes — {indicator}").format(indicator=indicator.code))
        self.no.setAccessibleName(_("No — {indicator}").format(indicator=indicator.code))
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.clear_button = QPushButton(_("Clear answer"))
        self.clear_button.setAccessibleName(_("Clear the answer"))
        self.clear_button.clicked.connect(self._clear_clicked)
        for widget in (self.yes, self.no):
            row.addWidget(widget)
            self._register(widget)
            widget.clicked.connect(self._picked)
        row.addSpacing(12)
        row.addWidget(self.clear_button)
        self._register(self.clear_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self._message("", self.yes))

    def _picked(self) -> None:
        if self.locked:
            return
        self._user_edited()
        self.committed.emit()

    def _clear_clicked(self) -> None:
        if self.locked:
            self.refused.emit()
            return
        self._set_widgets(None)
        self._picked()

    def read(self) -> InputState:
        if self.yes.isChecked():
            return self._parse("yes")
        if self.no.isChecked():
            return self._parse("no")
        return InputState(InputKind.EMPTY)

    def _set_widgets(self, value: Value | None) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(isinstance(value, YesNoValue) and value.answer)
        self.no.setChecked(isinstance(value, YesNoValue) and not value.answer)
        self.group.setExclusive(True)


class CountInput(ValueInput):
    """A whole number of cases."""

    def __init__(
        self, catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(catalogue, indicator, parent)
        rule = indicator.rule
        assert isinstance(rule, CountRule)
        label = rule.count_label_vi or _("Number of cases")
        self.count = _number_field(_("Number: {label}").format(label=label))
        self.layout_.addWidget(_caption(label, self.count))
        self.layout_.addWidget(self.count)
        self.layout_.addWidget(self._message("count", self.count))
        self.default_field = "count"
        self.count.textEdited.connect(self._user_edited)
        self.count.editingFinished.connect(self.committed)
        self._register(self.count)

    def read(self) -> InputState:
        text = self.count.text().strip()
        if not text:
            return InputState(InputKind.EMPTY)
        return self._parse(text, field="count")

    def _set_widgets(self, value: Value | None) -> None:
        self.count.setText(str(value.count) if isinstance(value, CountValue) else "")

    def raw(self) -> tuple[str, ...]:
        return (self.count.text(),)

    def _set_raw(self, texts: tuple[str, ...]) -> None:
        self.count.setText(texts[0])


class ManualInput(ValueInput):
    """Points from 0 to the maximum, and the written justification they require."""

    def __init__(
        self, catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(catalogue, indicator, parent)
        self.points = _number_field(
            _("Points (0 to {max_points})").format(max_points=indicator.max_points)
        )
        self.justification = QPlainTextEdit()
        self.justification.setAccessibleName(_("Justification of the points (required)"))
        self.justification.setTabChangesFocus(True)
        self.justification.setPlaceholderText(
            _("Why these points? What did the team see or check?")
        )
        line_height = self.justification.fontMetrics().lineSpacing()
        self.justification.setMinimumHeight(line_height * 3 + 16)
        self.justification.setMaximumHeight(line_height * 5 + 16)
        points_row = QHBoxLayout()
        points_row.addWidget(self.points)
        points_row.addWidget(QLabel(f"/ {indicator.max_points}"))
        points_row.addStretch(1)
        self.layout_.addWidget(
            _caption(
                _("Points given by the team (0 to {max_points})").format(
                    max_points=indicator.max_points
                ),
                self.points,
            )
        )
        self.layout_.addLayout(points_row)
        self.layout_.addWidget(self._message("points", self.points))
        self.layout_.addWidget(_caption(_("Justification (required)"), self.justification))
        self.layout_.addWidget(self.justification)
        self.layout_.addWidget(self._message("justification", self.justification))
        self.default_field = "points"
        self.points.textEdited.connect(self._user_edited)
        self.points.editingFinished.connect(self.committed)
        self.justification.textChanged.connect(self._user_edited)
        self._register(self.points)
        self._register(self.justification)

    def read(self) -> InputState:
        points, justification = self.points.text().strip(), self.justification.toPlainText()
        if not points and not justification.strip():
            return InputState(InputKind.EMPTY)
        if not points:
            return InputState(
                InputKind.INCOMPLETE, message=_("Enter the points too."), field="points"
            )
        return self._parse(f"points={points}", justification, field="points")

    def _set_widgets(self, value: Value | None) -> None:
        if isinstance(value, ManualValue):
            self.points.setText(str(value.points))
            self.justification.setPlainText(value.justification)
        else:
            self.points.clear()
            self.justification.clear()

    def raw(self) -> tuple[str, ...]:
        return (self.points.text(), self.justification.toPlainText())

    def _set_raw(self, texts: tuple[str, ...]) -> None:
        self.points.setText(texts[0])
        self.justification.setPlainText(texts[1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.justification
            and event.type() == QEvent.Type.FocusOut
            and not self.locked
        ):
            self.committed.emit()
        return super().eventFilter(watched, event)


def make_input(
    catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
) -> ValueInput:
    """The input for the indicator's rule kind."""
    kinds: dict[RuleKind, type[ValueInput]] = {
        RuleKind.RATE: RateInput,
        RuleKind.YES_NO: YesNoInput,
        RuleKind.COUNT: CountInput,
        RuleKind.MANUAL: ManualInput,
    }
    return kinds[indicator.kind](catalogue, indicator, parent)
