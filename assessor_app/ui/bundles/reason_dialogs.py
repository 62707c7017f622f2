"""Decisions that need a written reason: rejecting a held bundle, and settling its conflicts
indicator by indicator ("keep the value here" or "take the incoming value")."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services.merge import INCOMING, LOCAL, IndicatorMerge, Side
from assessor_app.ui.bundles.plan_tables import side_text
from assessor_app.ui.bundles.widgets import InlineError, buddy, heading, wrapped


def one_line(side: Side | None) -> str:
    return side_text(side).replace("\n", " — ")


class ReasonDialog(QDialog):
    """A question, an explanation, a required reason and one button that says what it does."""

    def __init__(
        self,
        title: str,
        question: str,
        explanation: str,
        action: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Write why, in a few words"))
        self.error = InlineError(_("Reason problem"))
        self.reason.textChanged.connect(lambda _text: self.error.clear_message())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = QPushButton(action)
        buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(question))
        layout.addWidget(wrapped(explanation))
        layout.addLayout(self.body, 1)
        layout.addWidget(buddy(_("&Reason (required):"), self.reason))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 10)  # the layout sets the height it needs

    def reason_text(self) -> str:
        return clean(self.reason.text())

    def accept(self) -> None:
        if not self.reason_text():
            self.error.show_message(_("Please write a reason: it is kept in the history."))
            self.reason.setFocus()
            return
        super().accept()


def ask_reason(
    parent: QWidget | None, title: str, question: str, explanation: str, action: str
) -> str | None:
    dialog = ReasonDialog(title, question, explanation, action, parent)
    try:
        return dialog.reason_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class ResolveDialog(ReasonDialog):
    """One choice per conflicting indicator, none preselected: a person decides each one."""

    def __init__(
        self,
        conflicts: list[IndicatorMerge],
        labels: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        explanation = (
            _(
                "For each indicator, choose which value the store keeps. Your choice and reason are recorded in the assessment's history; the other value stays in its history too."
            )
            if conflicts
            else _(
                "The bundle is held for a reason a person must accept (for example an assessment already finalised here, or a repeated bundle number). Importing it records your reason."
            )
        )
        super().__init__(
            _("Decide about a held bundle"),
            _("Import the held bundle with your decisions"),
            explanation,
            _("&Import with these choices"),
            parent,
        )
        self.conflicts = conflicts
        self.groups: dict[str, QButtonGroup] = {}
        host = QWidget()
        rows = QVBoxLayout(host)
        for conflict in conflicts:
            box = QGroupBox(
                _("{indicator} — {assessment}").format(
                    indicator=conflict.indicator,
                    assessment=labels.get(conflict.assessment_uid, ""),
                )
            )
            local = QRadioButton(
                _("Keep the value here: {side}").format(side=one_line(conflict.local))
            )
            incoming = QRadioButton(
                _("Take the incoming value: {side}").format(side=one_line(conflict.incoming))
            )
            local.setAccessibleName(
                _("Keep the value here for {indicator}").format(indicator=conflict.indicator)
            )
            incoming.setAccessibleName(
                _("Take the incoming value for {indicator}").format(indicator=conflict.indicator)
            )
            local.setProperty("choice", LOCAL)
            incoming.setProperty("choice", INCOMING)
            group = QButtonGroup(self)
            group.addButton(local)
            group.addButton(incoming)
            group.buttonClicked.connect(lambda _button: self.error.clear_message())
            self.groups[conflict.key] = group
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(local)
            box_layout.addWidget(incoming)
            if conflict.locked:
                box_layout.addWidget(
                    wrapped(_("This assessment is finalised here; taking the value changes it."))
                )
            rows.addWidget(box)
        rows.addStretch(1)
        if conflicts:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(host)
            scroll.setMinimumHeight(min(110 * len(conflicts), 330))
            self.body.addWidget(scroll, 1)
        self.resize(760, 460)

    def choose(self, key: str, choice: str) -> None:
        """Pick a side for a conflict (what a click on its radio button does)."""
        for button in self.groups[key].buttons():
            if button.property("choice") == choice:
                button.setChecked(True)

    def choose_all(self, choice: str) -> None:
        for key in self.groups:
            self.choose(key, choice)

    def choices(self) -> dict[str, str]:
        chosen = {}
        for key, group in self.groups.items():
            button = group.checkedButton()
            if button is not None:
                chosen[key] = str(button.property("choice"))
        return chosen

    def accept(self) -> None:
        missing = [c.indicator for c in self.conflicts if c.key not in self.choices()]
        if missing:
            self.error.show_message(
                _("Choose a value for every indicator; still open: {indicators}.").format(
                    indicators=", ".join(missing)
                )
            )
            return
        super().accept()


def ask_resolution(
    parent: QWidget | None, conflicts: list[IndicatorMerge], labels: Mapping[str, str]
) -> tuple[dict[str, str], str] | None:
    dialog = ResolveDialog(conflicts, labels, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices(), dialog.reason_text()
    finally:
        dialog.deleteLater()
