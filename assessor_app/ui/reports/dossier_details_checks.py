"""The dossier details dialog's inline checks: a message under each field with a problem, the
assessment window's note, and the vote boxes. The checks themselves are the services' (the same
as `dossier set`'s): this only shows them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox

from assessor_app.domain.errors import InputError
from assessor_app.i18n import _, render
from assessor_app.services.dossier_details import MinutesContext
from assessor_app.texts import dates

FIELD_ERROR_STYLE = "color: #a61b1b;"
NO_VOTE = -1  # the vote boxes' "—": no vote recorded


class InlineErrors:
    """The labels under the form's fields, by the details' field they show the problems of."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def label(self, *fields: str) -> QLabel:
        """A label, hidden while empty, that shows the problems of `fields`."""
        label = QLabel()
        label.setStyleSheet(FIELD_ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        for field in fields:
            self.labels[field] = label
        return label

    def show(self, found: list[InputError]) -> list[str]:
        """Each problem under its field; returns the messages of those without a label."""
        for each in set(self.labels.values()):
            each.clear()
            each.hide()
        general: list[str] = []
        for problem in found:
            field = str(problem.params.get("field", "")).split(".")[0]
            label = self.labels.get(field)
            if label is None:
                general.append(render(problem))
                continue
            shown = label.text()
            label.setText(f"{shown}\n{inline(problem)}" if shown else inline(problem))
            label.show()
        return general


def inline(problem: InputError) -> str:
    """A problem as its field shows it: a required value says so in a word (the generic message
    names the field, which the user is looking at)."""
    if problem.code == "DOSSIER_FIELD_REQUIRED" and "{field}" in problem.template:
        return _("Required.")
    return render(problem)


def window_text(checks: MinutesContext) -> str:
    """What the dialog says under the meeting's date about the regime's assessment window."""
    window = checks.window
    if window is None:
        return _(
            "The data of the regime {regime} gives no assessment window: the meeting's date is checked only against the evaluation year and the letter."
        ).format(regime=checks.regime)
    return _(
        "Assessment window ({source}): {start} to {end}. A meeting outside it needs the reason, printed in the minutes."
    ).format(source=window.source, start=dates.day(window.start), end=dates.day(window.end))


def vote_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_VOTE, 999)
    box.setSpecialValueText("—")  # shown at NO_VOTE: no vote recorded
    box.setAccessibleName(name)
    box.setToolTip(_("A number of council members; “—” means no vote is recorded."))
    return box


def box_value(count: int | None) -> int:
    return NO_VOTE if count is None else count


def vote_of(box: QSpinBox) -> int | None:
    return None if box.value() == NO_VOTE else box.value()
