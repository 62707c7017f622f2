"""Moving an assessment to another version of the criteria catalogue: choose the version, read
indicator by indicator what carries over, what must be re-entered and what is dropped, compare the
verdict before and after, give a reason, apply (services/catalogue_migration.py).

The preview is a short read done when the choice changes; the migration itself runs on the write
queue (`context.writes`), like every store write of the app."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_migration import IndicatorMigration, MigrationPlan, Outcome
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.text import clean, nfc
from assessor_app.i18n import _
from assessor_app.services import catalogue_migration
from assessor_app.services.catalogue_migration import MigrationPreview
from assessor_app.texts import dates, labels, numbers
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.verdict_panel import reason_lines, verdict_colour

# Row backgrounds by outcome: light, so the text stays readable in either theme's table.
OUTCOME_COLOURS = {
    Outcome.CARRIED: "#e8f5e9",  # green: nothing to do
    Outcome.CARRIED_CHANGED: "#fff8e1",  # amber: carried, other points
    Outcome.REENTER: "#ffebee",  # red: must be entered again
    Outcome.DROPPED: "#eeeeee",  # grey: gone from the assessment, kept in the history
}
NOT_ENTERED_COLOUR = "#ffffff"  # no figure to carry: nothing to look at
ERROR_COLOUR = "#b00020"


def _points(value: int | None) -> str:
    return "—" if value is None else numbers.number(value, i18n.language())


def _label(text: str = "") -> QLabel:
    label = QLabel(nfc(text))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def version_text(catalogue: Catalogue, with_code: bool = False) -> str:
    """The version in words ("phiên bản tạm thời 2019.1"); the catalogue's code only when the
    versions on screen belong to different catalogues (a successor decision)."""
    words = labels.catalogue_version(catalogue.version, i18n.language())
    return f"{catalogue.code}, {words}" if with_code else words


def target_text(catalogue: Catalogue, with_code: bool = False, with_hash: bool = False) -> str:
    """One choice of the drop-down; the hash only tells apart two versions of the same name."""
    text = _("{version}, in force from {day}").format(
        version=version_text(catalogue, with_code), day=dates.day(catalogue.effective_from)
    )
    return f"{text} ({catalogue.content_hash[:12]})" if with_hash else text


class MigrateDialog(QDialog):
    """Emits `migrated` with the assessment id once the store holds the migration."""

    migrated = Signal(int)
    COLUMNS = 4

    def __init__(
        self, context: UiContext, assessment_id: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.assessment_id = assessment_id
        self.preview: MigrationPreview | None = None
        self.setWindowTitle(_("Move to another catalogue version"))
        self.resize(860, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                _("Move {title} to another version of the criteria catalogue.").format(title=title)
            )
        )
        form = QFormLayout()
        self.target = QComboBox()
        self.target.setAccessibleName(_("Catalogue version"))
        form.addRow(_("Catalogue version:"), self.target)
        layout.addLayout(form)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [_("Indicator"), _("Title"), _("Points before → after"), _("What happens")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.before_label = _label()
        self.after_label = _label()
        self.counts_label = _label()
        self.incomplete_label = _label()
        self.incomplete_label.setStyleSheet("color: #6b4e00;")
        self.refusal_label = _label()
        self.refusal_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        labels_shown = (self.counts_label, self.before_label, self.after_label)
        for label in (*labels_shown, self.incomplete_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        reason_form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. the province published the official catalogue"))
        reason_form.addRow(_("Reason (required):"), self.reason)
        layout.addLayout(reason_form)
        self.warning_label = _label()
        self.warning_label.setStyleSheet("color: #6b4e00;")
        self.anyway = QCheckBox(_("The province decided to apply this version to this year"))
        self.anyway.toggled.connect(lambda _on: self._update_apply())
        layout.addWidget(self.warning_label)
        layout.addWidget(self.anyway)
        self.warning_label.hide()
        self.anyway.hide()
        layout.addWidget(self.refusal_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(_("Move the assessment"))
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(lambda _text: self._update_apply())
        self.target.currentIndexChanged.connect(lambda _index: self.refresh())
        self._load_targets()

    # --- reading
    def _load_targets(self) -> None:
        try:
            found = catalogue_migration.targets(self.context.workspace, self.assessment_id)
        except AssessorError as error:
            self._refuse(i18n.render(error))
            return
        self.with_code = len({c.code for c in found}) > 1
        names = [version_text(c, self.with_code) for c in found]
        self.target.blockSignals(True)
        for catalogue, name in reversed(list(zip(found, names, strict=True))):  # newest first
            text = target_text(catalogue, self.with_code, with_hash=names.count(name) > 1)
            self.target.addItem(text, catalogue.content_hash)
        self.target.blockSignals(False)
        if not found:
            self._refuse(_("There is no other catalogue version to move this assessment to."))
            return
        self.refresh()

    def refresh(self) -> None:
        target = self.target.currentData()
        if not target:
            return
        try:
            self.preview = catalogue_migration.preview(
                self.context.workspace, self.assessment_id, str(target)
            )
        except AssessorError as error:
            self.preview = None
            self._refuse(i18n.render(error))
            return
        self._show(self.preview)

    def _refuse(self, text: str) -> None:
        self.refusal_label.setText(nfc(text))
        self._update_apply()

    def _show(self, preview: MigrationPreview) -> None:
        plan = preview.plan
        self.table.setRowCount(len(plan.items))
        for row, item in enumerate(plan.items):
            self._fill_row(row, item, plan)
        self.counts_label.setText(labels.migration_counts(plan.counts(), i18n.language()))
        self.before_label.setText(self._verdict(_("Before ({catalogue}):"), plan, plan.before))
        self.after_label.setText(self._verdict(_("After ({catalogue}):"), plan, plan.after))
        self.after_label.setStyleSheet(f"color: {verdict_colour(plan.after)};")
        self.incomplete_label.setText(
            ""
            if plan.complete
            else _(
                "The verdict after is incomplete until these indicators are entered: {codes}"
            ).format(codes=", ".join(plan.to_enter))
        )
        self.refusal_label.setText(
            "" if preview.refusal is None else nfc(i18n.render(preview.refusal))
        )
        early = preview.warning is not None
        self.warning_label.setText("" if preview.warning is None else i18n.render(preview.warning))
        self.warning_label.setVisible(early)
        self.anyway.setVisible(early)
        self.anyway.setChecked(False)  # confirmed for one version, not for the next chosen
        self._update_apply()

    def _fill_row(self, row: int, item: IndicatorMigration, plan: MigrationPlan) -> None:
        language = i18n.language()
        indicator = plan.new.indicator(item.code) or plan.old.indicator(item.code)
        title = indicator.title_vi if indicator else ""
        why = labels.migration_why(item.why, language)
        outcome = labels.migration_outcome(item.outcome, language) + (f" ({why})" if why else "")
        colour = OUTCOME_COLOURS[item.outcome]
        if not item.had_value and item.outcome is Outcome.CARRIED:
            outcome, colour = _("Not entered"), NOT_ENTERED_COLOUR
        cells = [
            item.code,
            title,
            f"{_points(item.old_points)} → {_points(item.new_points)}",
            outcome,
        ]
        brush = QBrush(QColor(colour))
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(nfc(text))
            cell.setBackground(brush)
            cell.setForeground(QBrush(QColor("#1a1a1a")))
            cell.setToolTip(nfc(text))
            self.table.setItem(row, column, cell)

    def _verdict(self, heading: str, plan: MigrationPlan, result: ScoreResult) -> str:
        catalogue = plan.old if result is plan.before else plan.new
        language = i18n.language()
        words = [
            heading.format(catalogue=version_text(catalogue, plan.old.code != plan.new.code)),
            numbers.points_of(result.total, result.max_total, language) + ",",
            labels.verdict(result.recognized, language),
        ]
        lines = [" ".join(words)] + [f"  • {line}" for line in reason_lines(result)]
        return "\n".join(lines)

    def _update_apply(self) -> None:
        ready = (
            self.preview is not None
            and self.preview.refusal is None
            and bool(clean(self.reason.text()))
            and (self.preview.warning is None or self.anyway.isChecked())
        )
        self.apply_button.setEnabled(ready)

    # --- writing
    def apply(self) -> None:
        if self.preview is None or not self.apply_button.isEnabled():
            return
        workspace, assessment_id = self.context.workspace, self.assessment_id
        target, reason = self.preview.plan.new.content_hash, self.reason.text()
        anyway = self.anyway.isChecked()

        def work(_progress: Progress, _cancelled: Cancelled) -> Any:
            return catalogue_migration.migrate(
                workspace, assessment_id, target, reason, anyway=anyway
            )

        def done(_result: Any) -> None:
            self.context.assessment_changed.emit(assessment_id)
            self.migrated.emit(assessment_id)
            self.accept()

        def failed(error: BaseException) -> None:
            if isinstance(error, AssessorError):
                self._refuse(i18n.render(error))
            else:
                self.context.errors.report(self, error)

        self.apply_button.setEnabled(False)  # busy: no second click meanwhile
        self.context.writes.run(work, done, parent=self, on_error=failed, busy=self)
