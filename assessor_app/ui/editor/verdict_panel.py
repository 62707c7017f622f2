"""The verdict: total against the maximum, recognised or not, and every reason why not (translated,
provisional ones marked). Also the one-line summary the header shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from assessor_app import i18n
from assessor_app.domain.catalogue import UnitCategory
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.text import nfc
from assessor_app.i18n import _
from assessor_app.texts import labels, messages, numbers
from assessor_app.ui.style import set_style

RECOGNISED_COLOUR = "#1e6b30"
NOT_RECOGNISED_COLOUR = "#a12a00"


def verdict_word(result: ScoreResult) -> str:
    return labels.verdict(result.recognized, i18n.language())


def verdict_colour(result: ScoreResult) -> str:
    return RECOGNISED_COLOUR if result.recognized else NOT_RECOGNISED_COLOUR


def reason_lines(result: ScoreResult) -> list[str]:
    return [messages.reason(reason, i18n.language()) for reason in result.reasons]


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class VerdictPanel(QFrame):
    """Total, verdict and reasons, updated live while figures are typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VerdictPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        heading = _label(_("Result of the assessment"))
        heading.setStyleSheet("font-weight: 600;")
        self.total_label = _label()
        self.total_label.setAccessibleName(_("Total points"))
        self.verdict_label = _label()
        self.verdict_label.setAccessibleName(_("Verdict"))
        self.category_label = _label()
        self.category_label.setAccessibleName(_("Category of unit"))
        self.reasons_label = _label()
        self.reasons_label.setAccessibleName(_("Reasons"))
        self.note_label = _label()
        self.note_label.setStyleSheet("color: #6b4e00;")
        for widget in (
            heading,
            self.total_label,
            self.verdict_label,
            self.category_label,
            self.reasons_label,
            self.note_label,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_result(self, result: ScoreResult, category: UnitCategory, draft: bool) -> None:
        self.total_label.setText(
            _("Total: {points}").format(
                points=numbers.points_of(result.total, result.max_total, i18n.language())
            )
        )
        self.verdict_label.setText(verdict_word(result))
        set_style(self.verdict_label, f"color: {verdict_colour(result)}; font-weight: 600;")
        self.category_label.setText(
            nfc(
                _("Category of unit: {category}").format(
                    category=labels.unit_category(category, i18n.language())
                )
            )
        )
        if result.reasons:
            lines = [_("Not yet met:")] + [f"• {line}" for line in reason_lines(result)]
        else:
            lines = [_("Every recognition condition is met.")]
        self.reasons_label.setText(nfc("\n".join(lines)))
        notes = []
        if draft:
            notes.append(_("Updated as you type; each valid figure is stored at once."))
        if result.provisional:
            notes.append(
                _("Provisional parts of the catalogue count in this result; it is not official.")
            )
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))
