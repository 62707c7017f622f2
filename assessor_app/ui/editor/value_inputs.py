"""The inputs of one indicator, generated from its rule kind, with inline messages under the fields.

Every input reads its widgets into an `InputState` through `services.assessments.parse_value`: a
value to store (or an empty input, which clears the stored value), an incomplete entry (a calm hint)
or bad input (a red message; nothing is stored). Inputs emit `edited` on every change the user
makes, `committed` when the user leaves a field or picks an answer, and `refused` when the user tries
to type while the assessment is locked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
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
from assessor_app.texts import labels, numbers
from assessor_app.ui.editor.field_message import InputKind, InputState
from assessor_app.ui.editor.input_base import (
    ONE_FIGURE_ERRORS,
    ValueInput,
    catalogue_wording,
    field_caption,
    number_field,
)

__all__ = ["CountInput", "ManualInput", "RateInput", "ValueInput", "YesNoInput", "make_input"]


class RateInput(ValueInput):
    """Numerator and denominator; the rate (per cent, or per thousand) shown as it is computed."""

    def __init__(
        self, catalogue: Catalogue, indicator: Indicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(catalogue, indicator, parent)
        rule = indicator.rule
        assert isinstance(rule, RateRule)
        self.rule = rule
        numerator_label, numerator_wording = catalogue_wording(
            rule.numerator_label_vi, _("Number counted (numerator)")
        )
        denominator_label, denominator_wording = catalogue_wording(
            rule.denominator_label_vi, _("Total (denominator)")
        )
        self.numerator = number_field(_("Numerator: {label}").format(label=numerator_label))
        self.denominator = number_field(_("Denominator: {label}").format(label=denominator_label))
        for caption, wording, field, name in (
            (
                _("Numerator — {label}").format(label=numerator_label),
                numerator_wording,
                self.numerator,
                "numerator",
            ),
            (
                _("Denominator — {label}").format(label=denominator_label),
                denominator_wording,
                self.denominator,
                "denominator",
            ),
        ):
            shown = field_caption(caption, field)
            shown.setToolTip(wording)
            self.layout_.addWidget(shown)
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
        if state.kind is InputKind.INVALID and state.code in ONE_FIGURE_ERRORS:
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
        label, wording = catalogue_wording(rule.count_label_vi, _("Number of cases"))
        self.count = number_field(_("Number: {label}").format(label=label))
        caption = field_caption(label, self.count)
        caption.setToolTip(wording)
        self.layout_.addWidget(caption)
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
        self.points = number_field(
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
            field_caption(
                _("Points given by the team (0 to {max_points})").format(
                    max_points=indicator.max_points
                ),
                self.points,
            )
        )
        self.layout_.addLayout(points_row)
        self.layout_.addWidget(self._message("points", self.points))
        self.layout_.addWidget(field_caption(_("Justification (required)"), self.justification))
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
